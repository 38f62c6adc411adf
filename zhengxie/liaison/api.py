"""The API of information for members (知情明政) and of members' questions to departments (知情问询), for the
members' mobile app and for the publishers. Every call acts in one organisation (``X-Organisation``) and calls the
same services as the pages."""

import datetime as dt

from django.urls import reverse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from zhengxie.activities.models import Activity
from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require
from zhengxie.core.exceptions import NotFound
from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.models import HandlingUnit, Sector, SpecialCommittee
from zhengxie.core.selectors import get_visible

from . import permissions, selectors, services
from .models import InfoItem, Inquiry
from .workflow import INFO_WORKFLOW

router = Router(tags=["liaison"])


# --- schemas -----------------------------------------------------------------------------------------------------------


class InformationAttachmentOut(Schema):
    id: int
    name: str
    size: int
    media_type: str
    url: str


class InfoItemOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    summary: str
    topic: str
    department: str
    publisher_kind: str
    access: str
    audience: str
    required: bool
    is_read: bool
    status: str
    status_label: str
    published_at: dt.datetime | None
    version: int


class InfoItemDetailOut(InfoItemOut):
    body: str
    activity_id: int | None
    attachments: list[InformationAttachmentOut]
    actions: list[str]


class InfoItemIn(Schema):
    kind: str
    title: str
    summary: str = ""
    body: str = ""
    topic: str
    department: str = ""
    access: str = "all"
    committee_id: Id | None = None
    sector_id: Id | None = None
    required: bool = False
    activity_id: Id | None = None
    unit_id: Id | None = None
    version: int | None = None


class InformationVersionIn(Schema):
    version: int | None = None


class InfoFilter(Schema):
    topic: str = ""
    kind: str = ""
    department: str = ""
    q: str = ""
    required: bool | None = None
    unread: bool = False


class ReceiptOut(Schema):
    item_id: int
    read_at: dt.datetime


class InquiryOut(Schema):
    id: int
    title: str
    topic: str
    unit_id: int
    unit: str
    member: str
    item_id: int | None
    status: str
    status_label: str
    asked_at: dt.datetime
    due_on: dt.date
    overdue: bool
    is_public: bool
    version: int


class InquiryDetailOut(InquiryOut):
    question: str
    may_publish: bool
    answer: str
    answered_at: dt.datetime | None


class InquiryIn(Schema):
    unit_id: Id
    topic: str
    title: str
    question: str
    item_id: Id | None = None
    may_publish: bool = True


class AnswerIn(Schema):
    answer: str
    public: bool = False
    version: int | None = None


class PublicIn(Schema):
    public: bool
    version: int | None = None


class InquiryFilter(Schema):
    status: str = ""
    topic: str = ""
    unit_id: Id | None = None
    mine: bool = False
    public: bool | None = None
    overdue: bool = False


# --- helpers -----------------------------------------------------------------------------------------------------------


def _item_out(i: InfoItem) -> dict:
    return {"id": i.pk, "kind": i.kind, "kind_label": i.get_kind_display(), "title": i.title, "summary": i.summary,
            "topic": i.topic, "department": i.department, "publisher_kind": i.publisher_kind, "access": i.access,
            "audience": str(i.audience_label), "required": i.required, "is_read": bool(getattr(i, "is_read", False)),
            "status": i.status, "status_label": i.get_status_display(), "published_at": i.published_at,
            "version": i.version}


def _item(request, item_id: int) -> InfoItem:
    org = active_organisation(request)
    return selectors.info_item_get_for_user(request.user, org, item_id)


def _item_detail(request, item_id: int) -> dict:
    org = active_organisation(request)
    item = get_visible(selectors.with_read_flag(selectors.info_items_visible_to(request.user, org), request.user),
                       item_id, organisation=org)
    actions = [t.action for t in INFO_WORKFLOW.actions_from(item.status)
               if permissions.can_edit_item(request.user, item) and t.action not in ("create", "link", "unlink")]
    if item.status == "published" and item.required and not item.is_read:
        actions.append("read")
    return {**_item_out(item), "body": item.body, "activity_id": item.activity_id, "actions": actions,
            "attachments": [{"id": a.pk, "name": a.original_name, "size": a.size, "media_type": a.media_type,
                             "url": reverse("api:info_attachment", kwargs={"item_id": item.pk, "attachment_id": a.pk})}
                            for a in attachments_of(item)]}


