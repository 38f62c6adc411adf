"""评 and 督: proposers rate the replies, the office orders a redo or closes, rates reply quality, selects the year's
excellent proposals and advanced units; key proposals are nominated, approved and supervised; publication."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role
from zhengxie.core.dates import add_months
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.permissions import has_role
from zhengxie.core.services import audit_log
from zhengxie.core.transitions import bump
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..choices import (
    RATING_PARTS,
    REGISTERED_STATES,
    AwardKind,
    ProposalStatus,
    Publication,
    ReplyQuality,
    Satisfaction,
    SignerRole,
    SignerStatus,
    SupervisionKind,
    TaskRole,
    TaskStatus,
    overall_satisfaction,
)
from ..models import Award, Rating, SupervisionRecord
from ..org_settings import setting
from ..workflow import KEY_WORKFLOW, TASK_WORKFLOW
from .common import (
    check,
    lock_proposal,
    lock_task,
    move,
    move_task,
    office_users,
    record,
    record_duty,
    require,
    require_text,
    signer_users,
    tell,
    tell_committees,
    unit_users,
    users_with_role,
)
from .review import run_batch

RATER_ROLES = (SignerRole.FIRST, SignerRole.COSIGNER, SignerRole.BODY, SignerRole.COMMITTEE)


def raters(proposal, signers=None):
    """Who rates the replies: every proposer whose signature stands (merged-in proposers too); a body through its
    contacts; each co-proposing committee of a joint proposal through its proposal office. Members who only drafted
    a collective proposal do not rate for the body."""
    rows = signers if signers is not None else proposal.signers.select_related("member__person", "body")
    return [s for s in rows if s.status == SignerStatus.CONFIRMED and s.role in RATER_ROLES]


def _ratable_task(proposal, task):
    if task.proposal_id != proposal.pk or task.role == TaskRole.CO or task.status != TaskStatus.ACCEPTED:
        raise DomainError(gettext("This reply cannot be rated."))


def _rating_value(proposal, value, parts) -> tuple[str, dict]:
    """The overall value and the three parts (empty when the organisation does not split ratings)."""
    if not setting(proposal.organisation, "rating_parts"):
        if value not in Satisfaction.values:
            raise DomainError(gettext("Choose 满意, 基本满意 or 不满意."))
        return value, dict.fromkeys(RATING_PARTS, "")
    parts = {name: (parts or {}).get(name) or "" for name in RATING_PARTS}
    missing = {name: gettext("Choose 满意, 基本满意 or 不满意.") for name, v in parts.items()
               if v not in Satisfaction.values}
    if missing:
        raise DomainError(gettext("Rate the handling attitude, the communication and the result."), errors=missing)
    return overall_satisfaction(**parts), parts


def _save_rating(*, actor, proposal, task, signer, value, comment, on_paper, parts=None):
    value, parts = _rating_value(proposal, value, parts)
    if value == Satisfaction.DISSATISFIED and not (comment or "").strip():
        raise DomainError(gettext("Say why you are not satisfied: the unit will handle the proposal again."),
                          errors={"comment": gettext("Required when not satisfied.")})
    rating, created = Rating.objects.update_or_create(
        task=task, signer=signer, round=task.round,
        defaults={"value": value, **parts, "comment": (comment or "").strip(), "on_paper": on_paper, "recorded_by": actor,
                  "rated_at": timezone.now()},
    )
    bump(proposal)
    record(proposal, "rate_on_paper" if on_paper else "rate", actor=actor, from_state=proposal.status,
           to_state=proposal.status, comment=comment, task=task,
           data={"unit": task.unit.name, "signer": signer.name, "value": value, "round": task.round,
                 **({"parts": parts} if parts["result"] else {})})
    if signer.member_id and signer.role in (SignerRole.FIRST, SignerRole.COSIGNER):
        record_duty_event(member=signer.member, kind=DutyEventKind.PROPOSAL_RATED, source=proposal,
                          occurred_at=rating.rated_at, attributes={"role": signer.role, "value": value},
                          title=proposal.title, actor=actor)
    if value == Satisfaction.DISSATISFIED:
        tell(office_users(proposal.organisation), proposal, "dissatisfied",
             _("%(name)s is not satisfied with the reply of %(unit)s to “%(title)s”"),
             {"name": signer.name, "unit": task.unit.name}, task=task)
    return rating


def proposal_rate(*, actor, proposal, task, value: str = "", comment: str = "", parts: dict | None = None) -> Rating:
    """满意 / 基本满意 / 不满意, with a comment, within the set number of working days; where the organisation splits
    ratings, ``parts`` gives 办理态度, 沟通联系 and 办理结果 ({"attitude", "communication", "result"}) and the
    overall value follows from them."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        check("rate", proposal.status)
        task = lock_task(task)
        _ratable_task(proposal, task)
        signer = permissions.signer_of(actor, proposal, raters(proposal))
        if signer is None:
            raise NotAllowed(gettext("Only the proposers rate the reply."))
        if proposal.rating_due_on and timezone.localdate() > proposal.rating_due_on:
            raise DomainError(gettext("The time to rate this reply ended on %(date)s; the office can still record a "
                                      "rating you give on paper.") % {"date": proposal.rating_due_on.isoformat()})
        return _save_rating(actor=actor, proposal=proposal, task=task, signer=signer, value=value, comment=comment,
                            on_paper=False, parts=parts)


