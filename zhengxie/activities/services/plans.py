"""Writes on the yearly consultation plan and inspection/research plan; an item becomes an activity."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log

from .. import permissions
from ..choices import ActivityType, PlanKind
from ..models import Activity, Plan, PlanItem
from .activities import activity_create

PLAN_TYPES = {
    PlanKind.CONSULTATION: {ActivityType.CONSULTATION},
    PlanKind.INSPECTION_RESEARCH: {ActivityType.INSPECTION, ActivityType.RESEARCH},
}


def plan_create(*, actor, organisation, year: int, kind: str, title: str, approved_on=None, note: str = "") -> Plan:
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    if kind not in PlanKind.values:
        raise DomainError(_("Choose the kind of plan."))
    with transaction.atomic():
        if Plan.objects.filter(organisation=organisation, year=year, kind=kind).exists():
            raise DomainError(_("There is already a plan of this kind for %(year)s.") % {"year": year},
                              errors={"year": gettext("Taken.")})
        plan = Plan.objects.create(organisation=organisation, year=year, kind=kind, title=title.strip()[:200],
                                   approved_on=approved_on, note=note.strip())
        audit_log(actor=actor, organisation=organisation, action="activities.plan.created", obj=plan,
                  changes={"year": year, "kind": kind})
    return plan


def plan_item_save(*, actor, plan: Plan, data: dict, item: PlanItem | None = None) -> PlanItem:
    if not permissions.can_organise(actor, plan.organisation):
        raise NotAllowed()
    activity_type = data.get("activity_type")
    if activity_type not in PLAN_TYPES[plan.kind]:
        raise DomainError(_("This plan holds only the listed kinds of activity."),
                          errors={"activity_type": gettext("Not allowed in this plan.")})
    if activity_type == ActivityType.CONSULTATION and not data.get("consultation_type"):
        raise DomainError(_("Choose the kind of consultation."),
                          errors={"consultation_type": gettext("This field is required.")})
    committee = data.get("lead_committee")
    if committee is not None and committee.organisation_id != plan.organisation_id:
        raise DomainError(_("Choose one of your organisation's committees."))
    month = data.get("planned_month")
    if month is not None and not 1 <= month <= 12:
        raise DomainError(_("The month is 1 to 12."), errors={"planned_month": gettext("Out of range.")})
    with transaction.atomic():
        item = item or PlanItem(plan=plan, sort_order=plan.items.count() + 1)
        before = {k: getattr(item, k, None) for k in data}
        for key, value in data.items():
            setattr(item, key, value)
        if item.activity_type != ActivityType.CONSULTATION:
            item.consultation_type = ""
        item.save()
        audit_log(actor=actor, organisation=plan.organisation, action="activities.plan_item.saved", obj=item,
                  changes={k: [before[k], v] for k, v in data.items() if before[k] != v})
    return item


def plan_item_start_activity(*, actor, item: PlanItem, starts_at: dt.datetime, ends_at: dt.datetime) -> Activity:
    """Turn a plan item into a draft activity with the item's topic, type and lead."""
    plan = item.plan
    return activity_create(actor=actor, organisation=plan.organisation, data={
        "type": item.activity_type, "consultation_type": item.consultation_type, "title": item.title,
        "description": item.description, "starts_at": starts_at, "ends_at": ends_at,
        "committee": item.lead_committee, "lead_name": item.lead_name, "plan_item": item,
    })
