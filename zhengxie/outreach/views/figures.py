"""The figures page (with charts) and its Excel export."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengxie.core.documents import excel_response
from zhengxie.core.views.common import require

from .. import permissions
from ..choices import ActivityKind, PlaceKind, PlaceLevel
from ..exports import figures_sheet
from ..figures import outreach_figures
from ..forms import FiguresForm


def _figures(request):
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, initial={"date_from": today.replace(month=1, day=1), "date_to": today})
    start, end, include_lower = form.period()
    return form, outreach_figures(request.organisation, start=start, end=end, include_lower=include_lower)


@require(permissions.can_view_figures)
def figures_page(request):
    form, figures = _figures(request)
    places = figures.places
    chart = {
        "kinds": [str(k.label) for k in PlaceKind],
        "levels": [{"name": str(level.label), "data": [places["by_kind_level"][k.value][level.value] for k in PlaceKind]}
                   for level in PlaceLevel if any(places["by_kind_level"][k.value][level.value] for k in PlaceKind)],
        "activities": [{"name": str(k.label), "value": figures.activities["by_kind"][k.value]} for k in ActivityKind],
        "concerns": {"labels": [pgettext("outreach", "Received"), _("Solved"), _("Rated"), _("Satisfied")],
                     "values": [figures.concerns["received"], figures.concerns["solved"], figures.concerns["rated"],
                                figures.concerns["satisfied"]]},
    }
    # Only the levels at which this scope has places (a county has none at provincial level).
    levels = [level for level in PlaceLevel if any(places["by_kind_level"][k][level.value] for k in PlaceKind.values)]
    grid = [(PlaceKind(kind).label, [places["by_kind_level"][kind][level.value] for level in levels],
             places["by_kind"][kind]) for kind in PlaceKind.values]
    return render(request, "outreach/figures.html", {
        "form": form, "figures": figures, "chart": chart, "grid": grid, "levels": [level.label for level in levels],
        "activity_kinds": [(k.label, figures.activities["by_kind"][k.value]) for k in ActivityKind],
    })


@require(permissions.can_view_figures)
def figures_export(request):
    _form, figures = _figures(request)
    columns, rows = figures_sheet(figures)
    filename = f"{request.organisation.short_name}{_('Outreach figures')}{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.xlsx"
    return excel_response(filename, columns, rows, title=_("Figures"))
