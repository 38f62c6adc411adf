"""Reads of the work lists app: one visibility rule per model, organisation-scoped, with their joins.

``items_visible_to`` is where every list of items starts (the office's lists, the overdue list, the leader's page,
a unit's page, the workbench's counts and the API); the detail getters filter it by id."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from zhengxie.core.choices import Role
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import OPEN_STATUSES, IssueStatus, ItemStatus
from .models import (
    CoordinationGroup,
    InvestmentProject,
    Item,
    ListKind,
    ProgressReport,
    Recommendation,
    WorkList,
)

ITEM_JOINS = ("work_list", "work_list__kind", "unit", "committee", "leader", "leader__person", "person",
              "person__person")
#: What a table of items shows (the title, the responsible body, the names kept as text): two joins, not eight.
#: With a hundred thousand items, planning a ten-table join cost more than running it.
ROW_JOINS = ("unit", "committee")


def _authenticated(user, organisation) -> bool:
    return organisation is not None and getattr(user, "is_authenticated", False)


def items_visible_to(user, organisation):
    if not _authenticated(user, organisation):
        return Item.objects.none()
    qs = Item.objects.filter(organisation=organisation).select_related(*ITEM_JOINS)
    if permissions.sees_all(user, organisation):
        return qs
    mine = Q(person_id=user.pk) | Q(leader_id=user.pk) | Q(followers=user)
    units = permissions.unit_ids(user, organisation)
    if units:
        mine |= Q(unit_id__in=units)
    # A follower join may repeat a row: the ids are taken first, so counts and pages stay exact.
    return qs.filter(pk__in=Item.objects.filter(organisation=organisation).filter(mine).values("pk"))


def item_get_for_user(user, organisation, pk) -> Item:
    return get_visible(items_visible_to(user, organisation), pk, organisation=organisation)


def lists_visible_to(user, organisation):
    """Lists: the office and the leaders see them all; others see the lists holding an item they may see."""
    if not _authenticated(user, organisation):
        return WorkList.objects.none()
    qs = WorkList.objects.filter(organisation=organisation).select_related("kind")
    if permissions.sees_all(user, organisation):
        return qs
    return qs.filter(pk__in=items_visible_to(user, organisation).values("work_list_id"))


def list_get_for_user(user, organisation, pk) -> WorkList:
    return get_visible(lists_visible_to(user, organisation), pk, organisation=organisation)


def reports_visible_to(user, organisation):
    """Progress reports of the items the user may see."""
    if not _authenticated(user, organisation):
        return ProgressReport.objects.none()
    qs = ProgressReport.objects.filter(organisation=organisation).select_related("reported_by", "reported_by__person")
    if permissions.sees_all(user, organisation):
        return qs
    return qs.filter(item_id__in=items_visible_to(user, organisation).values("pk"))


def projects_visible_to(user, organisation):
    if not _authenticated(user, organisation):
        return InvestmentProject.objects.none()
    qs = InvestmentProject.objects.filter(organisation=organisation).select_related("member__person")
    if permissions.can_view_projects(user, organisation):
        return qs
    if user.person_id:
        return qs.filter(member__person_id=user.person_id)
    return qs.none()


def project_get_for_user(user, organisation, pk) -> InvestmentProject:
    return get_visible(projects_visible_to(user, organisation), pk, organisation=organisation)


def recommendations_visible_to(user, organisation):
    if not _authenticated(user, organisation) or not permissions.can_view_recommendations(user, organisation):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(organisation=organisation).select_related("unit")


def recommendation_get_for_user(user, organisation, pk) -> Recommendation:
    return get_visible(recommendations_visible_to(user, organisation), pk, organisation=organisation)


def groups_visible_to(user, organisation):
    if not _authenticated(user, organisation):
        return CoordinationGroup.objects.none()
    qs = CoordinationGroup.objects.filter(organisation=organisation)
    if permissions.sees_all(user, organisation):
        return qs
    return qs.filter(pk__in=CoordinationGroup.objects.filter(organisation=organisation, memberships__user=user)
                     .values("pk"))


def group_get_for_user(user, organisation, pk) -> CoordinationGroup:
    return get_visible(groups_visible_to(user, organisation), pk, organisation=organisation)


# --- the lists people open -----------------------------------------------------------------------------------------


def open_items(qs):
    return qs.filter(status__in=OPEN_STATUSES)


# The conditions of the lists people open, written once: the lists filter by them and the workbench counts them.
def _overdue_q(today) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def _due_soon_q(today, days: int = 14) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=today + timezone.timedelta(days=days))


def _reports_due_q(today) -> Q:
    return Q(status__in=OPEN_STATUSES, next_report_on__lte=today)


def overdue(qs, *, today=None):
    """Open items past their deadline, the longest late first."""
    return qs.filter(_overdue_q(today or timezone.localdate())).order_by("due_on", "pk")


def due_soon(qs, *, days: int = 14, today=None):
    """Open items due within ``days`` (today included), the soonest first."""
    return qs.filter(_due_soon_q(today or timezone.localdate(), days)).order_by("due_on", "pk")


def reports_due(qs, *, today=None):
    """Open items whose next progress report is due (or past), the longest waiting first."""
    return qs.filter(_reports_due_q(today or timezone.localdate())).order_by("next_report_on", "due_on", "pk")


#: The filters of the page of what one has to report on (``?show=``), each a selector above.
ASSIGNED_FILTERS = {"overdue": overdue, "due_soon": due_soon, "reports_due": reports_due}


def assigned_items(user, organisation, show: str = "", *, today=None):
    """The page of what the user has to report on or follows: their open items by deadline, or one of the
    workbench's lists (``show``: overdue, due_soon, reports_due)."""
    qs = open_items(items_visible_to(user, organisation))
    chosen = ASSIGNED_FILTERS.get(show)
    return chosen(qs, today=today) if chosen else qs.order_by("due_on", "pk")


