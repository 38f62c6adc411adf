"""Every write of the core app: audit, notifications, accounts and roles, tokens, members, settings.

Services are keyword-only, take the acting user, run in one transaction and write an audit entry."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import permissions
from .choices import ADMIN_ROLES, MemberStatus, Role
from .context import actor_or_none, client_ip
from .crypto import lookup_digest
from .exceptions import DomainError, NotAllowed
from .models import (
    ApiToken,
    AuditEntry,
    Member,
    Notification,
    Organisation,
    PasswordHistory,
    Person,
    RoleAssignment,
    User,
)
from .org_settings import setting_definition

# --- audit --------------------------------------------------------------------------------------------------


def audit_log(*, actor, organisation, action: str, obj=None, changes: dict | None = None) -> AuditEntry:
    """Append an audit entry to the chain. ``action`` is a namespaced code: ``proposals.proposal.registered``.

    The actor's id and username are kept in the entry itself: they outlive the account."""
    from .audit_chain import append

    actor = actor_or_none(actor)
    entry = AuditEntry(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else "")[:150],
        organisation=organisation,
        action=action,
        changes=_jsonable(changes or {}),
        ip=client_ip(),
    )
    if obj is not None:
        entry.object_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    append(entry)
    return entry


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "pk"):
        return {"id": value.pk, "repr": str(value)}
    return str(value)


def personal_data_masked(changes: dict) -> dict:
    """What the audit log keeps of phone numbers and ID numbers: the masked form (the log is not encrypted)."""
    from .masking import mask_id_number, mask_phone

    masks = {"phone": mask_phone, "id_number": mask_id_number}
    result = {}
    for key, value in changes.items():
        mask = masks.get(key)
        if mask is None:
            result[key] = value
        elif isinstance(value, (list, tuple)):
            result[key] = [mask(str(v or "")) for v in value]
        else:
            result[key] = mask(str(value or ""))
    return result


def changes_between(obj, fields: Iterable[str], before: dict) -> dict:
    """{"field": [old, new]} for the fields whose value differs from ``before``."""
    diff = {}
    for name in fields:
        new = getattr(obj, name)
        if before.get(name) != new:
            diff[name] = [before.get(name), new]
    return diff


# --- notifications -------------------------------------------------------------------------------------------


def notify(*, recipients: Iterable[User], organisation, code: str, title, body="", url: str = "", obj=None,
           params: dict | None = None, email: bool = True) -> list[Notification]:
    """Put a notification in each recipient's inbox, in the recipient's language, and send it on by the channels
    its kind and the recipient's choices allow (``core.notices``; ``email=False``: the inbox only).

    ``title`` and ``body`` are lazy translations with %(name)s placeholders filled from ``params``."""
    params = params or {}
    object_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    notifications = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.language or "zh-hans"):
            notifications.append(
                Notification(
                    recipient=user,
                    organisation=organisation,
                    code=code,
                    title=(str(title) % params if params else str(title))[:200],
                    body=str(body) % params if params and body else str(body),
                    url=url,
                    object_type=object_type,
                    object_id=str(obj.pk) if obj is not None else "",
                )
            )
    created = Notification.objects.bulk_create(notifications)
    from .notices import dispatch

    dispatch(created, email=email)  # e-mail, SMS, WeCom, DingTalk as the kind and each person's choices allow
    return created


def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


# --- accounts and roles ---------------------------------------------------------------------------------------


