"""Constituents' concerns for members, the office and handling units: the list, registering one on a person's
behalf, the page of a concern with the actions the user may take, photos, and the Excel export."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.views.common import (
    list_export,
    list_page,
    organisation_required,
    posted_version,
    require,
    run_service,
)
from zhengxie.search.api import clusters_out

from .. import permissions, selectors, services
from ..exports import concern_columns, concern_rows
from ..forms import (
    AssignForm,
    CloseForm,
    ConcernClusterForm,
    ConcernFilterForm,
    ConcernRegisterForm,
    DeclineForm,
    FeedbackForm,
    NoteForm,
    PassToUnitForm,
    PhotoForm,
    ReopenForm,
    RouteForm,
    TextForm,
)
from ..models import Place
from ..models.concerns import format_tracking_code
from ..search import concern_cluster_details
from .common import add_photo


def _filtered(request):
    org = request.organisation
    form = ConcernFilterForm(request.GET or None, organisation=org)
    qs = selectors.concerns_visible_to(request.user, org)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.concern_search(qs, status=d.get("status", ""), category=d.get("category", ""),
                                  source=d.get("source", ""), overdue=d.get("overdue", False),
                                  date_from=d.get("date_from"), date_to=d.get("date_to"), q=d.get("q", ""))
    return form, qs


@require(permissions.can_view_concerns)
def concern_list(request):
    form, qs = _filtered(request)
    return list_page(request, qs, template="outreach/concern_list.html",
                     partial="outreach/partials/concern_table.html", form=form,
                     can_register=permissions.can_register_concern(request.user, request.organisation))


@require(permissions.can_view_concerns)
def concern_similar(request):
    """Groups of the same complaint among the concerns of the list's filters, at one place or all of them."""
    org = request.organisation
    places = selectors.places_visible_to(request.user, org).filter(
        pk__in=selectors.concerns_visible_to(request.user, org).values("place_id")).order_by("name")
    form = ConcernClusterForm(request.GET or None, organisation=org, places=places)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.concern_search(selectors.concerns_visible_to(request.user, org), status=d.get("status", ""),
                                  category=d.get("category", ""), place=d["place"].pk if d.get("place") else None,
                                  date_from=d.get("date_from"), date_to=d.get("date_to"))
    clusters = clusters_out("outreach.concern", selectors.concern_clusters(qs), details=concern_cluster_details)
    return render(request, "outreach/concern_similar.html", {"form": form, "clusters": clusters})


@require(permissions.can_view_concerns)
def concern_export(request):
    _form, qs = _filtered(request)
    return list_export(request, concern_rows(qs), columns=concern_columns(), name=_("Concerns"),
                       action="outreach.concern.exported")


def _register_places(request):
    org, user = request.organisation, request.user
    qs = Place.objects.filter(organisation=org, is_active=True)
    if not permissions.can_manage(user, org):
        ids = permissions.place_ids_of(user, org)
        qs = qs.filter(pk__in=ids) if ids else qs.filter(kind__in=["workstation", "studio"])
    return qs.order_by("county", "township", "name")


@require(permissions.can_register_concern)
def concern_register(request):
    org = request.organisation
    seat = permissions.seat_of(request.user, org)
    initial = {}
    if request.GET.get("place", "").isdigit():
        initial["place"] = int(request.GET["place"])
    activity = None
    if request.GET.get("activity", "").isdigit():
        activity = selectors.activity_get_for_user(request.user, org, int(request.GET["activity"]))
        initial["place"] = activity.place_id
    form = ConcernRegisterForm(request.POST or None, request.FILES or None, organisation=org,
                               places=_register_places(request), initial=initial)
    if seat is None:
        del form.fields["handle_myself"]
    if request.method == "POST" and form.is_valid():
        result = run_service(request, lambda: services.concern_register(
            actor=request.user, organisation=org, data=form.concern_data(), upload=form.cleaned_data.get("photo"),
            handle_myself=form.cleaned_data.get("handle_myself", False), activity=activity), form=form)
        if result:
            concern, code = result
            return render(request, "outreach/concern_code.html", {
                "concern": concern, "code": format_tracking_code(code), "registered": True})
    return render(request, "outreach/concern_register.html", {"form": form, "activity": activity})


def _forms(request, concern, bound=None):
    """The action forms the user may use on this concern now (``bound``: (action, form) to show again)."""
    org = request.organisation
    members = selectors.team_candidates(org)
    if not permissions.can_manage(request.user, org) and concern.place_id:
        team = {concern.place.lead_member_id, *concern.place.team.values_list("member_id", flat=True)}
        members = members.filter(pk__in=team)
    blank = {
        "take_up": lambda: None,
        "assign": lambda: AssignForm(members=members),
        "route": lambda: RouteForm(organisation=org),
        "pass_to_unit": lambda: PassToUnitForm(organisation=org),
        "unit_reply": TextForm,
        "unit_return": TextForm,
        "note": NoteForm,
        "close": CloseForm,
        "decline": DeclineForm,
        "feedback": FeedbackForm,
        "reopen": lambda: ReopenForm(members=selectors.team_candidates(org),
                                     initial={"member": concern.assigned_member_id}),
        "reissue_code": lambda: None,
    }
    return {action: bound[1] if bound and bound[0] == action else blank[action]()
            for action in permissions.concern_actions(request.user, concern)}


