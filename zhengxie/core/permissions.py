"""Who may do what in the core app, as small predicates reused by views, the API, templates and tests.

Roles are per organisation. ``access_of`` is the one place that reads them: every active role of the user (with
its organisation) and every current seat, in one query each, once per request. Per-request facts about the user
(the access, places, …) are kept by ``request_cached`` on the user object, which Django builds anew for each
request; ``forget`` drops them all when the user's roles or seats change (grant and revoke alike). ``roles_in``,
``current_member``, ``unit_ids_of``, ``body_ids_of`` and the choice of the active organisation all answer from the
access."""

from collections import defaultdict
from dataclasses import dataclass, field

from .choices import ADMIN_ROLES, STAFF_ROLES, Role
from .exceptions import NotAllowed
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


@dataclass
class Access:
    roles: dict = field(default_factory=lambda: defaultdict(set))  # organisation id -> roles
    organisations: dict = field(default_factory=dict)  # organisation id -> Organisation (active ones only)
    seats: dict = field(default_factory=dict)  # organisation id -> the current Member seat
    units: dict = field(default_factory=lambda: defaultdict(set))  # organisation id -> {(handling unit id, role)}
    bodies: dict = field(default_factory=lambda: defaultdict(set))  # organisation id -> body ids

    def organisation(self, org_id) -> Organisation | None:
        """The organisation if the user holds a role or a seat in it and it is active."""
        return self.organisations.get(int(org_id)) if org_id else None

    def first_organisation(self) -> Organisation | None:
        """The highest of the user's organisations (by the tree's path), as the header's switcher lists them."""
        return min(self.organisations.values(), key=lambda org: org.path, default=None)


def access_of(user) -> Access:
    if not getattr(user, "is_authenticated", False):
        return Access()
    return request_cached(user, "access", None, lambda: _read_access(user))


def _read_access(user) -> Access:
    access = Access()
    for ra in RoleAssignment.objects.filter(user=user, is_active=True).select_related("organisation"):
        access.roles[ra.organisation_id].add(ra.role)
        if ra.organisation.is_active:
            access.organisations[ra.organisation_id] = ra.organisation
        if ra.role in UNIT_ROLES:
            access.units[ra.organisation_id].add((ra.handling_unit_id, ra.role))
        if ra.role == Role.BODY_CONTACT:
            access.bodies[ra.organisation_id].add(ra.body_id)
    if user.person_id:
        seats = (Member.objects.current().filter(person_id=user.person_id)
                 .select_related("organisation", "person", "sector", "committee", "term"))
        for seat in seats:
            access.roles[seat.organisation_id].add(Role.MEMBER)
            access.seats.setdefault(seat.organisation_id, seat)
            if seat.organisation.is_active:
                access.organisations[seat.organisation_id] = seat.organisation
    return access


def active_organisation_of(user, chosen=None, *, insist: bool = False) -> Organisation | None:
    """The organisation the user works in: ``chosen`` (an id or an organisation: the one picked in the header's
    switcher, kept in the session, or the one an API call names in ``X-Organisation``) if the user holds a role or
    a seat in it, else their default organisation, else the highest of theirs; None without any (or anonymous).
    Never one the user has no role or seat in. With ``insist``, a chosen organisation outside the user's is refused
    (``NotAllowed``) rather than passed over: an API client that names one gets it or an error. The web's
    middleware and the API both call this."""
    if not getattr(user, "is_authenticated", False):
        return None
    access = access_of(user)  # read once for the request: roles and seats with their organisations
    chosen_id = getattr(chosen, "pk", chosen)
    org = access.organisation(chosen_id)
    if org is None and insist and chosen_id is not None:
        raise NotAllowed()
    return org or access.organisation(user.default_organisation_id) or access.first_organisation()


def roles_in(user, organisation) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return frozenset()
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)
    return frozenset(access_of(user).roles.get(org_id, ()))


def has_role(user, organisation, *roles: str) -> bool:
    return bool(roles_in(user, organisation) & set(roles))


