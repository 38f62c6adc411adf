"""The API of public-opinion reports (社情民意), for the members' mobile app and for the information office.

A member, a contact of a body or an invited informant submits and follows their own reports (``/reports/mine``,
``/reports/{id}`` with the feedback from every level). The office works its queue, edits, compiles bulletin
issues, forwards reports up, records feedback and reads the figures. Every call acts in one organisation
(``X-Organisation``) and calls the same services as the pages."""

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, Year, active_organisation, errors, require
from zhengxie.core.documents import DOCX_TYPE, file_response
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.models import Body, Member
from zhengxie.core.org_settings import get_setting
from zhengxie.core.permissions import body_ids_of
from zhengxie.search.api import ClusterOut, clusters_out, without_objects

from . import bulletins, documents, feedback, figures, permissions, selectors, services
from .choices import AdoptionKind
from .models import Report
from .org_settings import MAX_LENGTH, categories_of
from .search import report_cluster_details
from .text import count_characters, text_diff
from .workflow import BULLETIN_WORKFLOW, REPORT_WORKFLOW

router = Router(tags=["opinions"])


# --- schemas ---------------------------------------------------------------------------------------------------------


class BodyRef(Schema):
    id: int
    name: str


class FormOut(Schema):
    max_length: int
    categories: list[str]
    can_submit: bool
    bodies: list[BodyRef]


class ReportIn(Schema):
    title: str
    text: str
    category: str
    body_id: Id | None = None
    member_id: Id | None = None
    as_organisation: bool = False


class ReportFieldsIn(Schema):
    title: str
    text: str
    category: str
    version: int | None = None
    note: str = ""


class OpinionVersionIn(Schema):
    version: int | None = None


class OpinionReasonIn(Schema):
    reason: str
    version: int | None = None


class AdoptionIn(Schema):
    kind: str
    level: str = ""
    adopted_by: str
    adopted_on: dt.date
    note: str = ""


class InstructionIn(Schema):
    leader_name: str
    leader_title: str = ""
    level: str
    text: str
    instructed_on: dt.date


class ReportOut(Schema):
    id: int
    title: str
    category: str
    status: str
    status_label: str
    author_kind: str
    author_name: str
    origin_organisation: str
    forwarded_by: str | None
    received_at: dt.datetime
    bulletin: str | None
    forwarded_at: dt.datetime | None
    version: int


class MyReportOut(ReportOut):
    reached: str | None
    adoption_count: int
    instruction_count: int


class ChainStepOut(Schema):
    is_current: bool  # the record this answer is about; the others belong to other levels
    organisation: str
    level: str
    status: str
    status_label: str
    received_at: dt.datetime
    bulletin: str | None
    forwarded_at: dt.datetime | None


class AdoptionOut(Schema):
    kind: str  # as seen from the report: local (this level), upper (a higher one), media
    kind_label: str
    level: str
    adopted_by: str
    adopted_on: dt.date
    recorded_by_organisation: str


class InstructionOut(Schema):
    leader_name: str
    leader_title: str
    level: str
    level_label: str
    text: str
    instructed_on: dt.date
    recorded_by_organisation: str


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    url: str


class ReportDetailOut(ReportOut):
    text: str
    original_title: str
    original_text: str
    characters: int
    not_used_reason: str
    chain: list[ChainStepOut]
    adoptions: list[AdoptionOut]
    instructions: list[InstructionOut]
    attachments: list[AttachmentOut]
    converted_from: str | None
    actions: list[str]


class SegmentOut(Schema):
    kind: str
    text: str


class DiffOut(Schema):
    title_before: list[SegmentOut]
    title_after: list[SegmentOut]
    text_before: list[SegmentOut]
    text_after: list[SegmentOut]
    deleted: int
    inserted: int
    changes: int


class BulletinOut(Schema):
    id: int
    label: str
    year: Year
    number: int
    serial: int
    subject: str
    status: str
    status_label: str
    signed_off_by: str | None
    signed_off_at: dt.datetime | None
    sent_at: dt.datetime | None
    recipients: list[str]
    version: int


class BulletinDetailOut(BulletinOut):
    reports: list[ReportOut]
    actions: list[str]


class BulletinIn(Schema):
    subject: str = ""


class ReportIdsIn(Schema):
    report_ids: list[Id]


