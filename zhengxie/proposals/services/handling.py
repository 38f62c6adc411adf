"""办: assignment (单办 / 分办 / 会办, optionally confirmed by the Party/government office), objections and
reassignment, the unit's work (contacts with the proposer, co-handlers' input, extensions) and the reply: drafted,
countersigned (会签), signed off by the unit's leader, then accepted or returned by the office."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import hooks
from zhengxie.core.choices import Role
from zhengxie.core.dates import add_months, add_working_days
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, attachment_add, check_upload
from zhengxie.core.promises import clean_promises
from zhengxie.core.services import audit_log
from zhengxie.core.transitions import bump

from .. import permissions
from ..choices import (
    REPLYING_ROLES,
    AssignmentMode,
    ContactWay,
    Disclosure,
    ProposalStatus,
    ReplyCategory,
    TaskRole,
    TaskStatus,
)
from ..models import ContactRecord, HandlingTask, Reply
from ..org_settings import setting
from ..workflow import TASK_WORKFLOW
from .common import (
    check,
    lock_proposal,
    lock_task,
    move,
    move_task,
    office_users,
    record,
    require,
    require_text,
    signer_users,
    tell,
    tell_committees,
    unit_users,
    users_with_role,
)
from .review import run_batch

# --- assignment ---------------------------------------------------------------------------------------------------


def _check_units(proposal, mode: str, lead_units, co_units):
    lead_units, co_units = list(lead_units), list(co_units)
    if mode not in AssignmentMode.values:
        raise DomainError(gettext("Choose how the proposal is to be handled."))
    everyone = lead_units + co_units
    if len({u.pk for u in everyone}) != len(everyone):
        raise DomainError(gettext("A unit can be named only once."))
    if any(u.organisation_id != proposal.organisation_id or not u.is_active for u in everyone):
        raise NotAllowed()
    if mode == AssignmentMode.SOLE and (len(lead_units) != 1 or co_units):
        raise DomainError(gettext("A proposal handled by a single unit names exactly one unit."))
    if mode == AssignmentMode.SPLIT and (len(lead_units) < 2 or co_units):
        raise DomainError(gettext("A proposal handled separately names at least two units, each of which replies."))
    if mode == AssignmentMode.JOINT and (len(lead_units) != 1 or not co_units):
        raise DomainError(gettext("A jointly handled proposal names one lead unit and at least one co-handler."))
    role = {AssignmentMode.SOLE: TaskRole.SOLE, AssignmentMode.SPLIT: TaskRole.SPLIT, AssignmentMode.JOINT: TaskRole.LEAD}[mode]
    return [(u, role) for u in lead_units] + [(u, TaskRole.CO) for u in co_units]


def _start(task, *, today, organisation):
    """Start the clock of an assigned task: reply (or input) due dates counted from today."""
    task.assigned_at = timezone.now()
    task.due_on = add_months(today, setting(organisation, "reply_due_months"))
    if task.role == TaskRole.CO:
        task.input_due_on = add_months(today, setting(organisation, "cohandler_input_months"))


def _update_proposal_due(proposal) -> None:
    dues = [t.due_on for t in proposal.tasks.exclude(status=TaskStatus.CANCELLED) if t.role in REPLYING_ROLES and t.due_on]
    proposal.due_on = max(dues) if dues else None
    proposal.save(update_fields=["due_on"])


def _tell_units(tasks, proposal):
    for task in tasks:
        tell(unit_users(task), proposal, "assigned",
             _("Proposal %(number)s “%(title)s” was assigned to your unit (%(role)s), reply due %(due)s"),
             {"role": task.get_role_display(), "due": task.due_on.isoformat() if task.due_on else ""}, task=task)


def proposal_assign(*, actor, proposal, mode: str, lead_units, co_units=(), comment: str = "",
                    version: int | None = None) -> list[HandlingTask]:
    """交办 to one unit (单办), several units that each reply (分办), or a lead unit with co-handlers (会办).
    Where the organisation wants it, the Party/government office confirms the assignment first."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_office(actor, proposal.organisation))
        org = proposal.organisation
        plan = _check_units(proposal, mode, lead_units, co_units)
        confirm = setting(org, "assignment_confirmation")
        check("assign", proposal.status)
        today = timezone.localdate()
        tasks = []
        for unit, role in plan:
            task = HandlingTask(proposal=proposal, organisation=org, unit=unit, role=role,
                                status=TaskStatus.PENDING if confirm else TaskStatus.HANDLING)
            if not confirm:
                _start(task, today=today, organisation=org)
            tasks.append(task)
        HandlingTask.objects.bulk_create(tasks)
        proposal.mode = mode
        data = {"mode": mode, "units": [f"{t.unit.name}（{t.get_role_display()}）" for t in tasks]}
        if confirm:
            move(proposal, "assign_for_confirmation", actor=actor, comment=comment, fields=["mode"], data=data)
            tell(users_with_role(org, Role.PARTY_GOV_OFFICE), proposal, "assignment_to_confirm",
                 _("The assignment of proposal %(number)s “%(title)s” awaits your confirmation"))
        else:
            proposal.assigned_at = timezone.now()
            move(proposal, "assign", actor=actor, comment=comment, fields=["mode", "assigned_at"], data=data)
            _update_proposal_due(proposal)
            _tell_units(tasks, proposal)
    return tasks


