"""What every proposals service shares: locking, moving along the workflow with history and audit, numbering,
recipients of notifications, and the duty events."""

import datetime as dt

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.selectors import users_of_members, users_with_role
from zhengxie.core.services import notify
from zhengxie.core.transitions import lock
from zhengxie.duties.services import record_duty_event

from ..choices import ProposalKind, SignerRole, SignerStatus, TaskStatus
from ..models import HandlingTask, MemberLetter, NumberCounter, Proposal, ProposalEvent
from ..org_settings import setting
from ..workflow import PROPOSAL_WORKFLOW, TASK_WORKFLOW


def changed_message():
    return gettext("This proposal was just changed by someone else. Reload the page to see the change, then try again.")


def lock_proposal(proposal_or_pk, *, version: int | None = None, allowed=None) -> Proposal:
    """The proposal, locked for the transaction. ``allowed(proposal)``: the actor's right, checked first;
    ``version``: what the user saw (refused if it changed since). Only the proposal's own row is locked (no
    join): other proposals of the organisation stay free."""
    return lock(Proposal, proposal_or_pk, version=version, message=changed_message(), allowed=allowed)


def lock_task(task_or_pk, *, version: int | None = None, allowed=None) -> HandlingTask:
    return lock(HandlingTask, task_or_pk, version=version, message=changed_message(), allowed=allowed)


def lock_letter(letter_or_pk, *, version: int | None = None, allowed=None) -> MemberLetter:
    return lock(MemberLetter, letter_or_pk, version=version, message=changed_message(), allowed=allowed)


def require(condition: bool, message=None):
    if not condition:
        raise NotAllowed(message) if message else NotAllowed()


def require_text(value: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message)
    return value


def record(proposal, action: str, *, actor, from_state: str, to_state: str, comment: str = "", data: dict | None = None,
           task=None) -> ProposalEvent:
    """One row of the proposal's history and one audit entry (an event that keeps the state, or a task's)."""
    entity = "task" if task is not None else "proposal"
    return transitions.record(proposal, action, actor=actor, history=ProposalEvent,
                              history_for={"proposal": proposal, "task": task}, from_state=from_state,
                              to_state=to_state, audit=f"proposals.{entity}.{action}", comment=comment, data=data,
                              audit_obj=task or proposal)


def move(proposal, action: str, *, actor, comment: str = "", data: dict | None = None, fields=(), task=None) -> str:
    """Move the (locked) proposal along ``action``: check the table, bump the version, save, record.
    Returns the state it came from."""
    return transitions.transition(
        proposal, action, workflow=PROPOSAL_WORKFLOW, actor=actor, history=ProposalEvent,
        history_for={"proposal": proposal, "task": task}, audit=f"proposals.{'task' if task else 'proposal'}.{action}",
        comment=comment, data=data, fields=fields, audit_obj=task or proposal)


def move_task(task, action: str, *, actor, proposal=None, comment: str = "", data: dict | None = None, fields=()) -> str:
    proposal = proposal or task.proposal
    return transitions.transition(
        task, action, workflow=TASK_WORKFLOW, actor=actor, history=ProposalEvent,
        history_for={"proposal": proposal, "task": task}, audit=f"proposals.task.{action}", comment=comment,
        data={"unit": task.unit.name, **(data or {})}, fields=fields, organisation=proposal.organisation)


def check(action: str, state: str) -> None:
    """Raise InvalidTransition unless ``action`` may happen in ``state`` (for events that keep the state)."""
    PROPOSAL_WORKFLOW.target(action, state)


# --- numbering ------------------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (terms and sessions stay below 100)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def format_number(organisation, session, number: int) -> str:
    pattern = setting(organisation, "number_format")
    values = {"term": chinese_numeral(session.term.number), "session": chinese_numeral(session.number),
              "term_no": session.term.number, "session_no": session.number, "year": session.year, "number": number}
    try:
        return pattern.format(**values)
    except (KeyError, ValueError, IndexError, AttributeError):
        raise DomainError(
            gettext("The proposal number format “%(format)s” is not valid: correct it in the settings.") % {"format": pattern}
        ) from None


def next_number(organisation, session) -> int:
    """The next number of the session, from a locked counter row (two registrations never share a number)."""
    counter, _created = NumberCounter.objects.get_or_create(
        organisation=organisation, session=session,
        defaults={"last": Proposal.objects.filter(organisation=organisation, session=session).aggregate(m=Max("number"))["m"] or 0},
    )
    counter = NumberCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def session_for(organisation, when: dt.datetime):
    """The session a proposal submitted at ``when`` belongs to, and whether it is a plenary proposal (submitted in
    the session's window) or a between-session one (the latest session opened before it)."""
    term = organisation.current_term()
    if term is None:
        raise DomainError(gettext("The organisation has no current term: ask the administrator to set one up."))
    sessions = list(term.sessions.order_by("number"))
    for session in sessions:
        if session.in_proposal_window(when):
            return session, ProposalKind.PLENARY
    today = timezone.localtime(when).date()
    opened = [s for s in sessions if s.opens_on <= today]
    session = opened[-1] if opened else (sessions[0] if sessions else None)
    return session, ProposalKind.INTERIM