@require(permissions.can_view_concerns)
def concern_detail(request, pk, bound=None, status=200):
    concern = selectors.concern_get_for_user(request.user, request.organisation, pk)
    return render(request, "outreach/concern_detail.html", {
        "concern": concern, "forms": _forms(request, concern, bound),
        "is_handler": permissions.is_handler(request.user, concern),
        "history": selectors.concern_history(concern), "photos": attachments_of(concern, "photo"),
        "can_add_photo": permissions.can_handle(request.user, concern) or concern.registered_by_id == request.user.pk,
        "photo_form": PhotoForm(),
    }, status=status)


ACTION_FORMS = {
    "assign": lambda request, org: AssignForm(request.POST, members=selectors.team_candidates(org)),
    "route": lambda request, org: RouteForm(request.POST, organisation=org),
    "pass_to_unit": lambda request, org: PassToUnitForm(request.POST, organisation=org),
    "unit_reply": lambda request, org: TextForm(request.POST),
    "unit_return": lambda request, org: TextForm(request.POST),
    "note": lambda request, org: NoteForm(request.POST),
    "close": lambda request, org: CloseForm(request.POST),
    "decline": lambda request, org: DeclineForm(request.POST),
    "feedback": lambda request, org: FeedbackForm(request.POST),
    "reopen": lambda request, org: ReopenForm(request.POST, members=selectors.team_candidates(org)),
}
SUCCESS = {
    "take_up": gettext_lazy("You are handling this concern now."),
    "assign": gettext_lazy("The concern was assigned."),
    "route": gettext_lazy("The concern was sent to the place."),
    "pass_to_unit": gettext_lazy("The concern was passed to the unit."),
    "unit_reply": gettext_lazy("Your answer was sent."),
    "unit_return": gettext_lazy("The concern was returned."),
    "note": gettext_lazy("The note was added."),
    "close": gettext_lazy("The concern was closed."),
    "decline": gettext_lazy("The concern was marked as not taken up."),
    "feedback": gettext_lazy("The person's feedback was recorded."),
    "reopen": gettext_lazy("The concern was reopened."),
}


def _call(request, concern, action, d):
    user, version = request.user, posted_version(request)
    calls = {
        "take_up": lambda: services.concern_assign(actor=user, concern=concern, version=version,
                                                   member=permissions.seat_of(user, concern.organisation)),
        "assign": lambda: services.concern_assign(actor=user, concern=concern, member=d["member"],
                                                  comment=d["comment"], version=version),
        "route": lambda: services.concern_route(actor=user, concern=concern, place=d["place"], comment=d["comment"],
                                                version=version),
        "pass_to_unit": lambda: services.concern_pass_to_unit(actor=user, concern=concern, unit=d["unit"],
                                                              due_on=d["due_on"], comment=d["comment"], version=version),
        "unit_reply": lambda: services.concern_unit_reply(actor=user, concern=concern, answer=d["text"], version=version),
        "unit_return": lambda: services.concern_unit_return(actor=user, concern=concern, reason=d["text"], version=version),
        "note": lambda: services.concern_add_note(actor=user, concern=concern, text=d["text"], is_public=d["is_public"]),
        "close": lambda: services.concern_close(actor=user, concern=concern, result=d["result"], version=version),
        "decline": lambda: services.concern_decline(actor=user, concern=concern, reason=d["reason"], version=version),
        "feedback": lambda: services.concern_feedback(actor=user, concern=concern, satisfied=d["satisfied"],
                                                      comment=d["comment"]),
        "reopen": lambda: services.concern_reopen(actor=user, concern=concern, member=d["member"], reason=d["reason"],
                                                  version=version),
    }
    return calls[action]()


@require_POST
@organisation_required
def concern_action(request, pk, action):
    concern = selectors.concern_get_for_user(request.user, request.organisation, pk)
    if action == "reissue_code":
        code = run_service(request, lambda: services.concern_reissue_code(actor=request.user, concern=concern))
        if code:
            return render(request, "outreach/concern_code.html", {"concern": concern, "code": format_tracking_code(code)})
        return redirect("outreach:concern_detail", pk=concern.pk)
    if action not in SUCCESS:
        raise Http404
    form = ACTION_FORMS[action](request, request.organisation) if action in ACTION_FORMS else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Correct the marked fields."))
        return concern_detail(request, pk, bound=(action, form), status=400)
    if run_service(request, lambda: _call(request, concern, action, form.cleaned_data if form else {}),
                   success=str(SUCCESS[action]), form=form) is None:
        if form is not None:
            return concern_detail(request, pk, bound=(action, form), status=400)
        return redirect("outreach:concern_detail", pk=concern.pk)
    if not permissions.can_view_concerns(request.user, request.organisation) or not selectors.concerns_visible_to(
            request.user, request.organisation).filter(pk=concern.pk).exists():
        return redirect("outreach:concern_list")
    return redirect("outreach:concern_detail", pk=concern.pk)


@require_POST
@organisation_required
def concern_photo_add(request, pk):
    concern = selectors.concern_get_for_user(request.user, request.organisation, pk)
    add_photo(request, lambda upload: services.concern_add_photo(actor=request.user, concern=concern, upload=upload))
    return redirect("outreach:concern_detail", pk=concern.pk)


@require(permissions.can_view_concerns)
def concern_photo(request, pk, attachment_id):
    concern = selectors.concern_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(concern, attachment_id, role="photo")