class SendIn(Schema):
    recipients: list[str]
    version: int | None = None


class ReportFiguresOut(Schema):
    start: dt.date
    end: dt.date
    submitted: int
    from_below: int
    adopted: int
    not_used: int
    forwarded: int
    adopted_higher: int
    adopted_media: int
    adopted_by_level: dict[str, int]
    instructions: int
    instructions_by_level: dict[str, int]


class FiguresRowOut(Schema):
    group: dict[str, str | int | None]
    submitted: int
    adopted: int
    not_used: int
    forwarded: int
    adopted_higher: int
    adopted_media: int
    instructions: int


# --- helpers ---------------------------------------------------------------------------------------------------------


def _attachment_out(report, a) -> dict:
    return {"id": a.pk, "name": a.original_name, "size": a.size,
            "url": reverse("api:report_attachment", kwargs={"report_id": report.pk, "attachment_id": a.pk})}


def _report_out(r: Report) -> dict:
    return {
        "id": r.pk, "title": r.title, "category": r.category, "status": r.status, "status_label": r.get_status_display(),
        "author_kind": r.author_kind, "author_name": r.author_name, "origin_organisation": r.origin_organisation.short_name,
        "forwarded_by": r.source.organisation.short_name if r.depth else None, "received_at": r.received_at,
        "bulletin": r.bulletin.label if r.bulletin_id else None, "forwarded_at": r.forwarded_at, "version": r.version,
    }


def _adoption_out(a, report) -> dict:
    if a.kind == AdoptionKind.MEDIA:
        kind = AdoptionKind.MEDIA
    else:
        # this level's own adoption; a higher level's, recorded here or by a level above on the platform
        kind = AdoptionKind.LOCAL if a.kind == AdoptionKind.LOCAL and a.report_id == report.pk else AdoptionKind.UPPER
    return {"kind": kind, "kind_label": str(AdoptionKind(kind).label), "level": a.level, "adopted_by": a.adopted_by,
            "adopted_on": a.adopted_on, "recorded_by_organisation": a.organisation.short_name}


def _detail_out(request, r: Report, org) -> dict:
    user = request.user
    office = permissions.can_handle_report(user, r)
    adoptions, instructions = selectors.feedback_of(r)
    actions = [t.action for t in REPORT_WORKFLOW.actions_from(r.status)
               if (office and t.action not in ("amend", "withdraw", "publish"))
               or (t.action in ("amend", "withdraw") and permissions.is_author(user, r))]
    if r.forwarded_at or org.parent_id is None:
        actions = [a for a in actions if a != "forward"]
    return {
        **_report_out(r), "text": r.text, "original_title": r.original_title, "original_text": r.original_text,
        "characters": count_characters(r.text), "not_used_reason": r.not_used_reason,
        "chain": [{"is_current": s.is_current, "organisation": s.record.organisation.short_name, "level": s.record.organisation.level,
                   "status": s.record.status, "status_label": s.record.get_status_display(),
                   "received_at": s.record.received_at, "bulletin": s.record.bulletin.label if s.record.bulletin_id else None,
                   "forwarded_at": s.record.forwarded_at} for s in selectors.chain_of(r)],
        "adoptions": [_adoption_out(a, r) for a in adoptions],
        "instructions": [{"leader_name": i.leader_name, "leader_title": i.leader_title, "level": i.level,
                          "level_label": i.get_level_display(), "text": i.text, "instructed_on": i.instructed_on,
                          "recorded_by_organisation": i.organisation.short_name} for i in instructions],
        "attachments": [_attachment_out(r, a) for a in attachments_of(r)],
        "converted_from": str(r.converted_from) if r.converted_from_type_id else None,
        "actions": actions,
    }


def _report(request, report_id: Id) -> Report:
    return selectors.report_get_for_user(request.user, active_organisation(request), report_id)


def _detail(request, report_id: Id) -> dict:
    org = active_organisation(request)
    return _detail_out(request, selectors.report_get_for_user(request.user, org, report_id), org)


def _bulletin_out(b) -> dict:
    return {"id": b.pk, "label": b.label, "year": b.year, "number": b.number, "serial": b.serial, "subject": b.subject,
            "status": b.status, "status_label": b.get_status_display(),
            "signed_off_by": b.signed_off_by.label if b.signed_off_by_id else None, "signed_off_at": b.signed_off_at,
            "sent_at": b.sent_at, "recipients": b.recipients, "version": b.version}