def proposals_assign_batch(*, actor, organisation, ids, unit):
    """Assign several registered proposals to one unit each (单办), as at an assignment meeting."""
    require(permissions.is_office(actor, organisation))
    return run_batch(organisation, ids, lambda proposal: proposal_assign(
        actor=actor, proposal=proposal, mode=AssignmentMode.SOLE, lead_units=[unit],
        comment=gettext("Assigned in a batch.")))


def proposal_confirm_assignment(*, actor, proposal, comment: str = "", version: int | None = None):
    """The Party/government office confirms: the units' clocks start now."""
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_party_gov(actor, proposal.organisation))
        org = proposal.organisation
        check("confirm_assignment", proposal.status)
        today = timezone.localdate()
        tasks = list(proposal.tasks.filter(status=TaskStatus.PENDING).select_related("unit"))
        for task in tasks:
            _start(task, today=today, organisation=org)
            task.save(update_fields=["assigned_at", "due_on", "input_due_on"])
            move_task(task, "activate", actor=actor, proposal=proposal)
        proposal.assigned_at = timezone.now()
        move(proposal, "confirm_assignment", actor=actor, comment=comment, fields=["assigned_at"])
        _update_proposal_due(proposal)
        _tell_units(tasks, proposal)
        tell(office_users(org), proposal, "assignment_confirmed", _("The assignment of “%(title)s” was confirmed"))
    return proposal


def proposal_send_back_assignment(*, actor, proposal, comment: str, version: int | None = None):
    """The Party/government office does not agree with the units chosen: the office assigns again."""
    comment = require_text(comment, gettext("Say what should change in the assignment."))
    with transaction.atomic():
        proposal = lock_proposal(proposal, version=version,
                                 allowed=lambda proposal: permissions.is_party_gov(actor, proposal.organisation))
        check("send_back_assignment", proposal.status)
        for task in proposal.tasks.filter(status=TaskStatus.PENDING).select_related("unit"):
            move_task(task, "cancel", actor=actor, proposal=proposal, comment=comment)
        proposal.mode = ""
        move(proposal, "send_back_assignment", actor=actor, comment=comment, fields=["mode"])
        tell(office_users(proposal.organisation), proposal, "assignment_sent_back",
             _("The assignment of “%(title)s” was sent back: %(reason)s"), {"reason": comment})
    return proposal


# --- objections and reassignment -------------------------------------------------------------------------------------


def _unit_user(actor, task):
    require(permissions.works_on(actor, task))


