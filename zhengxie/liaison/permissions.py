"""Who may do what in the liaison app, as small predicates reused by views, the API, templates and tests.

Information for members: the committee's offices publish and manage every item of their organisation; the Party and
government offices publish and manage their own; a department (a handling unit) its own. Members read what is
published for them (all members, their special committee, their sector, or leaders only). The leaders see all.

Questions to departments: a member asks; the addressed department answers; the committee's offices, the leaders and
the Party/government offices oversee them all; other members read the answers made public."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import MemberPosition, Role

OFFICE_ROLES = (Role.GENERAL_OFFICE, Role.PROPOSAL_OFFICE, Role.INFORMATION_OFFICE, Role.COMMITTEE_STAFF)
LEADER_POSITIONS = (MemberPosition.CHAIR, MemberPosition.VICE_CHAIR, MemberPosition.SECRETARY_GENERAL)


def is_office(user, organisation) -> bool:
    return core.has_role(user, organisation, *OFFICE_ROLES)


def is_party_gov(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.PARTY_GOV_OFFICE)


def sees_all_info(user, organisation) -> bool:
    """The committee's offices and its leaders see every item, drafts included."""
    return core.has_role(user, organisation, *OFFICE_ROLES, Role.LEADER)


def unit_ids(user, organisation) -> set[int]:
    return core.unit_ids_of(user, organisation)


def can_publish(user, organisation) -> bool:
    return is_office(user, organisation) or is_party_gov(user, organisation) or bool(unit_ids(user, organisation))


def can_use_information(user, organisation) -> bool:
    """Whether the section is shown: readers (members), publishers, the leaders."""
    if organisation is None:
        return False
    return (core.current_member(user, organisation) is not None or sees_all_info(user, organisation)
            or can_publish(user, organisation))


def can_edit_item(user, item) -> bool:
    org = item.organisation
    if is_office(user, org):
        return True
    if item.publisher_kind == "party_gov" and is_party_gov(user, org):
        return True
    return item.unit_id is not None and item.unit_id in unit_ids(user, org)


def can_view_receipts(user, item) -> bool:
    return can_edit_item(user, item) or sees_all_info(user, item.organisation)


def is_leader_member(seat) -> bool:
    return seat is not None and seat.position in LEADER_POSITIONS


def can_ask(user, organisation) -> bool:
    """Members ask departments questions."""
    return organisation is not None and core.current_member(user, organisation) is not None


def oversees_inquiries(user, organisation) -> bool:
    return core.has_role(user, organisation, *OFFICE_ROLES, Role.LEADER, Role.PARTY_GOV_OFFICE)


def is_asker(user, inquiry) -> bool:
    return bool(getattr(user, "person_id", None)) and inquiry.member.person_id == user.person_id


def can_answer(user, inquiry) -> bool:
    return inquiry.unit_id in unit_ids(user, inquiry.organisation)


def can_set_public(user, inquiry) -> bool:
    return is_office(user, inquiry.organisation)


def can_use_inquiries(user, organisation) -> bool:
    if organisation is None:
        return False
    return can_ask(user, organisation) or oversees_inquiries(user, organisation) or bool(unit_ids(user, organisation))


# --- proposal topics (提案选题) ------------------------------------------------------------------------------------------
# The committee's offices keep the list (create, edit, accept or decline suggestions, take topics off); the leaders see
# everything; members read the listed topics, follow and claim them; departments and the Party/government offices read
# the list and suggest topics (they see their own suggestions); constituents suggest through the public page.


def manages_topics(user, organisation) -> bool:
    return organisation is not None and is_office(user, organisation)


def sees_all_topics(user, organisation) -> bool:
    return organisation is not None and core.has_role(user, organisation, *OFFICE_ROLES, Role.LEADER)


def can_suggest_topic(user, organisation) -> bool:
    """Departments and the Party/government offices suggest topics (the office adds its own directly)."""
    return organisation is not None and (bool(unit_ids(user, organisation)) or is_party_gov(user, organisation))


def can_follow_topics(user, organisation) -> bool:
    return organisation is not None and core.current_member(user, organisation) is not None


def can_use_topics(user, organisation) -> bool:
    if organisation is None:
        return False
    return (can_follow_topics(user, organisation) or sees_all_topics(user, organisation)
            or can_suggest_topic(user, organisation))


def can_manage_topic(user, topic) -> bool:
    return manages_topics(user, topic.organisation)


# --- contact duties (联系制度) -------------------------------------------------------------------------------------------
# The committee's offices keep the assignments and may log a visit for anyone; the leaders see them all; a member sees
# and logs the assignments they hold; the staff of a special committee those of their committee. Handling units and
# the Party/government offices have no part in them.


def manages_contacts(user, organisation) -> bool:
    return organisation is not None and core.has_role(user, organisation, Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF)


def sees_all_contacts(user, organisation) -> bool:
    return organisation is not None and core.has_role(user, organisation, Role.GENERAL_OFFICE, Role.LEADER)


def staff_committee_ids(user, organisation) -> set | None:
    """The special committees a committee staff account works for; None: all of them (an account of no committee)."""
    def compute():
        from zhengxie.core.models import RoleAssignment

        rows = list(RoleAssignment.objects.filter(user=user, organisation=organisation, role=Role.COMMITTEE_STAFF,
                                                  is_active=True).values_list("committee_id", flat=True))
        if not rows:
            return set()
        return None if None in rows else set(rows)

    return core.request_cached(user, "liaison.staff_committees", organisation.pk, compute)


def can_use_contacts(user, organisation) -> bool:
    if organisation is None:
        return False
    return (manages_contacts(user, organisation) or sees_all_contacts(user, organisation)
            or core.current_member(user, organisation) is not None)


def holds_assignment(user, assignment) -> bool:
    return (assignment.member_id is not None and bool(getattr(user, "person_id", None))
            and assignment.member.person_id == user.person_id)


def can_manage_assignment(user, assignment) -> bool:
    org = assignment.organisation
    if core.has_role(user, org, Role.GENERAL_OFFICE):
        return True
    if not core.has_role(user, org, Role.COMMITTEE_STAFF):
        return False
    committees = staff_committee_ids(user, org)
    if committees is None:
        return True
    committee_id = assignment.committee_id or (assignment.member.committee_id if assignment.member_id else None)
    return committee_id in committees


def can_log_visit(user, assignment) -> bool:
    return assignment.status == "active" and (holds_assignment(user, assignment)
                                              or can_manage_assignment(user, assignment))
