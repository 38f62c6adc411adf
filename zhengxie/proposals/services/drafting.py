"""提: writing a proposal, saving drafts, co-signers and drafting members, attachments, submitting, withdrawing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, attachment_add, attachments_of, check_upload
from zhengxie.core.models import Member
from zhengxie.core.services import audit_log
from zhengxie.core.transitions import bump
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import retract_duty_events

from .. import permissions
from ..choices import EDITABLE_STATES, TEXT_LIMITS, ProposalStatus, SignerRole, SignerStatus, SubmitterKind
from ..models import Proposal, ProposalSigner
from ..org_settings import setting
from .common import (
    check,
    lock_proposal,
    move,
    office_users,
    record,
    record_duty,
    require,
    session_for,
    signer_users,
    tell,
)

CONTENT_FIELDS = ("title", "category", "background", "suggestions")


def _clean_content(organisation, data: dict) -> dict:
    cleaned = {}
    for field in CONTENT_FIELDS:
        if field in data:
            cleaned[field] = (data[field] or "").strip()
    if "title" in cleaned:
        cleaned["title"] = cleaned["title"][:200]
    too_long = {field: gettext("At most %(n)d characters (now %(count)d).") % {"n": limit, "count": len(cleaned[field])}
                for field, limit in TEXT_LIMITS.items() if len(cleaned.get(field, "")) > limit}
    if too_long:
        raise DomainError(next(iter(too_long.values())), errors=too_long)
    if cleaned.get("category") and cleaned["category"] not in setting(organisation, "categories"):
        raise DomainError(gettext("Choose a category from the list."), errors={"category": gettext("Not in the list.")})
    return cleaned


def _set_units(proposal, units) -> None:
    units = list(units)
    if any(u.organisation_id != proposal.organisation_id for u in units):
        raise NotAllowed()
    proposal.suggested_units.set(units)


def proposal_create(*, actor, organisation, data: dict, body=None, units=()) -> Proposal:
    """A new draft: the member's own (first proposer), or a collective one when ``body`` is given."""
    if body is not None:
        require(body.organisation_id == organisation.pk and body.pk in core_permissions.body_ids_of(actor, organisation))
        seat = None
    else:
        seat = core_permissions.current_member(actor, organisation)
        require(seat is not None, gettext("Only members with a seat in this committee write proposals."))
    term = organisation.current_term()
    if term is None:
        raise DomainError(gettext("The organisation has no current term: ask the administrator to set one up."))
    content = _clean_content(organisation, data)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            organisation=organisation, term=term, created_by=actor, first_proposer=seat, body=body,
            submitter_kind=SubmitterKind.COLLECTIVE if body else SubmitterKind.MEMBER, **content,
        )
        ProposalSigner.objects.create(
            proposal=proposal, member=seat, body=body, role=SignerRole.BODY if body else SignerRole.FIRST,
            status=SignerStatus.CONFIRMED,
        )
        _set_units(proposal, units)
        record(proposal, "create", actor=actor, from_state="", to_state=proposal.status)
    return proposal


def proposal_save(*, actor, proposal, data: dict, units=None) -> Proposal:
    """Save the text of a draft (also the automatic save while typing) or of a proposal returned for revision.
    The version rises only when something changed."""
    content = _clean_content(proposal.organisation, data)
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        require(permissions.is_author(actor, proposal))
        check("save", proposal.status)
        changed = [f for f, v in content.items() if getattr(proposal, f) != v]
        for field in changed:
            setattr(proposal, field, content[field])
        units_changed = False
        if units is not None:
            units = list(units)
            if {u.pk for u in units} != set(proposal.suggested_units.values_list("pk", flat=True)):
                _set_units(proposal, units)
                units_changed = True
        if changed or units_changed:
            proposal.version += 1
            proposal.updated_at = timezone.now()
            proposal.save(update_fields=[*changed, "version", "updated_at"])
            audit_log(actor=actor, organisation=proposal.organisation, action="proposals.proposal.saved", obj=proposal,
                      changes={"fields": changed + (["suggested_units"] if units_changed else [])})
    return proposal


