"""Places: the list with filters, Excel import and export, the page of a place with its team, roster, photos and
ratings, the form, and the QR posters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core
from zhengxie.core.documents import XLSX_TYPE, file_response
from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.views.common import (
    list_export,
    list_page,
    organisation_required,
    posted_version,
    require,
    run_service,
)

from .. import permissions, selectors, services
from ..choices import ActivityStatus, ConcernStatus
from ..forms import ImportForm, PhotoForm, PlaceFilterForm, PlaceForm, RatingForm, RosterFormSet, TeamForm
from ..place_import import headers, place_import, place_row, template_bytes
from ..poster import poster_pdf
from .common import add_photo

POSTERS_AT_ONCE = 300


def pdf_download(content: bytes, filename: str):
    return file_response(content, filename, "application/pdf")


@organisation_required
def index(request):
    """Where "Members and the public" leads each user."""
    org, user = request.organisation, request.user
    if core.is_staff_of(user, org):
        return redirect("outreach:place_list")
    if permissions.seat_of(user, org) is not None:
        return redirect("outreach:mine")
    if permissions.can_view_concerns(user, org):
        return redirect("outreach:concern_list")
    raise PermissionDenied


@require(lambda user, org: permissions.seat_of(user, org) is not None)
def mine(request):
    """A member's outreach: his places, the concerns he handles or that wait at his places, his activities."""
    org, user = request.organisation, request.user
    concerns = selectors.concern_search(selectors.concerns_visible_to(user, org), status="open")[:20]
    activities = selectors.activity_search(selectors.activities_visible_to(user, org))[:10]
    return render(request, "outreach/mine.html", {
        "places": selectors.with_latest_rating(selectors.my_places(user, org)), "concerns": concerns,
        "activities": activities, "seat": permissions.seat_of(user, org),
    })


def _filtered(request):
    org = request.organisation
    form = PlaceFilterForm(request.GET or None, organisation=org)
    qs = selectors.places_visible_to(request.user, org)
    d = form.cleaned_data if form.is_valid() else {"active": "yes"}
    active = {"yes": True, "no": False}.get(d.get("active") or "yes")
    qs = selectors.place_search(qs, kind=d.get("kind", ""), level=d.get("level", ""), county=d.get("county", ""),
                                township=d.get("township", ""), q=d.get("q", ""), five_haves=d.get("five_haves", ""),
                                stars=d.get("stars") or None, active=active)
    return form, qs


@require(permissions.can_view_places)
def place_list(request):
    form, qs = _filtered(request)
    return list_page(request, qs, template="outreach/place_list.html", partial="outreach/partials/place_table.html",
                     form=form, can_manage=permissions.can_manage(request.user, request.organisation))


@require(permissions.can_view_places)
def place_export(request):
    _form, qs = _filtered(request)
    yes, no = _("Yes"), _("No")
    rows = (place_row(p, yes, no) + [p.latest_stars or ""]
            for p in qs.prefetch_related("team__member__person").iterator(chunk_size=2000))
    return list_export(request, rows, columns=[*headers(), (_("Latest rating (stars)"), 10)], name=_("Places"),
                       action="outreach.place.exported")


@require(permissions.can_manage)
def place_import_template(request):
    return file_response(template_bytes(), _("place-import-template.xlsx"), XLSX_TYPE)


