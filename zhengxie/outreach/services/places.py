"""Writes to places: create and edit, the team and the duty roster, photos, the yearly star rating."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed, NotFound
from zhengxie.core.files import IMAGE_KINDS, attachment_add, attachments_of
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, changes_between, notify
from zhengxie.core.transitions import bump
from zhengxie.core.workflow import lock_for_update

from .. import permissions
from ..choices import PlaceKind, StudioBasis
from ..models import DutySlot, Place, PlaceMember, PlaceRating
from .common import clean_text

PLACE_FIELDS = [
    "kind", "name", "studio_basis", "sector", "theme", "is_three_in_one", "council_size", "province", "city",
    "county", "township", "village", "street_address", "lead_member", "contact_name", "contact_phone",
    "opening_hours", "introduction", "has_site", "has_people", "has_mechanism", "has_rules", "has_equipment",
    "established_on", "is_active",
]
TEXT_LIMITS = {"name": 100, "theme": 60, "province": 40, "city": 40, "county": 40, "township": 40, "village": 40,
               "street_address": 200, "contact_name": 40, "contact_phone": 20, "opening_hours": 200}


def _clean_place(organisation, data: dict) -> dict:  # noqa: C901 (one check per field, each with its own message)
    cleaned = dict(data)
    for field, limit in TEXT_LIMITS.items():
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field], max_length=limit)
    if "introduction" in cleaned:
        cleaned["introduction"] = clean_text(cleaned["introduction"], max_length=2000, multiline=True)
    errors = {}
    if not cleaned.get("name"):
        errors["name"] = gettext("Give the place a name.")
    if cleaned.get("kind") not in PlaceKind.values:
        errors["kind"] = gettext("Choose the type of place.")
    lead = cleaned.get("lead_member")
    if lead is not None and lead.organisation_id != organisation.pk:
        errors["lead_member"] = gettext("The lead member must be a member of this organisation.")
    sector = cleaned.get("sector")
    if sector is not None and sector.organisation_id != organisation.pk:
        errors["sector"] = gettext("The sector belongs to another organisation.")
    if cleaned.get("kind") == PlaceKind.STUDIO:
        basis = cleaned.get("studio_basis") or ""
        if basis not in StudioBasis.values:
            errors["studio_basis"] = gettext("Say what the studio is organised by: a sector, a theme or a member.")
        elif basis == StudioBasis.SECTOR and sector is None:
            errors["sector"] = gettext("Choose the sector of the studio.")
        elif basis == StudioBasis.THEME and not cleaned.get("theme"):
            errors["theme"] = gettext("Give the theme of the studio.")
        elif basis == StudioBasis.MEMBER and lead is None:
            errors["lead_member"] = gettext("A member's studio needs its member as the lead member.")
    else:
        cleaned["studio_basis"], cleaned["theme"] = "", ""
    if cleaned.get("kind") == PlaceKind.WORKSTATION and not cleaned.get("township"):
        errors["township"] = gettext("A workstation is at township or street level: give the township or street.")
    if cleaned.get("kind") == PlaceKind.ROOM and not cleaned.get("village"):
        errors["village"] = gettext("A grassroots room is at village or community level: give the village or community.")
    if cleaned.get("kind") != PlaceKind.WORKSTATION:
        cleaned["is_three_in_one"], cleaned["council_size"] = False, 0
    if errors:
        raise DomainError(gettext("The place could not be saved: correct the marked fields."), errors=errors)
    return cleaned


def place_save(*, actor, organisation, data: dict, place: Place | None = None, version: int | None = None) -> Place:
    """Create a place, or change one (``version``: the one the user saw)."""
    if not permissions.can_manage(actor, organisation):
        raise NotAllowed()
    if place is not None and place.organisation_id != organisation.pk:
        raise NotAllowed()
    data = _clean_place(organisation, {k: v for k, v in data.items() if k in PLACE_FIELDS})
    with transaction.atomic():
        duplicate = Place.objects.filter(organisation=organisation, name=data["name"])
        if place is not None:
            duplicate = duplicate.exclude(pk=place.pk)
        if duplicate.exists():
            raise DomainError(gettext("A place named “%(name)s” exists already.") % {"name": data["name"]},
                              errors={"name": gettext("Taken.")})
        if place is None:
            place = Place(organisation=organisation)
            before, old_lead = {}, None
        else:
            place = lock_for_update(Place.objects.all(), place.pk, version=version)
            before, old_lead = {k: getattr(place, k) for k in data}, place.lead_member_id
            place.version += 1
        for key, value in data.items():
            setattr(place, key, value)
        place.level = Place.level_for(place.kind, county=place.county, township=place.township,
                                      village=place.village, city=place.city)
        place.updated_at = timezone.now()
        place.save()
        audit_log(actor=actor, organisation=organisation, action="outreach.place.saved", obj=place,
                  changes=changes_between(place, data, before) if before else data)
        if place.lead_member_id and place.lead_member_id != old_lead:
            notify(recipients=users_of_members([place.lead_member]), organisation=organisation,
                   code="outreach.place.lead", title=_("You are the lead member of %(place)s"),
                   params={"place": place.name}, url=_place_url(place), obj=place)
    return place


def _place_url(place) -> str:
    from django.urls import reverse

    return reverse("outreach:place_detail", args=[place.pk])


def place_set_team(*, actor, place: Place, members) -> Place:
    """Set the members on duty at a place. Roster lines of members who leave the team are removed."""
    if not permissions.can_edit_team(actor, place):
        raise NotAllowed()
    members = list(members)
    if any(m.organisation_id != place.organisation_id for m in members):
        raise DomainError(gettext("Members on duty must be members of this organisation."))
    with transaction.atomic():
        place = lock_for_update(Place.objects.all(), place.pk)
        current = set(PlaceMember.objects.filter(place=place).values_list("member_id", flat=True))
        wanted = {m.pk for m in members}
        PlaceMember.objects.filter(place=place, member_id__in=current - wanted).delete()
        PlaceMember.objects.bulk_create([PlaceMember(place=place, member=m) for m in members if m.pk not in current])
        keep = wanted | ({place.lead_member_id} if place.lead_member_id else set())
        DutySlot.objects.filter(place=place).exclude(member_id__in=keep).delete()
        bump(place)
        audit_log(actor=actor, organisation=place.organisation, action="outreach.place.team_set", obj=place,
                  changes={"added": sorted(wanted - current), "removed": sorted(current - wanted)})
        newcomers = [m for m in members if m.pk not in current]
        if newcomers:
            notify(recipients=users_of_members(newcomers), organisation=place.organisation,
                   code="outreach.place.team", title=_("You are on duty at %(place)s"), params={"place": place.name},
                   url=_place_url(place), obj=place)
    return place


def place_set_roster(*, actor, place: Place, slots) -> Place:
    """Replace the weekly roster with ``slots``: (member, weekday, period) tuples of the place's own members."""
    if not permissions.can_edit_team(actor, place):
        raise NotAllowed()
    team = set(PlaceMember.objects.filter(place=place).values_list("member_id", flat=True))
    if place.lead_member_id:
        team.add(place.lead_member_id)
    unique = {}
    for member, weekday, period in slots:
        if member.pk not in team:
            raise DomainError(gettext("%(name)s is not on duty at this place: add him or her to the team first.")
                              % {"name": member.name})
        unique[(member.pk, int(weekday), period)] = member
    with transaction.atomic():
        place = lock_for_update(Place.objects.all(), place.pk)
        DutySlot.objects.filter(place=place).delete()
        DutySlot.objects.bulk_create([DutySlot(place=place, member=m, weekday=w, period=p)
                                      for (_id, w, p), m in unique.items()])
        bump(place)
        audit_log(actor=actor, organisation=place.organisation, action="outreach.place.roster_set", obj=place,
                  changes={"slots": [[m, w, p] for (m, w, p) in unique]})
    return place