def _fields(org, payload: InfoItemIn) -> dict:
    def of(model, pk):
        return model.objects.filter(organisation=org, pk=pk).first() if pk else None

    return {"kind": payload.kind, "title": payload.title, "summary": payload.summary, "body": payload.body,
            "topic": payload.topic, "department": payload.department, "access": payload.access,
            "committee": of(SpecialCommittee, payload.committee_id), "sector": of(Sector, payload.sector_id),
            "required": payload.required, "activity": of(Activity, payload.activity_id)}


def _inquiry_out(q: Inquiry) -> dict:
    return {"id": q.pk, "title": q.title, "topic": q.topic, "unit_id": q.unit_id, "unit": q.unit.name,
            "member": q.member.person.name, "item_id": q.item_id, "status": q.status,
            "status_label": q.get_status_display(), "asked_at": q.asked_at, "due_on": q.due_on,
            "overdue": q.is_overdue, "is_public": q.is_public, "version": q.version}


def _inquiry_detail(q: Inquiry) -> dict:
    return {**_inquiry_out(q), "question": q.question, "may_publish": q.may_publish, "answer": q.answer,
            "answered_at": q.answered_at}


def _inquiry(request, inquiry_id: int) -> Inquiry:
    return selectors.inquiry_get_for_user(request.user, active_organisation(request), inquiry_id)


# --- information -------------------------------------------------------------------------------------------------------


@router.get("/info", response={200: list[InfoItemOut], **errors()}, summary="Information for members",
            description="What the user may read (members: published for all members, their committee, their sector, "
                        "or leaders); publishers also get their drafts. `unread=true`: required reading not yet "
                        "confirmed.")
@paginate(PageNumbers)
def info_list(request, filters: Query[InfoFilter]):
    org = require(request, permissions.can_use_information)
    qs = selectors.unread_required(request.user, org) if filters.unread else selectors.info_items_visible_to(
        request.user, org)
    qs = selectors.info_search(qs, topic=filters.topic, kind=filters.kind, department=filters.department,
                               q=filters.q, required=filters.required)
    return Rows(selectors.with_read_flag(qs, request.user), lambda items: [_item_out(i) for i in items])


@router.post("/info", response={201: InfoItemDetailOut, **errors(404, 409)}, summary="Draft an item",
             description="A department publishes in its own name; the Party/government offices in theirs; the "
                         "committee's offices in theirs or (``unit_id``) a department's.")
def info_create(request, payload: InfoItemIn):
    org = require(request, permissions.can_publish)
    unit = HandlingUnit.objects.filter(organisation=org, pk=payload.unit_id).first() if payload.unit_id else None
    item = services.info_create(actor=request.user, organisation=org, unit=unit, **_fields(org, payload))
    return Status(201, _item_detail(request, item.pk))


@router.get("/info/{item_id}", response={200: InfoItemDetailOut, **errors(404)}, summary="One item")
def info_detail(request, item_id: Id):
    return _item_detail(request, item_id)


@router.put("/info/{item_id}", response={200: InfoItemDetailOut, **errors(404, 409)}, summary="Edit an item")
def info_update(request, item_id: Id, payload: InfoItemIn):
    org = active_organisation(request)
    services.info_update(actor=request.user, item=_item(request, item_id), version=payload.version,
                         **_fields(org, payload))
    return _item_detail(request, item_id)


@router.post("/info/{item_id}/publish", response={200: InfoItemDetailOut, **errors(404, 409)},
             summary="Publish an item to its readers")
def info_publish(request, item_id: Id, payload: InformationVersionIn):
    services.info_publish(actor=request.user, item=_item(request, item_id), version=payload.version)
    return _item_detail(request, item_id)


@router.post("/info/{item_id}/withdraw", response={200: InfoItemDetailOut, **errors(404, 409)},
             summary="Withdraw a published item")
def info_withdraw(request, item_id: Id, payload: InformationVersionIn):
    services.info_withdraw(actor=request.user, item=_item(request, item_id), version=payload.version)
    return _item_detail(request, item_id)


@router.post("/info/{item_id}/read", response={200: ReceiptOut, **errors(404, 409)},
             summary="Confirm reading an item (required reading)")