def task_object(*, actor, task, reason: str, version: int | None = None) -> HandlingTask:
    """The unit thinks the proposal is not its business: it says so, with a reason, within the set number of days.
    Units never pass a proposal on themselves; the office decides."""
    reason = require_text(reason, gettext("Give the reason for the objection."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.works_on(actor, task))
        days = setting(task.organisation, "objection_days")
        if task.assigned_at and (timezone.localdate() - timezone.localtime(task.assigned_at).date()).days > days:
            raise DomainError(gettext("Objections must be raised within %(days)d days of the assignment.") % {"days": days})
        if task.replies.exists():
            raise DomainError(gettext("The unit has started its reply: it can no longer object."))
        task.objection_reason, task.objected_at = reason, timezone.now()
        move_task(task, "object", actor=actor, comment=reason, fields=["objection_reason", "objected_at"])
        tell(office_users(task.organisation), task.proposal, "objection",
             _("%(unit)s objects to the assignment of “%(title)s”"), {"unit": task.unit.name}, task=task)
    return task


def task_dismiss_objection(*, actor, task, comment: str, version: int | None = None) -> HandlingTask:
    comment = require_text(comment, gettext("Explain to the unit why it keeps the proposal."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        move_task(task, "dismiss_objection", actor=actor, comment=comment)
        tell(unit_users(task), task.proposal, "objection_dismissed",
             _("Your objection to “%(title)s” was not accepted: %(reason)s"), {"reason": comment}, task=task)
    return task


def task_reassign(*, actor, task, unit, comment: str = "", version: int | None = None) -> HandlingTask:
    """The office takes the proposal away from a unit (after an objection, or otherwise) and gives the same part to
    another unit, whose clock starts now."""
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        proposal = lock_proposal(task.proposal_id)
        org = proposal.organisation
        check("reassign", proposal.status)
        if unit.organisation_id != org.pk or not unit.is_active:
            raise NotAllowed()
        if proposal.tasks.exclude(status=TaskStatus.CANCELLED).filter(unit=unit).exists():
            raise DomainError(gettext("%(unit)s already handles this proposal.") % {"unit": unit.name})
        TASK_WORKFLOW.target("cancel", task.status)
        old_unit = task.unit
        move_task(task, "cancel", actor=actor, proposal=proposal, comment=comment)
        new = HandlingTask(proposal=proposal, organisation=org, unit=unit, role=task.role, status=TaskStatus.HANDLING)
        _start(new, today=timezone.localdate(), organisation=org)
        new.save()
        bump(proposal)
        record(proposal, "reassign", actor=actor, from_state=proposal.status, to_state=proposal.status, comment=comment,
               data={"from": old_unit.name, "to": unit.name}, task=new)
        _update_proposal_due(proposal)
        _tell_units([new], proposal)
        tell(unit_users(old_unit), proposal, "reassigned_away", _("“%(title)s” was reassigned to %(unit)s"),
             {"unit": unit.name}, task=task)
    return new


# --- the unit's work ------------------------------------------------------------------------------------------------


def task_contact_add(*, actor, task, contacted_on, way: str, notes: str) -> ContactRecord:
    """面商: a contact with the proposer (date, way, what was said)."""
    notes = require_text(notes, gettext("Write what was discussed."))
    if way not in ContactWay.values:
        raise DomainError(gettext("Choose how the proposer was contacted."))
    if contacted_on > timezone.localdate():
        raise DomainError(gettext("The date of a contact cannot be in the future."))
    with transaction.atomic():
        task = lock_task(task)
        _unit_user(actor, task)
        TASK_WORKFLOW.target("contact", task.status)
        contact = ContactRecord.objects.create(task=task, contacted_on=contacted_on, way=way, notes=notes,
                                               created_by=actor)
        record(task.proposal, "contact", actor=actor, from_state=task.status, to_state=task.status, comment=notes,
               data={"unit": task.unit.name, "date": contacted_on.isoformat(), "way": way}, task=task)
    return contact


def task_extension_request(*, actor, task, months: int, reason: str, version: int | None = None) -> HandlingTask:
    """Ask the office for more time (at most the set number of months in all)."""
    reason = require_text(reason, gettext("Give the reason for the extension."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.works_on(actor, task))
        if task.role == TaskRole.CO:
            raise DomainError(gettext("Co-handlers follow the lead unit's due date."))
        TASK_WORKFLOW.target("request_extension", task.status)
        if task.extension_requested:
            raise DomainError(gettext("An extension request is already waiting for the office."))
        allowed = setting(task.organisation, "max_extension_months") - task.extension_months
        if months < 1 or months > allowed:
            raise DomainError(gettext("At most %(n)d more month(s) can be asked for.") % {"n": max(allowed, 0)})
        task.extension_requested, task.extension_reason = months, reason
        bump(task, "extension_requested", "extension_reason")
        record(task.proposal, "request_extension", actor=actor, from_state=task.status, to_state=task.status,
               comment=reason, data={"unit": task.unit.name, "months": months}, task=task)
        tell(office_users(task.organisation), task.proposal, "extension_requested",
             _("%(unit)s asks for %(months)d more month(s) on “%(title)s”"),
             {"unit": task.unit.name, "months": months}, task=task)
    return task


def task_extension_decide(*, actor, task, approve: bool, comment: str = "", version: int | None = None) -> HandlingTask:
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        TASK_WORKFLOW.target("decide_extension", task.status)
        months = task.extension_requested
        if not months:
            raise DomainError(gettext("There is no extension request to decide."))
        task.extension_requested = 0
        fields = ["extension_requested", "version"]
        if approve:
            task.extension_months += months
            task.due_on = add_months(task.due_on, months)
            fields += ["extension_months", "due_on"]
            if task.role == TaskRole.LEAD:
                for co in task.proposal.tasks.filter(role=TaskRole.CO).exclude(status=TaskStatus.CANCELLED):
                    co.due_on = task.due_on
                    co.save(update_fields=["due_on"])
        task.version += 1
        task.save(update_fields=fields)
        record(task.proposal, "decide_extension", actor=actor, from_state=task.status, to_state=task.status,
               comment=comment, data={"unit": task.unit.name, "months": months, "approved": approve}, task=task)
        _update_proposal_due(task.proposal)
        tell(unit_users(task), task.proposal, "extension_decided",
             _("Your extension on “%(title)s” was granted: reply due %(due)s") if approve
             else _("Your extension on “%(title)s” was refused"), {"due": task.due_on.isoformat()}, task=task)
    return task


def task_input_send(*, actor, task, text: str, upload=None, version: int | None = None) -> HandlingTask:
    """A co-handler sends its input (会办意见) to the lead unit."""
    text = require_text(text, gettext("Write the input for the lead unit."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.works_on(actor, task))
        if task.role != TaskRole.CO:
            raise DomainError(gettext("Only co-handlers send input to a lead unit."))
        task.input_text, task.input_sent_at = text, timezone.now()
        move_task(task, "send_input", actor=actor, comment=text, fields=["input_text", "input_sent_at"])
        if upload is not None:
            _attach(actor, task.organisation, task, upload, "input")
        lead = task.proposal.tasks.filter(role=TaskRole.LEAD).exclude(status=TaskStatus.CANCELLED).select_related("unit").first()
        if lead:
            tell(unit_users(lead), task.proposal, "input_sent", _("%(unit)s sent its input on “%(title)s”"),
                 {"unit": task.unit.name}, task=lead)
    return task


def _attach(actor, organisation, owner, upload, role):
    check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=setting(organisation, "attachment_max_mb") * 1048576)
    return attachment_add(actor=actor, organisation=organisation, owner=owner, upload=upload, role=role)


# --- the reply ----------------------------------------------------------------------------------------------------------


def reply_categories(organisation) -> list[tuple[str, str]]:
    allowed = [c for c in ReplyCategory.choices if c[0] != ReplyCategory.D or setting(organisation, "category_d")]
    return allowed


def _check_category(organisation, category: str) -> None:
    if category not in [c for c, _label in reply_categories(organisation)]:
        raise DomainError(gettext("Choose a result category from the list."), errors={"category": gettext("Not in the list.")})


def reply_save(*, actor, task, text: str, category: str, contact_name: str = "", contact_phone: str = "",
               upload=None, letter: dict | None = None, promises=None) -> Reply:
    """Draft (or redraft) the reply of this round; a supplementary reply after a redo is a new round. ``letter``:
    the letter's 签发人 (``issuer``), 文号 (``document_number``) and 公开属性 (``disclosure``). ``promises``: the
    measures promised with their dates (``clean_promises``); ``None`` keeps those already written."""
    _check_category(task.organisation, category)
    if promises is not None:
        promises = clean_promises(promises)
    letter = {k: (v or "").strip() for k, v in (letter or {}).items() if k in ("issuer", "document_number", "disclosure")}
    if letter.get("disclosure") and letter["disclosure"] not in Disclosure.values:
        raise DomainError(gettext("Choose how the letter is disclosed."))
    with transaction.atomic():
        task = lock_task(task)
        _unit_user(actor, task)
        if task.role == TaskRole.CO:
            raise DomainError(gettext("The lead unit writes the reply; co-handlers send their input."))
        TASK_WORKFLOW.target("draft_reply", task.status)
        reply, created = Reply.objects.get_or_create(
            task=task, round=task.round, defaults={"text": text, "category": category, "drafted_by": actor},
        )
        reply.text, reply.category, reply.unit_category = (text or "").strip(), category, category
        reply.contact_name, reply.contact_phone = contact_name.strip(), contact_phone.strip()
        reply.drafted_by, reply.updated_at = actor, timezone.now()
        for key, value in letter.items():
            if value or key != "disclosure":  # no choice keeps the letter public
                setattr(reply, key, value[:60])
        if promises is not None:
            reply.promises = promises
        reply.save()
        if upload is not None:
            _attach(actor, task.organisation, reply, upload, "reply")
        audit_log(actor=actor, organisation=task.organisation, action="proposals.reply.saved", obj=reply,
                  changes={"category": category, "round": task.round, "created": created,
                           "promises": len(reply.promises)})
    return reply


def reply_submit(*, actor, task, version: int | None = None) -> HandlingTask:
    """Send the drafted reply on: to the co-handlers for countersignature (会办), else to the unit's leader."""
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.works_on(actor, task))
        reply = task.replies.filter(round=task.round).first()
        if reply is None or not reply.text:
            raise DomainError(gettext("Write the reply first."))
        if setting(task.organisation, "contact_required") and not task.contacts.exists():
            raise DomainError(gettext("Record the contact with the proposer (面商) before replying."))
        cos = list(task.proposal.tasks.filter(role=TaskRole.CO).exclude(status=TaskStatus.CANCELLED).select_related("unit"))
        if task.role == TaskRole.LEAD and cos:
            move_task(task, "request_countersign", actor=actor)
            for co in cos:
                tell(unit_users(co), task.proposal, "countersign_requested",
                     _("The reply to “%(title)s” awaits your unit's countersignature"), task=co)
        else:
            move_task(task, "request_signoff", actor=actor)
            tell(unit_users(task, leaders_only=True), task.proposal, "signoff_requested",
                 _("The reply to “%(title)s” awaits your sign-off"), task=task)
    return task


def task_countersign(*, actor, task, agree: bool, comment: str = "", version: int | None = None) -> HandlingTask:
    """会签: a co-handler agrees with the lead's reply, or sends it back with its comment."""
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.works_on(actor, task))
        if task.role != TaskRole.CO:
            raise DomainError(gettext("Only co-handlers countersign."))
        TASK_WORKFLOW.target("countersign" if agree else "refuse_countersign", task.status)
        lead = task.proposal.tasks.filter(role=TaskRole.LEAD).exclude(status=TaskStatus.CANCELLED).first()
        lead = lock_task(lead) if lead else None
        if lead is None or lead.status != TaskStatus.COUNTERSIGNING:
            raise DomainError(gettext("The lead unit's reply is not waiting for countersignatures."))
        proposal = task.proposal
        if agree:
            task.countersigned_at, task.countersign_comment = timezone.now(), comment.strip()
            move_task(task, "countersign", actor=actor, proposal=proposal, comment=comment,
                      fields=["countersigned_at", "countersign_comment"])
            others = proposal.tasks.filter(role=TaskRole.CO).exclude(status=TaskStatus.CANCELLED).exclude(pk=task.pk)
            if not others.exclude(status=TaskStatus.COUNTERSIGNED).exists():
                move_task(lead, "countersigned", actor=actor, proposal=proposal)
                tell(unit_users(lead, leaders_only=True), proposal, "signoff_requested",
                     _("The reply to “%(title)s” awaits your sign-off"), task=lead)
        else:
            comment = require_text(comment, gettext("Say what the lead unit should change."))
            record(proposal, "refuse_countersign", actor=actor, from_state=task.status, to_state=task.status,
                   comment=comment, data={"unit": task.unit.name}, task=task)
            bump(task)
            move_task(lead, "countersign_refused", actor=actor, proposal=proposal, comment=comment)
            _reset_countersignatures(proposal, actor)
            tell(unit_users(lead), proposal, "countersign_refused",
                 _("%(unit)s did not countersign the reply to “%(title)s”: %(reason)s"),
                 {"unit": task.unit.name, "reason": comment}, task=lead)
    return task


def _reset_countersignatures(proposal, actor):
    for co in proposal.tasks.filter(role=TaskRole.CO, status=TaskStatus.COUNTERSIGNED).select_related("unit"):
        co.countersigned_at = None
        move_task(co, "reset_countersign", actor=actor, proposal=proposal, fields=["countersigned_at"])


def reply_sign_off(*, actor, task, approve: bool = True, comment: str = "", version: int | None = None) -> HandlingTask:
    """The unit's leader signs the reply off (it goes to the office), or returns it to the drafter."""
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.leads_unit_of(actor, task))
        proposal = task.proposal
        if not approve:
            comment = require_text(comment, gettext("Say what the drafter should change."))
            move_task(task, "return_to_drafter", actor=actor, comment=comment)
            _reset_countersignatures(proposal, actor)
            tell(unit_users(task), proposal, "signoff_refused",
                 _("The reply to “%(title)s” was returned by your leader: %(reason)s"), {"reason": comment}, task=task)
            return task
        now = timezone.now()
        reply = task.replies.get(round=task.round)
        reply.signed_off_by, reply.signed_off_at, reply.submitted_at = actor, now, now
        reply.save(update_fields=["signed_off_by", "signed_off_at", "submitted_at"])
        task.replied_at = now
        move_task(task, "sign_off", actor=actor, comment=comment, fields=["replied_at"],
                  data={"category": reply.category, "round": task.round})
        tell(office_users(task.organisation), proposal, "reply_submitted",
             _("%(unit)s replied to “%(title)s”: the reply awaits your review"), {"unit": task.unit.name}, task=task)
    return task


def reply_accept(*, actor, task, category: str | None = None, comment: str = "", version: int | None = None) -> HandlingTask:
    """The office accepts the reply (and may change its category). When every replying unit's reply is accepted, the
    proposers are asked to rate it within the set number of working days."""
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        proposal = lock_proposal(task.proposal_id)
        org = proposal.organisation
        reply = task.replies.get(round=task.round)
        data = {"round": task.round}
        if category and category != reply.category:
            _check_category(org, category)
            data["category"] = [reply.category, category]
            reply.category = category
        reply.accepted_at, reply.reviewed_by = timezone.now(), actor
        reply.save(update_fields=["category", "accepted_at", "reviewed_by"])
        move_task(task, "accept_reply", actor=actor, proposal=proposal, comment=comment, data=data)
        if reply.promises or reply.category == ReplyCategory.B:
            # Promises (measures with their dates, or a B reply, "being solved or in plan"): whoever follows them
            # hears of each after the commit; ``part`` tells the measures of one reply apart.
            common = {"organisation": org, "source": reply, "unit": task.unit, "actor": actor, "origin": proposal,
                      "kind": "proposal_reply", "followers": [u.pk for u in signer_users(proposal)],
                      "origin_url": reverse("proposals:detail", args=[proposal.pk]),
                      "source_label": proposal.number_label or proposal.title}
            for n, promise in enumerate(reply.promises, start=1):
                hooks.emit_on_commit("commitment.made", title=promise["measure"], due_on=dt.date.fromisoformat(
                    promise["due_on"]), text=reply.text, part=n, **common)
            if not reply.promises:
                hooks.emit_on_commit("commitment.made", title=proposal.title, text=reply.text, due_on=None, **common)
        replying = [t for t in proposal.tasks.exclude(status=TaskStatus.CANCELLED) if t.role in REPLYING_ROLES]
        if all(t.status == TaskStatus.ACCEPTED for t in replying) and proposal.status == ProposalStatus.HANDLING:
            proposal.rating_due_on = add_working_days(timezone.localdate(), setting(org, "rating_working_days"), org)
            move(proposal, "replies_accepted", actor=actor, fields=["rating_due_on"])
            tell(signer_users(proposal), proposal, "rate_reply",
                 _("The reply to your proposal “%(title)s” is ready: please rate it by %(date)s"),
                 {"date": proposal.rating_due_on.isoformat()})
            tell_committees(proposal, "rate_reply",
                            _("The reply to the joint proposal “%(title)s” is ready: your committee rates it by %(date)s"),
                            {"date": proposal.rating_due_on.isoformat()})
    return task


def reply_return(*, actor, task, comment: str, version: int | None = None) -> HandlingTask:
    """The office returns the reply to the unit, with what to improve."""
    comment = require_text(comment, gettext("Say what the unit should improve."))
    with transaction.atomic():
        task = lock_task(task, version=version, allowed=lambda task: permissions.is_office(actor, task.organisation))
        reply = task.replies.get(round=task.round)
        reply.signed_off_by, reply.signed_off_at, reply.submitted_at = None, None, None
        reply.save(update_fields=["signed_off_by", "signed_off_at", "submitted_at"])
        task.replied_at = None
        move_task(task, "return_reply", actor=actor, comment=comment, fields=["replied_at"])
        _reset_countersignatures(task.proposal, actor)
        tell(unit_users(task), task.proposal, "reply_returned",
             _("The office returned your reply to “%(title)s”: %(reason)s"), {"reason": comment}, task=task)
    return task

