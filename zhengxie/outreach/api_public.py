"""The public page's API (no account: ``auth=None``), for a public app or a mini-program. The same protections
as the public web page apply (guard.py): every write is counted per address before its body is read, the
challenge is signed, timed and single-use, a honeypot field must stay empty, sizes and content types are
checked, and failed look-ups of tracking codes are limited."""

import datetime as dt
from functools import wraps

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from pydantic import Field

from zhengxie.api.common import Id, errors
from zhengxie.api.errors import body as error_body
from zhengxie.core.exceptions import DomainError, NotFound
from zhengxie.core.models import Organisation
from zhengxie.core.org_settings import get_setting

from . import guard, public, selectors, services
from .models.concerns import format_tracking_code

public_router = Router(tags=["outreach (public)"])


def guarded(run):
    """Around a public write: refuse oversize requests and flooding addresses before the body is parsed."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        try:
            public.begin(request)
        except DomainError as exc:
            return JsonResponse(error_body(exc.message, exc.code, exc.errors), status=exc.status)
        return run(request, *args, **kwargs)

    return wrapper


class PublicPlaceOut(Schema):
    code: str
    name: str
    kind: str
    organisation_id: Id
    organisation: str
    address: str
    opening_hours: str
    contact_phone: str
    lead_member: str | None
    members_on_duty: list[str]


class PublicPlaceRef(Schema):
    code: str
    name: str
    county: str


class PublicOrganisationOut(Schema):
    id: int
    name: str
    categories: list[str]
    places: list[PublicPlaceRef] = Field(description="Workstations and studios one may choose")


class ChallengeOut(Schema):
    token: str = Field(description="Send back unchanged with the answer; it works once and expires in two hours")
    question: str = Field(description="What to do: type the digits shown in the picture")
    image_url: str = Field(description="The picture of the digits (PNG)")
    audio_url: str = Field(description="The same digits read aloud (WAV), for those who cannot see it well")


@public_router.get("/places/{code}", auth=None, response={200: PublicPlaceOut, **errors(404, login=False)},
                   summary="A place's public page (what its QR poster opens)")
def public_place(request, code: str):
    place = selectors.public_place(code)
    if place is None:
        raise NotFound()
    return {"code": place.public_code, "name": place.name, "kind": place.kind, "organisation_id": place.organisation_id,
            "organisation": place.organisation.name, "address": place.address, "opening_hours": place.opening_hours,
            "contact_phone": place.contact_phone,
            "lead_member": place.lead_member.person.name if place.lead_member_id else None,
            "members_on_duty": [pm.member.person.name for pm in selectors.place_team(place)]}


@public_router.get("/organisations/{org_id}", auth=None, response={200: PublicOrganisationOut, **errors(404, login=False)},
                   summary="A committee's public page: categories and the places one may choose")
def public_organisation(request, org_id: Id):
    org = get_object_or_404(Organisation, pk=org_id, is_active=True)
    return {"id": org.pk, "name": org.name, "categories": get_setting(org, "outreach.concern_categories"),
            "places": [{"code": p.public_code, "name": p.name, "county": p.county}
                       for p in selectors.public_places_of(org)]}


@public_router.get("/challenge", auth=None, response={200: ChallengeOut, **errors(login=False)}, summary="A picture of digits to type when sending a concern")
def public_challenge(request):
    challenge = guard.challenge_issue()
    return {"token": challenge.token, "question": challenge.question, "image_url": challenge.image_url,
            "audio_url": challenge.audio_url}


class PublicConcernIn(Schema):
    organisation_id: Id | None = Field(None, description="The committee (when no place is named)")
    place_code: str | None = Field(None, max_length=16, description="The place's public code")
    name: str = Field(max_length=guard.NAME_MAX)
    phone: str = Field(max_length=20)
    category: str = Field(max_length=40)
    description: str = Field(max_length=2000)
    token: str = Field(max_length=500)
    answer: str = Field(max_length=6)
    website: str = Field("", max_length=200, description="Leave empty (a field for programs only)")


class SubmittedOut(Schema):
    reference: str
    tracking_code: str = Field(description="Shown once: the person keeps it to follow the concern")


@public_router.post("/concerns", auth=None, response={201: SubmittedOut, **errors(404, 409, 429, login=False)},
                    summary="Send a concern (multipart form; optional photo ≤ 5 MB, JPEG, PNG or WebP)")
@decorate_view(guarded)
def public_submit(request, payload: Form[PublicConcernIn], photo: File[UploadedFile] = None):
    place = selectors.public_place(payload.place_code) if payload.place_code else None
    if payload.place_code and place is None:
        raise NotFound()
    organisation = place.organisation if place else get_object_or_404(
        Organisation, pk=payload.organisation_id or 0, is_active=True)
    data = {"name": payload.name, "phone": payload.phone, "category": payload.category,
            "description": payload.description, "place": place}
    concern, code = public.submit(request, organisation=organisation, data=data, upload=photo, token=payload.token,
                                  answer=payload.answer, honeypot=payload.website)
    return Status(201, {"reference": concern.reference, "tracking_code": format_tracking_code(code)})


class CodeIn(Schema):
    code: str = Field(max_length=40)


class HistoryOut(Schema):
    at: dt.datetime
    action: str
    label: str
    text: str
    unit: str


class ProgressOut(Schema):
    reference: str
    status: str
    status_label: str
    category: str
    place: str
    name: str = Field(description="Masked")
    description: str
    received_at: dt.datetime
    unit: str
    unit_due_on: dt.date | None
    result: str
    closed_at: dt.datetime | None
    satisfied: bool | None
    feedback_at: dt.datetime | None
    can_give_feedback: bool
    history: list[HistoryOut]


def _progress(concern) -> dict:
    info = public.progress(concern)
    info["status_label"] = str(info["status_label"])
    info["history"] = [{**step, "label": str(step["label"])} for step in info["history"]]
    return info


@public_router.post("/track", auth=None, response={200: ProgressOut, **errors(404, 409, 429, login=False)},
                    summary="Follow a concern with its tracking code (sent in the body, not the address)")
@decorate_view(guarded)
def public_track(request, payload: CodeIn):
    return _progress(public.find(request, payload.code))


class PublicFeedbackIn(CodeIn):
    satisfied: bool
    comment: str = Field("", max_length=guard.COMMENT_MAX)


@public_router.post("/feedback", auth=None, response={200: ProgressOut, **errors(404, 409, 429, login=False)},
                    summary="Say whether the result satisfies you (once, within the organisation's time limit)")
@decorate_view(guarded)
def public_feedback(request, payload: PublicFeedbackIn):
    concern = public.find(request, payload.code)
    return _progress(services.concern_feedback(concern=concern, satisfied=payload.satisfied, comment=payload.comment))
