"""Writes on contact duties (联系制度): the office makes an assignment with its contacts, adds and removes contacts,
ends it; the member who holds it (or the office) logs a visit or a talk, which is a duty event of the member; the
follow-up of what was raised; the daily reminders of contacts not visited within the organisation's period."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.choices import Affiliation, Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Member, SpecialCommittee
from zhengxie.core.selectors import users_of_members, users_with_role
from zhengxie.core.services import notify
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event

from .. import permissions, selectors
from ..choices import ContactKind, VisitStatus, VisitWay
from ..models import AssignmentTransition, Contact, ContactAssignment, ContactVisit, VisitTransition
from ..workflow import ASSIGNMENT_WORKFLOW, VISIT_WORKFLOW
from .common import move, record

logger = logging.getLogger(__name__)

TEXT_MAX = 2000


def _record(assignment, action, actor, **kwargs):
    return record(assignment, action, actor, history=AssignmentTransition, history_for={"assignment": assignment},
                  **kwargs)


def _move_visit(visit, action, actor, **kwargs):
    return move(visit, action, actor, workflow=VISIT_WORKFLOW, history=VisitTransition, history_for={"visit": visit},
                **kwargs)


def _check_contacts(organisation, kind: str, holder: Member | None, *, sectors=(), members=(), names=()) -> list[dict]:
    """The contacts of an assignment of ``kind``, checked: sectors for the sector kinds, non-Party members for a
    Party member, named constituents (and the member's own sector) for a member's visits."""
    errors = {}
    sectors, members = list(sectors or []), list(members or [])
    names = [n.strip() for n in (names or []) if n and n.strip()]
    if any(s.organisation_id != organisation.pk for s in sectors) or any(
            m.organisation_id != organisation.pk for m in members):
        raise NotAllowed()
    if kind in (ContactKind.PARTY_GROUP_SECTOR, ContactKind.COMMITTEE_SECTOR) and not sectors:
        errors["sectors"] = [gettext("Choose the sectors to contact.")]
    if kind == ContactKind.PARTY_NON_PARTY:
        if not members:
            errors["members"] = [gettext("Choose the non-Party members to contact.")]
        elif any(m.person.affiliation == Affiliation.CPC for m in members):
            errors["members"] = [gettext("A Party member contacts members who are not Party members.")]
        elif holder is not None and any(m.pk == holder.pk for m in members):
            errors["members"] = [gettext("A member does not contact themselves.")]
    if kind == ContactKind.MEMBER_CONSTITUENTS and not names:
        errors["names"] = [gettext("Name the constituents (a group or a place) the member visits.")]
    if any(len(n) > 100 for n in names):
        errors["names"] = [gettext("At most 100 characters a line.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_contacts")
    rows = [{"sector": s} for s in sectors] + [{"member": m} for m in members]
    sector = holder.sector if holder is not None and kind == ContactKind.MEMBER_CONSTITUENTS else None
    return rows + [{"name": n, "sector": sector} for n in names]


def assignment_create(*, actor, organisation, kind: str, member: Member | None = None,
                      committee: SpecialCommittee | None = None, sectors=(), members=(), names=(),
                      note: str = "") -> ContactAssignment:
    """The office makes a contact duty with its contacts; the holder is told."""
    errors = {}
    if kind not in ContactKind.values:
        errors["kind"] = [gettext("Choose a kind from the list.")]
    elif kind == ContactKind.COMMITTEE_SECTOR:
        member = None
        if committee is None:
            errors["committee"] = [gettext("Choose the special committee.")]
    else:
        committee = None
        if member is None:
            errors["member"] = [gettext("Choose the member who contacts.")]
        elif kind == ContactKind.PARTY_NON_PARTY and member.person.affiliation != Affiliation.CPC:
            errors["member"] = [gettext("Choose a member who is a Party member.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_assignment")
    for row in (member, committee):
        if row is not None and row.organisation_id != organisation.pk:
            raise NotAllowed()
    draft = ContactAssignment(organisation=organisation, kind=kind, member=member, committee=committee)
    if not permissions.can_manage_assignment(actor, draft):
        raise NotAllowed(_("Only the committee's general office and special committee staff keep contact duties."))
    contacts = _check_contacts(organisation, kind, member, sectors=sectors, members=members, names=names)
    with transaction.atomic():
        draft.note = (note or "").strip()[:300]
        draft.created_by = actor
        draft.save()
        Contact.objects.bulk_create([Contact(assignment=draft, **row) for row in contacts])
        _record(draft, "create", actor, from_state="", audit="liaison.contact_assignment.created",
                changes={"kind": kind, "contacts": len(contacts)})
        _tell_holder(draft)
    return draft


def _holders(assignment) -> list:
    if assignment.member_id:
        return users_of_members([assignment.member_id])
    return users_with_role(assignment.organisation, Role.COMMITTEE_STAFF, committee=assignment.committee)


def _tell_holder(assignment) -> None:
    notify(recipients=_holders(assignment), organisation=assignment.organisation, code="liaison.contact.assigned",
           title=_("A contact duty for you: %(kind)s"), params={"kind": assignment.get_kind_display()},
           url=assignment.get_absolute_url(), obj=assignment)


def assignment_add_contacts(*, actor, assignment: ContactAssignment, sectors=(), members=(), names=(),
                            version: int | None = None) -> ContactAssignment:
    contacts = _check_contacts(assignment.organisation, assignment.kind, assignment.member, sectors=sectors,
                               members=members, names=names)
    with transaction.atomic():
        assignment = transitions.lock(ContactAssignment, assignment, version=version,
                                      allowed=lambda row: permissions.can_manage_assignment(actor, row))
        Contact.objects.bulk_create([Contact(assignment=assignment, **row) for row in contacts])
        transitions.transition(assignment, "edit", workflow=ASSIGNMENT_WORKFLOW, actor=actor, allowed=True,
                               history=AssignmentTransition, history_for={"assignment": assignment},
                               audit="liaison.contact_assignment.contacts_added", data={"added": len(contacts)})
    return assignment


def assignment_remove_contact(*, actor, assignment: ContactAssignment, contact_id: int,
                              version: int | None = None) -> ContactAssignment:
    """A contact leaves the assignment; its visits stay in the record."""
    with transaction.atomic():
        assignment = transitions.lock(ContactAssignment, assignment, version=version,
                                      allowed=lambda row: permissions.can_manage_assignment(actor, row))
        contact = assignment.contacts.filter(pk=contact_id, is_active=True).first()
        if contact is None:
            raise DomainError(_("This contact is not part of the assignment."), code="no_contact")
        contact.is_active = False
        contact.save(update_fields=["is_active"])
        transitions.transition(assignment, "edit", workflow=ASSIGNMENT_WORKFLOW, actor=actor, allowed=True,
                               history=AssignmentTransition, history_for={"assignment": assignment},
                               audit="liaison.contact_assignment.contact_removed", data={"contact": contact.label})
    return assignment


def assignment_end(*, actor, assignment: ContactAssignment, version: int | None = None,
                   comment: str = "") -> ContactAssignment:
    with transaction.atomic():
        assignment = transitions.lock(ContactAssignment, assignment, version=version,
                                      allowed=lambda row: permissions.can_manage_assignment(actor, row))
        assignment.ended_at = timezone.now()
        transitions.transition(assignment, "end", workflow=ASSIGNMENT_WORKFLOW, actor=actor, allowed=True,
                               history=AssignmentTransition, history_for={"assignment": assignment},
                               audit="liaison.contact_assignment.ended", fields=["ended_at"],
                               comment=(comment or "").strip()[:300])
    return assignment


def _clean_visit(assignment, fields: dict) -> dict:  # noqa: C901 (one check per field, each with its message)
    data = {"visited_on": fields.get("visited_on"), "way": fields.get("way") or VisitWay.VISIT,
            "participants": (fields.get("participants") or "").strip(), "raised": (fields.get("raised") or "").strip(),
            "follow_up": (fields.get("follow_up") or "").strip()}
    errors = {}
    contact = fields.get("contact")
    if not isinstance(contact, Contact) or contact.assignment_id != assignment.pk or not contact.is_active:
        errors["contact"] = [gettext("Choose one of the assignment's contacts.")]
    if not isinstance(data["visited_on"], dt.date):
        errors["visited_on"] = [gettext("Give the date of the visit.")]
    elif data["visited_on"] > timezone.localdate():
        errors["visited_on"] = [gettext("The date cannot be in the future.")]
    elif data["visited_on"] < assignment.created_at.date() - dt.timedelta(days=366):
        errors["visited_on"] = [gettext("The date is more than a year before the assignment.")]
    if data["way"] not in VisitWay.values:
        errors["way"] = [gettext("Choose a way from the list.")]
    if not data["participants"]:
        errors["participants"] = [gettext("Say who took part.")]
    elif len(data["participants"]) > 300:
        errors["participants"] = [gettext("At most 300 characters.")]
    for key in ("raised", "follow_up"):
        if len(data[key]) > TEXT_MAX:
            errors[key] = [gettext("The text is too long: at most 2,000 characters.")]
    raised, solved = fields.get("matters_raised") or 0, fields.get("matters_solved") or 0
    if not isinstance(raised, int) or not 0 <= raised <= 99:
        errors["matters_raised"] = [gettext("A number from 0 to 99.")]
    elif not isinstance(solved, int) or not 0 <= solved <= raised:
        errors["matters_solved"] = [gettext("At most the number of matters raised.")]
    elif raised and not data["raised"]:
        errors["raised"] = [gettext("Say what was raised.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_visit")
    return {**data, "contact": contact, "matters_raised": raised, "matters_solved": solved}


def visit_log(*, actor, assignment: ContactAssignment, fields: dict) -> ContactVisit:
    """The holder (or the office) logs a visit or a talk; it is a duty event of the member who holds the duty. A
    visit whose matters are all solved (or that raised none) is done at once; otherwise it stays open for the
    follow-up."""
    if not permissions.can_log_visit(actor, assignment):
        raise NotAllowed(_("Only the holder of the contact duty or the office logs its visits."))
    data = _clean_visit(assignment, fields)
    done = data["matters_solved"] >= data["matters_raised"]
    with transaction.atomic():
        visit = ContactVisit.objects.create(organisation=assignment.organisation, assignment=assignment,
                                            logged_by=actor, status=VisitStatus.DONE if done else VisitStatus.OPEN,
                                            **data)
        record(visit, "log_done" if done else "log", actor, history=VisitTransition, history_for={"visit": visit},
               from_state="", audit="liaison.contact_visit.logged",
               changes={"contact": visit.contact.label, "visited_on": visit.visited_on.isoformat()})
        _duty_event(visit)
    return visit


def _duty_event(visit) -> None:
    member = visit.assignment.member
    if member is None:
        return
    tz = timezone.get_current_timezone()
    record_duty_event(member=member, kind=DutyEventKind.CONTACT_VISIT, source=visit,
                      occurred_at=dt.datetime.combine(visit.visited_on, dt.time(12), tzinfo=tz),
                      attributes={"contact_kind": visit.assignment.kind, "way": visit.way})


def visit_follow_up(*, actor, visit: ContactVisit, follow_up: str, matters_solved: int, done: bool = False,
                    version: int | None = None) -> ContactVisit:
    """What followed from a visit: the text and the number of matters solved; ``done`` closes it."""
    follow_up = (follow_up or "").strip()
    errors = {}
    if not follow_up:
        errors["follow_up"] = [gettext("Say what followed.")]
    elif len(follow_up) > TEXT_MAX:
        errors["follow_up"] = [gettext("The text is too long: at most 2,000 characters.")]
    if not isinstance(matters_solved, int) or not 0 <= matters_solved <= visit.matters_raised:
        errors["matters_solved"] = [gettext("At most the number of matters raised.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_follow_up")
    with transaction.atomic():
        visit = transitions.lock(ContactVisit, visit, version=version,
                                 allowed=lambda row: permissions.can_log_visit(actor, row.assignment))
        visit.follow_up, visit.matters_solved = follow_up, matters_solved
        action = "close" if done or matters_solved >= visit.matters_raised else "follow_up"
        _move_visit(visit, action, actor, allowed=True, fields=["follow_up", "matters_solved"],
                    audit="liaison.contact_visit.followed_up", data={"solved": matters_solved})
    return visit


def contacts_remind(*, organisation_id: int | None = None, today: dt.date | None = None) -> int:
    """Daily: remind the holders of contacts not visited within their organisation's period; then once a week
    until a visit is logged. Running it twice a day reminds nobody twice."""
    today = today or timezone.localdate()
    due = selectors.contacts_due([organisation_id] if organisation_id else None, today=today)
    due = due.exclude(reminded_on__gt=today - dt.timedelta(days=7))
    reminded = 0
    by_assignment: dict[int, list] = {}
    for contact in due:
        by_assignment.setdefault(contact.assignment_id, []).append(contact)
    for contacts in by_assignment.values():
        with transaction.atomic():
            assignment = contacts[0].assignment
            ids = list(Contact.objects.select_for_update().filter(pk__in=[c.pk for c in contacts])
                       .exclude(reminded_on__gt=today - dt.timedelta(days=7)).values_list("pk", flat=True))
            if not ids:
                continue
            Contact.objects.filter(pk__in=ids).update(reminded_on=today)
            names = "、".join(c.label for c in contacts if c.pk in ids)
            _record(assignment, "remind", None, audit="liaison.contact_assignment.reminded",
                    data={"contacts": len(ids)})
            notify(recipients=_holders(assignment), organisation=assignment.organisation,
                   code="liaison.contact.reminder", title=_("Time to visit: %(names)s"),
                   body=_("No visit or talk has been logged with them for a while under your contact duty."),
                   params={"names": names}, url=assignment.get_absolute_url(), obj=assignment)
            reminded += len(ids)
    logger.info("liaison reminders: %d contacts", reminded)
    return reminded

