"""Writes on standing-committee recommendations (建议案) and investment projects (招商引资)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.promises import clean_promises
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event

from .. import permissions
from ..models import (
    InvestmentProject,
    ProjectTransition,
    Recommendation,
    RecommendationTransition,
)
from ..workflow import PROJECT_WORKFLOW, RECOMMENDATION_WORKFLOW
from .commitments import commitment_track


def _required(value, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(gettext("Please correct the marked fields."), errors={field: gettext("This field is required.")})
    return value


# --- 建议案 -------------------------------------------------------------------------------------------------------


def recommendation_create(*, actor, organisation, title: str, text: str, consultation: str = "",
                          activity=None) -> Recommendation:
    """A draft 建议案; ``activity``: the consultation of the activities app it is drafted from (its title is kept as
    the consultation's name when none is given)."""
    from ..selectors import consultations_for_recommendations

    if not permissions.can_manage_recommendations(actor, organisation):
        raise NotAllowed()
    title, text = _required(title, "title"), _required(text, "text")
    if activity is not None and not consultations_for_recommendations(actor, organisation).filter(
            pk=activity.pk).exists():
        message = gettext("Not found in this organisation.")
        raise DomainError(message, errors={"activity": message})
    consultation = (consultation or "").strip() or (activity.title if activity is not None else "")
    with transaction.atomic():
        rec = Recommendation.objects.create(organisation=organisation, title=title[:200], text=text,
                                            consultation=consultation[:200], activity=activity, created_by=actor,
                                            status="")
        transitions.transition(rec, "create", workflow=RECOMMENDATION_WORKFLOW, actor=actor,
                               history=RecommendationTransition, history_for={"recommendation": rec},
                               audit="worklists.recommendation.created",
                               data={"activity": getattr(activity, "pk", None)})
    return rec


def _measures(measures) -> list[tuple[str, dt.date]]:
    """The reply's measures, each with its date (core.promises: a date in the past or a measure without one is
    refused)."""
    return [(p["measure"], dt.date.fromisoformat(p["due_on"])) for p in clean_promises(measures)]


def recommendation_move(*, actor, recommendation: Recommendation, action: str, version: int | None = None,
                        on: dt.date | None = None, sent_to: str = "", reply: str = "", unit=None,
                        due_on: dt.date | None = None, comment: str = "", measures=()) -> Recommendation:
    """Adopt, send (to whom), record the reply, track: the reply's measures (``measures``: (text, date) pairs)
    become work items of ``unit``, each with its date; without measures, the recommendation itself is one item due
    ``due_on``."""
    on = on or timezone.localdate()
    fields = []
    measures = _measures(measures) if action == "track" else []
    with transaction.atomic():
        rec = transitions.lock(Recommendation, recommendation, version=version,
                               allowed=lambda r: permissions.can_move_recommendation(actor, r))
        if action == "adopt":
            rec.adopted_on, fields = on, ["adopted_on"]
        elif action == "send":
            rec.sent_to, rec.sent_on, fields = _required(sent_to, "sent_to")[:200], on, ["sent_to", "sent_on"]
        elif action == "record_reply":
            rec.reply, rec.replied_on, fields = _required(reply, "reply"), on, ["reply", "replied_on"]
        elif action == "track":
            if unit is not None and unit.organisation_id != rec.organisation_id:
                raise NotAllowed()
            rec.unit, rec.due_on, fields = unit, due_on, ["unit", "due_on"]
        transitions.transition(rec, action, workflow=RECOMMENDATION_WORKFLOW, actor=actor,
                               allowed=permissions.can_move_recommendation(actor, rec),
                               history=RecommendationTransition, history_for={"recommendation": rec},
                               audit=f"worklists.recommendation.{action}", fields=fields, comment=comment)
        if action == "track":
            url = reverse("worklists:recommendation", args=[rec.pk])
            if not measures:
                commitment_track(organisation=rec.organisation, source=rec, title=rec.title, kind="recommendation",
                                 unit=unit, text=rec.reply, due_on=due_on, actor=actor, source_label=rec.title,
                                 origin_url=url)
            for part, (measure, measure_due) in enumerate(measures, start=1):
                commitment_track(organisation=rec.organisation, source=rec, title=measure, kind="recommendation",
                                 unit=unit, text=rec.reply, due_on=measure_due, actor=actor, source_label=rec.title,
                                 origin_url=url, part=part)
    return rec


# --- 招商引资 -------------------------------------------------------------------------------------------------------


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value or 0))
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0 or amount >= Decimal("10000000000"):
        raise DomainError(gettext("Please correct the marked fields."),
                          errors={field: gettext("An amount in 10,000 yuan, 0 or more.")})
    return amount


def project_create(*, actor, organisation, name: str, investor: str, member=None, brought_by: str = "",
                   sector: str = "", region: str = "", amount_planned=0, event: str = "",
                   on: dt.date | None = None) -> InvestmentProject:
    if not permissions.can_manage_projects(actor, organisation):
        raise NotAllowed()
    if member is not None and member.organisation_id != organisation.pk:
        raise NotAllowed()
    name, investor = _required(name, "name"), _required(investor, "investor")
    with transaction.atomic():
        project = InvestmentProject.objects.create(
            organisation=organisation, name=name[:200], investor=investor[:200], member=member,
            brought_by=(brought_by or "").strip()[:60], sector=(sector or "").strip()[:60],
            region=(region or "").strip()[:60], amount_planned=_amount(amount_planned, "amount_planned"),
            event=(event or "").strip()[:200], stage="", stage_on=on or timezone.localdate())
        transitions.transition(project, "create", workflow=PROJECT_WORKFLOW, actor=actor, history=ProjectTransition,
                               history_for={"project": project}, audit="worklists.project.created",
                               state_field="stage", data={"on": project.stage_on.isoformat()})
    return project


def project_move(*, actor, project: InvestmentProject, action: str, on: dt.date | None = None, amount_signed=None,
                 comment: str = "", version: int | None = None) -> InvestmentProject:
    """One stage on (talks, signed with its amount, site, building, production) or dropped. A signed project
    gives the member who brought it a duty event, scored by the duty rule sets."""
    on = on or timezone.localdate()
    with transaction.atomic():
        project = transitions.lock(InvestmentProject, project, version=version)
        fields = ["stage_on"]
        project.stage_on = on
        if action == "sign":
            project.amount_signed = _amount(amount_signed if amount_signed is not None else project.amount_planned,
                                            "amount_signed")
            project.signed_on = on
            fields += ["amount_signed", "signed_on"]
        transitions.transition(project, action, workflow=PROJECT_WORKFLOW, actor=actor, state_field="stage",
                               allowed=permissions.can_move_project(actor, project), history=ProjectTransition,
                               history_for={"project": project}, audit=f"worklists.project.{action}", fields=fields,
                               comment=comment, data={"on": on.isoformat()})
        if action == "sign" and project.member_id:
            record_duty_event(member=project.member, kind=DutyEventKind.INVESTMENT_SIGNED, source=project,
                              occurred_at=timezone.now(), title=project.name, actor=actor,
                              attributes={"amount": str(project.amount_signed)})
    return project