def info_read(request, item_id: Id):
    receipt = services.info_mark_read(actor=request.user, item=_item(request, item_id))
    return {"item_id": receipt.item_id, "read_at": receipt.read_at}


@router.post("/info/{item_id}/attachments", response={201: InformationAttachmentOut, **errors(404, 409)}, summary="Add a file")
def info_attach(request, item_id: Id, file: File[UploadedFile]):
    item = _item(request, item_id)
    a = services.info_attach(actor=request.user, item=item, upload=file)
    return Status(201, {"id": a.pk, "name": a.original_name, "size": a.size, "media_type": a.media_type,
                        "url": reverse("api:info_attachment", kwargs={"item_id": item.pk, "attachment_id": a.pk})})


@router.get("/info/{item_id}/attachments/{attachment_id}", response={200: None, **errors(404)},
            url_name="info_attachment", summary="A file of an item (PDF and images shown inline)")
def info_attachment(request, item_id: Id, attachment_id: Id):
    found = attachments_of(_item(request, item_id)).filter(pk=attachment_id).first()
    if found is None:
        raise NotFound()
    return attachment_response(found)


# --- questions to departments --------------------------------------------------------------------------------------------


@router.get("/inquiries", response={200: list[InquiryOut], **errors()}, summary="Questions to departments",
            description="Members: their own and the answers made public (`mine=true`: their own only); a department: "
                        "those addressed to it; the office, the leaders and the Party/government offices: all.")
@paginate(PageNumbers)
def inquiry_list(request, filters: Query[InquiryFilter]):
    org = require(request, permissions.can_use_inquiries)
    qs = selectors.inquiry_search(selectors.inquiries_visible_to(request.user, org), status=filters.status,
                                  topic=filters.topic, unit_id=filters.unit_id,
                                  mine_of=request.user if filters.mine else None, public=filters.public,
                                  overdue=filters.overdue)
    return Rows(qs, lambda items: [_inquiry_out(q) for q in items])


@router.post("/inquiries", response={201: InquiryDetailOut, **errors(404, 409)}, summary="Ask a department",
             description="A member asks; the answer is due within the organisation's number of working days.")
def inquiry_ask(request, payload: InquiryIn):
    org = require(request, permissions.can_ask)
    unit = HandlingUnit.objects.filter(organisation=org, pk=payload.unit_id).first()
    item = selectors.info_item_get_for_user(request.user, org, payload.item_id) if payload.item_id else None
    q = services.inquiry_ask(actor=request.user, organisation=org, unit=unit, title=payload.title,
                             question=payload.question, topic=payload.topic, item=item, may_publish=payload.may_publish)
    return Status(201, _inquiry_detail(q))


@router.get("/inquiries/{inquiry_id}", response={200: InquiryDetailOut, **errors(404)}, summary="One question")
def inquiry_detail(request, inquiry_id: Id):
    return _inquiry_detail(_inquiry(request, inquiry_id))


@router.post("/inquiries/{inquiry_id}/answer", response={200: InquiryDetailOut, **errors(404, 409)},
             summary="Answer a question (the addressed department)")
def inquiry_answer(request, inquiry_id: Id, payload: AnswerIn):
    q = services.inquiry_answer(actor=request.user, inquiry=_inquiry(request, inquiry_id), answer=payload.answer,
                                public=payload.public, version=payload.version)
    return _inquiry_detail(q)


@router.post("/inquiries/{inquiry_id}/withdraw", response={200: InquiryDetailOut, **errors(404, 409)},
             summary="Withdraw my question")
def inquiry_withdraw(request, inquiry_id: Id, payload: InformationVersionIn):
    q = services.inquiry_withdraw(actor=request.user, inquiry=_inquiry(request, inquiry_id), version=payload.version)
    return _inquiry_detail(q)


@router.post("/inquiries/{inquiry_id}/public", response={200: InquiryDetailOut, **errors(404, 409)},
             summary="Show an answer to all members, or to the member only (the office)")
def inquiry_public(request, inquiry_id: Id, payload: PublicIn):
    q = services.inquiry_set_public(actor=request.user, inquiry=_inquiry(request, inquiry_id), public=payload.public,
                                    version=payload.version)
    return _inquiry_detail(q)


from . import api_topics  # noqa: E402, F401  (topics and contact duties, on this router)
