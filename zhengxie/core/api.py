"""The core API: who I am and where I work, my inbox, members and handling units of an organisation, and the
audit log with its chain state for the audit administrator."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require

from . import permissions, selectors, services
from .masking import mask_id_number, mask_phone
from .models import Notification

router = Router(tags=["core"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    level: str
    parent_id: Id | None


class SeatOut(Schema):
    id: int
    organisation_id: Id
    term: str
    sector: str
    committee: str | None


class MeOut(Schema):
    id: int
    username: str
    name: str
    language: str
    active_organisation: OrganisationOut | None
    organisations: list[OrganisationOut]
    roles: dict[int, list[str]]
    seats: list[SeatOut]


@router.get("/me", response={200: MeOut, **errors()}, summary="The current user, their organisations and roles")
def me(request):
    user = request.user
    orgs = list(permissions.organisations_of(user))
    seats = []
    if user.person_id:
        for seat in user.person.seats.current().select_related("term", "sector", "committee"):
            seats.append({"id": seat.pk, "organisation_id": seat.organisation_id, "term": seat.term.name,
                          "sector": seat.sector.name, "committee": seat.committee.name if seat.committee else None})
    try:
        active = active_organisation(request)
    except Exception:  # no organisation yet: still answer who the user is
        active = None
    return {
        "id": user.pk, "username": user.username, "name": user.label, "language": user.language,
        "active_organisation": active, "organisations": orgs,
        "roles": {org.pk: sorted(permissions.roles_in(user, org)) for org in orgs},
        "seats": seats,
    }


class NotificationOut(Schema):
    id: int
    code: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class ReadOut(Schema):
    marked: int = Field(description="How many were marked read now")
    unread: int = Field(description="How many are still unread")


class ReadIn(Schema):
    ids: list[Id] | None = None


@router.get("/notifications", response={200: list[NotificationOut], **errors()}, summary="My inbox, newest first")
@paginate(PageNumbers)
def notifications(request, unread: bool = False):
    qs = selectors.inbox_of(request.user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs


@router.post("/notifications/read", response={200: ReadOut, **errors()}, summary="Mark notifications read (all when no ids)")
def notifications_read(request, payload: ReadIn):
    count = services.notification_mark_read(user=request.user, notification_ids=payload.ids)
    return {"marked": count, "unread": Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()}


class MemberOut(Schema):
    id: int
    name: str
    gender: str
    affiliation: str
    sector: str
    committee: str | None
    position: str
    is_standing_committee: bool
    status: str
    work_unit: str
    job_title: str
    phone: str
    id_number: str
    term: str


class MemberFilter(Schema):
    q: str = ""
    sector: Id | None = None
    committee: Id | None = None
    term: Id | None = None
    status: str | None = "active"


def _member_out(member, sensitive: bool) -> dict:
    person = member.person
    return {
        "id": member.pk, "name": person.name, "gender": person.gender, "affiliation": person.affiliation,
        "sector": member.sector.name, "committee": member.committee.name if member.committee else None,
        "position": member.position, "is_standing_committee": member.is_standing_committee, "status": member.status,
        "work_unit": person.work_unit, "job_title": person.job_title,
        "phone": person.phone if sensitive else mask_phone(person.phone),
        "id_number": person.id_number if sensitive else mask_id_number(person.id_number),
        "term": member.term.name,
    }


@router.get("/members", response={200: list[MemberOut], **errors()}, summary="Members of the organisation (staff)")
@paginate(PageNumbers)
def members(request, filters: Query[MemberFilter]):
    org = require(request, permissions.can_view_members)
    term = filters.term or getattr(org.current_term(), "pk", None)
    qs = selectors.member_search(selectors.members_visible_to(request.user, org), term=term, sector=filters.sector,
                                 committee=filters.committee, status=filters.status, q=filters.q)
    sensitive = permissions.can_see_sensitive(request.user, org)
    return Rows(qs, lambda items: [_member_out(m, sensitive) for m in items])


@router.get("/members/{member_id}", response={200: MemberOut, **errors(404)}, summary="One member")
def member(request, member_id: Id):
    org = active_organisation(request)
    m = selectors.member_get_for_user(request.user, org, member_id)
    return _member_out(m, permissions.can_see_sensitive(request.user, org))


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str


@router.get("/handling-units", response={200: list[UnitOut], **errors()}, summary="Active handling units of the organisation")
def handling_units(request):
    org = active_organisation(request)
    return list(selectors.handling_units_of(org))


@router.get("/organisations/{org_id}", response={200: OrganisationOut, **errors(404)}, summary="One of my organisations")
def organisation(request, org_id: Id):
    return get_object_or_404(permissions.organisations_of(request.user), pk=org_id)


# --- the audit log (the audit administrator) ---------------------------------------------------------------------


class AuditEntryOut(Schema):
    seq: int | None
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    object_repr: str
    changes: dict
    ip: str | None
    hash: str


class AuditChainOut(Schema):
    ok: bool
    count: int
    first_seq: int | None
    verified_up_to: int | None
    broken_at: int | None
    problem: str
    checked_at: dt.datetime | None


@router.get("/audit", response={200: list[AuditEntryOut], **errors()},
            summary="The organisation's audit log, newest first (audit administrator)")
@paginate(PageNumbers)
def audit_entries(request, action: str = ""):
    org = require(request, permissions.can_view_audit)
    qs = selectors.audit_entries_visible_to(request.user, org)
    if action:
        qs = qs.filter(action__startswith=action[:80])
    return qs


@router.get("/audit/chain", response={200: AuditChainOut, **errors()},
            summary="The state of the audit log's hash chain (audit administrator)")
def audit_chain_state(request):
    from . import audit_chain

    require(request, permissions.can_view_audit)
    state = audit_chain.verify_cached()
    return {"ok": state.ok, "count": state.count, "first_seq": state.first_seq, "verified_up_to": state.last_seq,
            "broken_at": state.broken_at, "problem": state.problem, "checked_at": state.checked_at}
