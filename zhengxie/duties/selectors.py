"""Reads of the duties app: organisation-scoped, permission-filtered querysets with their joins."""

from django.db.models import Avg, Count, F, Max, Min, Q, Window
from django.db.models.functions import Rank
from django.utils import timezone

from zhengxie.core.choices import MemberStatus
from zhengxie.core.models import Member, Sector, SpecialCommittee
from zhengxie.core.org_settings import get_setting
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import DutyEventKind, MeetingType, SelfReportStatus
from .models import DutyEvent, RuleSet, Score, SelfReport


def current_year() -> int:
    return timezone.localdate().year


def rule_sets_of(organisation):
    return RuleSet.objects.filter(organisation=organisation).order_by("-year")


def rule_set_for(organisation, year: int) -> RuleSet | None:
    return RuleSet.objects.filter(organisation=organisation, year=year).first()


def rule_sets_visible_to(user, organisation):
    """The organisation's rule tables, for the staff who see scores."""
    if not permissions.can_view_scores(user, organisation):
        return RuleSet.objects.none()
    return rule_sets_of(organisation)


def rule_set_get_for_user(user, organisation, pk) -> RuleSet:
    qs = rule_sets_visible_to(user, organisation).select_related("organisation", "closed_by")
    return get_visible(qs, pk, organisation=organisation)


def member_years(member) -> list[int]:
    """The years of the member's term, up to this year, newest first."""
    last = min(member.term.ends_on.year, current_year())
    return list(range(last, member.term.starts_on.year - 1, -1))


def records_visible_to(user, organisation):
    """Members whose duty record the user may see: all for staff; one's own seats; a contact's sector and
    committee (the rule of ``permissions.can_view_record``, as a queryset)."""
    qs = Member.objects.filter(organisation=organisation)
    if permissions.can_view_scores(user, organisation):
        return qs
    sectors, committees = permissions.sector_ids_of(user, organisation), permissions.committee_ids_of(user, organisation)
    condition = Q(sector_id__in=sectors) | Q(committee_id__in=committees)
    if getattr(user, "person_id", None):
        condition |= Q(person_id=user.person_id)
    return qs.filter(condition)


def member_get_for_record(user, organisation, pk) -> Member:
    """A member of the active organisation whose record the user may see."""
    qs = records_visible_to(user, organisation).select_related("person", "sector", "committee", "term", "organisation")
    return get_visible(qs, pk, organisation=organisation)


def scores_visible_to(user, organisation, year: int):
    """Scores of the year: all of the organisation for staff; a contact's sectors and committees for them."""
    qs = Score.objects.filter(organisation=organisation, year=year).select_related(
        "member__person", "member__sector", "member__committee", "band")
    if permissions.can_view_scores(user, organisation):
        return qs
    sectors = permissions.sector_ids_of(user, organisation)
    committees = permissions.committee_ids_of(user, organisation)
    if not sectors and not committees:
        return qs.none()
    return qs.filter(Q(member__sector_id__in=sectors) | Q(member__committee_id__in=committees))


def score_search(qs, *, sector=None, committee=None, band=None, below=None, met=None, q: str = ""):
    """Filter scores: by sector, committee, band; ``below``: under a band's threshold; ``met``: the minimum."""
    if sector:
        qs = qs.filter(member__sector=sector)
    if committee:
        qs = qs.filter(member__committee=committee)
    if band:
        qs = qs.filter(band_id=band)
    if below is not None:
        qs = qs.filter(total__lt=below.min_points)
    if met is not None:
        qs = qs.filter(requirements_met=met)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(member__person__name__contains=q) | Q(member__person__work_unit__contains=q))
    return qs


#: What a ranking row never shows: the per-event explanation and the member's personal data (encrypted: every
#: value read would be decrypted, two per row, for nothing).
RANKING_DEFERRED = ("lines", "member__note", "member__person__phone", "member__person__id_number",
                    "member__person__email", "member__person__phone_digest", "member__person__id_number_digest")


def ranked(qs):
    """Scores with their rank (1 = highest; equal totals share a rank), best first."""
    return qs.annotate(rank=Window(Rank(), order_by=F("total").desc())).order_by(
        "-total", "member__person__name", "member_id").defer(*RANKING_DEFERRED)


def summary(qs) -> dict:
    return qs.aggregate(count=Count("id"), average=Avg("total"), highest=Max("total"), lowest=Min("total"),
                        met=Count("id", filter=Q(requirements_met=True)))


