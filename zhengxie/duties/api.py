"""The duties API: a member's record and score (mine, or a member's for staff and contacts), the events of a
year, self-reported duties (report with evidence; staff confirm or return), the yearly self-report, and the
staff's ranking and distribution."""

import datetime as dt

from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, Year, active_organisation, errors, require
from zhengxie.core import permissions as core_permissions
from zhengxie.core.exceptions import NotAllowed, NotFound

from . import permissions, selectors, services
from .choices import SelfReportStatus
from .record import build_record

router = Router(tags=["duties"])


class BandOut(Schema):
    label: str
    tone: str


class LineOut(Schema):
    event_id: Id | None
    date: dt.date | None
    duty: str
    title: str
    rule: str
    points: float
    before_cap: float
    notes: list[str]


class SectionOut(Schema):
    category: str
    label: str
    start: float
    floor: float | None
    cap: float | None
    total: float
    lines: list[LineOut]


class RequirementOut(Schema):
    label: str
    min_count: int
    count: int
    met: bool


class RecordMemberOut(Schema):
    id: int
    name: str
    organisation: str
    term: str
    sector: str
    committee: str | None


class RecordOut(Schema):
    member: RecordMemberOut
    year: Year
    rules: str | None = None
    closed: bool
    total: float
    band: BandOut | None
    base: float
    gains: float
    gains_counted: float
    deductions: float
    sections: list[SectionOut]
    requirements: list[RequirementOut]
    missing: list[str]
    events: int
    unscored_events: int
    rank: int | None
    ranked_of: int | None


def _date(moment):
    return timezone.localtime(moment).date() if moment else None


def _record_out(user, member, year) -> dict:
    record = build_record(member, year)
    show_rank = permissions.can_see_rank(user, member)
    return {
        "member": {"id": member.pk, "name": member.person.name, "organisation": member.organisation.short_name,
                   "term": member.term.name, "sector": member.sector.name,
                   "committee": member.committee.name if member.committee else None},
        "year": year, "rules": record.rule_set.name if record.rule_set else None, "closed": record.frozen,
        "total": float(record.total), "band": record.band, "base": float(record.base), "gains": float(record.gains),
        "gains_counted": float(record.gains_counted), "deductions": float(-record.losses),
        "sections": [{
            "category": s.category, "label": s.label, "start": float(s.start),
            "floor": None if s.floor is None else float(s.floor), "cap": None if s.cap is None else float(s.cap),
            "total": float(s.total),
            "lines": [{"event_id": li.event.pk if li.event else None, "date": _date(li.event.occurred_at) if li.event else None,
                       "duty": li.event.get_kind_display() if li.event else "", "title": li.event.title if li.event else "",
                       "rule": li.rule.label if li.rule else "", "points": float(li.awarded), "before_cap": float(li.raw),
                       "notes": li.notes} for li in s.lines],
        } for s in record.sections],
        "requirements": [{"label": r.label, "min_count": r.min_count, "count": r.count, "met": r.met}
                         for r in record.requirements],
        "missing": record.missing, "events": len(record.timeline), "unscored_events": record.unscored,
        "rank": record.rank if show_rank else None, "ranked_of": record.ranked_of if show_rank else None,
    }


def _year(member, year: Year | None) -> int:
    years = selectors.member_years(member) or [selectors.current_year()]
    return year if year in years else years[0]


def _my_seat(request):
    org = active_organisation(request)
    seat = core_permissions.current_member(request.user, org)
    if seat is None:
        raise NotAllowed()
    return org, seat


@router.get("/me/record", response={200: RecordOut, **errors()}, summary="My duty record and score for a year")
def my_record(request, year: Year | None = None):
    """The score of the year (this year by default) with every point traced to its duty event and its rule,
    the "三个一" status, and the counts of the year's events."""
    _org, seat = _my_seat(request)
    return _record_out(request.user, seat, _year(seat, year))


@router.get("/members/{member_id}/record", response={200: RecordOut, **errors(404)},
            summary="A member's duty record (staff, the member, their sector's or committee's contacts)")
def member_record(request, member_id: Id, year: Year | None = None):
    org = active_organisation(request)
    member = selectors.member_get_for_record(request.user, org, member_id)
    return _record_out(request.user, member, _year(member, year))


class DutyEventOut(Schema):
    id: int
    kind: str
    kind_label: str
    category: str
    title: str
    occurred_at: dt.datetime
    attributes: dict


@router.get("/me/events", response={200: list[DutyEventOut], **errors()}, summary="My duty events of a year")
@paginate(PageNumbers)
def my_events(request, year: Year | None = None):
    _org, seat = _my_seat(request)
    return Rows(selectors.member_events(seat, _year(seat, year)), lambda events: [_event_out(e) for e in events])


def _event_out(e) -> dict:
    return {"id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(), "category": e.category, "title": e.title,
            "occurred_at": e.occurred_at, "attributes": e.attributes}


class RankOut(Schema):
    rank: int
    member_id: Id
    name: str
    sector: str
    committee: str | None
    total: float
    band: BandOut | None
    sections: dict[str, float]
    minimum_met: bool
    missing_count: int
    events: int


class RankingFilter(Schema):
    year: Year | None = None
    sector: Id | None = None
    committee: Id | None = None
    band: Id | None = None
    met: bool | None = None
    q: str = ""


@router.get("/rankings", response={200: list[RankOut], **errors()},
            summary="Members ranked by their score (staff; filter by sector, committee, band, minimum met)")
