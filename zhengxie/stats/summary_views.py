"""The annual work summary's page (the office keeps or drops sections and highlights, then makes the Word file) and
a member's yearly 述职 summary from the duty record."""

from django.shortcuts import render
from django.utils import timezone

from zhengxie.core import permissions as core
from zhengxie.core.documents import docx_response
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.models import Member
from zhengxie.core.selectors import get_visible
from zhengxie.core.views.common import organisation_required, require

from . import documents
from .permissions import can_view_stats
from .summary import chosen, member_summary, work_summary
from .views import period_of, period_query


def _kept(request):
    if request.method != "POST":
        return None, None
    return set(request.POST.getlist("section")), set(request.POST.getlist("highlight"))


@require(can_view_stats)
def summary(request):
    form, org, start, end, descendants = period_of(request)
    full = work_summary(org, start, end, descendants=descendants)
    sections, highlights = _kept(request)
    if request.method == "POST":
        report = chosen(full, sections=sections, highlights=highlights)
        return docx_response(documents.summary_docx(report), f"{report.title}.docx")
    return render(request, "stats/summary.html", {"form": form, "summary": full, "organisation": org, "start": start,
                                                  "end": end, "descendants": descendants,
                                                  "query": period_query(org, start, end, descendants)})


def members_visible_for_summary(user, organisation):
    """Seats whose 述职 summary the user may make: any seat of the organisation for its statistics readers, else
    the user's own seat."""
    seats = Member.objects.filter(organisation=organisation).select_related("person", "organisation")
    if can_view_stats(user, organisation):
        return seats
    own = core.current_member(user, organisation)
    return seats.filter(pk=own.pk) if own else seats.none()


@organisation_required
def my_duty_summary(request):
    """The menu's "My duty summary": the summary of the reader's own seat in the active organisation."""
    own = core.current_member(request.user, request.organisation)
    if own is None:
        raise NotAllowed()
    return member_duty_summary(request, own.pk)


@organisation_required
def member_duty_summary(request, pk):
    seat = get_visible(members_visible_for_summary(request.user, request.organisation), pk,
                       organisation=request.organisation)
    if seat is None:
        raise NotAllowed()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    full = member_summary(seat, max(1949, min(year, 2100)))
    sections, highlights = _kept(request)
    if request.method == "POST":
        report = chosen(full, sections=sections, highlights=highlights)
        return docx_response(documents.summary_docx(report), f"{report.title}.docx")
    return render(request, "stats/summary.html", {"summary": full, "organisation": request.organisation,
                                                  "member": seat, "year": year})
