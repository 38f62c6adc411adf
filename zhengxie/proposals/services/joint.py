"""联合提案 of committees: a committee's proposal office drafts a collective proposal to a higher committee, the offices
of the co-proposing committees confirm their signature, the higher committee's office receives it (it becomes one of
its proposals and goes through its own 立、办、督、评), or, sent outside the deployment, the office records the outcome."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, attachment_add, attachments_of, bytes_upload, check_upload
from zhengxie.core.models import Organisation
from zhengxie.core.services import audit_log, notify

from .. import permissions
from ..choices import JOINT_COUNTING, JointSignerStatus, JointStatus, SignerRole, SignerStatus, SubmitterKind
from ..models import JointEvent, JointProposal, JointSigner, Proposal, ProposalSigner
from ..org_settings import setting
from ..workflow import JOINT_WORKFLOW
from .common import office_users, record, require, session_for
from .drafting import enter_submitted

JOINT_TEXT_FIELDS = ("title", "category", "background", "suggestions")


def _changed():
    return gettext("This joint proposal was just changed by someone else. Reload the page to see the change, "
                   "then try again.")


def lock_joint(joint_or_pk, *, version=None, allowed=None) -> JointProposal:
    return transitions.lock(JointProposal, joint_or_pk, version=version, message=_changed(), allowed=allowed)


def _move(joint, action, *, actor, comment="", data=None, fields=(), organisation=None):
    """``organisation``: where the audit entry goes (the higher committee's office acts in its own)."""
    return transitions.transition(joint, action, workflow=JOINT_WORKFLOW, actor=actor, history=JointEvent,
                                  history_for={"joint": joint}, audit=f"proposals.joint.{action}", comment=comment,
                                  data=data, fields=fields, organisation=organisation or joint.organisation)


def _record(joint, action, *, actor, comment="", data=None, organisation=None):
    return transitions.record(joint, action, actor=actor, history=JointEvent, history_for={"joint": joint},
                              from_state=joint.status, to_state=joint.status, audit=f"proposals.joint.{action}",
                              comment=comment, data=data, organisation=organisation or joint.organisation)


def _url(joint) -> str:
    return reverse("proposals:joint_detail", args=[joint.pk])


def _tell(organisations, joint, code, title, params=None):
    """Notify the proposal offices of ``organisations`` (each in its own organisation)."""
    for org in organisations:
        notify(recipients=office_users(org), organisation=org, code=f"proposals.joint_{code}", title=title,
               params={"title": joint.title, **(params or {})}, url=_url(joint), obj=joint)


def proposing_committees(joint, signers=None) -> list[Organisation]:
    """The committees of the deployment whose offices follow the joint proposal: the drafter and every co-signer
    whose office confirmed."""
    rows = signers if signers is not None else list(joint.signers.select_related("organisation"))
    return [joint.organisation] + [s.organisation for s in rows
                                   if s.organisation_id and s.status == JointSignerStatus.CONFIRMED]


# --- drafting ---------------------------------------------------------------------------------------------------


def _clean(organisation, data, target, target_name, cosigners, outside, alliance=None):
    content = {f: (data.get(f) or "").strip() for f in JOINT_TEXT_FIELDS}
    errors = {}
    if alliance is not None and not joint_alliance_allowed(organisation, alliance):
        errors["alliance"] = gettext("A joint proposal is made in the name of an alliance your committee belongs to.")
    if not content["title"]:
        errors["title"] = gettext("Give the joint proposal a title.")
    target_name = (target_name or "").strip()
    if target is not None:
        if not joint_target_allowed(organisation, target):
            errors["target"] = gettext("A joint proposal goes to a committee above yours.")
        target_name = ""
    elif not target_name:
        errors["target"] = gettext("Choose the higher committee, or name the committee outside the platform.")
    cosigners = list(dict.fromkeys(cosigners or ()))
    if any(o.pk in (organisation.pk, getattr(target, "pk", None)) for o in cosigners):
        errors["cosigners"] = gettext("A co-proposing committee is neither your own committee nor the one it goes to.")
    names = list(dict.fromkeys(n.strip() for n in outside or () if n.strip()))
    if any(len(n) > 100 for n in names):
        errors["outside"] = gettext("A committee's name has at most 100 characters.")
    if errors:
        raise DomainError(gettext("The joint proposal could not be saved: %(errors)s")
                          % {"errors": "；".join(str(e) for e in errors.values())}, errors=errors)
    return content, target_name, cosigners, names


def joint_target_allowed(organisation, target) -> bool:
    return target.pk in {o.pk for o in organisation.ancestors()}


def joint_alliance_allowed(organisation, alliance) -> bool:
    """The drafting committee is a member committee of the alliance (cooperation) it proposes for."""
    return alliance.members.filter(committee=organisation).exists()


def _set_signers(joint, cosigners, outside):
    joint.signers.all().delete()
    position = 0
    for org in cosigners:
        position += 1
        JointSigner.objects.create(joint=joint, organisation=org, name=org.short_name, position=position,
                                   status=JointSignerStatus.SELECTED)
    for name in outside:
        position += 1
        JointSigner.objects.create(joint=joint, name=name, position=position, status=JointSignerStatus.RECORDED)


def joint_create(*, actor, organisation, data: dict, target=None, target_name: str = "", cosigners=(),
                 outside=(), alliance=None) -> JointProposal:
    """A draft of the committee's joint proposal, with its co-proposing committees (those of the deployment are
    invited when it is sent; those outside are named, their signature recorded by the office); ``alliance``: the
    alliance or mechanism whose members make it."""
    require(permissions.can_draft_joint(actor, organisation))
    content, target_name, cosigners, outside = _clean(organisation, data, target, target_name, cosigners, outside,
                                                      alliance)
    with transaction.atomic():
        joint = JointProposal.objects.create(organisation=organisation, target=target, target_name=target_name,
                                             alliance=alliance, created_by=actor, **content)
        _set_signers(joint, cosigners, outside)
        _record(joint, "create", actor=actor, data={"to": joint.target_label,
                                                     **({"alliance": alliance.name} if alliance else {})})
    return joint


def joint_save(*, actor, joint, data: dict, target=None, target_name: str = "", cosigners=(), outside=(),
               alliance=None, version=None) -> JointProposal:
    with transaction.atomic():
        joint = lock_joint(joint, version=version, allowed=lambda j: permissions.can_edit_joint(actor, j))
        content, target_name, cosigners, outside = _clean(joint.organisation, data, target, target_name, cosigners,
                                                          outside, alliance)
        for field, value in content.items():
            setattr(joint, field, value)
        joint.target, joint.target_name, joint.alliance = target, target_name, alliance
        _set_signers(joint, cosigners, outside)
        _move(joint, "save", actor=actor, fields=[*JOINT_TEXT_FIELDS, "target", "target_name", "alliance"])
    return joint


# --- attachments ---------------------------------------------------------------------------------------------------


def joint_attachment_add(*, actor, joint, upload):
    """A file of the draft (a study, a table of figures): it goes up with the text when the higher committee
    receives the joint proposal."""
    require(permissions.can_edit_joint(actor, joint))
    check_upload(upload, allowed=DOCUMENT_KINDS,
                 max_bytes=setting(joint.organisation, "attachment_max_mb") * 1048576)
    return attachment_add(actor=actor, organisation=joint.organisation, owner=joint, upload=upload, role="proposal")


def joint_attachment_remove(*, actor, joint, attachment) -> None:
    require(permissions.can_edit_joint(actor, joint) and attachment.object_id == str(joint.pk)
            and attachments_of(joint).filter(pk=attachment.pk).exists())
    with transaction.atomic():
        audit_log(actor=actor, organisation=joint.organisation, action="proposals.joint.attachment_removed",
                  obj=joint, changes={"file": attachment.original_name})
        attachment.file.delete(save=False)
        attachment.delete()


def _carry_attachments(joint, proposal, *, actor) -> int:
    """Copies of the joint proposal's files, owned by the proposal of the higher committee (its own storage: the
    drafting committee may keep or remove its copies without touching the received proposal)."""
    carried = 0
    for attachment in attachments_of(joint).order_by("id"):
        with attachment.file.open("rb") as stored:
            data = stored.read()
        attachment_add(actor=actor, organisation=proposal.organisation, owner=proposal,
                       upload=bytes_upload(data, attachment.original_name), role="proposal")
        carried += 1
    return carried


# --- sending and co-signing ----------------------------------------------------------------------------------------


def _check_complete(joint):
    missing = {f: m for f, m in (("background", gettext("Describe the background (案由).")),
                                 ("suggestions", gettext("Write the suggestions (建议).")),
                                 ("category", gettext("Choose a category."))) if not getattr(joint, f).strip()}
    if missing:
        raise DomainError(gettext("The joint proposal is not complete: %(fields)s")
                          % {"fields": "；".join(missing.values())}, errors=missing)


def _leave(joint, *, actor, action, signers, comment=""):
    """The joint proposal leaves for the higher committee with the signatures that stand."""
    joint.sent_at = timezone.now()
    joint.proposers_label = "、".join([joint.organisation.short_name]
                                     + [s.name for s in signers if s.status in JOINT_COUNTING])[:400]
    _move(joint, action, actor=actor, comment=comment, fields=["sent_at", "proposers_label"],
          data={"to": joint.target_label})
    if joint.target_id:
        _tell([joint.target], joint, "sent", _("The joint proposal “%(title)s” of %(names)s awaits your receipt"),
              {"names": joint.proposers_label})


def joint_send(*, actor, joint, version=None) -> JointProposal:
    """Send the draft: the co-proposing committees of the deployment are invited first (it leaves when every
    office has answered); with none, it goes to the higher committee at once."""
    with transaction.atomic():
        joint = lock_joint(joint, version=version, allowed=lambda j: permissions.can_send_joint(actor, j))
        _check_complete(joint)
        signers = list(joint.signers.select_related("organisation"))
        chosen = [s for s in signers if s.status == JointSignerStatus.SELECTED]
        if chosen and joint.status == JointStatus.DRAFT:
            now = timezone.now()
            for signer in chosen:
                signer.status, signer.invited_at = JointSignerStatus.INVITED, now
                signer.save(update_fields=["status", "invited_at"])
            _move(joint, "invite", actor=actor, data={"invited": [s.name for s in chosen]})
            _tell([s.organisation for s in chosen], joint, "invited",
                  _("%(name)s invites your committee to co-sign the joint proposal “%(title)s”"),
                  {"name": joint.organisation.short_name})
            return joint
        _leave(joint, actor=actor, action="send", signers=signers)
    return joint


def joint_cosign(*, actor, joint, organisation, agree: bool, comment: str = "") -> JointSigner:
    """The office of an invited committee confirms or declines its signature; the last answer sends it on."""
    with transaction.atomic():
        joint = lock_joint(joint)
        signers = list(joint.signers.select_related("organisation"))
        signer = next((s for s in signers if s.organisation_id == getattr(organisation, "pk", None)), None)
        if signer is None or signer.status != JointSignerStatus.INVITED or not permissions.is_office(actor, organisation):
            raise NotAllowed(gettext("Your committee has no open invitation to co-sign this joint proposal."))
        JOINT_WORKFLOW.target("cosign", joint.status)
        signer.status = JointSignerStatus.CONFIRMED if agree else JointSignerStatus.DECLINED
        signer.responded_at, signer.responded_by, signer.comment = timezone.now(), actor, (comment or "").strip()[:300]
        signer.save(update_fields=["status", "responded_at", "responded_by", "comment"])
        transitions.bump(joint)
        _record(joint, "cosign", actor=actor, comment=signer.comment, data={"committee": signer.name, "agree": agree},
                organisation=organisation)
        _tell([joint.organisation], joint, "answered",
              _("%(name)s confirmed its signature of the joint proposal “%(title)s”") if agree
              else _("%(name)s declined to co-sign the joint proposal “%(title)s”"), {"name": signer.name})
        if not any(s.status == JointSignerStatus.INVITED for s in signers):
            _leave(joint, actor=None, action="close_cosigning", signers=signers,
                   comment=gettext("Every invited committee has answered."))
    return signer


def joint_close_cosigning(*, actor, joint, version=None) -> JointProposal:
    """The drafting office sends the proposal on without the committees that have not answered."""
    with transaction.atomic():
        joint = lock_joint(joint, version=version, allowed=lambda j: permissions.can_send_joint(actor, j))
        signers = list(joint.signers.select_related("organisation"))
        waiting = [s for s in signers if s.status == JointSignerStatus.INVITED]
        JOINT_WORKFLOW.target("close_cosigning", joint.status)
        for signer in waiting:
            signer.status, signer.comment = JointSignerStatus.DECLINED, gettext("Did not answer before sending.")
            signer.save(update_fields=["status", "comment"])
        _leave(joint, actor=actor, action="close_cosigning", signers=signers,
               comment=gettext("Sent without %(names)s, who had not answered.") % {"names": "、".join(s.name for s in waiting)}
               if waiting else "")
    return joint


# --- the higher committee ----------------------------------------------------------------------------------------


def joint_receive(*, actor, joint, version=None) -> JointProposal:
    """签收: the higher committee's proposal office receives the joint proposal; it becomes a proposal of the
    higher committee, submitted to its own pre-review like any other."""
    with transaction.atomic():
        joint = lock_joint(joint, version=version, allowed=lambda j: permissions.can_receive_joint(actor, j))
        JOINT_WORKFLOW.target("receive", joint.status)
        target = joint.target
        term = target.current_term()
        if term is None:
            raise DomainError(gettext("The organisation has no current term: ask the administrator to set one up."))
        now = timezone.now()
        session, kind = session_for(target, now)
        proposal = Proposal.objects.create(
            organisation=target, term=term, session=session, kind=kind, submitter_kind=SubmitterKind.COMMITTEE,
            created_by=actor, **{f: getattr(joint, f) for f in JOINT_TEXT_FIELDS})
        committees = proposing_committees(joint)
        ProposalSigner.objects.bulk_create([
            ProposalSigner(proposal=proposal, committee=committee, role=SignerRole.COMMITTEE,
                           status=SignerStatus.CONFIRMED, position=position)
            for position, committee in enumerate(committees)])
        carried = _carry_attachments(joint, proposal, actor=actor)
        joint.proposal, joint.received_at = proposal, now
        _move(joint, "receive", actor=actor, fields=["proposal", "received_at"], organisation=target,
              data={"attachments": carried} if carried else None)
        record(proposal, "create", actor=actor, from_state="", to_state=proposal.status,
               data={"joint": joint.pk, "from": joint.proposers_label})
        enter_submitted(proposal, actor=actor, action="submit",
                        comment=gettext("Joint proposal of %(names)s.") % {"names": joint.proposers_label})
        _tell(committees, joint, "received",
              _("%(name)s received the joint proposal “%(title)s”"), {"name": target.short_name})
    return joint


def joint_registered_above(proposal, *, actor) -> None:
    """The higher committee registered the proposal a joint proposal became (called by its registration)."""
    joint = JointProposal.objects.filter(proposal=proposal).first()
    if joint is None:
        return
    joint = lock_joint(joint)
    joint.registered_at = proposal.registered_at
    _move(joint, "registered_above", actor=actor, data={"number": proposal.number_label}, fields=["registered_at"],
          organisation=proposal.organisation)
    _tell(proposing_committees(joint), joint, "registered",
          _("The joint proposal “%(title)s” was registered as %(number)s"), {"number": proposal.number_label})


def joint_record_outcome(*, actor, joint, registered: bool, number: str = "", reply_text: str = "",
                         reply_on: dt.date | None = None, registered_on: dt.date | None = None,
                         version=None) -> JointProposal:
    """The drafting office records what a committee outside the deployment decided: registered or not, its number,
    its reply. Recorded again when a reply comes later."""
    with transaction.atomic():
        joint = lock_joint(joint, version=version, allowed=lambda j: permissions.can_record_joint_outcome(actor, j))
        number = (number or "").strip()[:60]
        if registered and not number:
            raise DomainError(gettext("Give the number that committee registered it under."),
                              errors={"number": gettext("Required when it was registered.")})
        if reply_on and reply_on > timezone.localdate():
            raise DomainError(gettext("The reply date cannot be in the future."),
                              errors={"reply_on": gettext("A date in the future.")})
        joint.outside_number = number if registered else ""
        joint.reply_text, joint.reply_on = (reply_text or "").strip(), reply_on
        if registered:
            when = registered_on or (joint.registered_at and timezone.localdate(joint.registered_at)) or timezone.localdate()
            joint.registered_at = timezone.make_aware(dt.datetime.combine(when, dt.time(12)))
        else:
            joint.registered_at = None
        _move(joint, "record_registered" if registered else "record_not_registered", actor=actor,
              fields=["outside_number", "reply_text", "reply_on", "registered_at"],
              data={"number": joint.outside_number, "reply_on": reply_on.isoformat() if reply_on else ""})
        others = [s.organisation for s in joint.signers.select_related("organisation")
                  if s.organisation_id and s.status == JointSignerStatus.CONFIRMED]
        _tell(others, joint, "outcome", _("%(name)s recorded the outcome of the joint proposal “%(title)s”"),
              {"name": joint.organisation.short_name})
    return joint