def _bulletin(request, bulletin_id: Id):
    org = active_organisation(request)
    return selectors.bulletin_get_for_user(request.user, org, bulletin_id)


def _bulletin_detail(request, bulletin_id: Id) -> dict:
    b = _bulletin(request, bulletin_id)
    actions = [t.action for t in BULLETIN_WORKFLOW.actions_from(b.status)
               if (permissions.can_compile_bulletin(request.user, b) and t.action in ("compose", "delete", "submit", "send"))
               or (permissions.can_sign_off(request.user, b) and t.action in ("return", "sign_off"))]
    reports = selectors.bulletin_reports(b).select_related("source__organisation")
    return {**_bulletin_out(b), "reports": [_report_out(r) for r in reports], "actions": actions}


# --- reports ---------------------------------------------------------------------------------------------------------


@router.get("/form", response={200: FormOut, **errors()}, summary="What the submission form needs",
            description="The length cap (characters, counted like Word's word count), the categories, and the bodies "
                        "the user may submit for.")
def form(request):
    org = active_organisation(request)
    office = permissions.is_information_office(request.user, org)
    bodies = Body.objects.filter(organisation=org, is_active=True)
    if not office:
        bodies = bodies.filter(pk__in=body_ids_of(request.user, org))
    return {"max_length": get_setting(org, MAX_LENGTH), "categories": categories_of(org),
            "can_submit": permissions.can_submit(request.user, org),
            "bodies": [{"id": b.pk, "name": b.name} for b in bodies]}


@router.post("/reports", response={201: ReportDetailOut, **errors(404, 409)}, summary="Submit a report",
             description="One issue per report. A member submits as themself; `body_id` submits in a body's name "
                         "(its contacts, or the office); `member_id` or `as_organisation` let the office register a "
                         "report received on paper. A text over the length cap is refused with `errors.text`.")
def report_submit(request, payload: ReportIn):
    org = active_organisation(request)
    body = Body.objects.filter(organisation=org, pk=payload.body_id).first() if payload.body_id else None
    member = Member.objects.filter(organisation=org, pk=payload.member_id).select_related("person").first() \
        if payload.member_id else None
    report = services.report_submit(actor=request.user, organisation=org, title=payload.title, text=payload.text,
                                    category=payload.category, body=body, member=member,
                                    as_organisation=payload.as_organisation)
    return Status(201, _detail(request, report.pk))


@router.get("/reports/mine", response={200: list[MyReportOut], **errors()}, summary="My reports, with their status and feedback counts")
@paginate(PageNumbers)
def reports_mine(request):
    org = active_organisation(request)
    return Rows(selectors.my_reports(request.user, org), lambda reports: [
        {**_report_out(r), "reached": r.reached, "adoption_count": r.adoption_count,
         "instruction_count": r.instruction_count} for r in reports])


class ReportFilter(Schema):
    status: str = ""
    category: str = ""
    author_kind: str = ""
    year: Year | None = None
    q: str = ""
    from_below: bool | None = None


@router.get("/reports", response={200: list[ReportOut], **errors()}, summary="Reports of the organisation",
            description="The information office's queue (all the organisation's records, including those forwarded "
                        "from below); other users get their own reports. `status=open` lists what waits for work.")
@paginate(PageNumbers)
def reports(request, filters: Query[ReportFilter]):
    org = active_organisation(request)
    qs = selectors.report_search(selectors.reports_visible_to(request.user, org), status=filters.status,
                                 category=filters.category, author_kind=filters.author_kind, year=filters.year,
                                 q=filters.q, from_below=filters.from_below)
    return Rows(qs.select_related("source__organisation"), lambda items: [_report_out(r) for r in items])


@router.get("/reports/similar", response={200: list[ClusterOut], **errors()},
            summary="Groups of reports about the same thing (several places reporting it; sent up twice)",
            description="The information office's reports of the year (`year`, default this year) grouped by the "
                        "similarity of their titles: `among=received` (every report received here) or "
                        "`among=forwarded` (those forwarded up). Only pairs scoring at least 0.2, a threshold chosen "
                        "from the precision measured on real titles; largest groups first.")
