"""Who may do what with places, activities and concerns: small predicates reused by views, the API, templates
and tests. Roles come from core.permissions; a member's ties to places come from the place's team."""

from django.db.models import Q

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role

from .models import Place

#: The office that runs outreach: it keeps the places, routes concerns and rates places.
OUTREACH_STAFF_ROLES = (Role.ADMINISTRATOR, Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF)


def can_manage(user, organisation) -> bool:
    return core.has_role(user, organisation, *OUTREACH_STAFF_ROLES)


def seat_of(user, organisation):
    return core.current_member(user, organisation)


def place_ids_of(user, organisation) -> set[int]:
    """The places where the user's seat is the lead member or on duty (cached for the request)."""
    seat = seat_of(user, organisation)
    if seat is None:
        return set()
    return core.request_cached(user, "outreach.places", seat.pk, lambda: set(
        Place.objects.filter(Q(lead_member=seat) | Q(team__member=seat)).values_list("pk", flat=True).distinct()
    ))


def lead_place_ids_of(user, organisation) -> set[int]:
    seat = seat_of(user, organisation)
    if seat is None:
        return set()
    return set(Place.objects.filter(lead_member=seat).values_list("pk", flat=True))


# --- places ------------------------------------------------------------------------------------------------


def can_view_places(user, organisation) -> bool:
    return core.is_staff_of(user, organisation) or seat_of(user, organisation) is not None


def can_edit_team(user, place) -> bool:
    """The team and the roster: the office, or the place's lead member."""
    if can_manage(user, place.organisation):
        return True
    seat = seat_of(user, place.organisation)
    return seat is not None and place.lead_member_id == seat.pk


def can_view_figures(user, organisation) -> bool:
    return core.is_staff_of(user, organisation)


# --- activities --------------------------------------------------------------------------------------------


def can_view_activities(user, organisation) -> bool:
    return can_view_places(user, organisation)


def can_record_activity_at(user, place) -> bool:
    """The office anywhere; a member at the places where he is the lead or on duty."""
    return can_manage(user, place.organisation) or place.pk in place_ids_of(user, place.organisation)


def can_record_activities(user, organisation) -> bool:
    return can_manage(user, organisation) or bool(place_ids_of(user, organisation))


def can_edit_activity(user, activity) -> bool:
    if can_manage(user, activity.organisation):
        return True
    return activity.place_id in place_ids_of(user, activity.organisation)


# --- concerns -----------------------------------------------------------------------------------------------


def can_view_concerns(user, organisation) -> bool:
    return (core.is_staff_of(user, organisation) or seat_of(user, organisation) is not None
            or bool(core.unit_ids_of(user, organisation)))


def can_register_concern(user, organisation) -> bool:
    """The office, or any member (on a constituent's behalf)."""
    return can_manage(user, organisation) or seat_of(user, organisation) is not None


def is_handler(user, concern) -> bool:
    """Those handling the concern see the person's phone number: the member it is assigned to, whoever registered
    it on the person's behalf, and the handling unit it was passed to."""
    if not getattr(user, "is_authenticated", False):
        return False
    if concern.registered_by_id == user.pk:
        return True
    seat = seat_of(user, concern.organisation)
    if seat is not None and concern.assigned_member_id == seat.pk:
        return True
    return concern.handling_unit_id is not None and concern.handling_unit_id in core.unit_ids_of(user, concern.organisation)


def can_route(user, concern) -> bool:
    if can_manage(user, concern.organisation):
        return True
    return concern.place_id is not None and concern.place_id in lead_place_ids_of(user, concern.organisation)


def can_assign(user, concern, member) -> bool:
    """The office assigns to any member; the place's lead member to a member of the place; a member on duty at
    the place may take it up himself."""
    org = concern.organisation
    if member is None or member.organisation_id != org.pk:
        return False
    if can_manage(user, org):
        return True
    if concern.place_id is None:
        return False
    place = concern.place
    team = {place.lead_member_id, *place.team.values_list("member_id", flat=True)}
    if concern.place_id in lead_place_ids_of(user, org):
        return member.pk in team
    seat = seat_of(user, org)
    return seat is not None and member.pk == seat.pk and seat.pk in team


def can_take_up(user, concern) -> bool:
    seat = seat_of(user, concern.organisation)
    return seat is not None and can_assign(user, concern, seat) and concern.assigned_member_id != seat.pk


def can_handle(user, concern) -> bool:
    """Pass to a unit, note, close, decline: the member handling it, or the office."""
    if can_manage(user, concern.organisation):
        return True
    seat = seat_of(user, concern.organisation)
    return seat is not None and concern.assigned_member_id == seat.pk


def can_act_for_unit(user, concern) -> bool:
    return concern.handling_unit_id is not None and concern.handling_unit_id in core.unit_ids_of(user, concern.organisation)


def can_reopen(user, concern) -> bool:
    return can_manage(user, concern.organisation)


def can_reissue_code(user, concern) -> bool:
    return can_handle(user, concern) or concern.registered_by_id == getattr(user, "pk", None)


def concern_actions(user, concern) -> list[str]:
    """The workflow steps the user may take on the concern in its current state (for pages and the API)."""
    from .workflow import CONCERN_WORKFLOW

    org, status = concern.organisation, concern.status
    handles, unit = can_handle(user, concern), can_act_for_unit(user, concern)
    allowed = {
        "take_up": ("assign", can_take_up(user, concern)),
        "assign": ("assign", can_manage(user, org) or concern.place_id in lead_place_ids_of(user, org)),
        "route": ("route", can_route(user, concern)),
        "pass_to_unit": ("pass_to_unit", handles),
        "unit_reply": ("unit_reply", unit),
        "unit_return": ("unit_return", unit),
        "note": ("note", handles or (unit and status == "at_unit")),
        "close": ("close", handles),
        "decline": ("decline", handles or can_route(user, concern)),
        "feedback": ("feedback", handles and concern.feedback_at is None),
        "reopen": ("reopen", can_reopen(user, concern)),
        "reissue_code": ("reissue_code", can_reissue_code(user, concern)),
    }
    return [name for name, (transition, ok) in allowed.items() if ok and CONCERN_WORKFLOW.can(transition, status)]
