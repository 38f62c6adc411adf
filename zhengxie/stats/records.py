"""The record list behind a figure (统计明细): the same queryset the figure measures, as rows for its page, its Excel
export and the API. A row names the record, its organisation, the date that placed it in the period, its state and,
for a rate, whether it counts in the numerator."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import pgettext

from .registry import RATE, Figure, Scope

# Where a record of each model is opened (the detail page of its app), by model label.
DETAIL_URLS = {
    "proposals.proposal": ("proposals:detail", "pk"),
    "proposals.reply": ("proposals:detail", "task.proposal_id"),
    "proposals.rating": ("proposals:detail", "task.proposal_id"),
    "proposals.award": ("proposals:detail", "proposal_id"),
    "proposals.jointproposal": ("proposals:joint_detail", "pk"),
    "opinions.report": ("opinions:detail", "pk"),
    "opinions.adoption": ("opinions:detail", "report_id"),
    "opinions.instruction": ("opinions:detail", "report_id"),
    "opinions.bulletinissue": ("opinions:bulletin_detail", "pk"),
    "activities.activity": ("activities:detail", "pk"),
    "activities.participant": ("activities:detail", "activity_id"),
    "activities.speech": ("activities:detail", "activity_id"),
    "activities.outcomereport": ("activities:report_detail", "pk"),
    "activities.post": ("activities:topic_detail", "topic_id"),
    "activities.matter": ("activities:detail", "activity_id"),
    "outreach.place": ("outreach:place_detail", "pk"),
    "outreach.outreachactivity": ("outreach:activity_detail", "pk"),
    "outreach.concern": ("outreach:concern_detail", "pk"),
    "core.member": ("core:member_detail", "pk"),
    "cooperation.expert": ("cooperation:expert_detail", "pk"),
    "cooperation.contribution": ("cooperation:expert_detail", "expert_id"),
    "cooperation.expertinvitation": ("cooperation:invitation_detail", "pk"),
    "cooperation.alliancemember": ("cooperation:alliance_detail", "alliance_id"),
    "cooperation.jointorganiser": ("cooperation:joint_detail", "joint_id"),
    "liaison.topic": ("liaison:topic_detail", "pk"),
    "liaison.topicanswer": ("proposals:detail", "proposal_id"),
    "liaison.contactassignment": ("liaison:assignment_detail", "pk"),
    "liaison.contactvisit": ("liaison:assignment_detail", "assignment_id"),
}
# How to reach the organisation of a record that has none of its own.
ORGANISATION_PATHS = ("organisation", "task.organisation", "activity.organisation", "topic.organisation",
                      "report.organisation", "member.organisation")
IN_PART = "zx_in_part"


def _attr(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def organisation_of(obj):
    for path in ORGANISATION_PATHS:
        org = _attr(obj, path)
        if org is not None and hasattr(org, "short_name"):
            return org
    return None


@dataclass
class Row:
    obj: object
    title: str
    organisation: str
    organisation_id: int | None
    date: dt.date | None
    state: str
    amount: float | None  # the summed or averaged column
    in_part: bool | None  # for a rate: counted in the numerator
    url: str


def _date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value


def _url(obj, organisation_id) -> str:
    target = DETAIL_URLS.get(obj._meta.label_lower)
    if not target or organisation_id is None:
        return ""
    pk = _attr(obj, target[1])
    if pk is None:
        return ""
    try:
        return reverse(target[0], args=[pk])
    except NoReverseMatch:
        return ""


def list_queryset(figure: Figure, scope: Scope, *, part: bool = False):
    """The figure's records, ordered by their date (newest first), annotated for a rate with the numerator flag.
    ``part`` lists the numerator's records of a rate instead."""
    if part:
        qs = figure.part_records(scope)
    else:
        qs = figure.records(scope)
        if figure.measure == RATE and isinstance(figure.part, Q):
            qs = qs.annotate(**{IN_PART: ExpressionWrapper(figure.part, output_field=BooleanField())})
    order = [f"-{figure.date_field}"] if figure.date_field and not part else []
    return qs.order_by(*order, "-pk")


def row_of(figure: Figure, obj) -> Row:
    org = organisation_of(obj)
    get_state = getattr(obj, "get_status_display", None)
    _how, _sep, column = figure.measure.partition(":")
    return Row(
        obj=obj, title=str(obj), organisation=org.short_name if org else "", organisation_id=org.pk if org else None,
        date=_date(_attr(obj, figure.date_field)) if figure.date_field else None,
        state=str(get_state()) if get_state else "",
        amount=getattr(obj, column, None) if column else None,
        in_part=getattr(obj, IN_PART, None),
        url=_url(obj, org.pk if org else None),
    )


def columns(figure: Figure) -> list[str]:
    names = [pgettext("figure list", "Record"), pgettext("figure list", "Organisation")]
    if figure.date_field:
        names.append(pgettext("figure list", "Date"))
    names.append(pgettext("figure list", "Status"))
    if ":" in figure.measure:
        names.append(pgettext("figure list", "Counted value"))
    if figure.measure == RATE and isinstance(figure.part, Q):
        names.append(pgettext("figure list", "In the numerator"))
    return names


def cells(figure: Figure, row: Row, *, text: bool = False) -> list:
    """The row's cells under ``columns(figure)``; ``text`` writes the date as text (a page), else as a date (Excel)."""
    values = [row.title, row.organisation]
    if figure.date_field:
        values.append(row.date.isoformat() if text and row.date else row.date)
    values.append(row.state)
    if ":" in figure.measure:
        values.append(row.amount)
    if figure.measure == RATE and isinstance(figure.part, Q):
        values.append(pgettext("figure list", "yes") if row.in_part else pgettext("figure list", "no"))
    return values


class PageByIds:
    """A figure's list for a paginator: a page is found by its ids alone (ordered by the date, the heavy joins of
    the rows left out), then only those rows are read with everything they show. The count is the list's, once."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        ids = list(self.queryset.values_list("pk", flat=True)[index])
        found = {obj.pk: obj for obj in self.queryset.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