def table_rows(qs):
    """The rows of a table of items: only the joins the table shows."""
    return qs.select_related(None).select_related(*ROW_JOINS)


def grasped_by(user, organisation):
    """The leader's page: the items the user grasps, late first, then by deadline."""
    return items_visible_to(user, organisation).filter(leader_id=user.pk).order_by("status", "due_on", "pk")


def item_search(qs, *, status: str = "", kind: str = "", year: int | None = None, unit: int | None = None,
                q: str = "", late: bool = False):
    if status == "open":
        qs = open_items(qs)
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(work_list__kind__key=kind)
    if year:
        qs = qs.filter(work_list__year=year)
    if unit:
        qs = qs.filter(unit_id=unit)
    if late:
        qs = overdue(qs)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(person_name__contains=q) | Q(leader_name__contains=q)
                       | Q(body_name__contains=q))
    return qs.order_by("due_on", "pk") if late else qs.order_by("work_list_id", "number", "pk")


def status_counts(qs) -> dict[str, int]:
    counts = {row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("pk"))}
    return {status: counts.get(status, 0) for status in ItemStatus.values}


def todo_counts(user, organisation, *, today=None) -> dict[str, int]:
    """The workbench's counts, in one query: the conditions of the lists they open (``overdue``, ``due_soon``,
    ``reports_due``, and the leader's late items: ``overdue`` of ``grasped_by``) on the same visible items."""
    today = today or timezone.localdate()
    qs = items_visible_to(user, organisation)
    return qs.order_by().aggregate(
        overdue=Count("pk", filter=_overdue_q(today)),
        due_soon=Count("pk", filter=_due_soon_q(today)),
        reports_due=Count("pk", filter=_reports_due_q(today)),
        grasped_late=Count("pk", filter=Q(leader_id=user.pk) & _overdue_q(today)),
    )


def history_of(item):
    return item.transitions.select_related("actor", "actor__person").order_by("created_at", "pk")


def kinds_of(organisation):
    return ListKind.objects.filter(organisation=organisation, is_active=True)


