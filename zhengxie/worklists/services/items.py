"""Writes on work lists and their items: create, edit, report progress, supervise, remind, escalate, close.

Every change is a history row and an audit entry (``core.transitions``), the item's row locked and its version
checked; whoever acts next is notified."""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.dates import add_months
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachment_add
from zhengxie.core.services import audit_log, notify

from .. import permissions
from ..choices import CADENCE_MONTHS, DEFAULT_KINDS, OPEN_STATUSES, Cadence, ItemStatus
from ..models import Item, ListKind, Milestone, ProgressReport, SupervisionNote, WorkList
from .common import item_people, item_url, move, office_users, record

logger = logging.getLogger(__name__)

ITEM_FIELDS = ("title", "description", "leader", "leader_name", "unit", "committee", "body_name", "person",
               "person_name", "starts_on", "due_on", "cadence")


def kinds_ensure(organisation) -> list[ListKind]:
    """The organisation's kinds of list, created from the defaults the first time (then they are its data)."""
    existing = {k.key: k for k in ListKind.objects.filter(organisation=organisation)}
    missing = [ListKind(organisation=organisation, key=key, name=str(label), sort_order=index)
               for index, (key, label) in enumerate(DEFAULT_KINDS) if key not in existing]
    if missing:
        ListKind.objects.bulk_create(missing, ignore_conflicts=True)
    return list(ListKind.objects.filter(organisation=organisation))


def list_create(*, actor, organisation, kind: ListKind, year: int, title: str, description: str = "") -> WorkList:
    if not permissions.can_manage(actor, organisation):
        raise NotAllowed()
    title = (title or "").strip()
    if not title:
        raise DomainError(gettext("Give the list a title."), errors={"title": gettext("This field is required.")})
    if kind.organisation_id != organisation.pk:
        raise NotAllowed()
    with transaction.atomic():
        work_list = WorkList.objects.create(organisation=organisation, kind=kind, year=year, title=title[:120],
                                            description=(description or "").strip(), created_by=actor)
        audit_log(actor=actor, organisation=organisation, action="worklists.list.created", obj=work_list,
                  changes={"kind": kind.key, "year": year})
    return work_list


def next_report_on(cadence: str, start: dt.date) -> dt.date | None:
    months = CADENCE_MONTHS.get(cadence)
    return add_months(start, months) if months else None


def _field_errors(organisation, data: dict) -> dict:
    errors = {}
    if not data["title"]:
        errors["title"] = gettext("This field is required.")
    elif len(data["title"]) > 200:
        errors["title"] = gettext("At most 200 characters.")
    if not data.get("due_on"):
        errors["due_on"] = gettext("Give the deadline.")
    elif data.get("starts_on") and data["starts_on"] > data["due_on"]:
        errors["due_on"] = gettext("The deadline comes before the start.")
    for key in ("unit", "committee"):
        if data.get(key) is not None and data[key].organisation_id != organisation.pk:
            errors[key] = gettext("Not of this organisation.")
    if not (data.get("unit") or data.get("committee") or (data.get("body_name") or "").strip()):
        errors["body_name"] = gettext("Name the responsible body: a unit, a committee or an office.")
    if data.get("cadence", Cadence.MONTHLY) not in Cadence.values:
        errors["cadence"] = gettext("Choose from the list.")
    return errors


def clean_item(organisation, data: dict) -> dict:
    """Check an item's fields; a DomainError names each bad field (the form keeps what was typed)."""
    data = dict(data)
    data["title"] = (data.get("title") or "").strip()
    errors = _field_errors(organisation, data)
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_item")
    for key in ("leader_name", "person_name", "body_name", "description"):
        data[key] = (data.get(key) or "").strip()
    for key in ("leader", "person"):
        if data.get(key) is not None and not data[f"{key}_name"]:
            data[f"{key}_name"] = data[key].label[:40]
    return data