def is_staff_of(user, organisation) -> bool:
    """Office staff, leaders and administrators of the organisation."""
    return bool(roles_in(user, organisation) & STAFF_ROLES)


def is_admin_of(user, organisation) -> bool:
    """The office's own administrator (业务管理员): reference data (handling units, sectors), members and their
    sensitive data, duty rules. Accounts, roles, settings and the audit log belong to the three below."""
    return has_role(user, organisation, Role.ADMINISTRATOR)


# --- the three administrators (三员) ------------------------------------------------------------------------------


def is_system_admin_of(user, organisation) -> bool:
    """系统管理员: accounts, the organisation's settings."""
    return has_role(user, organisation, Role.SYSTEM_ADMIN)


def is_security_admin_of(user, organisation) -> bool:
    """安全管理员: roles, security policies, unlocking accounts, resetting second factors."""
    return has_role(user, organisation, Role.SECURITY_ADMIN)


def is_audit_admin_of(user, organisation) -> bool:
    """审计管理员: reads and exports the audit log, nothing else."""
    return has_role(user, organisation, Role.AUDIT_ADMIN)


def can_manage_accounts(user, organisation) -> bool:
    return is_system_admin_of(user, organisation)


def can_view_accounts(user, organisation) -> bool:
    """The account list: the system administrator keeps it, the security administrator grants roles from it."""
    return has_role(user, organisation, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)


def can_manage_roles(user, organisation) -> bool:
    return is_security_admin_of(user, organisation)


def can_unlock_accounts(user, organisation) -> bool:
    return is_security_admin_of(user, organisation)


def can_reset_factors(user, organisation) -> bool:
    """Removing a user's second factor (a lost phone): the security administrator's duty."""
    return is_security_admin_of(user, organisation)


def only_administers(user, organisation) -> bool:
    """The user holds only administrators' roles (三员) there: accounts, roles and the audit log, never the
    business (proposals, activities …), whose menus they are not shown."""
    roles = roles_in(user, organisation)
    return bool(roles) and roles <= ADMIN_ROLES


def is_any_admin_of(user, organisation) -> bool:
    """Whether the user sees the administration pages at all."""
    return has_role(user, organisation, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.ADMINISTRATOR)


#: Settings whose key starts so are security policies: the security administrator sets them, not the system one.
SECURITY_SETTING_PREFIXES = ("security.", "auth.", "accounts.")


def is_security_setting(key: str) -> bool:
    return key.startswith(SECURITY_SETTING_PREFIXES)


def can_edit_setting(user, organisation, key: str) -> bool:
    if is_security_setting(key):
        return is_security_admin_of(user, organisation)
    return is_system_admin_of(user, organisation)


def can_manage_members(user, organisation) -> bool:
    return has_role(user, organisation, Role.ADMINISTRATOR, Role.GENERAL_OFFICE)


def can_view_members(user, organisation) -> bool:
    return is_staff_of(user, organisation)


def can_see_sensitive(user, organisation) -> bool:
    """Unmasked ID numbers: administrators only."""
    return is_admin_of(user, organisation)


def can_view_audit(user, organisation) -> bool:
    return is_audit_admin_of(user, organisation)


def can_edit_settings(user, organisation) -> bool:
    """The settings page: the system administrator (general settings) and the security one (policies)."""
    return has_role(user, organisation, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)


def current_member(user, organisation) -> Member | None:
    """The user's active seat in the organisation's current term, if any."""
    if not getattr(user, "person_id", None) or organisation is None:
        return None
    return access_of(user).seats.get(organisation.pk)


def unit_ids_of(user, organisation, *, roles=UNIT_ROLES) -> set[int]:
    """The handling units the user works for in the organisation (``roles=(Role.UNIT_LEADER,)``: those they lead)."""
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return set()
    return {unit for unit, role in access_of(user).units.get(organisation.pk, ()) if role in roles}


def body_ids_of(user, organisation) -> set[int]:
    """The bodies (parties, organisations, sectors, committees) the user is a contact of."""
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return set()
    return set(access_of(user).bodies.get(organisation.pk, ()))


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