def proposal_rate_for_committee(*, actor, proposal, task, committee, value: str = "", comment: str = "",
                                parts: dict | None = None) -> Rating:
    """A committee that co-proposed the joint proposal ``proposal`` came from rates a reply: its proposal office
    gives the committee's rating (one per committee and round, like any proposer's), from the joint proposal's page,
    within the same time as the members' ratings."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        signer = next((s for s in raters(proposal) if s.committee_id and s.committee_id == getattr(committee, "pk", None)),
                      None)
        if signer is None or not permissions.is_office(actor, committee):
            raise NotAllowed(gettext("Only the proposal offices of the co-proposing committees rate the reply."))
        check("rate", proposal.status)
        task = lock_task(task)
        _ratable_task(proposal, task)
        if proposal.rating_due_on and timezone.localdate() > proposal.rating_due_on:
            raise DomainError(gettext("The time to rate this reply ended on %(date)s; the office can still record a "
                                      "rating you give on paper.") % {"date": proposal.rating_due_on.isoformat()})
        return _save_rating(actor=actor, proposal=proposal, task=task, signer=signer, value=value, comment=comment,
                            on_paper=False, parts=parts)


def proposal_rate_on_paper(*, actor, proposal, task, signer, value: str = "", comment: str = "",
                           parts: dict | None = None) -> Rating:
    """The office records a rating the proposer gave on the paper form."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        require(permissions.is_office(actor, proposal.organisation))
        check("rate_on_paper", proposal.status)
        task = lock_task(task)
        _ratable_task(proposal, task)
        if signer.proposal_id != proposal.pk or signer not in raters(proposal):
            raise DomainError(gettext("This person does not rate this proposal."))
        return _save_rating(actor=actor, proposal=proposal, task=task, signer=signer, value=value, comment=comment,
                            on_paper=True, parts=parts)