def user_create(*, actor, organisation, username: str, password: str | None = None, phone: str = "",
                email: str = "", person: Person | None = None, display_name: str = "") -> User:
    if not permissions.can_manage_accounts(actor, organisation):
        raise NotAllowed()
    if User.objects.filter(username=username).exists():
        raise DomainError(gettext("The username “%(name)s” is taken.") % {"name": username}, code="username_taken")
    if phone and User.objects.with_phone(phone).exists():
        raise DomainError(gettext("The phone number %(phone)s already has an account.") % {"phone": phone}, code="phone_taken")
    if password:
        try:
            password_validation.validate_password(password, User(username=username, phone=phone or None))
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), errors={"password": " ".join(exc.messages)}) from exc
    with transaction.atomic():
        user = User(
            username=username, phone=phone or None, email=email, person=person, display_name=display_name,
            default_organisation=organisation, must_change_password=True,  # the first login asks for the user's own
        )
        user.password = make_password(password) if password else make_password(None)
        user.save()
        if password:
            PasswordHistory.objects.create(user=user, password=user.password)
        audit_log(actor=actor, organisation=organisation, action="core.user.created", obj=user,
                  changes=personal_data_masked({"username": username, "phone": phone}))
    return user


def role_grant(*, actor, organisation: Organisation, user: User, role: str, handling_unit=None, body=None,
               committee=None) -> RoleAssignment:
    """The security administrator grants roles; the platform superuser only the three administrators' (installing)."""
    role_grant_check(actor=actor, organisation=organisation, user=user, role=role)
    assignment = RoleAssignment(
        user=user, organisation=organisation, role=role, handling_unit=handling_unit, body=body, committee=committee
    )
    try:
        assignment.full_clean()
    except ValidationError as exc:
        raise DomainError("; ".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    with transaction.atomic():
        existing = RoleAssignment.objects.filter(
            user=user, organisation=organisation, role=role, handling_unit=handling_unit, body=body, committee=committee
        ).first()
        if existing:
            if not existing.is_active:
                existing.is_active = True
                existing.save(update_fields=["is_active"])
            assignment = existing
        else:
            assignment.save()
        audit_log(actor=actor, organisation=organisation, action="core.role.granted", obj=user,
                  changes={"role": role, "handling_unit": handling_unit, "body": body, "committee": committee})
    permissions.forget(user)
    return assignment


def role_grant_check(*, actor, organisation: Organisation, user: User, role: str) -> None:
    """Whether the actor may grant the role (NotAllowed, DomainError if not): the rule the pages, the API and the
    admin site's role rows share."""
    installing = getattr(actor, "is_superuser", False) and role in ADMIN_ROLES
    if not (installing or permissions.can_manage_roles(actor, organisation)):
        if getattr(actor, "is_superuser", False):
            raise NotAllowed(_("The platform administrator grants only the system, security and audit "
                               "administrators' roles; the organisation's security administrator grants the others."))
        raise NotAllowed()
    if role == Role.MEMBER:
        raise DomainError(_("A member's role comes from a seat; add the person as a member instead."))
    _check_separation_of_duties(actor=actor, organisation=organisation, user=user, role=role)


def _check_separation_of_duties(*, actor, organisation, user: User, role: str) -> None:
    """三员: nobody grants a role to themselves; an administrator's role is the user's only role there."""
    if actor.pk == user.pk:
        raise DomainError(_("Nobody may grant a role to themselves."), code="self_grant")
    held = set(RoleAssignment.objects.filter(user=user, organisation=organisation, is_active=True)
               .exclude(role=role).values_list("role", flat=True))
    if role in ADMIN_ROLES and held:
        raise DomainError(_("The system, security and audit administrators hold no other role in the organisation: "
                            "revoke the user's other roles first."), code="separation_of_duties")
    if held & ADMIN_ROLES:
        raise DomainError(_("This user is one of the organisation's administrators and may hold no other role."),
                          code="separation_of_duties")


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    if not permissions.can_manage_roles(actor, assignment.organisation):
        raise NotAllowed()
    with transaction.atomic():
        assignment.is_active = False
        assignment.save(update_fields=["is_active"])
        audit_log(actor=actor, organisation=assignment.organisation, action="core.role.revoked", obj=assignment.user,
                  changes={"role": assignment.role})
    permissions.forget(assignment.user)


def user_set_language(*, user: User, language: str) -> None:
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def api_token_create(*, user: User, name: str, days: int | None = None, code: str | None = None) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its digest is kept. Every token expires, within
    API_TOKEN_MAX_DAYS (the default). A user with a second factor must give a current code from it."""
    from django.conf import settings

    from . import two_factor

    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name, e.g. the device that will use it."))
    days = days or settings.API_TOKEN_MAX_DAYS
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise DomainError(gettext("A token may be valid for at most %(days)d days.") % {"days": settings.API_TOKEN_MAX_DAYS},
                          errors={"days": gettext("At most %(days)d.") % {"days": settings.API_TOKEN_MAX_DAYS}})
    if two_factor.has_factor(user) and two_factor.check_code(user, code) is None:
        raise DomainError(_("Type the code your authenticator app shows now to create a token."),
                          errors={"code": gettext("The code is not right.")}, code="second_factor")
    secret = ApiToken.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:60],
            digest=ApiToken.digest_of(secret),
            hint=secret[:8],
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit_log(actor=user, organisation=user.default_organisation, action="core.token.created", obj=token,
                  changes={"days": days})
    return token, secret


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise NotAllowed()
    if token.revoked_at:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=user, organisation=user.default_organisation, action="core.token.revoked", obj=token)


# --- members ----------------------------------------------------------------------------------------------------

MEMBER_FIELDS = ["sector", "committee", "is_standing_committee", "position", "member_number", "joined_on", "note"]
PERSON_FIELDS = ["name", "gender", "ethnicity", "birth_date", "phone", "email", "id_number", "affiliation",
                 "work_unit", "job_title"]


def member_create(*, actor, organisation: Organisation, term, person_data: dict, member_data: dict) -> Member:
    if not permissions.can_manage_members(actor, organisation):
        raise NotAllowed()
    if term is None:
        raise DomainError(_("The organisation has no current term."))
    with transaction.atomic():
        person = _find_or_create_person(organisation, person_data)
        if Member.objects.filter(person=person, organisation=organisation, term=term).exists():
            raise DomainError(
                gettext("%(name)s already has a seat in this term.") % {"name": person.name}, code="duplicate_member"
            )
        member = Member.objects.create(person=person, organisation=organisation, term=term, **member_data)
        audit_log(actor=actor, organisation=organisation, action="core.member.created", obj=member,
                  changes=personal_data_masked({**person_data, **member_data}))
    return member


def _find_or_create_person(organisation, data: dict) -> Person:
    """The same person (by ID number) holds seats in several organisations: reuse the record."""
    id_number = (data.get("id_number") or "").strip().upper()
    if id_number:
        existing = Person.objects.filter(id_number_digest=lookup_digest("id_number", id_number)).first()
        if existing:
            return existing
    return Person.objects.create(home_organisation=organisation, **{**data, "id_number": id_number})


def member_update(*, actor, member: Member, person_data: dict, member_data: dict) -> Member:
    if not permissions.can_manage_members(actor, member.organisation):
        raise NotAllowed()
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("person").get(pk=member.pk)
        person = member.person
        before_person = {f: getattr(person, f) for f in person_data}
        before_member = {f: getattr(member, f) for f in member_data}
        for field, value in person_data.items():
            setattr(person, field, value)
        for field, value in member_data.items():
            setattr(member, field, value)
        if person_data:
            person.save(update_fields=[*person_data, "updated_at"])
        if member_data:
            member.save(update_fields=list(member_data))
        changes = changes_between(person, person_data, before_person) | changes_between(member, member_data, before_member)
        audit_log(actor=actor, organisation=member.organisation, action="core.member.updated", obj=member,
                  changes=personal_data_masked(changes))
    return member


def member_set_status(*, actor, member: Member, status: str, on: dt.date | None = None, reason: str = "") -> Member:
    if not permissions.can_manage_members(actor, member.organisation):
        raise NotAllowed()
    if status not in MemberStatus.values:
        raise DomainError(_("Unknown status."))
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        old = member.status
        member.status = status
        member.left_on = None if status == MemberStatus.ACTIVE else (on or timezone.localdate())
        member.note = reason[:200] if reason else member.note
        member.save(update_fields=["status", "left_on", "note"])
        audit_log(actor=actor, organisation=member.organisation, action="core.member.status_changed", obj=member,
                  changes={"status": [old, status], "reason": reason})
    return member


# --- settings ------------------------------------------------------------------------------------------------------


def organisation_settings_update(*, actor, organisation: Organisation, values: dict, reset: Iterable[str] = ()) -> Organisation:
    """Set (or reset to inherited) per-organisation settings; each value is validated by its definition."""
    if not permissions.can_edit_settings(actor, organisation):
        raise NotAllowed()
    if any(not permissions.can_edit_setting(actor, organisation, key) for key in [*values, *reset]):
        raise NotAllowed()
    cleaned, errors = {}, {}
    for key, raw in values.items():
        try:
            cleaned[key] = setting_definition(key).clean(raw)
        except KeyError:
            errors[key] = gettext("Unknown setting.")
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
    if errors:
        raise DomainError(_("Some settings are not valid."), errors=errors)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = dict(org.settings)
        for key in reset:
            org.settings.pop(key, None)
        org.settings.update(cleaned)
        org.save(update_fields=["settings"])
        changed = {k: [before.get(k), org.settings.get(k)] for k in set(before) | set(org.settings)
                   if before.get(k) != org.settings.get(k)}
        audit_log(actor=actor, organisation=org, action="core.settings.updated", obj=org, changes=changed)
    organisation.settings = org.settings
    return org


def account_unlock(*, actor, organisation, user: User) -> None:
    """End a login lockout: a recorded success starts a new counting window for the account."""
    from .auth import lockout_key
    from .models import LoginAttempt

    if not permissions.can_unlock_accounts(actor, organisation):
        raise NotAllowed()
    with transaction.atomic():
        LoginAttempt.objects.create(username=lockout_key(user.username), user=user, succeeded=True, ip=client_ip())
        audit_log(actor=actor, organisation=organisation, action="core.user.unlocked", obj=user)


def handling_unit_save(*, actor, organisation, unit=None, data: dict):
    from .models import HandlingUnit

    if not permissions.is_admin_of(actor, organisation):
        raise NotAllowed()
    with transaction.atomic():
        if HandlingUnit.objects.filter(organisation=organisation, name=data["name"]).exclude(pk=getattr(unit, "pk", None)).exists():
            raise DomainError(gettext("A unit named “%(name)s” exists already.") % {"name": data["name"]}, errors={"name": gettext("Taken.")})
        before = {k: getattr(unit, k) for k in data} if unit else {}
        unit = unit or HandlingUnit(organisation=organisation)
        for key, value in data.items():
            setattr(unit, key, value)
        unit.save()
        audit_log(actor=actor, organisation=organisation, action="core.handling_unit.saved", obj=unit,
                  changes=changes_between(unit, data, before))
    return unit


def sectors_load_preset(*, actor, organisation: Organisation, preset: str) -> int:
    """Give an organisation a typical sector list (national, local or county); existing names are kept."""
    from .models import Sector
    from .sector_presets import PRESETS as lists

    if preset not in lists:
        raise DomainError(_("Unknown sector list."))
    if not (getattr(actor, "is_superuser", False) or permissions.is_admin_of(actor, organisation)):
        raise NotAllowed()
    with transaction.atomic():
        existing = set(Sector.objects.filter(organisation=organisation).values_list("name", flat=True))
        start = Sector.objects.filter(organisation=organisation).count()
        new = [Sector(organisation=organisation, name=name, kind=kind, sort_order=start + i)
               for i, (name, kind) in enumerate(lists[preset]) if name not in existing]
        Sector.objects.bulk_create(new)
        audit_log(actor=actor, organisation=organisation, action="core.sectors.preset_loaded", obj=organisation,
                  changes={"preset": preset, "added": [s.name for s in new]})
    return len(new)
