"""Who may do what in the core app, as small predicates reused by views, the API, templates and tests.

Roles are per organisation. ``roles_in`` is the one place that computes them; it is cached on the user object
for the length of a request."""

from .choices import STAFF_ROLES, Role
from .models import Member, Organisation, RoleAssignment


def roles_in(user, organisation) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return frozenset()
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)
    cache = user.__dict__.setdefault("_zx_roles", {})
    if org_id not in cache:
        roles = set(
            RoleAssignment.objects.filter(user=user, organisation_id=org_id, is_active=True).values_list(
                "role", flat=True
            )
        )
        if user.person_id and Member.objects.current().filter(person_id=user.person_id, organisation_id=org_id).exists():
            roles.add(Role.MEMBER)
        cache[org_id] = frozenset(roles)
    return cache[org_id]


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
    return is_security_admin_of(user, organisation)


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
    cache = user.__dict__.setdefault("_zx_seat", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Member.objects.current()
            .select_related("person", "sector", "committee", "term")
            .filter(person_id=user.person_id, organisation=organisation)
            .first()
        )
    return cache[organisation.pk]


def unit_ids_of(user, organisation) -> set[int]:
    """The handling units the user works for in the organisation."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        RoleAssignment.objects.filter(
            user=user, organisation=organisation, is_active=True, role__in=[Role.HANDLING_UNIT, Role.UNIT_LEADER]
        ).values_list("handling_unit_id", flat=True)
    )


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
