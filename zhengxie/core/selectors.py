"""Reads of the core app: organisation-scoped, permission-filtered querysets with their joins."""

from django.db.models import Q

from . import permissions
from .crypto import lookup_digest
from .exceptions import NotAllowed, NotFound
from .models import AuditEntry, HandlingUnit, Member, Notification, Organisation, RoleAssignment, User


def members_visible_to(user, organisation: Organisation):
    """Members of the organisation, for its staff only."""
    if not permissions.can_view_members(user, organisation):
        return Member.objects.none()
    return Member.objects.filter(organisation=organisation).select_related(
        "person", "sector", "committee", "term"
    )


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
    member = Member.objects.select_related("person", "sector", "committee", "term", "organisation").filter(pk=pk).first()
    if member is None or member.organisation_id != getattr(organisation, "pk", None):
        raise NotFound()
    if permissions.can_view_members(user, organisation) or member.person_id == user.person_id:
        return member
    raise NotAllowed()


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