def item_create(*, actor, work_list: WorkList, data: dict, milestones=(), check: bool = True, **extra) -> Item:
    """A new item of the list (``extra``: the source fields of a promise, set by ``commitment_track``)."""
    organisation = work_list.organisation
    if check and not permissions.can_manage(actor, organisation):
        raise NotAllowed()
    data = clean_item(organisation, data)
    with transaction.atomic():
        number = (Item.objects.filter(work_list=work_list).aggregate(n=Max("number"))["n"] or 0) + 1
        fields = {key: data.get(key) for key in ITEM_FIELDS if key in data}
        item = Item(organisation=organisation, work_list=work_list, number=number, status="", **fields, **extra)
        item.cadence = item.cadence or Cadence.MONTHLY
        item.next_report_on = next_report_on(item.cadence, item.starts_on or timezone.localdate())
        item.save()
        Milestone.objects.bulk_create([Milestone(item=item, title=t[:120], due_on=d) for t, d in milestones])
        move(item, "create", actor, audit="worklists.item.created", data={"list": work_list.pk})
    people = item_people(item)
    if item.leader_id:
        people.append(item.leader)
    notify(recipients=people, organisation=organisation, code="worklists.item.created",
           title=_("New work item for you: “%(title)s”, due %(date)s"),
           params={"title": item.title, "date": item.due_on.isoformat()}, url=item_url(item), obj=item)
    return item


def _lock(item, version=None) -> Item:
    return transitions.lock(Item, item, version=version)


def item_update(*, actor, item: Item, data: dict, version: int | None = None) -> Item:
    data = clean_item(item.organisation, data)
    with transaction.atomic():
        item = _lock(item, version)
        before = {key: str(getattr(item, key) or "") for key in ITEM_FIELDS if key in data}
        for key in ITEM_FIELDS:
            if key in data:
                setattr(item, key, data[key])
        changed = {key: [before[key], str(getattr(item, key) or "")] for key in before
                   if before[key] != str(getattr(item, key) or "")}
        move(item, "edit", actor, audit="worklists.item.changed", allowed=permissions.can_edit_item(actor, item),
             fields=[key for key in ITEM_FIELDS if key in data], data={"changed": changed})
    return item


def progress_report(*, actor, item: Item, text: str, progress: int, upload=None, version: int | None = None,
                    behind: bool | None = None) -> ProgressReport:
    """The person in charge reports: the text, the new percentage, evidence. The item is on track unless the
    reporter says it is behind, or it is past its deadline."""
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = gettext("Say what was done.")
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        progress = -1
    if not 0 <= progress <= 100:
        errors["progress"] = gettext("A percentage from 0 to 100.")
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_report")
    with transaction.atomic():
        item = _lock(item, version)
        if not permissions.can_report(actor, item):
            raise NotAllowed()
        today, now = timezone.localdate(), timezone.now()
        late = item.due_on < today
        action = "report_behind" if (behind or (behind is None and late)) else "report_on_track"
        report = ProgressReport.objects.create(item=item, organisation=item.organisation, text=text,
                                               progress=progress, reported_by=actor, reported_at=now)
        item.progress, item.last_report_at, item.last_report_text = progress, now, text[:200]
        item.next_report_on = next_report_on(item.cadence, today)
        item.report_requested_at = None
        move(item, action, actor, audit="worklists.item.reported", comment=text,
             fields=["progress", "last_report_at", "last_report_text", "next_report_on", "report_requested_at"],
             data={"progress": progress, "report": report.pk})
        if upload is not None:
            attachment_add(actor=actor, organisation=item.organisation, owner=report, upload=upload, role="evidence")
    notify(recipients=office_users(item.organisation) + ([item.leader] if item.leader_id else []),
           organisation=item.organisation, code="worklists.item.reported",
           title=_("Progress on “%(title)s”: %(progress)d%%"), params={"title": item.title, "progress": progress},
           url=item_url(item), obj=item, email=False)
    return report