def reports_similar(request, among: str = "received", year: Year | None = None):
    org = require(request, permissions.sees_all_reports)
    if among not in selectors.SIMILAR_AMONG:
        raise DomainError(gettext("Choose received or forwarded."), errors={"among": [gettext("Choose received or forwarded.")]})
    clusters = selectors.report_clusters(request.user, org, among=among, year=year or timezone.localdate().year)
    return without_objects(clusters_out("opinions.report", clusters, details=report_cluster_details))


@router.get("/reports/{report_id}", response={200: ReportDetailOut, **errors(404, 409)}, summary="One report",
            description="With the levels it passed, the adoptions and instructions recorded at its level and above, "
                        "and the actions the user may take now.")
def report_detail(request, report_id: Id):
    return _detail(request, report_id)


@router.put("/reports/{report_id}", response={200: ReportDetailOut, **errors(404, 409)}, summary="Amend my report",
            description="The author corrects a report the office has not taken up yet.")
def report_amend(request, report_id: Id, payload: ReportFieldsIn):
    r = services.report_amend(actor=request.user, report=_report(request, report_id), title=payload.title,
                              text=payload.text, category=payload.category, version=payload.version)
    return _detail(request, r.pk)


@router.post("/reports/{report_id}/attachments", response={201: AttachmentOut, **errors(404, 409)}, summary="Add a file",
             description="PDF, Word, Excel or an image; the author while the report is only received, the office "
                         "until it is published.")
def report_attach(request, report_id: Id, file: File[UploadedFile]):
    r = _report(request, report_id)
    a = services.report_attach(actor=request.user, report=r, upload=file)
    return Status(201, _attachment_out(r, a))


@router.get("/reports/{report_id}/attachments/{attachment_id}", response={200: None, **errors(404, 409)},
            url_name="report_attachment", summary="Download a file of a report")
def report_attachment(request, report_id: Id, attachment_id: Id):
    return owned_attachment_response(_report(request, report_id), attachment_id)


@router.post("/reports/{report_id}/withdraw", response={200: ReportDetailOut, **errors(404, 409)}, summary="Withdraw my report")
def report_withdraw(request, report_id: Id, payload: OpinionVersionIn):
    r = services.report_withdraw(actor=request.user, report=_report(request, report_id), version=payload.version)
    return _detail(request, r.pk)


@router.post("/reports/{report_id}/accept", response={200: ReportDetailOut, **errors(404, 409)}, summary="Accept for editing")
def report_accept(request, report_id: Id, payload: OpinionVersionIn):
    r = services.report_accept(actor=request.user, report=_report(request, report_id), version=payload.version)
    return _detail(request, r.pk)


@router.post("/reports/{report_id}/not-use", response={200: ReportDetailOut, **errors(404, 409)}, summary="Do not use",
             description="The reason is sent to the author (or to the office below that forwarded it).")
def report_not_use(request, report_id: Id, payload: OpinionReasonIn):
    r = services.report_not_use(actor=request.user, report=_report(request, report_id), reason=payload.reason,
                                version=payload.version)
    return _detail(request, r.pk)


@router.post("/reports/{report_id}/reopen", response={200: ReportDetailOut, **errors(404, 409)}, summary="Reconsider")
def report_reopen(request, report_id: Id, payload: OpinionVersionIn):
    r = services.report_reopen(actor=request.user, report=_report(request, report_id), version=payload.version)
    return _detail(request, r.pk)


@router.post("/reports/{report_id}/edit", response={200: ReportDetailOut, **errors(404, 409)}, summary="Edit the text",
             description="The text as received is kept; see `/diff`.")
def report_edit(request, report_id: Id, payload: ReportFieldsIn):
    r = services.report_edit(actor=request.user, report=_report(request, report_id), title=payload.title,
                             text=payload.text, category=payload.category, note=payload.note, version=payload.version)
    return _detail(request, r.pk)


@router.get("/reports/{report_id}/diff", response={200: DiffOut, **errors(404, 409)},
            summary="The text as received and the edited text, compared")
def report_diff(request, report_id: Id):
    r = _report(request, report_id)
    if not permissions.sees_all_reports(request.user, r.organisation):
        raise NotAllowed()
    title, text = text_diff(r.original_title, r.title), text_diff(r.original_text, r.text)
    return {"title_before": title.before, "title_after": title.after, "text_before": text.before,
            "text_after": text.after, "deleted": text.deleted, "inserted": text.inserted, "changes": text.changes}