def items_of_origin(origin, organisation):
    """The items that follow a proposal (or an activity): what the proposer sees on its page."""
    from django.contrib.contenttypes.models import ContentType

    return (Item.objects.filter(organisation=organisation, origin_type=ContentType.objects.get_for_model(origin),
                                origin_id=str(origin.pk)).select_related(*ITEM_JOINS).order_by("pk"))


#: Who may sit in a coordination group: the staff of the organisation who work on its lists.
GROUP_PEOPLE_ROLES = (*permissions.OFFICE_ROLES, Role.LEADER, Role.PARTY_GOV_OFFICE, Role.UNIT_LEADER,
                      Role.HANDLING_UNIT)


def group_candidates(organisation):
    """The people a group may have (the form's choices, and what the API accepts)."""
    from zhengxie.core.models import User
    from zhengxie.core.selectors import users_with_role

    return User.objects.filter(pk__in=[u.pk for u in users_with_role(organisation, *GROUP_PEOPLE_ROLES)]
                               ).select_related("person").order_by("pk")


def meetings_for_groups(user, organisation):
    """The activities app's meetings and consultations that the user may see (the newest first)."""
    from zhengxie.activities.choices import ActivityType
    from zhengxie.activities.selectors import activities_visible_to

    if organisation is None:
        from zhengxie.activities.models import Activity

        return Activity.objects.none()
    return activities_visible_to(user, organisation).filter(
        type__in=[ActivityType.MEETING, ActivityType.CONSULTATION]).order_by("-starts_at")


def consultations_for_recommendations(user, organisation):
    """The consultations of the activities app a 建议案 may be drafted from (those the user may see)."""
    from zhengxie.activities.choices import ActivityType

    return meetings_for_groups(user, organisation).filter(type=ActivityType.CONSULTATION)


def items_of_recommendation(user, organisation, recommendation):
    """The items that track a recommendation (one, or one per measure of its reply), as the user may see them."""
    from django.contrib.contenttypes.models import ContentType

    pk = str(recommendation.pk)
    return (items_visible_to(user, organisation).filter(
        source_type=ContentType.objects.get_for_model(recommendation))
        .filter(Q(source_id=pk) | Q(source_id__startswith=f"{pk}.")).order_by("due_on", "pk"))


def meetings_of(group):
    return group.meetings.select_related("activity").order_by("-held_on", "-pk")


def issues_of(group):
    """The group's issues list: the open matters first, then by when they were added."""
    return group.issues.select_related("raised_at").prefetch_related("reviews__meeting").order_by("status", "pk")


def group_history(group):
    return group.transitions.select_related("actor", "actor__person").order_by("-created_at", "-pk")


def open_issues(group):
    return group.issues.filter(status=IssueStatus.OPEN)


def memberships_of(group) -> list:
    """The group's members: the head, the deputies, then the members (as they were added)."""
    from .choices import GroupDuty

    order = {GroupDuty.HEAD: 0, GroupDuty.DEPUTY: 1}
    rows = list(group.memberships.select_related("user", "user__person").order_by("pk"))
    return sorted(rows, key=lambda m: order.get(m.duty, 2))


def issues_for_meeting(group, meeting) -> list:
    """What a meeting reviews: the matters still open, and those it raised or already decided on."""
    return list(group.issues.filter(Q(status=IssueStatus.OPEN) | Q(reviews__meeting=meeting) | Q(raised_at=meeting))
                .distinct().order_by("pk"))


# --- the province's (or the city's) roll-up ----------------------------------------------------------------------


def organisations_in_reach(user, organisation):
    """The organisation and the committees below it (a province: its cities and counties; a city: its counties),
    for those who keep or lead its lists; nothing for anyone else. Never a committee of another branch."""
    from zhengxie.core.models import Organisation

    if not _authenticated(user, organisation) or not permissions.sees_all(user, organisation):
        return Organisation.objects.none()
    return organisation.descendants(include_self=True).filter(is_active=True).order_by("path", "pk")