@paginate(PageNumbers)
def rankings(request, filters: Query[RankingFilter]):
    org = require(request, permissions.can_view_scores)
    year = filters.year or selectors.current_year()
    qs = selectors.scores_visible_to(request.user, org, year)
    qs = selectors.score_search(qs, met=filters.met, q=filters.q).filter(
        **{k: v for k, v in {"member__sector_id": filters.sector, "member__committee_id": filters.committee,
                             "band_id": filters.band}.items() if v})
    return Rows(selectors.ranked(qs), lambda scores: [_rank_out(s) for s in scores])


def _rank_out(s) -> dict:
    return {"rank": s.rank, "member_id": s.member_id, "name": s.member.person.name, "sector": s.member.sector.name,
            "committee": s.member.committee.name if s.member.committee else None, "total": float(s.total),
            "band": s.band, "sections": {k: v / 100 for k, v in s.sections.items()}, "minimum_met": s.requirements_met,
            "missing_count": s.missing_count, "events": s.event_count}


class BandCountOut(Schema):
    label: str
    tone: str
    min: float
    count: int


class DistributionOut(Schema):
    year: Year
    count: int
    average: float | None
    highest: float | None
    lowest: float | None
    minimum_met: int
    bands: list[BandCountOut]
    histogram_labels: list[str]
    histogram_counts: list[int]


@router.get("/distribution", response={200: DistributionOut, **errors(404)},
            summary="Distribution of the year's scores: per band and in steps of 10 points (staff)")
def distribution(request, year: Year | None = None):
    org = require(request, permissions.can_view_scores)
    year = year or selectors.current_year()
    rule_set = selectors.rule_set_for(org, year)
    if rule_set is None:
        raise NotFound()
    qs = selectors.scores_visible_to(request.user, org, year)
    summary = selectors.summary(qs)
    chart = selectors.distribution(qs, rule_set)
    return {"year": year, "count": summary["count"], "average": summary["average"], "highest": summary["highest"],
            "lowest": summary["lowest"], "minimum_met": summary["met"],
            "bands": [{**b, "min": float(b["min"])} for b in chart["bands"]],
            "histogram_labels": chart["histogram"]["labels"], "histogram_counts": chart["histogram"]["counts"]}


class SelfReportOut(Schema):
    id: int
    member_id: Id
    member: str
    report_type: str
    title: str
    description: str
    occurred_on: dt.date
    place: str
    status: str
    version: int
    submitted_at: dt.datetime
    decision_note: str


def _report_out(r) -> dict:
    return {"id": r.pk, "member_id": r.member_id, "member": r.member.person.name, "report_type": r.report_type,
            "title": r.title, "description": r.description, "occurred_on": r.occurred_on, "place": r.place,
            "status": r.status, "version": r.version, "submitted_at": r.submitted_at, "decision_note": r.decision_note}


@router.get("/self-reports", response={200: list[SelfReportOut], **errors()},
            summary="Self-reported duties: all of the organisation's for staff, mine for a member")
@paginate(PageNumbers)
def self_reports(request, status: SelfReportStatus | None = None):
    org = active_organisation(request)
    qs = selectors.self_reports_visible_to(request.user, org)
    if status:
        qs = qs.filter(status=status)
    return Rows(qs, lambda items: [_report_out(r) for r in items])


class SelfReportIn(Schema):
    report_type: str
    title: str
    description: str
    occurred_on: dt.date
    place: str = ""


@router.post("/self-reports", response={201: SelfReportOut, **errors()},
             summary="Report a duty with evidence (multipart form: the fields and files named “files”)")
def self_report_create(request, payload: Form[SelfReportIn], files: File[list[UploadedFile]] = None):
    _org, seat = _my_seat(request)
    report = services.self_report_submit(actor=request.user, member=seat, data=payload.dict(), files=files or [])
    return Status(201, _report_out(report))


class SelfReportDecisionIn(Schema):
    version: int | None = None
    note: str = ""


@router.post("/self-reports/{report_id}/confirm", response={200: SelfReportOut, **errors(404, 409)},
             summary="Confirm a self-reported duty (record keepers): it becomes a duty event")
def self_report_confirm(request, report_id: Id, payload: SelfReportDecisionIn):
    org = active_organisation(request)
    report = selectors.self_report_get_for_user(request.user, org, report_id)
    return _report_out(services.self_report_confirm(actor=request.user, report=report, version=payload.version,
                                                    note=payload.note))


@router.post("/self-reports/{report_id}/reject", response={200: SelfReportOut, **errors(404, 409)},
             summary="Return a self-reported duty to the member with a reason (record keepers)")
def self_report_reject(request, report_id: Id, payload: SelfReportDecisionIn):
    org = active_organisation(request)
    report = selectors.self_report_get_for_user(request.user, org, report_id)
    return _report_out(services.self_report_reject(actor=request.user, report=report, version=payload.version,
                                                   reason=payload.note))


class StatementIn(Schema):
    year: Year
    text: str
    submit: bool = False


class StatementOut(Schema):
    year: Year
    text: str
    submitted_at: dt.datetime | None


@router.put("/me/statement", response={200: StatementOut, **errors()},
            summary="Save (or submit) my yearly self-report (述职)")
def my_statement(request, payload: StatementIn):
    _org, seat = _my_seat(request)
    statement = services.statement_save(actor=request.user, member=seat, year=payload.year, text=payload.text,
                                        submit=payload.submit)
    return {"year": statement.year, "text": statement.text, "submitted_at": statement.submitted_at}