@router.post("/reports/{report_id}/forward", response={201: ReportDetailOut, **errors(404, 409)},
             summary="Forward to the organisation above",
             description="The parent organisation receives its own record, linked to this one. Answers with this "
                         "level's record.")
def report_forward(request, report_id: Id, payload: OpinionVersionIn):
    r = _report(request, report_id)
    services.report_forward(actor=request.user, report=r, version=payload.version)
    return Status(201, _detail(request, r.pk))


@router.post("/reports/{report_id}/adoptions", response={201: ReportDetailOut, **errors(404, 409)},
             summary="Record an adoption by a higher level or the media",
             description="`kind` is `upper` (with `level`: a level above that does not hold the report on the "
                         "platform) or `media`. Adoption at this level is recorded when its bulletin is signed off.")
def report_adoption(request, report_id: Id, payload: AdoptionIn):
    r = _report(request, report_id)
    feedback.adoption_record(actor=request.user, report=r, kind=payload.kind, level=payload.level,
                             adopted_by=payload.adopted_by, adopted_on=payload.adopted_on, note=payload.note)
    return Status(201, _detail(request, r.pk))


@router.post("/reports/{report_id}/instructions", response={201: ReportDetailOut, **errors(404, 409)},
             summary="Record a leader's instruction (批示)",
             description="`level`: county, city, province or central — this level or a higher one.")
def report_instruction(request, report_id: Id, payload: InstructionIn):
    r = _report(request, report_id)
    feedback.instruction_record(actor=request.user, report=r, leader_name=payload.leader_name,
                                leader_title=payload.leader_title, level=payload.level, text=payload.text,
                                instructed_on=payload.instructed_on)
    return Status(201, _detail(request, r.pk))


# --- bulletin issues -------------------------------------------------------------------------------------------------


@router.get("/bulletins", response={200: list[BulletinOut], **errors()}, summary="Bulletin issues of a year")
def bulletin_list(request, year: Year | None = None):
    org = active_organisation(request)
    year = year or timezone.localdate().year
    return [_bulletin_out(b) for b in selectors.bulletins_visible_to(request.user, org).filter(year=year)
            .order_by("-number")]


@router.post("/bulletins", response={201: BulletinDetailOut, **errors(404, 409)}, summary="New issue",
             description="Numbered after the last issue of this year (第N期) and of all years (总第N期).")
def bulletin_create(request, payload: BulletinIn):
    org = active_organisation(request)
    b = bulletins.bulletin_create(actor=request.user, organisation=org, subject=payload.subject)
    return Status(201, _bulletin_detail(request, b.pk))


@router.get("/bulletins/{bulletin_id}", response={200: BulletinDetailOut, **errors(404, 409)}, summary="One issue")
def bulletin_detail(request, bulletin_id: Id):
    return _bulletin_detail(request, bulletin_id)


def _reports_by_ids(request, ids):
    org = active_organisation(request)
    return list(selectors.reports_visible_to(request.user, org).filter(pk__in=ids))


