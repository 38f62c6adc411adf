"""Reads of the core app: organisation-scoped, permission-filtered querysets with their joins."""

from django.db.models import Q

from . import permissions
from .crypto import lookup_digest
from .exceptions import NotAllowed, NotFound
from .models import AuditEntry, HandlingUnit, Member, Notification, Organisation, RoleAssignment, User


def get_visible(visible, pk, *, organisation=None):
    """One row of a permission-filtered queryset by its id: a detail address shows exactly what the lists show
    (NetBox's ``restrict(user, action)``). Every ``<entity>_get_for_user`` is this over its ``<entities>_visible_to``.

    A row the user may not see raises NotAllowed when ``organisation`` is given and the row is that organisation's
    (the user knows it exists), NotFound otherwise (never a hint about another organisation's rows)."""
    obj = visible.filter(pk=pk).first()
    if obj is not None:
        return obj
    if organisation is not None and visible.model._default_manager.filter(pk=pk, organisation=organisation).exists():
        raise NotAllowed()
    raise NotFound()


def members_visible_to(user, organisation: Organisation):
    """Members of the organisation for its staff; a member sees their own seat."""
    qs = Member.objects.filter(organisation=organisation).select_related("person", "sector", "committee", "term")
    if permissions.can_view_members(user, organisation):
        return qs
    if not getattr(user, "person_id", None):
        return qs.none()
    return qs.filter(person_id=user.person_id)


def member_search(qs, *, term=None, sector=None, committee=None, affiliation=None, status=None, q: str = "",
                  standing: bool | None = None):
    if term:
        qs = qs.filter(term_id=term)
    if sector:
        qs = qs.filter(sector_id=sector)
    if committee:
        qs = qs.filter(committee_id=committee)
    if affiliation:
        qs = qs.filter(person__affiliation=affiliation)
    if status:
        qs = qs.filter(status=status)
    if standing is not None:
        qs = qs.filter(is_standing_committee=standing)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(person__name__contains=q) | Q(person__work_unit__contains=q) | Q(member_number=q) | Q(
                person__phone_digest=lookup_digest("phone", q) or "-")
        )
    return qs.order_by("sector__sort_order", "person__name", "pk")


def member_get_for_user(user, organisation, pk) -> Member:
    """A member of the active organisation that the user may see (staff, or the member themself)."""
    return get_visible(members_visible_to(user, organisation).select_related("organisation"), pk,
                       organisation=organisation)


_ANY = object()


def users_with_role(organisation, *roles, unit=None, body_ids=None, committee=_ANY) -> list[User]:
    """The active accounts holding one of ``roles`` in the organisation (``unit``: for that handling unit;
    ``body_ids``: contacts of those bodies; ``committee``: staff of that special committee or of none, i.e. of
    all) — whom a notice goes to. The one place that reads "users with a role"."""
    qs = RoleAssignment.objects.filter(organisation=organisation, role__in=roles, is_active=True)
    if unit is not None:
        qs = qs.filter(handling_unit=unit)
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    if committee is not _ANY:
        qs = qs.filter(Q(committee__isnull=True) | Q(committee=committee)) if committee else qs.filter(
            committee__isnull=True)
    return list(User.objects.filter(pk__in=qs.values("user_id"), is_active=True))


def users_of_members(members) -> list[User]:
    """The active accounts of some members (``Member`` rows or their ids; a member without an account is
    skipped) — whom a notice to members goes to."""
    members = [m for m in members if m is not None]
    person_ids = {m.person_id for m in members if isinstance(m, Member)}
    member_ids = [m for m in members if not isinstance(m, Member)]
    if not person_ids and not member_ids:
        return []
    people = Q(person_id__in=person_ids)
    if member_ids:
        people |= Q(person_id__in=Member.objects.filter(pk__in=member_ids).values("person_id"))
    return list(User.objects.filter(people, is_active=True))


def audit_entries_visible_to(user, organisation):
    if not permissions.can_view_audit(user, organisation):
        return AuditEntry.objects.none()
    scope = Q(organisation=organisation)
    if organisation.parent_id is None:  # the platform's own entries (superuser, archives) go to the top level
        scope |= Q(organisation__isnull=True)
    return AuditEntry.objects.filter(scope).select_related("object_type")


def inbox_of(user):
    return Notification.objects.filter(recipient=user)


def handling_units_of(organisation, *, active_only=True):
    qs = HandlingUnit.objects.filter(organisation=organisation)
    return qs.filter(is_active=True) if active_only else qs


def accounts_of(user, organisation):
    """Users holding a role or a seat in the organisation, for its system and security administrators."""
    if not permissions.can_view_accounts(user, organisation):
        return User.objects.none()
    role_users = RoleAssignment.objects.filter(organisation=organisation).values("user_id")
    seat_people = Member.objects.filter(organisation=organisation).values("person_id")
    return (
        User.objects.filter(Q(pk__in=role_users) | Q(person_id__in=seat_people) | Q(default_organisation=organisation))
        .select_related("person")
        .distinct()
        .order_by("username")
    )


def organisations_overview():
    """Every organisation of the platform, in tree order, with its members in office and the accounts holding a
    role there (the platform superuser's landing)."""
    from django.db.models import Count

    return (
        Organisation.objects.select_related("parent")
        .annotate(member_count=Count("members", filter=Q(members__status="active"), distinct=True),
                  account_count=Count("role_assignments__user", distinct=True))
        .order_by("path", "sort_order", "pk")
    )