def distribution(qs, rule_set: RuleSet, *, width: int = 10) -> dict:
    """Scores per band, and a histogram of totals in steps of ``width`` points."""
    bands = list(rule_set.bands.all())
    counts = dict(qs.order_by().values_list("band_id").annotate(n=Count("id")))
    totals = list(qs.order_by().values_list("total", flat=True))
    top = int(rule_set.max_total or (max(totals) if totals else 100))
    edges = list(range(0, max(top, width), width))  # [lo, lo + width); the top score falls in the last step
    bins = [0] * len(edges)
    for total in totals:
        bins[min(max(int(total), 0) // width, len(bins) - 1)] += 1
    labels = [f"{lo}–{lo + width}" for lo in edges]
    return {
        "bands": [{"label": b.label, "tone": b.tone, "count": counts.get(b.pk, 0), "min": b.min_points} for b in bands],
        "histogram": {"labels": labels, "counts": bins},
    }


def group_summary(qs, field: str) -> list[dict]:
    """Per sector (``field="member__sector"``) or special committee: members, average, excellent and
    to-talk counts, how many met the minimum."""
    return list(
        qs.order_by().values(f"{field}_id", f"{field}__name")
        .annotate(count=Count("id"), average=Avg("total"), highest=Max("total"), lowest=Min("total"),
                  met=Count("id", filter=Q(requirements_met=True)),
                  talk=Count("id", filter=Q(band__needs_talk=True)))
        .order_by(f"{field}__sort_order", f"{field}_id")
    )


def sectors_visible_to(user, organisation):
    qs = Sector.objects.filter(organisation=organisation)
    if permissions.can_view_scores(user, organisation):
        return qs
    return qs.filter(pk__in=permissions.sector_ids_of(user, organisation))


def committees_visible_to(user, organisation):
    qs = SpecialCommittee.objects.filter(organisation=organisation)
    if permissions.can_view_scores(user, organisation):
        return qs
    return qs.filter(pk__in=permissions.committee_ids_of(user, organisation))


def attendance_warnings(organisation, *, term=None) -> list[dict]:
    """Members of the term whose unexcused absences reached a threshold of the organisation's settings."""
    term = term or organisation.current_term()
    if term is None:
        return []
    warn_plenary = get_setting(organisation, "duties.plenary_absence_warning")
    limit_plenary = get_setting(organisation, "duties.plenary_absence_limit")
    warn_total = get_setting(organisation, "duties.meeting_absence_warning")
    rows = (
        DutyEvent.objects.live()
        .filter(organisation=organisation, kind=DutyEventKind.MEETING_ABSENT, member__term=term,
                member__status=MemberStatus.ACTIVE)
        .order_by().values("member_id")
        .annotate(total=Count("id"), plenary=Count("id", filter=Q(attributes__meeting_type=MeetingType.PLENARY)))
        .filter(Q(plenary__gte=warn_plenary) | Q(total__gte=warn_total))
    )
    counts = {row["member_id"]: row for row in rows}
    members = Member.objects.filter(pk__in=counts).select_related("person", "sector", "committee")
    result = []
    for member in members:
        row = counts[member.pk]
        level = "limit" if row["plenary"] >= limit_plenary else "warning"
        result.append({"member": member, "plenary": row["plenary"], "total": row["total"], "level": level})
    return sorted(result, key=lambda r: (-r["plenary"], -r["total"], r["member"].person.name))


def member_events(member, year: int):
    return DutyEvent.objects.live().filter(member=member, year=year).order_by("-occurred_at", "-id")


def self_reports_visible_to(user, organisation):
    """All of the organisation's reports for its staff; a member's own otherwise."""
    qs = SelfReport.objects.filter(organisation=organisation).select_related(
        "member__person", "member__sector", "member__committee", "decided_by")
    if permissions.can_view_scores(user, organisation):
        return qs
    if not getattr(user, "person_id", None):
        return qs.none()
    return qs.filter(member__person_id=user.person_id)


def self_report_get_for_user(user, organisation, pk) -> SelfReport:
    return get_visible(self_reports_visible_to(user, organisation), pk, organisation=organisation)


def pending_self_reports(organisation):
    return SelfReport.objects.filter(organisation=organisation, status=SelfReportStatus.SUBMITTED)