def note_add(*, actor, item: Item, text: str, ask_report: bool = False, report_due_on=None) -> SupervisionNote:
    """督办意见, optionally asking the people in charge for a report (by a date)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(gettext("Write the supervision note."), errors={"text": gettext("This field is required.")})
    with transaction.atomic():
        item = _lock(item)
        if not permissions.can_supervise(actor, item):
            raise NotAllowed()
        note = SupervisionNote.objects.create(item=item, text=text, asks_report=ask_report,
                                              report_due_on=report_due_on if ask_report else None, written_by=actor)
        if ask_report:
            item.report_requested_at = timezone.now()
            if report_due_on:
                item.next_report_on = report_due_on
            move(item, "request_report", actor, audit="worklists.item.report_requested", comment=text,
                 fields=["report_requested_at", "next_report_on"],
                 data={"due": report_due_on.isoformat() if report_due_on else ""})
        else:
            record(item, "note", actor, audit="worklists.item.noted", comment=text)
    title = (_("A report is asked for on “%(title)s”") if ask_report else _("Supervision note on “%(title)s”"))
    notify(recipients=item_people(item), organisation=item.organisation, code="worklists.item.noted", title=title,
           params={"title": item.title}, body=text, url=item_url(item), obj=item)
    return note


def milestone_done(*, actor, milestone: Milestone, on=None) -> Milestone:
    with transaction.atomic():
        item = _lock(milestone.item)
        if not permissions.can_report(actor, item):
            raise NotAllowed()
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk, item=item)
        if milestone.done_on:
            return milestone
        milestone.done_on = on or timezone.localdate()
        milestone.save(update_fields=["done_on"])
        record(item, "milestone", actor, audit="worklists.item.milestone", comment=milestone.title,
               data={"milestone": milestone.pk, "on": milestone.done_on.isoformat()})
        transitions.bump(item)
    return milestone


def item_attach(*, actor, item: Item, upload):
    with transaction.atomic():
        item = _lock(item)
        if not permissions.can_attach(actor, item):
            raise NotAllowed()
        attachment = attachment_add(actor=actor, organisation=item.organisation, owner=item, upload=upload)
        record(item, "attach", actor, audit=None, data={"file": attachment.original_name})
    return attachment


def item_close(*, actor, item: Item, outcome: str, version: int | None = None) -> Item:
    """Closing records the outcome (成效) and who confirmed it; an item closed after its deadline counts as late."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise DomainError(gettext("Record the outcome."), errors={"outcome": gettext("This field is required.")})
    with transaction.atomic():
        item = _lock(item, version)
        now = timezone.now()
        item.outcome, item.confirmed_by, item.closed_at = outcome, actor, now
        item.closed_late, item.progress = timezone.localdate() > item.due_on, 100
        move(item, "close", actor, audit="worklists.item.closed", allowed=permissions.can_close(actor, item),
             comment=outcome, fields=["outcome", "confirmed_by", "closed_at", "closed_late", "progress"],
             data={"late": item.closed_late})
    notify(recipients=item_people(item) + list(item.followers.all()), organisation=item.organisation,
           code="worklists.item.closed", title=_("“%(title)s” is done"), params={"title": item.title},
           url=item_url(item), obj=item)
    return item


def item_cancel(*, actor, item: Item, reason: str, version: int | None = None) -> Item:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(gettext("Say why."), errors={"reason": gettext("This field is required.")})
    with transaction.atomic():
        item = _lock(item, version)
        item.closed_at = timezone.now()
        move(item, "cancel", actor, audit="worklists.item.cancelled", allowed=permissions.can_edit_item(actor, item),
             comment=reason, fields=["closed_at"])
    return item


def item_reopen(*, actor, item: Item, reason: str, version: int | None = None) -> Item:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(gettext("Say why."), errors={"reason": gettext("This field is required.")})
    with transaction.atomic():
        item = _lock(item, version)
        item.closed_at, item.confirmed_by, item.closed_late = None, None, False
        move(item, "reopen", actor, audit="worklists.item.reopened", allowed=permissions.can_reopen(actor, item),
             comment=reason, fields=["closed_at", "confirmed_by", "closed_late"])
    return item