def task_redo(*, actor, task, comment: str, version: int | None = None):
    """重新办理: after a dissatisfied rating the office sends the unit back to work; it sends a supplementary reply,
    which is rated again."""
    comment = require_text(comment, gettext("Say what the unit should do again."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        proposal = lock_proposal(task.proposal_id)
        org = proposal.organisation
        check("redo", proposal.status)
        if not task.ratings.filter(round=task.round, value=Satisfaction.DISSATISFIED).exists():
            raise DomainError(gettext("A redo is ordered only after a proposer rated the reply 不满意."))
        task.round += 1
        task.due_on = add_months(timezone.localdate(), setting(org, "redo_due_months"))
        task.replied_at = None
        move_task(task, "redo", actor=actor, proposal=proposal, comment=comment,
                  fields=["round", "due_on", "replied_at"], data={"round": task.round})
        if task.role == TaskRole.LEAD:
            for co in proposal.tasks.filter(role=TaskRole.CO, status=TaskStatus.COUNTERSIGNED).select_related("unit"):
                co.countersigned_at, co.due_on = None, task.due_on
                move_task(co, "reset_countersign", actor=actor, proposal=proposal, fields=["countersigned_at", "due_on"])
        proposal.rating_due_on = None
        proposal.due_on = task.due_on
        move(proposal, "redo", actor=actor, comment=comment, fields=["rating_due_on", "due_on"],
             data={"unit": task.unit.name})
        tell(unit_users(task), proposal, "redo", _("Handle “%(title)s” again and send a supplementary reply by %(due)s"),
             {"due": task.due_on.isoformat()}, task=task)
        tell(signer_users(proposal), proposal, "redo_ordered",
             _("%(unit)s will handle “%(title)s” again"), {"unit": task.unit.name})
        tell_committees(proposal, "redo_ordered", _("%(unit)s will handle “%(title)s” again"), {"unit": task.unit.name})
    return task


def _close(proposal, *, actor, comment):
    proposal.closed_at = timezone.now()
    move(proposal, "close", actor=actor, comment=comment, fields=["closed_at"])
    tell(signer_users(proposal), proposal, "closed", _("Your proposal “%(title)s” was closed (办结)"))
    tell_committees(proposal, "closed", _("The joint proposal “%(title)s” was closed (办结)"))


def proposal_close(*, actor, proposal, comment: str = "", version: int | None = None):
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_office(actor, proposal.organisation))
        _close(proposal, actor=actor, comment=comment)
    return proposal


def proposals_close_batch(*, actor, organisation, ids):
    require(permissions.is_office(actor, organisation))

    def step(proposal):
        _close(lock_proposal(proposal), actor=actor, comment=gettext("Closed in a batch."))

    return run_batch(organisation, ids, step)


def reply_rate_quality(*, actor, task, quality: str, comment: str = ""):
    """The office's mark for the quality of the unit's reply (used to rank units)."""
    if quality not in ReplyQuality.values:
        raise DomainError(gettext("Choose a mark from the list."))
    with transaction.atomic():
        task = lock_task(task)
        require(permissions.is_office(actor, task.organisation))
        TASK_WORKFLOW.target("rate_quality", task.status)
        reply = task.replies.get(round=task.round)
        reply.quality, reply.quality_comment = quality, comment.strip()[:300]
        reply.save(update_fields=["quality", "quality_comment"])
        record(task.proposal, "rate_quality", actor=actor, from_state=task.status, to_state=task.status,
               comment=comment, data={"unit": task.unit.name, "quality": quality}, task=task)
    return reply


# --- key proposals ---------------------------------------------------------------------------------------------------

KEY_PROPOSAL_STATES = REGISTERED_STATES - {ProposalStatus.CLOSED}


def _key_move(proposal, action, *, actor, comment="", data=None, fields=()):
    from_state = proposal.key_state
    proposal.key_state = KEY_WORKFLOW.target(action, from_state)
    bump(proposal, "key_state", *fields)
    record(proposal, f"key_{action}", actor=actor, from_state=from_state, to_state=proposal.key_state,
           comment=comment, data=data)


def proposal_key_nominate(*, actor, proposal, comment: str = "", version: int | None = None):
    """The office shortlists a registered proposal as a key proposal (重点提案); the leaders decide."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_office(actor, proposal.organisation))
        org = proposal.organisation
        if proposal.status not in KEY_PROPOSAL_STATES:
            raise DomainError(gettext("Only a registered proposal still being handled can become a key proposal."))
        _key_move(proposal, "nominate", actor=actor, comment=comment)
        tell(users_with_role(org, Role.LEADER), proposal, "key_nominated",
             _("“%(title)s” is proposed as a key proposal: please decide"))
    return proposal


def proposal_key_decide(*, actor, proposal, approve: bool, leader=None, comment: str = "", version: int | None = None):
    """A leader approves (naming the leader who leads the supervision, 领衔督办) or declines the nomination."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_leader(actor, proposal.organisation))
        org = proposal.organisation
        if not approve:
            _key_move(proposal, "decline", actor=actor, comment=comment)
            tell(office_users(org), proposal, "key_declined", _("“%(title)s” was not approved as a key proposal"))
            return proposal
        leader = leader or actor
        if not has_role(leader, org, Role.LEADER):
            raise DomainError(gettext("The leading leader must be one of the committee's leaders."))
        proposal.key_leader = leader
        _key_move(proposal, "approve", actor=actor, comment=comment, fields=["key_leader"], data={"leader": leader.label})
        record_duty(proposal, DutyEventKind.PROPOSAL_KEY, actor=actor)
        tell(office_users(org) + [leader] + signer_users(proposal), proposal, "key_approved",
             _("“%(title)s” is a key proposal, supervised by %(leader)s"), {"leader": leader.label})
        tell(unit_users_of(proposal), proposal, "key_unit", _("“%(title)s”, which your unit handles, is a key proposal"))
    return proposal


def unit_users_of(proposal):
    users = []
    for task in proposal.tasks.exclude(status=TaskStatus.CANCELLED).select_related("unit"):
        users += unit_users(task)
    return users


def supervision_add(*, actor, proposal, kind: str, happened_on, notes: str) -> SupervisionRecord:
    """A line in a key proposal's supervision log: a visit, a handling consultation, an instruction, a note."""
    notes = require_text(notes, gettext("Write what happened."))
    if kind not in SupervisionKind.values:
        raise DomainError(gettext("Choose the kind of supervision."))
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        org = proposal.organisation
        require(permissions.is_office(actor, org) or permissions.is_leader(actor, org))
        KEY_WORKFLOW.target("supervise", proposal.key_state)
        entry = SupervisionRecord.objects.create(proposal=proposal, kind=kind, happened_on=happened_on, notes=notes,
                                                 created_by=actor)
        record(proposal, "supervise", actor=actor, from_state=proposal.status, to_state=proposal.status, comment=notes,
               data={"kind": kind, "date": happened_on.isoformat()})
    return entry


# --- publication and awards ------------------------------------------------------------------------------------------


def proposal_set_publication(*, actor, proposal, publication: str, version: int | None = None):
    """Override the organisation's publication setting for one proposal (publish it, or keep it off the list)."""
    if publication not in Publication.values:
        raise DomainError(gettext("Choose a publication option."))
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_office(actor, proposal.organisation))
        check("publish", proposal.status)
        old = proposal.publication
        proposal.publication = publication
        bump(proposal, "publication")
        record(proposal, "publish", actor=actor, from_state=proposal.status, to_state=proposal.status,
               data={"publication": [old, publication]})
    return proposal


