"""The figures of work lists and investment projects, for an organisation (and those below it) and a period:
items by status, on time and late, promises kept, late and open; projects signed, the amount signed, projects at
each stage. Registered with the statistics app (its dashboard, export, annual report and API read them)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.stats.registry import Figure, register_figure

from .choices import OPEN_STATUSES, ItemStatus, ProjectStage
from .models import InvestmentProject, Item


def item_totals(org_ids, *, year: int | None = None, commitments: bool | None = None, today=None) -> dict:
    """Items of the organisations (of ``year``'s lists): by status, closed on time and late, open past due."""
    from django.utils import timezone

    today = today or timezone.localdate()
    qs = Item.objects.filter(organisation_id__in=list(org_ids))
    if year:
        qs = qs.filter(work_list__year=year)
    if commitments is not None:
        qs = qs.filter(is_commitment=commitments)
    row = qs.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ItemStatus.DONE)),
        on_time=Count("pk", filter=Q(status=ItemStatus.DONE, closed_late=False)),
        closed_late=Count("pk", filter=Q(status=ItemStatus.DONE, closed_late=True)),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        behind=Count("pk", filter=Q(status=ItemStatus.BEHIND)),
        cancelled=Count("pk", filter=Q(status=ItemStatus.CANCELLED)),
    )
    # "late": closed after the deadline, or still open past it.
    row["late"] = row["closed_late"] + row["overdue"]
    return row


def investment_totals(org_ids, *, start=None, end=None) -> dict:
    qs = InvestmentProject.objects.filter(organisation_id__in=list(org_ids))
    by_stage = {stage: 0 for stage in ProjectStage.values}
    for row in qs.values("stage").annotate(n=Count("pk")):
        by_stage[row["stage"]] = row["n"]
    # Signed: a contract was signed (a project may choose its site before signing) and it was not dropped.
    signed = qs.filter(signed_on__isnull=False).exclude(stage=ProjectStage.DROPPED)
    if start and end:
        signed = signed.filter(signed_on__gte=start, signed_on__lte=end)
    totals = signed.aggregate(n=Count("pk"), amount=Sum("amount_signed"))
    return {"by_stage": by_stage, "signed": totals["n"], "amount_signed": totals["amount"] or Decimal(0),
            "total": sum(by_stage.values())}


GROUP = _("Work lists and supervision")
UNIT_ITEMS = pgettext_lazy("unit", "items")
UNIT_PROJECTS = pgettext_lazy("unit", "projects")
DONE_ON_TIME = Q(status=ItemStatus.DONE, closed_late=False)


def _late(scope) -> Q:
    """Closed after the deadline, or still open past it at the period's end."""
    return Q(status=ItemStatus.DONE, closed_late=True) | Q(status__in=OPEN_STATUSES, due_on__lt=scope.end)


def _items(condition=None, commitments=None):
    """The items of the year's lists of the organisations (the year of the period's end), filtered."""

    def records(scope):
        qs = Item.objects.filter(organisation_id__in=scope.org_ids, work_list__year=scope.end.year)
        if commitments is not None:
            qs = qs.filter(is_commitment=commitments)
        if condition is not None:
            qs = qs.filter(condition(scope) if callable(condition) else condition)
        return qs

    return records


def _signed(scope):
    """Contracts signed in the period (a project may choose its site before signing), not dropped since."""
    return InvestmentProject.objects.filter(organisation_id__in=scope.org_ids, signed_on__range=scope.date_range).exclude(
        stage=ProjectStage.DROPPED)


def _stage(stage):
    return lambda scope: InvestmentProject.objects.filter(organisation_id__in=scope.org_ids, stage=stage)


OPEN = Q(status__in=OPEN_STATUSES)
YEAR_ITEMS = _("the items of the work lists of the period's year")
for order, (key, label, records, extra) in enumerate([
    ("items", _("Work items"), _items(), {"definition": YEAR_ITEMS}),
    ("items_done", _("Work items done"), _items(Q(status=ItemStatus.DONE)),
     {"definition": _("Items of the year's work lists closed as done (成效 recorded).")}),
    ("items_on_time", _("Work items done on time"), _items(DONE_ON_TIME),
     {"definition": _("Items of the year's work lists closed as done by their deadline.")}),
    ("items_late", _("Work items late"), _items(_late),
     {"definition": _("Items of the year's work lists closed after their deadline, or still open past it at the end "
                      "of the period.")}),
    ("items_open", _("Work items open"), _items(OPEN),
     {"definition": _("Items of the year's work lists not yet done or cancelled.")}),
    ("promises_kept", _("Promises kept"), _items(DONE_ON_TIME, True),
     {"sentence": _("%(value)s promises made in replies kept on time"),
      "definition": _("Promises (B replies, adopted outcomes and recommendations) closed as done by their date.")}),
    ("promises_late", _("Promises late"), _items(_late, True),
     {"definition": _("Promises closed after their date, or still open past it at the end of the period.")}),
    ("promises_open", _("Promises open"), _items(OPEN, True),
     {"definition": _("Promises not yet kept or cancelled.")}),
    ("projects_signed", _("Investment projects signed"), _signed,
     {"unit": UNIT_PROJECTS, "seed": _("3 projects signed (Tianshui)"), "date_field": "signed_on",
      "sentence": _("%(value)s investment projects signed"),
      "definition": _("Investment projects whose contract was signed in the period, dropped ones excluded.")}),
    ("amount_signed", _("Investment signed"), _signed,
     {"unit": _("10,000 yuan"), "measure": "sum:amount_signed", "seed": _("¥1.18 bn signed (Tianshui)"),
      "date_field": "signed_on",
      "definition": _("The amounts of the contracts signed in the period (in 10,000 yuan), dropped projects "
                      "excluded.")}),
    ("projects_site", _("Projects choosing a site"), _stage(ProjectStage.SITE_CHOSEN),
     {"unit": UNIT_PROJECTS, "stock": True, "seed": _("one ¥210 m project choosing its site (Tianshui)"),
      "definition": _("Projects at the stage “site chosen” now.")}),
    ("projects_building", _("Projects being built"), _stage(ProjectStage.BUILDING),
     {"unit": UNIT_PROJECTS, "stock": True, "definition": _("Projects being built now.")}),
], start=80):
    extra.setdefault("unit", UNIT_ITEMS)
    register_figure(Figure(f"worklists.{key}", label, GROUP, records=records, order=order, **extra))