# --- the daily task: reminders before a report or a deadline, overdue items escalated ---------------------------


def _what_is_due(item, today, soon) -> tuple[str, dt.date]:
    """What the reminder is about: the earliest of the report, a milestone not yet reached, the deadline."""
    due = [("report", item.next_report_on), ("deadline", item.due_on)]
    due += [(f"milestone:{m.pk}", m.due_on) for m in item.milestones.filter(done_on__isnull=True)]
    upcoming = [(what, on) for what, on in due if on and today <= on <= soon]
    return min(upcoming, key=lambda pair: pair[1], default=("deadline", item.due_on))


def _remind(item, today, soon) -> bool:
    with transaction.atomic():
        item = _lock(item)
        if item.status not in OPEN_STATUSES or item.reminded_on == today:
            return False
        what, on = _what_is_due(item, today, soon)
        item.reminded_on = today
        record(item, "remind", None, audit=None, data={"due": on.isoformat(), "what": what})
        item.save(update_fields=["reminded_on"])
    if what.startswith("milestone:"):
        milestone = item.milestones.get(pk=int(what.split(":")[1]))
        title = _("“%(title)s”: the milestone “%(milestone)s” is due by %(date)s")
        params = {"title": item.title, "milestone": milestone.title, "date": on.isoformat()}
    else:
        title = _("“%(title)s”: a progress report or the deadline is due by %(date)s")
        params = {"title": item.title, "date": on.isoformat()}
    notify(recipients=item_people(item), organisation=item.organisation, code="worklists.item.reminder",
           title=title, params=params, url=item_url(item), obj=item)
    return True


def _escalate(item, now) -> bool:
    with transaction.atomic():
        item = _lock(item)
        if item.status not in OPEN_STATUSES or item.escalated_at:
            return False
        if item.status != ItemStatus.BEHIND:
            move(item, "fall_behind", None, audit="worklists.item.overdue")
        item.escalated_at = now
        record(item, "escalate", None, audit=None, data={"leader": item.leader_id})
        item.save(update_fields=["escalated_at"])
    recipients = ([item.leader] if item.leader_id else []) + office_users(item.organisation) + item_people(item)
    notify(recipients=recipients, organisation=item.organisation, code="worklists.item.overdue",
           title=_("Overdue: “%(title)s” was due on %(date)s"), params={"title": item.title,
                                                                       "date": item.due_on.isoformat()},
           url=item_url(item), obj=item)
    return True


def items_check_due(*, organisation, today=None) -> dict[str, int]:
    """Remind the people of items whose report, milestone or deadline falls within the organisation's notice; flag and
    escalate the overdue ones to their leader (once). Idempotent: a second run on the same day does nothing."""
    from zhengxie.core.org_settings import get_setting

    from ..org_settings import REMIND_DAYS

    days = get_setting(organisation, REMIND_DAYS)
    today = today or timezone.localdate()
    now = timezone.now()
    open_qs = (Item.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
               .select_related("organisation", "leader", "person", "unit"))
    soon = today + dt.timedelta(days=days)
    reminded = escalated = 0
    milestone_soon = Milestone.objects.filter(done_on__isnull=True, due_on__gte=today, due_on__lte=soon)
    upcoming = open_qs.filter(due_on__gte=today).exclude(reminded_on=today).filter(
        Q(due_on__lte=soon) | Q(next_report_on__isnull=False, next_report_on__lte=soon)
        | Q(pk__in=milestone_soon.values("item_id")))
    for item in upcoming.iterator(chunk_size=500):
        reminded += _remind(item, today, soon)
    for item in open_qs.filter(due_on__lt=today, escalated_at__isnull=True).iterator(chunk_size=500):
        escalated += _escalate(item, now)
    logger.info("Work items of organisation %s checked: %d reminded, %d escalated", organisation.pk, reminded,
                escalated)
    return {"reminded": reminded, "escalated": escalated}

