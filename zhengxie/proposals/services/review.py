"""立: the office's review — pre-review, register (one or fifty at once), reject, merge, return, and conversion to a
public-opinion report or a member letter with the proposer's consent; and the member letters themselves."""

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import ConcurrentChange, DomainError, NotAllowed
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump
from zhengxie.duties.choices import DutyEventKind
from zhengxie.opinions.services import report_create_from_proposal

from .. import permissions
from ..choices import (
    REGISTERED_STATES,
    ConversionTarget,
    LetterStatus,
    ProposalStatus,
    RejectionGround,
    SignerStatus,
    SubmitterKind,
)
from ..models import MemberLetter, Proposal, ProposalSigner
from .common import (
    changed_message,
    check,
    format_number,
    lock_letter,
    lock_proposal,
    merged_sources,
    move,
    next_number,
    office_users,
    record,
    record_duty,
    require,
    require_text,
    signer_users,
    tell,
    tell_committees,
    unit_users,
)


def _office(actor, proposal):
    require(permissions.is_office(actor, proposal.organisation))


def proposal_prereview(*, actor, proposal, version: int | None = None, comment: str = "") -> Proposal:
    """初审 passed: the proposal goes on to the review proper."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version)
        _office(actor, proposal)
        move(proposal, "prereview", actor=actor, comment=comment)
    return proposal


def proposal_return(*, actor, proposal, comment: str, version: int | None = None) -> Proposal:
    """Back to the proposer for revision, with the reason."""
    comment = require_text(comment, gettext("Say what the proposer should revise."))
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version)
        _office(actor, proposal)
        move(proposal, "return", actor=actor, comment=comment)
        tell(signer_users(proposal, signers=[s for s in proposal.signers.all() if s.role in ("first", "body")]),
             proposal, "returned", _("“%(title)s” was returned for revision: %(reason)s"), {"reason": comment})
    return proposal


def _register(proposal, *, actor, comment: str) -> None:
    if proposal.session_id is None:
        raise DomainError(gettext("The proposal belongs to no session: set up the term's sessions first."))
    session = proposal.session
    proposal.number = next_number(proposal.organisation, session)
    proposal.number_label = format_number(proposal.organisation, session, proposal.number)
    proposal.registered_at = timezone.now()
    move(proposal, "register", actor=actor, comment=comment, fields=["number", "number_label", "registered_at"],
         data={"number": proposal.number_label})
    signers = list(proposal.signers.select_related("member__person"))
    record_duty(proposal, DutyEventKind.PROPOSAL_REGISTERED, actor=actor, occurred_at=proposal.registered_at,
                signers=signers)
    for merged in merged_sources(proposal):
        record_duty(merged, DutyEventKind.PROPOSAL_REGISTERED, actor=actor, occurred_at=proposal.registered_at)
    tell(signer_users(proposal, signers=signers), proposal, "registered",
         _("“%(title)s” was registered as %(number)s"))
    if proposal.submitter_kind == SubmitterKind.COMMITTEE:
        from .joint import joint_registered_above

        joint_registered_above(proposal, actor=actor)


def proposal_register(*, actor, proposal, version: int | None = None, comment: str = "") -> Proposal:
    """立案: the proposal gets the next number of its session."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version)
        _office(actor, proposal)
        _register(proposal, actor=actor, comment=comment)
    return proposal


@dataclass
class BatchResult:
    done: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (proposal, message)


def run_batch(organisation, ids, step) -> BatchResult:
    """Apply ``step(proposal)`` to each proposal (oldest submission first), each in its own transaction: one that
    someone else changed meanwhile is reported, the others go through."""
    result = BatchResult()
    proposals = Proposal.objects.filter(organisation=organisation, pk__in=list(ids)).order_by("submitted_at", "pk")
    for proposal in proposals:
        try:
            with transaction.atomic():
                step(proposal)
        except DomainError as exc:
            result.failed.append((proposal, str(exc)))
        else:
            result.done.append(proposal)
    return result


def proposals_register_batch(*, actor, organisation, ids) -> BatchResult:
    require(permissions.is_office(actor, organisation))

    def step(proposal):
        proposal = lock_proposal(proposal)
        _register(proposal, actor=actor, comment=gettext("Registered in a batch."))

    return run_batch(organisation, ids, step)


def proposals_prereview_batch(*, actor, organisation, ids) -> BatchResult:
    require(permissions.is_office(actor, organisation))

    def step(proposal):
        proposal = lock_proposal(proposal)
        move(proposal, "prereview", actor=actor, comment=gettext("Passed pre-review in a batch."))

    return run_batch(organisation, ids, step)


