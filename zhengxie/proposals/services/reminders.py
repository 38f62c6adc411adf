"""The daily check (督): co-signing deadlines, replies about to be due or overdue, co-handlers' input overdue.
The unit is reminded first; an overdue reply is then reported to the office. Each reminder is sent once a day at
most (a ReminderLog row), so running the check twice changes nothing."""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.services import notify

from ..choices import OPEN_TASK_STATES, REPLYING_ROLES, ProposalStatus, ReminderKind, TaskRole, TaskStatus
from ..models import HandlingTask, Proposal, ReminderLog
from ..org_settings import setting
from .common import office_users, tell, unit_users
from .drafting import proposal_close_cosigning

#: An overdue unit is reminded again after this many days.
REPEAT_DAYS = 7


def _log_once(task, kind, today) -> bool:
    """Note that ``kind`` was sent for ``task`` today; False when it had been already."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(task=task, kind=kind, sent_on=today)
    except IntegrityError:
        return False
    return True


def _sent_lately(logs, task, kind, today) -> bool:
    return any((today - day).days < REPEAT_DAYS for day in logs[(task.pk, kind)])


def reminders_send(*, organisation, today: dt.date | None = None) -> dict:  # noqa: C901 (one branch per kind of reminder)
    today = today or timezone.localdate()
    counts = defaultdict(int)
    for proposal in Proposal.objects.filter(organisation=organisation, status=ProposalStatus.COSIGNING):
        if proposal_close_cosigning(proposal=proposal):
            counts["cosigning_closed"] += 1

    window = setting(organisation, "reminder_days")
    tasks = list(
        HandlingTask.objects.filter(organisation=organisation, status__in=OPEN_TASK_STATES)
        .exclude(status=TaskStatus.OBJECTED)
        .select_related("unit", "proposal")
    )
    logs = defaultdict(list)
    for log in ReminderLog.objects.filter(task__in=tasks, sent_on__gte=today - dt.timedelta(days=max(window, REPEAT_DAYS))):
        logs[(log.task_id, log.kind)].append(log.sent_on)
    # Reported to the office once per due date: after a redo or an extension the new date is reported again.
    escalated = dict(
        ReminderLog.objects.filter(task__in=tasks, kind=ReminderKind.ESCALATED)
        .values("task_id").annotate(last=Max("sent_on")).values_list("task_id", "last")
    )
    newly_overdue = []
    for task in tasks:
        replying = task.role in REPLYING_ROLES and task.status != TaskStatus.INPUT_SENT
        if replying and task.due_on and today <= task.due_on <= today + dt.timedelta(days=window):
            if not logs[(task.pk, ReminderKind.DUE_SOON)] and _log_once(task, ReminderKind.DUE_SOON, today):
                tell(unit_users(task), task.proposal, "due_soon",
                     _("The reply to “%(title)s” is due on %(due)s"), {"due": task.due_on.isoformat()}, task=task)
                counts["due_soon"] += 1
        elif replying and task.due_on and task.due_on < today:
            if not _sent_lately(logs, task, ReminderKind.OVERDUE, today) and _log_once(task, ReminderKind.OVERDUE, today):
                tell(unit_users(task), task.proposal, "overdue",
                     _("The reply to “%(title)s” is overdue (it was due on %(due)s)"),
                     {"due": task.due_on.isoformat()}, task=task)
                counts["overdue"] += 1
            reported = escalated.get(task.pk)
            if (reported is None or reported <= task.due_on) and _log_once(task, ReminderKind.ESCALATED, today):
                newly_overdue.append(task)
        elif task.role == TaskRole.CO and task.status == TaskStatus.HANDLING and task.input_due_on and task.input_due_on < today:
            if not _sent_lately(logs, task, ReminderKind.INPUT_DUE, today) and _log_once(task, ReminderKind.INPUT_DUE, today):
                tell(unit_users(task), task.proposal, "input_overdue",
                     _("Your input on “%(title)s” for the lead unit was due on %(due)s"),
                     {"due": task.input_due_on.isoformat()}, task=task)
                counts["input_due"] += 1
    if newly_overdue:
        units = sorted({t.unit.name for t in newly_overdue})
        notify(recipients=office_users(organisation), organisation=organisation, code="proposals.overdue_report",
               title=_("%(n)d replies became overdue (%(units)s)"),
               params={"n": len(newly_overdue), "units": "、".join(units[:5]) + ("…" if len(units) > 5 else "")},
               url=reverse("proposals:supervision") + "?overdue=1")
        counts["escalated"] = len(newly_overdue)
    return dict(counts)