@require(permissions.can_manage)
def place_import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            count = place_import(actor=request.user, organisation=request.organisation, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error(None, str(exc))
            row_errors = dict(sorted(exc.errors.items()))
        else:
            messages.success(request, _("%(n)d places were imported.") % {"n": count})
            return redirect("outreach:place_list")
    return render(request, "outreach/place_import.html", {"form": form, "row_errors": row_errors})


@require(permissions.can_view_places)
def place_detail(request, pk):
    org, user = request.organisation, request.user
    place = selectors.place_get_for_user(user, org, pk)
    this_year = timezone.localdate().year
    activities = place.activities.filter(status=ActivityStatus.HELD)
    return render(request, "outreach/place_detail.html", {
        "place": place, "team": selectors.place_team(place), "roster": selectors.place_roster(place),
        "ratings": place.ratings.select_related("rated_by__person"), "photos": attachments_of(place, "photo"),
        "recent": place.activities.select_related("place").order_by("-held_on", "-pk")[:8],
        "held_this_year": activities.filter(held_on__year=this_year).count(),
        "open_concerns": place.concerns.filter(status__in=[ConcernStatus.SUBMITTED, ConcernStatus.HANDLING,
                                                           ConcernStatus.AT_UNIT]).count(),
        "can_manage": permissions.can_manage(user, org), "can_edit_team": permissions.can_edit_team(user, place),
        "can_record": permissions.can_record_activity_at(user, place),
        "can_register": permissions.can_register_concern(user, org),
        "rating_form": RatingForm(), "photo_form": PhotoForm(),
    })


@require(permissions.can_manage)
def place_edit(request, pk=None):
    org = request.organisation
    place = selectors.place_get_for_user(request.user, org, pk) if pk else None
    form = PlaceForm(request.POST or None, instance=place, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in PlaceForm.Meta.fields}
        result = run_service(request, lambda: services.place_save(
            actor=request.user, organisation=org, data=data, place=place, version=posted_version(request)),
            success=_("The place was saved."), form=form)
        if result:
            return redirect("outreach:place_detail", pk=result.pk)
    return render(request, "outreach/place_form.html", {"form": form, "place": place})


@organisation_required
def place_team(request, pk):
    org = request.organisation
    place = selectors.place_get_for_user(request.user, org, pk)
    if not permissions.can_edit_team(request.user, place):
        raise PermissionDenied
    team = [pm.member for pm in selectors.place_team(place)]
    members = ([place.lead_member] if place.lead_member_id else []) + team
    initial_roster = [{"member": s.member_id, "weekday": s.weekday, "period": s.period}
                      for s in selectors.place_roster(place)]
    team_form = TeamForm(request.POST if "team" in request.POST else None, organisation=org,
                         initial={"members": [m.pk for m in team]})
    roster = RosterFormSet(request.POST if "roster" in request.POST else None, members=members,
                           initial=initial_roster, prefix="roster")
    if request.method == "POST":
        if "team" in request.POST and team_form.is_valid():
            if run_service(request, lambda: services.place_set_team(
                    actor=request.user, place=place, members=team_form.cleaned_data["members"]),
                    success=_("The members on duty were saved.")):
                return redirect("outreach:place_team", pk=place.pk)
        elif "roster" in request.POST and roster.is_valid():
            if run_service(request, lambda: services.place_set_roster(actor=request.user, place=place, slots=roster.slots()),
                           success=_("The duty roster was saved.")):
                return redirect("outreach:place_detail", pk=place.pk)
    return render(request, "outreach/place_team.html", {"place": place, "team_form": team_form, "roster": roster})


@require_POST
@require(permissions.can_manage)
def place_rate(request, pk):
    place = selectors.place_get_for_user(request.user, request.organisation, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.place_rate(actor=request.user, place=place, year=d["year"],
                                                         stars=d["stars"], comment=d["comment"]),
                    success=_("The rating was saved."))
    else:
        messages.error(request, _("Choose the year and the number of stars."))
    return redirect("outreach:place_detail", pk=place.pk)


@require_POST
@organisation_required
def place_photo_add(request, pk):
    place = selectors.place_get_for_user(request.user, request.organisation, pk)
    add_photo(request, lambda upload: services.place_add_photo(actor=request.user, place=place, upload=upload))
    return redirect("outreach:place_detail", pk=place.pk)


@require_POST
@organisation_required
def place_photo_remove(request, pk, attachment_id):
    place = selectors.place_get_for_user(request.user, request.organisation, pk)
    attachment = attachments_of(place, "photo").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    run_service(request, lambda: services.place_remove_photo(actor=request.user, place=place, attachment=attachment),
                success=_("The photo was removed."))
    return redirect("outreach:place_detail", pk=place.pk)


@require(permissions.can_view_places)
def place_photo(request, pk, attachment_id):
    place = selectors.place_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(place, attachment_id, role="photo")


@require(permissions.can_view_places)
def place_poster(request, pk):
    place = selectors.place_get_for_user(request.user, request.organisation, pk)
    return pdf_download(poster_pdf([place], request=request), f"{place.name}-{_('QR poster')}.pdf")


@require(permissions.can_view_places)
def place_posters(request):
    """The posters of the filtered places, one page each (at most a few hundred at a time)."""
    _form, qs = _filtered(request)
    places = list(qs.select_related("organisation").prefetch_related("team__member__person")[:POSTERS_AT_ONCE + 1])
    if len(places) > POSTERS_AT_ONCE:
        messages.error(request, _("Choose at most %(n)d places (filter by county or township), then print again.")
                       % {"n": POSTERS_AT_ONCE})
        return redirect(f"{reverse('outreach:place_list')}?{request.GET.urlencode()}")
    return pdf_download(poster_pdf(places, request=request), f"{request.organisation.short_name}-{_('QR posters')}.pdf")