@router.post("/bulletins/{bulletin_id}/reports", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Place edited reports in a draft issue")
def bulletin_place(request, bulletin_id: Id, payload: ReportIdsIn):
    bulletins.bulletin_place(actor=request.user, bulletin=_bulletin(request, bulletin_id),
                             reports=_reports_by_ids(request, payload.report_ids))
    return _bulletin_detail(request, bulletin_id)


@router.delete("/bulletins/{bulletin_id}/reports/{report_id}", response={200: BulletinDetailOut, **errors(404, 409)},
               summary="Take a report out of a draft issue")
def bulletin_unplace(request, bulletin_id: Id, report_id: Id):
    bulletins.bulletin_unplace(actor=request.user, bulletin=_bulletin(request, bulletin_id),
                               report=_report(request, report_id))
    return _bulletin_detail(request, bulletin_id)


@router.post("/bulletins/{bulletin_id}/submit", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Submit for sign-off")
def bulletin_submit(request, bulletin_id: Id, payload: OpinionVersionIn):
    bulletins.bulletin_submit(actor=request.user, bulletin=_bulletin(request, bulletin_id), version=payload.version)
    return _bulletin_detail(request, bulletin_id)


@router.post("/bulletins/{bulletin_id}/return", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Return for changes (a leader)")
def bulletin_return(request, bulletin_id: Id, payload: OpinionReasonIn):
    bulletins.bulletin_return(actor=request.user, bulletin=_bulletin(request, bulletin_id), reason=payload.reason,
                              version=payload.version)
    return _bulletin_detail(request, bulletin_id)


@router.post("/bulletins/{bulletin_id}/sign-off", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Sign off (a leader)", description="Publishes the reports: each is adopted at this level and its "
                                                        "author is told.")
def bulletin_sign_off(request, bulletin_id: Id, payload: OpinionVersionIn):
    bulletins.bulletin_sign_off(actor=request.user, bulletin=_bulletin(request, bulletin_id), version=payload.version)
    return _bulletin_detail(request, bulletin_id)


@router.post("/bulletins/{bulletin_id}/send", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Record the sending to the Party committee and government")
def bulletin_send(request, bulletin_id: Id, payload: SendIn):
    bulletins.bulletin_send(actor=request.user, bulletin=_bulletin(request, bulletin_id),
                            recipients=payload.recipients, version=payload.version)
    return _bulletin_detail(request, bulletin_id)


@router.post("/bulletins/{bulletin_id}/forward", response={200: BulletinDetailOut, **errors(404, 409)},
             summary="Forward published reports of the issue up, all or none")
def bulletin_forward(request, bulletin_id: Id, payload: ReportIdsIn):
    b = _bulletin(request, bulletin_id)
    chosen = [r for r in _reports_by_ids(request, payload.report_ids) if r.bulletin_id == b.pk]
    if not chosen:
        raise DomainError(gettext("Choose the reports to forward."))
    bulletins.reports_forward(actor=request.user, reports=chosen)
    return _bulletin_detail(request, bulletin_id)


@router.delete("/bulletins/{bulletin_id}", response={204: None, **errors(404, 409)}, summary="Delete an empty draft")
def bulletin_delete(request, bulletin_id: Id):
    bulletins.bulletin_delete(actor=request.user, bulletin=_bulletin(request, bulletin_id))
    return Status(204, None)


@router.get("/bulletins/{bulletin_id}/document.{kind}", response={200: None, **errors(404, 409)},
            summary="The issue as Word (`docx`) or PDF (`pdf`)")
def bulletin_document(request, bulletin_id: Id, kind: str) -> HttpResponse:
    b = _bulletin(request, bulletin_id)
    reports = list(selectors.bulletin_reports(b).select_related("source__organisation"))
    if kind == "docx":
        return file_response(documents.bulletin_docx(b, reports), documents.filename(b, "docx"), DOCX_TYPE)
    return file_response(documents.bulletin_pdf(b, reports), documents.filename(b, "pdf"), "application/pdf")


# --- figures ---------------------------------------------------------------------------------------------------------


def _period(start: dt.date | None, end: dt.date | None) -> figures.Period:
    year = timezone.localdate().year
    return figures.Period(start or dt.date(year, 1, 1), end or dt.date(year, 12, 31))


@router.get("/figures", response={200: ReportFiguresOut, **errors()}, summary="Figures for a period",
            description="Submitted, adopted, not used, forwarded up, adopted at each higher level, used by the media, "
                        "instructions per level; the period defaults to this year.")
def figures_summary(request, start: dt.date | None = None, end: dt.date | None = None):
    org = require(request, permissions.can_view_figures)
    period = _period(start, end)
    return {"start": period.start, "end": period.end, **figures.report_figures(org, period)}


@router.get("/figures/breakdown", response={200: list[FiguresRowOut], **errors()},
            summary="Figures per author, submitter or category", description="`by`: author, submitter or category.")
def figures_breakdown(request, by: str = figures.BY_AUTHOR, start: dt.date | None = None, end: dt.date | None = None):
    org = require(request, permissions.can_view_figures)
    if by not in figures.GROUPINGS:
        raise DomainError(gettext("Break the figures down by author, submitter or category."))
    rows = figures.report_figures_by(org, _period(start, end), by)
    keys = figures.GROUPINGS[by]
    return [{"group": {k: row[k] for k in keys}, **{k: row[k] for k in FiguresRowOut.model_fields if k != "group"}}
            for row in rows]

