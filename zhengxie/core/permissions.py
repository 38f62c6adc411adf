"""Who may do what in the core app, as small predicates reused by views, the API, templates and tests.

Roles are per organisation. ``roles_in`` is the one place that computes them; it is cached on the user object
for the length of a request (``request_cached``), and ``forget`` drops the cache when roles change."""

from .choices import STAFF_ROLES, Role
from .models import Member, Organisation, RoleAssignment

_CACHE = "_zx_request_cache"
UNIT_ROLES = (Role.HANDLING_UNIT, Role.UNIT_LEADER)


def request_cached(user, key: str, scope, compute):
    """``compute()`` once per request for (``key``, ``scope``), kept on the user object (a fresh one each request).
    Every app caches its per-request facts about the user here (roles, seat, units, places, …), so that one call
    — ``forget`` — drops them all when the user's roles change."""
    store = user.__dict__.setdefault(_CACHE, {})
    if (key, scope) not in store:
        store[(key, scope)] = compute()
    return store[(key, scope)]


def forget(user) -> None:
    """Drop what ``request_cached`` holds for the user (after a role is granted or revoked, a seat changes)."""
    if user is not None:
        user.__dict__.pop(_CACHE, None)


def roles_in(user, organisation) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return frozenset()
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)

    def compute():
        roles = set(
            RoleAssignment.objects.filter(user=user, organisation_id=org_id, is_active=True).values_list(
                "role", flat=True
            )
        )
        if user.person_id and Member.objects.current().filter(person_id=user.person_id, organisation_id=org_id).exists():
            roles.add(Role.MEMBER)
        return frozenset(roles)

    return request_cached(user, "roles", org_id, compute)


def has_role(user, organisation, *roles: str) -> bool:
    return bool(roles_in(user, organisation) & set(roles))


def is_staff_of(user, organisation) -> bool:
    """Office staff, leaders and administrators of the organisation."""
    return bool(roles_in(user, organisation) & STAFF_ROLES)


def is_admin_of(user, organisation) -> bool:
    return has_role(user, organisation, Role.ADMINISTRATOR)


def can_manage_members(user, organisation) -> bool:
    return has_role(user, organisation, Role.ADMINISTRATOR, Role.GENERAL_OFFICE)


def can_view_members(user, organisation) -> bool:
    return is_staff_of(user, organisation)


def can_see_sensitive(user, organisation) -> bool:
    """Unmasked ID numbers: administrators only."""
    return is_admin_of(user, organisation)


def can_view_audit(user, organisation) -> bool:
    return is_admin_of(user, organisation)


def can_edit_settings(user, organisation) -> bool:
    return is_admin_of(user, organisation)


def current_member(user, organisation) -> Member | None:
    """The user's active seat in the organisation's current term, if any."""
    if not getattr(user, "person_id", None) or organisation is None:
        return None
    return request_cached(user, "seat", organisation.pk, lambda: (
        Member.objects.current()
        .select_related("person", "sector", "committee", "term")
        .filter(person_id=user.person_id, organisation=organisation)
        .first()
    ))


def unit_ids_of(user, organisation, *, roles=UNIT_ROLES) -> set[int]:
    """The handling units the user works for in the organisation (``roles=(Role.UNIT_LEADER,)``: those they lead)."""
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return set()
    rows = request_cached(user, "units", organisation.pk, lambda: list(
        RoleAssignment.objects.filter(user=user, organisation=organisation, is_active=True, role__in=UNIT_ROLES)
        .values_list("handling_unit_id", "role")
    ))
    return {unit for unit, role in rows if role in roles}


def body_ids_of(user, organisation) -> set[int]:
    """The bodies (parties, organisations, sectors, committees) the user is a contact of."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        RoleAssignment.objects.filter(
            user=user, organisation=organisation, is_active=True, role=Role.BODY_CONTACT
        ).values_list("body_id", flat=True)
    )


def organisations_of(user):
    """Organisations in which the user holds a role or a current seat (for the header's switcher)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    role_orgs = RoleAssignment.objects.filter(user=user, is_active=True).values("organisation_id")
    qs = Organisation.objects.filter(is_active=True)
    if user.person_id:
        seat_orgs = Member.objects.current().filter(person_id=user.person_id).values("organisation_id")
        return qs.filter(models_q_in(role_orgs, seat_orgs)).distinct().order_by("path")
    return qs.filter(pk__in=role_orgs).order_by("path")


def models_q_in(*subqueries):
    from django.db.models import Q

    q = Q(pk__in=subqueries[0])
    for sub in subqueries[1:]:
        q |= Q(pk__in=sub)
    return q
