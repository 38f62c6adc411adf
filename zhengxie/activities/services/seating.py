"""Writes of a meeting's seating plan (座次: by sector or by the participants list) and its paperless materials
(议程, documents with their files)."""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachment_add
from zhengxie.core.services import audit_log

from .. import permissions
from ..choices import ActivityStatus
from ..models import Activity, ActivityEvent, MeetingMaterial, Participant, Seat
from ..models.seating import MaterialKind, SeatingOrder
from ..workflow import ACTIVITY_WORKFLOW

MAX_PER_ROW = 60


def _seated_in_order(activity, order: str) -> list[Participant]:
    """The participants to seat (those on approved leave or who declined sit nowhere), in the plan's order."""
    rows = (Participant.objects.filter(activity=activity).exclude(response__in=["declined", "leave_approved"])
            .select_related("member__sector", "member__person"))
    if order == SeatingOrder.SECTOR:
        return sorted(rows, key=lambda p: (p.member.sector.sort_order if p.member.sector else 9999,
                                           p.member.sector.name if p.member.sector else "",
                                           p.member.person.name, p.pk))
    return sorted(rows, key=lambda p: p.pk)


def seating_arrange(*, actor, activity: Activity, order: str, per_row: int, version: int | None = None) -> int:
    """Seat every coming participant row by row, ``per_row`` to a row; by sector a block is named after the
    sector and a new sector starts a new row. Replaces the previous plan. Returns the number seated."""
    if order not in SeatingOrder.values:
        raise DomainError(_("Choose how to arrange the seats."), errors={"order": gettext("Choose one.")})
    if not 1 <= int(per_row or 0) <= MAX_PER_ROW:
        raise DomainError(_("Seats per row must be between 1 and %(max)d.") % {"max": MAX_PER_ROW},
                          errors={"per_row": gettext("Between 1 and %(max)d.") % {"max": MAX_PER_ROW}})
    with transaction.atomic():
        activity = transitions.lock(Activity, activity, version=version)
        if not permissions.can_manage_activity(actor, activity):
            raise NotAllowed()
        if activity.status == ActivityStatus.CANCELLED:
            raise DomainError(_("The meeting was cancelled."))
        seats, row, number, block = [], 1, 0, None
        for participant in _seated_in_order(activity, order):
            name = participant.member.sector.name if order == SeatingOrder.SECTOR and participant.member.sector else ""
            if number >= per_row or (order == SeatingOrder.SECTOR and block is not None and name != block):
                row, number = row + 1, 0
            block, number = name, number + 1
            seats.append(Seat(activity=activity, participant=participant, block=name, row=row, number=number))
        Seat.objects.filter(activity=activity).delete()
        Seat.objects.bulk_create(seats)
        transitions.record(activity, "arrange_seats", actor=actor, history=ActivityEvent,
                           history_for={"activity": activity}, from_state=activity.status, to_state=activity.status,
                           audit="activities.seating.arranged",
                           data={"order": order, "per_row": per_row, "seated": len(seats)})
    return len(seats)


def seat_move(*, actor, seat: Seat, row: int, number: int) -> Seat:
    """Move one participant to another seat (swapping with whoever sits there)."""
    if row < 1 or number < 1:
        raise DomainError(_("Row and seat are numbers from 1."))
    with transaction.atomic():
        activity = transitions.lock(Activity, seat.activity_id)
        if not permissions.can_manage_activity(actor, activity):
            raise NotAllowed()
        seat = Seat.objects.select_for_update().get(pk=seat.pk)
        other = Seat.objects.select_for_update().filter(activity=activity, row=row, number=number).first()
        before = (seat.row, seat.number)
        if other is not None and other.pk != seat.pk:
            other.row, other.number = 0, 0
            other.save(update_fields=["row", "number"])
            seat.row, seat.number = row, number
            seat.save(update_fields=["row", "number"])
            other.row, other.number = before
            other.save(update_fields=["row", "number"])
        else:
            seat.row, seat.number = row, number
            seat.save(update_fields=["row", "number"])
        transitions.record(activity, "move_seat", actor=actor, history=ActivityEvent,
                           history_for={"activity": activity}, from_state=activity.status, to_state=activity.status,
                           audit="activities.seating.moved",
                           data={"participant": seat.participant_id, "from": list(before), "to": [row, number]})
    return seat


def material_add(*, actor, activity: Activity, kind: str, title: str, text: str = "", uploads=()) -> MeetingMaterial:
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    title = (title or "").strip()
    if kind not in MaterialKind.values or not title:
        raise DomainError(_("Correct the fields marked below."),
                          errors={"title": gettext("Give the material a title.")} if not title else
                          {"kind": gettext("Choose one.")})
    if not ACTIVITY_WORKFLOW.can("update", activity.status) and activity.status != ActivityStatus.CLOSED:
        raise DomainError(_("The meeting was cancelled."))
    with transaction.atomic():
        order = (activity.materials.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
        material = MeetingMaterial.objects.create(organisation=activity.organisation, activity=activity, kind=kind, title=title, text=(text or "").strip(),
                                                  sort_order=order, created_by=actor)
        for upload in uploads:
            attachment_add(actor=actor, organisation=activity.organisation, owner=material, upload=upload)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.material.added", obj=material,
                  changes={"kind": kind, "files": len(uploads)})
    return material


def material_remove(*, actor, material: MeetingMaterial) -> None:
    if not permissions.can_manage_activity(actor, material.activity):
        raise NotAllowed()
    with transaction.atomic():
        audit_log(actor=actor, organisation=material.activity.organisation, action="activities.material.removed",
                  obj=material, changes={"title": material.title})
        material.delete()