# --- recipients ------------------------------------------------------------------------------------------------


def url_of(proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def office_users(organisation):
    return users_with_role(organisation, Role.PROPOSAL_OFFICE)


def unit_users(task_or_unit, *, leaders_only=False):
    unit = getattr(task_or_unit, "unit", task_or_unit)
    roles = (Role.UNIT_LEADER,) if leaders_only else (Role.HANDLING_UNIT, Role.UNIT_LEADER)
    return users_with_role(unit.organisation, *roles, unit=unit)


def signer_users(proposal, *, signers=None, only_counting=True):
    """The accounts behind the proposal's signers: members' own accounts and the contacts of a submitting body."""
    rows = signers if signers is not None else list(proposal.signers.all())
    if only_counting:
        rows = [s for s in rows if s.status == SignerStatus.CONFIRMED]
    body_ids = [s.body_id for s in rows if s.role == SignerRole.BODY]
    users = users_of_members([s.member for s in rows if s.member_id])
    if body_ids:
        users += users_with_role(proposal.organisation, Role.BODY_CONTACT, body_ids=body_ids)
    return users


def tell_committees(proposal, code: str, title, params: dict | None = None) -> None:
    """Notify the proposal offices of the committees that co-proposed the joint proposal ``proposal`` came from
    (each in its own organisation, pointing to the joint proposal's page, where they follow it and rate the replies).
    Nothing for any other proposal."""
    from ..choices import SubmitterKind
    from ..models import JointProposal

    if proposal.submitter_kind != SubmitterKind.COMMITTEE:
        return
    joint = JointProposal.objects.filter(proposal=proposal).first()
    if joint is None:
        return
    committees = [s.committee for s in proposal.signers.filter(role=SignerRole.COMMITTEE, status=SignerStatus.CONFIRMED)
                  .select_related("committee")]
    url = reverse("proposals:joint_detail", args=[joint.pk])
    for committee in committees:
        notify(recipients=office_users(committee), organisation=committee, code=f"proposals.joint_{code}", title=title,
               params={"title": proposal.title, "number": proposal.number_label, **(params or {})}, url=url, obj=joint)


def tell(recipients, proposal, code: str, title, params: dict | None = None, *, task=None):
    """Notify ``recipients`` about the proposal (the title is a lazy translation with %(title)s available)."""
    return notify(recipients=recipients, organisation=proposal.organisation, code=f"proposals.{code}", title=title,
                  params={"title": proposal.title, "number": proposal.number_label, **(params or {})},
                  url=url_of(proposal), obj=task or proposal)


# --- duty events ------------------------------------------------------------------------------------------------

#: How a signer's role is written in the duty ledger (see zhengxie.duties.choices).
DUTY_ROLE = {SignerRole.FIRST: "first", SignerRole.COSIGNER: "cosigner", SignerRole.DRAFTER: "collective"}


def credited_signers(proposal, signers=None):
    """The members credited with the proposal: its first proposer, the co-signers who confirmed, and the members
    who drafted a collective one."""
    rows = signers if signers is not None else list(proposal.signers.select_related("member"))
    return [s for s in rows if s.member_id and s.status == SignerStatus.CONFIRMED and s.role in DUTY_ROLE
            and s.merged_from_id is None]


def record_duty(proposal, kind: str, *, actor=None, occurred_at=None, signers=None, source=None) -> int:
    """Record ``kind`` for every credited member of ``proposal`` (idempotent)."""
    credited = credited_signers(proposal, signers)
    counted = len([s for s in credited if s.role in (SignerRole.FIRST, SignerRole.COSIGNER)]) or len(credited)
    for signer in credited:
        record_duty_event(member=signer.member, kind=kind, source=source or proposal, occurred_at=occurred_at,
                          attributes={"role": DUTY_ROLE[signer.role], "signers": counted}, title=proposal.title,
                          actor=actor)
    return len(credited)


def merged_sources(proposal):
    """Proposals merged into this one (their signers are credited with their own proposal)."""
    return list(Proposal.objects.filter(merged_into=proposal).prefetch_related("signers__member"))


def live_tasks(proposal):
    return list(proposal.tasks.exclude(status=TaskStatus.CANCELLED).select_related("unit"))