def award_grant(*, actor, organisation, year: int, kind: str, proposal=None, unit=None, citation: str = "") -> Award:
    """Select a year's 优秀提案 (credited to its proposers' duty records) or 先进承办单位."""
    require(permissions.is_office(actor, organisation))
    if kind == AwardKind.EXCELLENT_PROPOSAL:
        if proposal is None or proposal.organisation_id != organisation.pk or proposal.status not in REGISTERED_STATES:
            raise DomainError(gettext("Only a registered proposal of this committee can be an excellent proposal."))
        unit = None
    elif kind == AwardKind.ADVANCED_UNIT:
        if unit is None or unit.organisation_id != organisation.pk:
            raise NotAllowed()
        proposal = None
    else:
        raise DomainError(gettext("Choose the kind of award."))
    with transaction.atomic():
        if Award.objects.filter(organisation=organisation, year=year, kind=kind, proposal=proposal, unit=unit).exists():
            raise DomainError(gettext("This was already selected for %(year)d.") % {"year": year})
        award = Award.objects.create(organisation=organisation, year=year, kind=kind, proposal=proposal, unit=unit,
                                     citation=citation.strip()[:300], created_by=actor)
        audit_log(actor=actor, organisation=organisation, action="proposals.award.granted", obj=award,
                  changes={"year": year, "kind": kind, "proposal": proposal, "unit": unit})
        if proposal is not None:
            record(proposal, "award", actor=actor, from_state=proposal.status, to_state=proposal.status,
                   comment=citation, data={"year": year})
            record_duty(proposal, DutyEventKind.PROPOSAL_EXCELLENT, actor=actor)
            tell(signer_users(proposal), proposal, "excellent",
                 _("Your proposal “%(title)s” was selected as an excellent proposal of %(year)d"), {"year": year})
    return award


def award_revoke(*, actor, award) -> None:
    require(permissions.is_office(actor, award.organisation))
    with transaction.atomic():
        audit_log(actor=actor, organisation=award.organisation, action="proposals.award.revoked", obj=award,
                  changes={"year": award.year, "kind": award.kind})
        if award.proposal_id:
            retract_duty_events(source=award.proposal, kind=DutyEventKind.PROPOSAL_EXCELLENT, reason="award revoked")
        award.delete()