def proposal_reject(*, actor, proposal, ground: str, comment: str, version: int | None = None) -> Proposal:
    """不予立案, with one of the fixed grounds and an explanation for the proposer."""
    if ground not in RejectionGround.values:
        raise DomainError(gettext("Choose a ground from the list."), errors={"ground": gettext("Not in the list.")})
    comment = require_text(comment, gettext("Explain the decision to the proposer."))
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version)
        _office(actor, proposal)
        proposal.rejection_ground = ground
        move(proposal, "reject", actor=actor, comment=comment, fields=["rejection_ground"], data={"ground": ground})
        tell(signer_users(proposal), proposal, "rejected", _("“%(title)s” was not registered: %(ground)s"),
             {"ground": RejectionGround(ground).label})
        tell_committees(proposal, "rejected", _("“%(title)s” was not registered: %(ground)s"),
                        {"ground": RejectionGround(ground).label})
    return proposal


MERGE_TARGET_STATES = {ProposalStatus.REVIEWING, ProposalStatus.REGISTERED, ProposalStatus.CONFIRMING,
                       ProposalStatus.HANDLING}


def proposal_merge(*, actor, proposal, target, comment: str = "", version: int | None = None) -> Proposal:
    """并案: the proposal is handled together with ``target``; its proposers join the target's (each sees the link)."""
    if target.pk == proposal.pk:
        raise DomainError(gettext("A proposal cannot be merged into itself."))
    with transaction.atomic():
        # Lock both, the lower id first, so two merges in opposite directions cannot deadlock.
        first, second = sorted([proposal.pk, target.pk])
        locked = {first: lock_proposal(first), second: lock_proposal(second)}
        proposal, target = locked[proposal.pk], locked[target.pk]
        if version is not None and proposal.version != version:
            raise ConcurrentChange(changed_message())
        _office(actor, proposal)
        if target.organisation_id != proposal.organisation_id:
            raise NotAllowed()
        if target.status not in MERGE_TARGET_STATES:
            raise DomainError(gettext("“%(title)s” cannot take a merged proposal in its state (%(state)s).")
                              % {"title": target.title, "state": target.get_status_display()})
        proposal.merged_into = target
        move(proposal, "merge", actor=actor, comment=comment, fields=["merged_into"],
             data={"into": target.pk, "into_title": target.title})
        present = set(target.signers.exclude(member=None).values_list("member_id", flat=True))
        joining = [s for s in proposal.signers.select_related("member__person") if s.status == SignerStatus.CONFIRMED
                   and (s.member_id is None or s.member_id not in present)]
        base = target.signers.count()
        ProposalSigner.objects.bulk_create([
            ProposalSigner(proposal=target, member=s.member, body=s.body, committee=s.committee, role=s.role, status=SignerStatus.CONFIRMED,
                           position=base + i, merged_from=proposal)
            for i, s in enumerate(joining)
        ])
        bump(target)
        record(target, "absorb", actor=actor, from_state=target.status, to_state=target.status, comment=comment,
               data={"from": proposal.pk, "from_title": proposal.title})
        if target.status in REGISTERED_STATES:
            record_duty(proposal, DutyEventKind.PROPOSAL_REGISTERED, actor=actor)
        tell(signer_users(proposal), proposal, "merged", _("“%(title)s” was merged into “%(target)s”"),
             {"target": target.title})
        tell_committees(proposal, "merged", _("“%(title)s” was merged into “%(target)s”"), {"target": target.title})
    return proposal


def proposal_propose_conversion(*, actor, proposal, target: str, comment: str, version: int | None = None) -> Proposal:
    """Suggest turning the proposal into a public-opinion report or a member letter: the proposer decides."""
    if target not in ConversionTarget.values:
        raise DomainError(gettext("Choose what to convert the proposal into."))
    comment = require_text(comment, gettext("Explain to the proposer why it would be better converted."))
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version)
        _office(actor, proposal)
        proposal.conversion_target = target
        move(proposal, "propose_conversion", actor=actor, comment=comment, fields=["conversion_target"],
             data={"target": target})
        tell(signer_users(proposal, signers=[s for s in proposal.signers.all() if s.role in ("first", "body")]),
             proposal, "conversion_proposed",
             _("The office proposes to convert “%(title)s” into a %(target)s: do you agree?"),
             {"target": ConversionTarget(target).label})
    return proposal


