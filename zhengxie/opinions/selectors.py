"""Reads of the opinions app: permission-filtered, organisation-scoped querysets with their joins.

Every list starts from ``reports_visible_to``: the rows of the active organisation only, and of those only the
user's own unless they work in the information office or sign off as a leader. A parent organisation's rows are
the records forwarded to it, so it never sees a report that was not sent up."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from zhengxie.core import permissions as core_permissions
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import AuthorKind, BulletinStatus, ReportStatus
from .models import Adoption, BulletinIssue, Instruction, Report

REPORT_JOINS = ("organisation", "origin_organisation", "author_member__person", "author_body", "bulletin")


def own_reports_q(user, organisation) -> Q:
    """The reports the user wrote at this level: as a member, as a contact of a body, as an informant."""
    q = Q(author_user_id=user.pk)
    if user.person_id:
        q |= Q(author_member__person_id=user.person_id)
    bodies = core_permissions.body_ids_of(user, organisation)
    if bodies:
        q |= Q(author_kind=AuthorKind.BODY, author_body_id__in=bodies)
    return Q(depth=0) & q


def reports_visible_to(user, organisation):
    if organisation is None or not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    qs = Report.objects.filter(organisation=organisation).select_related(*REPORT_JOINS)
    if permissions.sees_all_reports(user, organisation):
        return qs
    return qs.filter(own_reports_q(user, organisation))


def my_reports(user, organisation):
    """The user's own reports, each with how far it climbed and how much feedback came back."""
    if organisation is None:
        return Report.objects.none()
    highest = Report.objects.filter(origin_id=OuterRef("origin_id")).order_by("-depth")

    def count(model):
        return Subquery(model.objects.filter(origin_id=OuterRef("origin_id")).order_by().values("origin_id")
                        .annotate(n=Count("pk")).values("n"), output_field=IntegerField())

    return (Report.objects.filter(organisation=organisation).filter(own_reports_q(user, organisation))
            .select_related(*REPORT_JOINS).order_by("-received_at", "-pk")
            .annotate(reached=Subquery(highest.values("organisation__short_name")[:1]),
                      adoption_count=Coalesce(count(Adoption), 0), instruction_count=Coalesce(count(Instruction), 0)))


def report_get_for_user(user, organisation, pk) -> Report:
    """A report of the active organisation that the user may see; else NotFound (never a hint that it exists)."""
    return get_visible(reports_visible_to(user, organisation), pk)


def report_search(qs, *, status: str = "", category: str = "", author_kind: str = "", year: int | None = None,
                  q: str = "", from_below: bool | None = None):
    if status == "open":
        qs = qs.filter(status__in=[ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.EDITED])
    elif status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if author_kind:
        qs = qs.filter(author_kind=author_kind)
    if year:
        qs = qs.filter(received_at__year=year)
    if from_below is not None:
        qs = qs.filter(depth__gt=0) if from_below else qs.filter(depth=0)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(author_name__contains=q) | Q(text__contains=q))
    return qs.order_by("-received_at", "-pk")


def status_counts(organisation) -> dict[str, int]:
    """How many of the organisation's records are in each state (for the office's tabs)."""
    rows = Report.objects.filter(organisation=organisation).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


# --- one report: its chain and its feedback ----------------------------------------------------------------------


@dataclass
class ChainStep:
    """One level a report passed through, as another level may know it."""

    record: Report
    is_current: bool


def chain_of(report) -> list[ChainStep]:
    """Every record of the report's chain, lowest level first: the provenance below it and the path above it."""
    records = (Report.objects.filter(origin_id=report.origin_id).select_related("organisation", "bulletin")
               .order_by("depth"))
    return [ChainStep(record=r, is_current=r.pk == report.pk) for r in records]


def feedback_of(report) -> tuple[list[Adoption], list[Instruction]]:
    """Adoptions and instructions recorded at this record's level or any level above it."""
    adoptions = list(Adoption.objects.filter(origin_id=report.origin_id, report__depth__gte=report.depth)
                     .select_related("organisation", "bulletin").order_by("adopted_on", "pk"))
    instructions = list(Instruction.objects.filter(origin_id=report.origin_id, report__depth__gte=report.depth)
                        .select_related("organisation").order_by("instructed_on", "pk"))
    return adoptions, instructions


def history_of(report):
    return report.transitions.select_related("actor", "actor__person").order_by("created_at", "pk")


# --- bulletins -----------------------------------------------------------------------------------------------------


def bulletins_visible_to(user, organisation):
    if organisation is None or not permissions.can_view_bulletins(user, organisation):
        return BulletinIssue.objects.none()
    return BulletinIssue.objects.filter(organisation=organisation).select_related("signed_off_by", "created_by")


def bulletin_get_for_user(user, organisation, pk) -> BulletinIssue:
    return get_visible(bulletins_visible_to(user, organisation), pk)


def bulletin_years(organisation) -> list[int]:
    return list(BulletinIssue.objects.filter(organisation=organisation).values_list("year", flat=True)
                .distinct().order_by("-year"))


def bulletin_reports(bulletin):
    return bulletin.reports.select_related(*REPORT_JOINS).order_by("bulletin_position", "pk")


def bulletin_candidates(organisation):
    """Edited reports waiting to be placed in an issue."""
    return (Report.objects.filter(organisation=organisation, status=ReportStatus.EDITED)
            .select_related(*REPORT_JOINS).order_by("received_at", "pk"))


def draft_bulletins(organisation):
    return BulletinIssue.objects.filter(organisation=organisation, status=BulletinStatus.DRAFT).order_by("-serial")


# --- similar reports: the same thing reported by several places, or forwarded up twice ------------------------------

SIMILAR_AMONG = ("received", "forwarded")


def report_clusters(user, organisation, *, among: str = "received", year: int | None = None):
    """Groups of the reports the user may see that are about the same thing (``search.clusters``): among those
    received here (several counties often report one thing; the office may combine them into one report), or among
    those forwarded up. Withdrawn reports are left out."""
    from zhengxie.search.clusters import clusters_of, threshold_for

    qs = reports_visible_to(user, organisation).exclude(status=ReportStatus.WITHDRAWN)
    if year:
        qs = qs.filter(received_at__year=year)
    if among == "forwarded":
        qs = qs.filter(forwarded_at__isnull=False)
    return clusters_of(qs, model=Report, threshold=threshold_for("opinions.report"), order_by=("-received_at", "-pk"))
