"""Places in Excel: the template, the export, and an all-or-nothing import with a list of errors by row (the
same habits as the import of members)."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zhengxie.core.documents import excel_bytes, read_excel
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.importing import INVALID, choice_of, is_yes, labels_of, parse_date, refuse_rows
from zhengxie.core.models import Member, Sector
from zhengxie.core.services import audit_log

from . import permissions
from .choices import PlaceKind, StudioBasis
from .models import Place, PlaceMember
from .services.common import clean_text

FIVE = ["has_site", "has_people", "has_mechanism", "has_rules", "has_equipment"]
COLUMNS = [
    ("name", _("Place name"), 30, True),
    ("kind", _("Type"), 16, True),
    ("studio_basis", _("Studio organised by"), 10, False),
    ("sector", _("Sector"), 14, False),
    ("theme", _("Theme"), 14, False),
    ("three_in_one", _("Three in one"), 8, False),
    ("council_size", _("Council members"), 8, False),
    ("province", _("Province"), 8, False),
    ("city", pgettext_lazy("address", "City"), 8, False),
    ("county", pgettext_lazy("address", "County/district"), 12, False),
    ("township", _("Township/street"), 12, False),
    ("village", _("Village/community"), 12, False),
    ("street_address", _("Street address"), 24, False),
    ("lead_member", _("Lead member"), 10, False),
    ("team", _("Members on duty"), 24, False),
    ("contact_name", _("Contact person"), 10, False),
    ("contact_phone", _("Contact phone"), 14, False),
    ("opening_hours", _("Opening hours"), 20, False),
    ("has_site", _("Has a site"), 6, False),
    ("has_people", _("Has people"), 6, False),
    ("has_mechanism", _("Has a mechanism"), 6, False),
    ("has_rules", _("Has rules posted"), 6, False),
    ("has_equipment", _("Has equipment"), 6, False),
    ("established_on", _("Established on"), 12, False),
]
SEPARATORS = "、，,;；/ "


def _yes(value) -> bool:
    return is_yes(value, also={"有", "✓"})


def headers() -> list[tuple[str, int]]:
    return [(label, width) for _key, label, width, _req in COLUMNS]


def place_row(place, yes: str, no: str) -> list:
    """One place as a row of the template (the export uses it, so an export can be edited and imported)."""
    team = "、".join(pm.member.person.name for pm in place.team.all())
    return [
        place.name, place.get_kind_display(), place.get_studio_basis_display() if place.studio_basis else "",
        place.sector.name if place.sector_id else "", place.theme, yes if place.is_three_in_one else no,
        place.council_size or "", place.province, place.city, place.county, place.township, place.village,
        place.street_address, place.lead_member.person.name if place.lead_member_id else "", team,
        place.contact_name, place.contact_phone, place.opening_hours,
        *[yes if getattr(place, f) else no for f in FIVE], place.established_on,
    ]


def template_bytes() -> bytes:
    example = ["白驼镇政协委员工作站", "委员工作站", "", "", "", "是", "15", "甘肃省", "天水市", "清水县", "白驼镇", "",
               "白驼镇政府院内", "", "", "王建国", "0938-7012345", "每周一至周五 9:00—17:00", "是", "是", "是", "是",
               "否", "2023-05-10"]
    if translation.get_language() != "zh-hans":
        example[1], example[5] = "Member workstation", "Yes"
        example[18:23] = ["Yes", "Yes", "Yes", "Yes", "No"]
    return excel_bytes(headers(), [example], title=gettext("Places"))


def _members_lookup(organisation):
    by_name, by_number = {}, {}
    for m in Member.objects.current().filter(organisation=organisation).select_related("person"):
        by_name.setdefault(m.person.name, []).append(m)
        if m.member_number:
            by_number[m.member_number] = m
    return by_name, by_number


def _find_member(text, by_name, by_number, problems) -> Member | None:
    text = str(text or "").strip()
    if not text:
        return None
    if text in by_number:
        return by_number[text]
    found = by_name.get(text, [])
    if len(found) == 1:
        return found[0]
    if found:
        problems.append(gettext("several members are named “%(name)s”: give the member number instead") % {"name": text})
    else:
        problems.append(gettext("“%(name)s” is not a current member of this organisation") % {"name": text})
    return None


def place_import(*, actor, organisation, upload) -> int:  # noqa: C901 (one check per column of the sheet, each with its own message)
    """Import every row or none. Raises DomainError whose ``errors`` maps row numbers to messages."""
    if not permissions.can_manage(actor, organisation):
        raise NotAllowed()
    lookup = {text: key for key, label, _w, _r in COLUMNS for text in labels_of(label)}
    rows = read_excel(upload, list(lookup), required=set(), max_rows=5000)
    if not rows:
        raise DomainError(gettext("The file has no place rows."))
    present = {lookup[h] for h in rows[0].values}
    missing = [str(label) for key, label, _w, req in COLUMNS if req and key not in present]
    if missing:
        raise DomainError(
            gettext("The first row must hold the column names; missing: %(columns)s. Download the template and use it.")
            % {"columns": "、".join(missing)})
    sectors = {s.name: s for s in Sector.objects.filter(organisation=organisation)}
    by_name, by_number = _members_lookup(organisation)
    taken = set(Place.objects.filter(organisation=organisation).values_list("name", flat=True))
    seen, prepared, errors = {}, [], {}
    for row in rows:
        v = {lookup[h]: val for h, val in row.values.items()}
        problems = []
        try:
            data = {key: clean_text(v.get(key), max_length=limit) for key, limit in (
                ("name", 100), ("theme", 60), ("province", 40), ("city", 40), ("county", 40), ("township", 40),
                ("village", 40), ("street_address", 200), ("contact_name", 40), ("contact_phone", 20),
                ("opening_hours", 200))}
        except DomainError as exc:
            errors[row.number] = [str(exc)]
            continue
        if not data["name"]:
            problems.append(gettext("the place name is empty"))
        elif data["name"] in taken:
            problems.append(gettext("a place named “%(name)s” exists already") % {"name": data["name"]})
        elif data["name"] in seen:
            problems.append(gettext("the name repeats row %(row)d") % {"row": seen[data["name"]]})
        kind = choice_of(v.get("kind"), PlaceKind.choices)
        if kind is None:
            problems.append(gettext("the type must be 委员工作站, 委员工作室 or 基层协商议事室"))
        data["kind"] = kind
        data["studio_basis"] = ""
        data["sector"] = None
        if kind == PlaceKind.STUDIO:
            data["studio_basis"] = choice_of(v.get("studio_basis"), StudioBasis.choices) or StudioBasis.THEME
        if v.get("sector"):
            data["sector"] = sectors.get(str(v["sector"]).strip())
            if data["sector"] is None:
                problems.append(gettext("“%(value)s” is not a sector of this organisation") % {"value": v["sector"]})
        if kind == PlaceKind.WORKSTATION and not data["township"]:
            problems.append(gettext("a workstation needs its township or street"))
        if kind == PlaceKind.ROOM and not data["village"]:
            problems.append(gettext("a grassroots room needs its village or community"))
        data["is_three_in_one"] = kind == PlaceKind.WORKSTATION and _yes(v.get("three_in_one"))
        try:
            data["council_size"] = int(v.get("council_size") or 0) if kind == PlaceKind.WORKSTATION else 0
        except (TypeError, ValueError):
            problems.append(gettext("the number of council members must be a whole number"))
        for field in FIVE:
            data[field] = _yes(v.get(field))
        established = parse_date(v.get("established_on"))
        if established == INVALID:
            problems.append(gettext("the date must look like 2023-05-10"))
            established = None
        data["established_on"] = established
        data["lead_member"] = _find_member(v.get("lead_member"), by_name, by_number, problems)
        team = []
        raw_team = str(v.get("team") or "")
        for sep in SEPARATORS:
            raw_team = raw_team.replace(sep, "\n")
        for name in filter(None, (part.strip() for part in raw_team.split("\n"))):
            member = _find_member(name, by_name, by_number, problems)
            if member is not None:
                team.append(member)
        if problems:
            errors[row.number] = problems
            continue
        seen[data["name"]] = row.number
        prepared.append((data, team))
    refuse_rows(errors, kind="places", organisation=organisation, actor=actor)
    with transaction.atomic():
        places = []
        for data, _team in prepared:
            place = Place(organisation=organisation, **data)
            place.level = Place.level_for(place.kind, county=place.county, township=place.township,
                                          village=place.village, city=place.city)
            places.append(place)
        created = Place.objects.bulk_create(places, batch_size=500)
        PlaceMember.objects.bulk_create([PlaceMember(place=p, member=m) for p, (_d, team) in zip(created, prepared, strict=True)
                                         for m in {m.pk: m for m in team}.values()], batch_size=2000)
        audit_log(actor=actor, organisation=organisation, action="outreach.place.imported", obj=organisation,
                  changes={"rows": len(created), "file": getattr(upload, "name", "")})
    return len(created)