def proposal_delete(*, actor, proposal) -> None:
    """Delete a draft that was never numbered."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        require(permissions.is_author(actor, proposal))
        if proposal.status != ProposalStatus.DRAFT:
            raise DomainError(gettext("Only a draft can be deleted."))
        audit_log(actor=actor, organisation=proposal.organisation, action="proposals.proposal.deleted", obj=proposal,
                  changes={"title": proposal.title})
        for attachment in attachments_of(proposal):
            attachment.file.delete(save=False)
            attachment.delete()
        proposal.delete()


# --- signers -----------------------------------------------------------------------------------------------------


def proposal_create_with_cosigners(*, actor, organisation, data: dict, body=None, units=(),
                                   cosigner_ids=()) -> Proposal:
    """A draft with the co-signers it will invite, all or nothing: a co-signer that is not a member of the
    committee leaves no half-made draft behind (the API's single call; the pages add co-signers one by one)."""
    with transaction.atomic():
        proposal = proposal_create(actor=actor, organisation=organisation, data=data, body=body, units=units)
        members = Member.objects.filter(organisation=organisation, pk__in=list(cosigner_ids)).in_bulk()
        for member_id in cosigner_ids:
            if member_id not in members:
                raise DomainError(gettext("Co-signers must be members of this committee in the current term."))
            proposal_signer_add(actor=actor, proposal=proposal, member=members[member_id])
    return proposal


def proposal_signer_add(*, actor, proposal, member: Member) -> ProposalSigner:
    """Add a co-signer (to be invited on submission) or, to a collective proposal, a drafting member."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        require(permissions.is_author(actor, proposal))
        check("save", proposal.status)
        current = Member.objects.current().filter(pk=member.pk, organisation=proposal.organisation).exists()
        if not current:
            raise DomainError(gettext("Co-signers must be members of this committee in the current term."))
        if member.pk == proposal.first_proposer_id or proposal.signers.filter(member=member).exists():
            raise DomainError(gettext("%(name)s is already on this proposal.") % {"name": member.person.name})
        collective = proposal.is_collective
        signer = ProposalSigner.objects.create(
            proposal=proposal, member=member, role=SignerRole.DRAFTER if collective else SignerRole.COSIGNER,
            status=SignerStatus.CONFIRMED if collective else SignerStatus.SELECTED,
            position=proposal.signers.count(),
        )
        bump(proposal)
        audit_log(actor=actor, organisation=proposal.organisation, action="proposals.signer.added", obj=proposal,
                  changes={"member": member.person.name, "role": signer.role})
    return signer


def proposal_signer_remove(*, actor, proposal, signer: ProposalSigner) -> None:
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        require(permissions.is_author(actor, proposal) and signer.proposal_id == proposal.pk)
        check("save", proposal.status)
        if signer.role not in (SignerRole.COSIGNER, SignerRole.DRAFTER):
            raise DomainError(gettext("The first proposer cannot be removed."))
        audit_log(actor=actor, organisation=proposal.organisation, action="proposals.signer.removed", obj=proposal,
                  changes={"member": signer.name})
        signer.delete()
        bump(proposal)


# --- attachments -----------------------------------------------------------------------------------------------


def proposal_attachment_add(*, actor, proposal, upload):
    require(permissions.can_edit(actor, proposal))
    check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=setting(proposal.organisation, "attachment_max_mb") * 1048576)
    return attachment_add(actor=actor, organisation=proposal.organisation, owner=proposal, upload=upload,
                          role="proposal")


def proposal_attachment_remove(*, actor, proposal, attachment) -> None:
    require(permissions.can_edit(actor, proposal) and attachment.object_id == str(proposal.pk))
    with transaction.atomic():
        audit_log(actor=actor, organisation=proposal.organisation, action="proposals.attachment.removed", obj=proposal,
                  changes={"file": attachment.original_name})
        attachment.file.delete(save=False)
        attachment.delete()


# --- submitting ----------------------------------------------------------------------------------------------------


def submission_gaps(content: dict) -> dict:
    """What a proposal still lacks before it can be submitted, by field (empty when complete)."""
    messages = {"title": gettext("Give the proposal a title."), "category": gettext("Choose a category."),
                "background": gettext("Describe the background (案由)."),
                "suggestions": gettext("Write the suggestions (建议).")}
    return {field: message for field, message in messages.items() if not (content.get(field) or "").strip()}


def _check_complete(proposal) -> None:
    errors = submission_gaps({field: getattr(proposal, field) for field in CONTENT_FIELDS})
    if errors:
        raise DomainError(gettext("The proposal is not complete: %(fields)s")
                          % {"fields": "；".join(errors.values())}, errors=errors)


def enter_submitted(proposal, *, actor, action: str, comment: str = "") -> None:
    """The proposal reaches the office's queue: stamp it, credit the proposers, tell the office."""
    now = timezone.now()
    proposal.submitted_at = now
    move(proposal, action, actor=actor, comment=comment, fields=["submitted_at"])
    record_duty(proposal, DutyEventKind.PROPOSAL_SUBMITTED, actor=actor, occurred_at=now)
    tell(office_users(proposal.organisation), proposal, "submitted",
         _("New proposal “%(title)s” awaits pre-review"))


def proposal_submit(*, actor, proposal, version: int | None = None) -> Proposal:
    """Submit. Chosen co-signers are invited first (the proposal waits for them, at most the set number of days);
    submitting while they are invited sends it on without those who have not confirmed."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_author(actor, proposal))
        check("submit", proposal.status)
        _check_complete(proposal)
        now = timezone.now()
        if proposal.session_id is None:
            proposal.session, proposal.kind = session_for(proposal.organisation, now)
            proposal.save(update_fields=["session", "kind"])
        signers = list(proposal.signers.select_related("member__person"))
        chosen = [s for s in signers if s.status == SignerStatus.SELECTED]
        if proposal.status in EDITABLE_STATES and chosen:
            respond_by = now + dt.timedelta(days=setting(proposal.organisation, "cosign_days"))
            for signer in chosen:
                signer.status, signer.invited_at, signer.respond_by = SignerStatus.INVITED, now, respond_by
                signer.save(update_fields=["status", "invited_at", "respond_by"])
            move(proposal, "invite", actor=actor, data={"invited": [s.name for s in chosen]})
            tell(signer_users(proposal, signers=chosen, only_counting=False), proposal, "cosign_invited",
                 _("%(name)s invites you to co-sign the proposal “%(title)s” (answer by %(date)s)"),
                 {"name": proposal.proposer_label, "date": timezone.localtime(respond_by).strftime("%Y-%m-%d %H:%M")})
            return proposal
        expired = [s for s in signers if s.status == SignerStatus.INVITED]
        for signer in expired:
            signer.status = SignerStatus.EXPIRED
            signer.save(update_fields=["status"])
        enter_submitted(proposal, actor=actor, action="submit",
                        comment=gettext("Submitted without %(names)s, who had not confirmed.")
                        % {"names": "、".join(s.name for s in expired)} if expired else "")
    return proposal


def proposal_cosign(*, actor, proposal, agree: bool, comment: str = "") -> ProposalSigner:
    """A co-signer confirms or declines. When nobody is left to answer, the proposal goes to the office."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        check("cosign", proposal.status)
        signers = list(proposal.signers.select_related("member__person"))
        signer = permissions.signer_of(actor, proposal, signers)
        if signer is None or signer.status != SignerStatus.INVITED:
            raise NotAllowed(gettext("You have no open invitation to co-sign this proposal."))
        now = timezone.now()
        if signer.respond_by and signer.respond_by < now:
            raise DomainError(gettext("The time to answer this invitation has passed."))
        signer.status = SignerStatus.CONFIRMED if agree else SignerStatus.DECLINED
        signer.responded_at = now
        signer.save(update_fields=["status", "responded_at"])
        bump(proposal)
        record(proposal, "cosign", actor=actor, from_state=proposal.status, to_state=proposal.status, comment=comment,
               data={"member": signer.name, "agree": agree})
        author_users = signer_users(proposal, signers=[s for s in signers if s.role in (SignerRole.FIRST, SignerRole.BODY)])
        tell(author_users, proposal, "cosign_answered",
             _("%(name)s confirmed the co-signature of “%(title)s”") if agree
             else _("%(name)s declined to co-sign “%(title)s”"), {"name": signer.name})
        if not any(s.status == SignerStatus.INVITED for s in signers):
            # The platform closes the co-signing, not the last co-signer (who may have declined).
            enter_submitted(proposal, actor=None, action="close_cosigning",
                            comment=gettext("Every invited co-signer has answered."))
    return signer


def proposal_close_cosigning(*, proposal, actor=None) -> bool:
    """At the deadline, unanswered invitations drop off and the proposal goes to the office (the daily task)."""
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        if proposal.status != ProposalStatus.COSIGNING:
            return False
        now = timezone.now()
        waiting = list(proposal.signers.filter(status=SignerStatus.INVITED).select_related("member__person"))
        if any(s.respond_by and s.respond_by > now for s in waiting):
            return False
        for signer in waiting:
            signer.status = SignerStatus.EXPIRED
            signer.save(update_fields=["status"])
        enter_submitted(proposal, actor=actor, action="close_cosigning",
                        comment=gettext("The time for co-signing ended; %(n)d invitation(s) went unanswered.")
                        % {"n": len(waiting)})
    return True


def proposal_withdraw(*, actor, proposal, version: int | None = None, comment: str = "") -> Proposal:
    """The proposer takes the proposal back before the office has started its review; it becomes a draft again and
    co-signers will be invited afresh."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_author(actor, proposal))
        was = proposal.status
        proposal.submitted_at = None
        move(proposal, "withdraw", actor=actor, comment=comment, fields=["submitted_at"])
        proposal.signers.filter(role=SignerRole.COSIGNER).update(
            status=SignerStatus.SELECTED, invited_at=None, respond_by=None, responded_at=None
        )
        retract_duty_events(source=proposal, kind=DutyEventKind.PROPOSAL_SUBMITTED, reason="withdrawn")
        if was == ProposalStatus.SUBMITTED:
            tell(office_users(proposal.organisation), proposal, "withdrawn", _("The proposer withdrew “%(title)s”"))
    return proposal
