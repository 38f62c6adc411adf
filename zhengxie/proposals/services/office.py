"""The office's paperwork around handling: the unit's receipt (回执) of its assignment paper (交办单), the
Party/government office's batch confirmation, the batch review of replies, a manual reminder (催办) with a note,
and the leaders who lead the supervision of a key proposal (领衔督办)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import JPEG, PNG, attachment_add, attachments_of, check_upload
from zhengxie.core.permissions import roles_in
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump

from .. import permissions
from ..choices import OPEN_TASK_STATES, KeyState, ReminderKind, TaskStatus
from ..models import HandlingTask, ReminderLog
from .common import lock_proposal, lock_task, record, require, require_text, tell, unit_users, url_of
from .handling import proposal_confirm_assignment, reply_accept
from .review import BatchResult, run_batch


def task_receipt_confirm(*, actor, task, version: int | None = None) -> HandlingTask:
    """回执: the unit confirms online that it received its assignment paper and the proposal (once)."""
    with transaction.atomic():
        task = lock_task(task, version=version)
        require(task.unit_id in permissions.unit_ids(actor, task.organisation))
        if task.status in (TaskStatus.PENDING, TaskStatus.CANCELLED):
            raise DomainError(gettext("This assignment is not in force: there is nothing to confirm."))
        if task.receipt_confirmed_at is not None:
            raise DomainError(gettext("The receipt was confirmed already."))
        task.receipt_confirmed_at, task.receipt_confirmed_by = timezone.now(), actor
        bump(task, "receipt_confirmed_at", "receipt_confirmed_by")
        record(task.proposal, "receipt", actor=actor, from_state=task.status, to_state=task.status, task=task,
               data={"unit": task.unit.name})
    return task


def tasks_receipt_confirm_batch(*, actor, organisation, ids) -> BatchResult:
    """Confirm the receipt of several assignments at once (the unit's whole 交办单)."""
    result = BatchResult()
    tasks = HandlingTask.objects.filter(organisation=organisation, pk__in=list(ids),
                                        unit_id__in=permissions.unit_ids(actor, organisation)).select_related("proposal")
    for task in tasks:
        try:
            task_receipt_confirm(actor=actor, task=task)
        except DomainError as exc:
            result.failed.append((task.proposal, str(exc)))
        else:
            result.done.append(task.proposal)
    return result


def proposals_confirm_assignment_batch(*, actor, organisation, ids) -> BatchResult:
    """The Party/government office confirms the assignments of several proposals at once."""
    require(permissions.is_party_gov(actor, organisation))
    return run_batch(organisation, ids, lambda proposal: proposal_confirm_assignment(
        actor=actor, proposal=proposal, comment=gettext("Confirmed in a batch.")))


def replies_accept_batch(*, actor, organisation, task_ids) -> BatchResult:
    """The office accepts several replies as the units categorised them (each in its own transaction)."""
    require(permissions.is_office(actor, organisation))
    result = BatchResult()
    tasks = (HandlingTask.objects.filter(organisation=organisation, pk__in=list(task_ids), status=TaskStatus.REPLIED)
             .select_related("proposal").order_by("replied_at", "pk"))
    for task in tasks:
        try:
            reply_accept(actor=actor, task=task, comment=gettext("Accepted in a batch."))
        except DomainError as exc:
            result.failed.append((task.proposal, str(exc)))
        else:
            result.done.append(task.proposal)
    return result


def task_remind(*, actor, task, note: str) -> ReminderLog:
    """催办: the office reminds a unit of an open assignment, in its own words; the unit's staff and leaders are told
    and the reminder stays in the proposal's history (any number a day, unlike the daily automatic ones)."""
    note = require_text(note, gettext("Write what the reminder says to the unit."))
    with transaction.atomic():
        task = lock_task(task)
        proposal = task.proposal
        require(permissions.is_office(actor, task.organisation))
        if task.status not in OPEN_TASK_STATES:
            raise DomainError(gettext("Only an assignment still being handled can be reminded."))
        reminder = ReminderLog.objects.create(task=task, kind=ReminderKind.MANUAL, sent_on=timezone.localdate(),
                                              note=note[:1000], sent_by=actor)
        record(proposal, "remind", actor=actor, from_state=task.status, to_state=task.status, task=task, comment=note,
               data={"unit": task.unit.name, "overdue": task.is_overdue})
        tell(unit_users(task), proposal, "reminded", _("The proposal office reminds you about “%(title)s”: %(note)s"),
             {"note": note[:200]}, task=task)
    return reminder


# --- the unit's seal on its reply letters ------------------------------------------------------------------------

SEAL_ROLE = "seal"
SEAL_KINDS = (PNG, JPEG)
SEAL_MAX_BYTES = 1024 * 1024
SEAL_MIN_PIXELS, SEAL_MAX_PIXELS = 100, 2000


def unit_seal(unit):
    """The unit's seal image (an attachment of the unit), or None."""
    return attachments_of(unit, role=SEAL_ROLE).order_by("-pk").first()


def _seal_size(upload) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
            size = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(gettext("The image cannot be read: upload the seal as a PNG or JPEG picture."),
                          code="file_type") from exc
    finally:
        upload.seek(0)
    return size


def _drop(attachments):
    """Delete the rows now and their files once the transaction has committed (a rollback keeps both)."""
    for old in attachments:
        storage, name = old.file.storage, old.file.name
        old.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def unit_seal_set(*, actor, unit, upload):
    """Upload (or replace) the seal image printed on the unit's reply letters: PNG or JPEG, at most 1 MB, between
    100 and 2,000 pixels a side; the one before is removed."""
    require(permissions.can_manage_seal(actor, unit))
    if upload is None:
        raise DomainError(gettext("Choose the image of the seal."), errors={"seal": gettext("Choose a file.")})
    check_upload(upload, allowed=SEAL_KINDS, max_bytes=SEAL_MAX_BYTES)
    width, height = _seal_size(upload)
    if not (SEAL_MIN_PIXELS <= min(width, height) and max(width, height) <= SEAL_MAX_PIXELS):
        raise DomainError(gettext("The seal image is %(w)d × %(h)d pixels: each side must be between %(min)d and "
                                  "%(max)d pixels.") % {"w": width, "h": height, "min": SEAL_MIN_PIXELS,
                                                        "max": SEAL_MAX_PIXELS}, code="file_size")
    with transaction.atomic():
        previous = list(attachments_of(unit, role=SEAL_ROLE))
        attachment = attachment_add(actor=actor, organisation=unit.organisation, owner=unit, upload=upload,
                                    role=SEAL_ROLE, allowed=SEAL_KINDS)
        _drop(previous)
        audit_log(actor=actor, organisation=unit.organisation, action="proposals.unit_seal.set", obj=unit,
                  changes={"file": attachment.original_name, "size": attachment.size, "pixels": f"{width}x{height}",
                           "replaced": len(previous)})
    return attachment


def unit_seal_remove(*, actor, unit) -> int:
    """Remove the seal: the reply letters are then printed without it."""
    require(permissions.can_manage_seal(actor, unit))
    with transaction.atomic():
        removed = list(attachments_of(unit, role=SEAL_ROLE))
        if not removed:
            raise DomainError(gettext("This unit has no seal image."))
        _drop(removed)
        audit_log(actor=actor, organisation=unit.organisation, action="proposals.unit_seal.removed", obj=unit,
                  changes={"removed": len(removed)})
    return len(removed)


def proposal_key_leaders_set(*, actor, proposal, leaders) -> list:
    """领衔督办: the leaders who lead the supervision of a key proposal (one or several); new ones are told."""
    leaders = list(leaders)
    with transaction.atomic():
        proposal = lock_proposal(proposal)
        org = proposal.organisation
        require(permissions.is_office(actor, org))
        if proposal.key_state not in (KeyState.NOMINATED, KeyState.APPROVED):
            raise DomainError(gettext("Only a key proposal has leading leaders."))
        allowed = {u.pk for u in leaders if Role.LEADER in roles_in(u, org)}
        if len(allowed) != len({u.pk for u in leaders}):
            raise DomainError(gettext("Choose leaders of this committee."))
        before = set(proposal.key_leaders.values_list("pk", flat=True))
        proposal.key_leaders.set(leaders)
        proposal.key_leader = leaders[0] if leaders else None
        bump(proposal, "key_leader")
        names = [u.label for u in leaders]
        record(proposal, "leaders_set", actor=actor, from_state=proposal.status, to_state=proposal.status,
               data={"leaders": names})
        added = [u for u in leaders if u.pk not in before]
        if added:
            notify(recipients=added, organisation=org, code="proposals.key_leader", obj=proposal,
                   title=_("You lead the supervision of the key proposal “%(title)s”"),
                   params={"title": proposal.title}, url=url_of(proposal))
    return leaders

