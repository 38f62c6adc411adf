"""The roll-up of the committees below (a province's cities and counties, a city's counties): their work lists'
figures side by side, and a drill-down to one committee's lists and items. Read-only."""

from django.shortcuts import render
from django.utils import timezone

from zhengxie.core.views.common import list_page, require

from .. import permissions, selectors
from ..choices import ItemStatus


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require(permissions.sees_all)
def rollup(request):
    org, year = request.organisation, _year(request)
    rows = selectors.rollup_rows(request.user, org, year=year)
    totals = selectors.rollup_totals(rows)
    return render(request, "worklists/rollup.html", {
        "rows": rows, "totals": totals, "year": year, "statuses": ItemStatus.choices,
        "years": range(timezone.localdate().year - 3, timezone.localdate().year + 1)})


@require(permissions.sees_all)
def rollup_committee(request, org_id):
    org, year = request.organisation, _year(request)
    target = selectors.organisation_in_reach(request.user, org, org_id)
    lists = list(selectors.lists_in_reach(request.user, org, target))
    chosen = next((w for w in lists if str(w.pk) == request.GET.get("list")), None)
    items = selectors.items_in_reach(request.user, org, target)
    if chosen is not None:
        items = items.filter(work_list=chosen).order_by("number", "pk")
    else:
        items = selectors.overdue(items)
    return list_page(request, items, template="worklists/rollup_committee.html",
                     partial="worklists/rollup_committee.html", per_page=50, target=target, lists=lists,
                     chosen=chosen, year=year, today=timezone.localdate(),
                     row=next(r for r in selectors.rollup_rows(request.user, org, year=year, only=target)))
