"""Who may do what with proposals: small predicates reused by services, views, the API, templates and tests.

Role predicates take ``(user, organisation)``; object predicates take ``(user, proposal)`` or ``(user, task)``."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role

from .choices import EDITABLE_STATES, SignerRole


def is_office(user, organisation) -> bool:
    """提案委（科）: reviews, registers, assigns, supervises."""
    return core.has_role(user, organisation, Role.PROPOSAL_OFFICE)


def is_leader(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.LEADER)


def is_party_gov(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.PARTY_GOV_OFFICE)


def sees_all(user, organisation) -> bool:
    """Office staff, leaders and administrators see every submitted proposal of their organisation."""
    return core.is_staff_of(user, organisation)


def can_write(user, organisation) -> bool:
    """Members write proposals; contacts of a party, organisation or sector write collective ones."""
    return core.has_role(user, organisation, Role.MEMBER, Role.BODY_CONTACT)


def can_supervise(user, organisation) -> bool:
    """The supervision pages: the office, leaders and the Party/government office."""
    return core.has_role(user, organisation, Role.PROPOSAL_OFFICE, Role.LEADER, Role.PARTY_GOV_OFFICE)


def can_use_list(user, organisation) -> bool:
    """Anyone with a role in the organisation but its three administrators (三员 see no proposal)."""
    return bool(core.roles_in(user, organisation)) and not core.only_administers(user, organisation)


def unit_ids(user, organisation) -> set[int]:
    return core.unit_ids_of(user, organisation)


def leader_unit_ids(user, organisation) -> set[int]:
    return core.unit_ids_of(user, organisation, roles=(Role.UNIT_LEADER,))


def is_unit_user(user, organisation) -> bool:
    return bool(unit_ids(user, organisation))


def can_manage_seal(user, unit) -> bool:
    """The seal image of a unit's reply letters: the proposal office, or the unit's own leader."""
    return is_office(user, unit.organisation) or unit.pk in leader_unit_ids(user, unit.organisation)


def can_see_seal(user, unit) -> bool:
    return can_manage_seal(user, unit) or unit.pk in unit_ids(user, unit.organisation)


# --- proposals ---------------------------------------------------------------------------------------------


def is_author(user, proposal) -> bool:
    """The first proposer, or a contact of the body of a collective proposal."""
    if proposal.body_id:
        return proposal.body_id in core.body_ids_of(user, proposal.organisation)
    seat = core.current_member(user, proposal.organisation)
    return seat is not None and seat.pk == proposal.first_proposer_id


def can_edit(user, proposal) -> bool:
    return proposal.status in EDITABLE_STATES and is_author(user, proposal)


def signer_of(user, proposal, signers=None):
    """The user's signature on the proposal (as a member, or as a contact of the submitting body), or None.
    ``signers``: the proposal's signers if already loaded."""
    seat = core.current_member(user, proposal.organisation)
    bodies = core.body_ids_of(user, proposal.organisation)
    rows = signers if signers is not None else proposal.signers.all()
    for signer in rows:
        if seat is not None and signer.member_id == seat.pk:
            return signer
        if signer.role == SignerRole.BODY and signer.body_id in bodies:
            return signer
    return None


# --- tasks -------------------------------------------------------------------------------------------------


def works_on(user, task) -> bool:
    """The user works for the task's unit."""
    return task.unit_id in unit_ids(user, task.organisation)


def leads_unit_of(user, task) -> bool:
    """The user is a leader (负责人) of the task's unit: signs replies off."""
    return task.unit_id in leader_unit_ids(user, task.organisation)


# --- joint proposals of committees ----------------------------------------------------------------------------


def can_draft_joint(user, organisation) -> bool:
    """The proposal office drafts its committee's joint proposals and answers other committees' invitations."""
    return is_office(user, organisation)


def sees_joint(user, organisation) -> bool:
    """The proposal office and leaders follow the joint proposals their committee made or co-signs."""
    return core.has_role(user, organisation, Role.PROPOSAL_OFFICE, Role.LEADER)


def can_edit_joint(user, joint) -> bool:
    from .choices import JointStatus

    return joint.status == JointStatus.DRAFT and is_office(user, joint.organisation)


def can_send_joint(user, joint) -> bool:
    return is_office(user, joint.organisation)


def can_receive_joint(user, joint) -> bool:
    """The higher committee's proposal office receives a joint proposal sent to it."""
    return joint.target_id is not None and is_office(user, joint.target)


def can_record_joint_outcome(user, joint) -> bool:
    """The drafting office enters what a committee outside the deployment answered."""
    return joint.target_id is None and is_office(user, joint.organisation)
