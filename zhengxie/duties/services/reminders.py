"""Reminders staff send about a record: the "三个一" minimum not yet met, attendance warnings. A member is not
reminded twice about the same matter within the organisation's interval."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.org_settings import get_setting
from zhengxie.core.services import audit_log, notify

from .. import permissions, selectors
from ..choices import ReminderKind
from ..models import Reminder, Score
from ..record import join_labels


def _recently_reminded(organisation, kind: str, member_ids, year: int) -> set[int]:
    days = get_setting(organisation, "duties.reminder_interval_days")
    since = timezone.now() - dt.timedelta(days=days)
    return set(Reminder.objects.filter(member_id__in=list(member_ids), kind=kind, year=year, sent_at__gte=since)
               .values_list("member_id", flat=True))


def requirement_reminders_send(*, actor, organisation, year: int, member_ids=None) -> tuple[int, int]:
    """Remind members (all who miss part of the minimum, or those of ``member_ids``) of what they still lack.
    Returns (sent, skipped): skipped were reminded recently or have no account."""
    if not permissions.can_keep_records(actor, organisation):
        raise NotAllowed()
    rule_set = selectors.rule_set_for(organisation, year)
    if rule_set is None or not rule_set.is_open:
        raise DomainError(_("Reminders can be sent for an open year only."))
    scores = (Score.objects.filter(organisation=organisation, year=year, requirements_met=False)
              .select_related("member__person__user"))
    if member_ids is not None:
        scores = scores.filter(member_id__in=list(member_ids))
    scores = list(scores)
    recent = _recently_reminded(organisation, ReminderKind.REQUIREMENTS, [s.member_id for s in scores], year)
    requirements = list(rule_set.requirements.all())
    sent, skipped, reminders = 0, 0, []
    with transaction.atomic():
        for score in scores:
            user = getattr(score.member.person, "user", None)
            if score.member_id in recent or user is None:
                skipped += 1
                continue
            missing = [r.label for r in requirements if score.requirement_counts.get(str(r.pk), 0) < r.min_count]
            notify(recipients=[user], organisation=organisation, code="duties.requirements_reminder",
                   title=_("Your %(year)s duty record still lacks: %(missing)s"),
                   body=_("The minimum duties of every member each year: %(all)s. Open your duty record to see "
                          "where you stand."),
                   params={"year": year, "missing": join_labels(missing),
                           "all": join_labels(r.label for r in requirements)},
                   url=f"{reverse('duties:my_record')}?year={year}", obj=score.member)
            reminders.append(Reminder(organisation=organisation, member=score.member, year=year,
                                      kind=ReminderKind.REQUIREMENTS, details={"missing": missing}, sent_by=actor))
            sent += 1
        Reminder.objects.bulk_create(reminders)
        audit_log(actor=actor, organisation=organisation, action="duties.reminder.requirements_sent",
                  changes={"year": year, "sent": sent, "skipped": skipped})
    return sent, skipped


def attendance_warnings_send(*, actor, organisation, member_ids=None) -> tuple[int, int]:
    """Warn members whose unexcused absences in this term reached the organisation's thresholds."""
    if not permissions.can_keep_records(actor, organisation):
        raise NotAllowed()
    warnings = selectors.attendance_warnings(organisation)
    if member_ids is not None:
        wanted = set(member_ids)
        warnings = [w for w in warnings if w["member"].pk in wanted]
    year = timezone.localdate().year
    recent = _recently_reminded(organisation, ReminderKind.ATTENDANCE, [w["member"].pk for w in warnings], year)
    limit = get_setting(organisation, "duties.plenary_absence_limit")
    sent, skipped, reminders = 0, 0, []
    with transaction.atomic():
        for warning in warnings:
            member = warning["member"]
            user = getattr(member.person, "user", None)
            if member.pk in recent or user is None:
                skipped += 1
                continue
            notify(recipients=[user], organisation=organisation, code="duties.attendance_warning",
                   title=_("Attendance warning: %(plenary)s unexcused plenary absences and %(total)s unexcused "
                           "meeting absences in this term"),
                   body=_("Please ask for leave when you cannot attend. A member absent without leave from %(limit)s "
                          "plenary sessions in one term is asked to resign."),
                   params={"plenary": warning["plenary"], "total": warning["total"], "limit": limit},
                   url=reverse("duties:member_record", args=[member.pk]), obj=member)
            reminders.append(Reminder(organisation=organisation, member=member, year=year, kind=ReminderKind.ATTENDANCE,
                                      details={"plenary": warning["plenary"], "total": warning["total"]},
                                      sent_by=actor))
            sent += 1
        Reminder.objects.bulk_create(reminders)
        audit_log(actor=actor, organisation=organisation, action="duties.reminder.attendance_sent",
                  changes={"sent": sent, "skipped": skipped})
    return sent, skipped