def place_rate(*, actor, place: Place, year: int, stars: int, comment: str = "") -> PlaceRating:
    """The office's star rating of a place for a year (rating the same year again replaces it)."""
    if not permissions.can_manage(actor, place.organisation):
        raise NotAllowed()
    if not 1 <= int(stars) <= 5:
        raise DomainError(gettext("Give one to five stars."), errors={"stars": gettext("One to five.")})
    this_year = timezone.localdate().year
    if not this_year - 5 <= int(year) <= this_year:
        raise DomainError(gettext("Rate this year or one of the last five years."), errors={"year": gettext("Not a year to rate.")})
    comment = clean_text(comment, max_length=300)
    with transaction.atomic():
        rating, created = PlaceRating.objects.update_or_create(
            place=place, year=int(year),
            defaults={"stars": int(stars), "comment": comment, "rated_by": actor, "rated_at": timezone.now()},
        )
        audit_log(actor=actor, organisation=place.organisation, action="outreach.place.rated", obj=place,
                  changes={"year": year, "stars": stars, "comment": comment, "new": created})
    return rating


def place_add_photo(*, actor, place: Place, upload):
    if not permissions.can_edit_team(actor, place):
        raise NotAllowed()
    return attachment_add(actor=actor, organisation=place.organisation, owner=place, upload=upload, role="photo",
                          allowed=IMAGE_KINDS)


def place_remove_photo(*, actor, place: Place, attachment) -> None:
    if not permissions.can_edit_team(actor, place):
        raise NotAllowed()
    if not attachments_of(place, "photo").filter(pk=attachment.pk).exists():
        raise NotFound()
    with transaction.atomic():
        audit_log(actor=actor, organisation=place.organisation, action="outreach.place.photo_removed", obj=place,
                  changes={"file": attachment.original_name})
        attachment.file.delete(save=False)
        attachment.delete()
