"""The public page (no account): a committee's page and each place's page (reached from its QR poster) to send a
concern, and the page to follow it with the tracking code and give feedback. See guard.py for its protections."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.models import Organisation

from .. import guard, public, public_places, selectors, services
from ..forms import PublicConcernForm, PublicFeedbackForm, TrackForm
from ..models.concerns import format_tracking_code


def flood_response(exc) -> HttpResponse:
    return HttpResponse(str(exc), status=exc.status, content_type="text/plain; charset=utf-8")


def public_index(request):
    """The committees whose public page one can open."""
    organisations = Organisation.objects.filter(is_active=True).order_by("path")
    return render(request, "outreach/public/index.html", {"organisations": organisations})


def public_organisation(request, org_id):
    organisation = get_object_or_404(Organisation, pk=org_id, is_active=True)
    return _submit_page(request, organisation, None)


def public_place(request, code):
    place = selectors.public_place(code)
    if place is None:
        raise Http404
    return _submit_page(request, place.organisation, place)


def _submit_page(request, organisation, place):
    places = selectors.public_places_of(organisation)
    context = {"organisation": organisation, "place": place}
    status = 200
    if request.method == "POST":
        try:
            public.begin(request)
        except guard.Flood as exc:
            return flood_response(exc)
        except guard.RateLimited as exc:  # a person over the limit: keep what was typed
            form = PublicConcernForm(request.POST, organisation=organisation, places=places, fixed_place=place)
            return _render_form(request, context, form, error=str(exc), status=exc.status)
        except DomainError as exc:  # too large to read: start again
            form = PublicConcernForm(organisation=organisation, places=places, fixed_place=place)
            return _render_form(request, context, form, error=str(exc), status=exc.status)
        form = PublicConcernForm(request.POST, request.FILES, organisation=organisation, places=places,
                                 fixed_place=place)
        if form.is_valid():
            data = form.concern_data()
            if place is not None:
                data["place"] = place
            try:
                concern, code = public.submit(
                    request, organisation=organisation, data=data, upload=form.cleaned_data.get("photo"),
                    token=form.cleaned_data["token"], answer=form.cleaned_data["answer"],
                    honeypot=form.cleaned_data.get("website", ""))
            except DomainError as exc:
                for field, message in exc.errors.items():
                    form.add_error(field if field in form.fields else None, message)
                return _render_form(request, context, form, error=str(exc), status=exc.status)
            return render(request, "outreach/public/submitted.html",
                          {**context, "concern": concern, "code": format_tracking_code(code)})
        status = 400
    else:
        form = PublicConcernForm(organisation=organisation, places=places, fixed_place=place)
    return _render_form(request, context, form, status=status)


def _nearby(request, organisation, place) -> dict:
    """The map-free list of places by division: the chosen county and township (a place's page starts from its
    own township)."""
    county = (request.GET.get("county") or (place.county if place else "")).strip()[:40]
    township = (request.GET.get("township") or (place.township if place and "county" not in request.GET else "")
                ).strip()[:40]
    return {"divisions": public_places.divisions_of(organisation), "county": county, "township": township,
            "nearby": public_places.nearby_places(organisation, county=county, township=township, exclude=place),
            "hotline": public_places.hotline_of(organisation)}


def _render_form(request, context, form, *, error="", status=200):
    place = context["place"]
    return render(request, "outreach/public/submit.html", {
        **_nearby(request, context["organisation"], place),
        **context, "form": form, "error": error, "challenge": guard.challenge_issue(),
        "honeypot": guard.HONEYPOT_FIELD,
        "photos": list(attachments_of(place, "photo")[:4]) if place is not None else [],
        "team": [pm.member for pm in selectors.place_team(place)] if place is not None else [],
    }, status=status)


def _challenge_media(request, render_media, content_type):
    try:
        guard.count_media(request)
    except guard.RateLimited as exc:
        return flood_response(exc)
    data = render_media(request.resolver_match.kwargs["nonce"])
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def public_challenge_image(request, nonce):
    """The picture of the form's digits (the page shows it; a used or expired challenge has none)."""
    return _challenge_media(request, guard.challenge_image, "image/png")


def public_challenge_audio(request, nonce):
    """The same digits read aloud, for those who cannot see the picture well."""
    return _challenge_media(request, guard.challenge_audio, "audio/wav")


def public_track(request):
    """Look a concern up with its tracking code (sent by POST, so that the code stays out of addresses and logs)."""
    if request.method != "POST":
        return render(request, "outreach/public/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    try:
        public.begin(request)
        if not form.is_valid():
            return render(request, "outreach/public/track.html", {"form": form}, status=400)
        concern = public.find(request, form.cleaned_data["code"])
    except DomainError as exc:
        return _refused(request, exc)
    return _progress(request, concern, form.cleaned_data["code"])


def _refused(request, exc):
    if isinstance(exc, guard.Flood):
        return flood_response(exc)
    return render(request, "outreach/public/track.html", {"form": TrackForm(), "error": str(exc)}, status=exc.status)


def _progress(request, concern, code, *, feedback_form=None, message="", status=200):
    info = public.progress(concern)
    if feedback_form is None and info["can_give_feedback"]:
        feedback_form = PublicFeedbackForm(initial={"code": code})
    return render(request, "outreach/public/progress.html", {
        "info": info, "feedback_form": feedback_form if info["can_give_feedback"] else None, "message": message,
        "organisation": concern.organisation,
    }, status=status)


def public_feedback(request):
    if request.method != "POST":
        return render(request, "outreach/public/track.html", {"form": TrackForm()})
    code = request.POST.get("code", "")
    form = PublicFeedbackForm(request.POST)
    try:
        public.begin(request)
        concern = public.find(request, code)
    except DomainError as exc:
        return _refused(request, exc)
    if not form.is_valid():
        return _progress(request, concern, code, feedback_form=form, status=400)
    try:
        concern = services.concern_feedback(concern=concern, satisfied=form.cleaned_data["satisfied"],
                                            comment=form.cleaned_data["comment"])
    except DomainError as exc:
        return _progress(request, concern, code, feedback_form=form, message=str(exc), status=exc.status)
    return _progress(request, concern, code, message=gettext("Thank you: your feedback was recorded."))


def public_place_photo(request, code, attachment_id):
    place = selectors.public_place(code)
    if place is None:
        raise Http404
    return attachment_response(get_object_or_404(attachments_of(place, "photo"), pk=attachment_id))