def organisation_in_reach(user, organisation, pk):
    from zhengxie.core.exceptions import NotFound

    found = organisations_in_reach(user, organisation).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def rollup_rows(user, organisation, *, year: int, today=None, only=None) -> list[dict]:
    """One row per committee in reach: its items of ``year``'s lists by status, those late, its promises kept, late
    and open, and its investment figures (``only``: that committee's row alone). Three grouped queries, whatever
    the number of committees."""
    from .choices import ProjectStage

    today = today or timezone.localdate()
    orgs = organisations_in_reach(user, organisation)
    orgs = list(orgs.filter(pk=only.pk) if only is not None else orgs)
    ids = [o.pk for o in orgs]
    open_q = Q(status__in=OPEN_STATUSES)
    late_q = (open_q & Q(due_on__lt=today)) | Q(status=ItemStatus.DONE, closed_late=True)
    counts = {status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values}
    items = {row["organisation_id"]: row for row in Item.objects.filter(
        organisation_id__in=ids, work_list__year=year).order_by().values("organisation_id").annotate(
        total=Count("pk"), late=Count("pk", filter=late_q), overdue=Count("pk", filter=open_q & Q(due_on__lt=today)),
        promises_kept=Count("pk", filter=Q(is_commitment=True, status=ItemStatus.DONE, closed_late=False)),
        promises_late=Count("pk", filter=Q(is_commitment=True) & late_q),
        promises_open=Count("pk", filter=Q(is_commitment=True) & open_q), **counts)}
    signed_q = Q(signed_on__isnull=False) & ~Q(stage=ProjectStage.DROPPED)
    projects = {row["organisation_id"]: row for row in InvestmentProject.objects.filter(
        organisation_id__in=ids).order_by().values("organisation_id").annotate(
        projects=Count("pk", filter=~Q(stage=ProjectStage.DROPPED)), signed=Count("pk", filter=signed_q),
        signed_in_year=Count("pk", filter=signed_q & Q(signed_on__year=year)),
        amount_signed=Sum("amount_signed", filter=signed_q))}
    rows = []
    for org in orgs:
        row = {"organisation": org, "depth": org.path.count("/") - organisation.path.count("/"),
               **{key: 0 for key in ("total", "late", "overdue", "promises_kept", "promises_late", "promises_open",
                                     *ItemStatus.values)},
               "projects": 0, "signed": 0, "signed_in_year": 0, "amount_signed": 0}
        row.update({k: v for k, v in items.get(org.pk, {}).items() if k != "organisation_id"})
        row.update({k: v or 0 for k, v in projects.get(org.pk, {}).items() if k != "organisation_id"})
        row["by_status"] = [(label, row[status]) for status, label in ItemStatus.choices]
        rows.append(row)
    return rows


ROLLUP_FIGURES = ("total", "late", "overdue", "promises_kept", "promises_late", "promises_open", *ItemStatus.values,
                  "projects", "signed", "signed_in_year", "amount_signed")


def rollup_totals(rows) -> dict | None:
    """The committees below added up (the first row is the organisation itself): None when there is none."""
    if len(rows) < 2:
        return None
    totals = {key: sum(r[key] for r in rows[1:]) for key in ROLLUP_FIGURES}
    totals["by_status"] = [(label, totals[status]) for status, label in ItemStatus.choices]
    return totals


def lists_in_reach(user, organisation, target):
    """A committee's lists as the province (or city) reads them: each with its counts."""
    today = timezone.localdate()
    return (WorkList.objects.filter(organisation=target).select_related("kind")
            .filter(organisation__in=organisations_in_reach(user, organisation))
            .annotate(total=Count("items"), done=Count("items", filter=Q(items__status=ItemStatus.DONE)),
                      overdue=Count("items", filter=Q(items__status__in=OPEN_STATUSES, items__due_on__lt=today)))
            .order_by("-year", "kind__sort_order", "pk"))


def items_in_reach(user, organisation, target):
    """A committee's items as the province (or city) reads them (no detail page: the figures and the list)."""
    return Item.objects.filter(organisation=target, organisation__in=organisations_in_reach(user, organisation)
                               ).select_related("unit", "committee")