def _converting_office(proposal):
    """The office member who proposed the conversion carries it out once the proposer agrees (the report is the
    office's to handle); if they have left the office, another member of it."""
    event = proposal.events.filter(action="propose_conversion").select_related("actor").order_by("-created_at", "-id").first()
    if event is not None and event.actor is not None and permissions.is_office(event.actor, proposal.organisation):
        return event.actor
    users = office_users(proposal.organisation)
    if not users:
        raise DomainError(gettext("Nobody in the proposal office can carry out the conversion."))
    return users[0]


def proposal_answer_conversion(*, actor, proposal, agree: bool, comment: str = "", version: int | None = None):
    """The proposer's answer. Agreed: the report or the letter is created in the same transaction."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_author(actor, proposal))
        if not agree:
            move(proposal, "refuse_conversion", actor=actor, comment=comment)
            tell(office_users(proposal.organisation), proposal, "conversion_refused",
                 _("The proposer does not agree to convert “%(title)s”"))
            return proposal
        check("accept_conversion", proposal.status)
        if proposal.conversion_target == ConversionTarget.OPINION:
            created = report_create_from_proposal(actor=_converting_office(proposal), proposal=proposal)
        else:
            created = MemberLetter.objects.create(
                organisation=proposal.organisation, proposal=proposal, title=proposal.title,
                content=f"{gettext('Background')}\n{proposal.background}\n\n{gettext('Suggestions')}\n{proposal.suggestions}",
            )
            audit_log(actor=actor, organisation=proposal.organisation, action="proposals.letter.created", obj=created)
        move(proposal, "accept_conversion", actor=actor, comment=comment,
             data={"target": proposal.conversion_target, "created": created.pk})
        tell(office_users(proposal.organisation), proposal, "converted",
             _("The proposer agreed: “%(title)s” was converted into a %(target)s"),
             {"target": ConversionTarget(proposal.conversion_target).label})
    return created


# --- member letters ------------------------------------------------------------------------------------------------


def letter_forward(*, actor, letter, unit, note: str = "", version: int | None = None) -> MemberLetter:
    """The office forwards a member letter to a unit for an answer."""
    with transaction.atomic():
        letter = lock_letter(letter, version=version,
                             allowed=lambda letter: permissions.is_office(actor, letter.organisation))
        if unit.organisation_id != letter.organisation_id or not unit.is_active:
            raise NotAllowed()
        if letter.status == LetterStatus.ANSWERED:
            raise DomainError(gettext("The letter has been answered already."))
        letter.unit, letter.forward_note, letter.forwarded_at = unit, note.strip(), timezone.now()
        letter.status = LetterStatus.FORWARDED
        bump(letter, "unit", "forward_note", "forwarded_at", "status")
        audit_log(actor=actor, organisation=letter.organisation, action="proposals.letter.forwarded", obj=letter,
                  changes={"unit": unit.name})
        notify(recipients=unit_users(unit), organisation=letter.organisation, code="proposals.letter_forwarded",
               title=_("A member letter “%(title)s” was forwarded to your unit"), params={"title": letter.title},
               url=reverse("proposals:letter", args=[letter.pk]), obj=letter)
    return letter


def _may_answer(actor, letter) -> bool:
    unit_ok = letter.unit_id is not None and letter.unit_id in permissions.unit_ids(actor, letter.organisation)
    return unit_ok or permissions.is_office(actor, letter.organisation)


def letter_answer(*, actor, letter, answer: str, version: int | None = None) -> MemberLetter:
    """The unit (or the office, for an answer received on paper) records the answer; the member is told."""
    answer = require_text(answer, gettext("Write the answer."))
    with transaction.atomic():
        letter = lock_letter(letter, version=version, allowed=lambda letter: _may_answer(actor, letter))
        org = letter.organisation
        if letter.status != LetterStatus.FORWARDED:
            raise DomainError(gettext("Only a letter forwarded to a unit can be answered."))
        letter.answer, letter.answered_at, letter.answered_by = answer, timezone.now(), actor
        letter.status = LetterStatus.ANSWERED
        bump(letter, "answer", "answered_at", "answered_by", "status")
        audit_log(actor=actor, organisation=org, action="proposals.letter.answered", obj=letter)
        notify(recipients=signer_users(letter.proposal) + office_users(org), organisation=org,
               code="proposals.letter_answered", title=_("Your letter “%(title)s” was answered"),
               params={"title": letter.title}, url=reverse("proposals:letter", args=[letter.pk]), obj=letter)
    return letter
