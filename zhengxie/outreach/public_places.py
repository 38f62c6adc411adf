"""The public page's list of nearby places, without a map: the committee's places grouped by division (county,
then township), narrowed to the division the person chooses; and the hotline of the organisation's setting."""

from dataclasses import dataclass, field

from zhengxie.core.org_settings import get_setting

from .models import Place


@dataclass
class Division:
    county: str
    township: str
    places: list = field(default_factory=list)


def divisions_of(organisation) -> list[tuple[str, list[str]]]:
    """The counties with places, each with its townships: the choices of the page's filter."""
    pairs = (Place.objects.filter(organisation=organisation, is_active=True).values_list("county", "township")
             .distinct().order_by("county", "township"))
    counties: dict[str, list[str]] = {}
    for county, township in pairs:
        counties.setdefault(county or "", [])
        if township and township not in counties[county or ""]:
            counties[county or ""].append(township)
    return list(counties.items())


def nearby_places(organisation, *, county: str = "", township: str = "", exclude=None) -> list[Division]:
    """The active places of the division (all of them when none is chosen), grouped county → township."""
    qs = Place.objects.filter(organisation=organisation, is_active=True)
    if county:
        qs = qs.filter(county=county)
    if township:
        qs = qs.filter(township=township)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    groups: dict[tuple[str, str], Division] = {}
    for place in qs.order_by("county", "township", "kind", "name"):
        key = (place.county, place.township)
        groups.setdefault(key, Division(*key)).places.append(place)
    return list(groups.values())


def hotline_of(organisation) -> dict | None:
    number = (get_setting(organisation, "outreach.hotline") or "").strip()
    if not number:
        return None
    return {"number": number, "name": get_setting(organisation, "outreach.hotline_name") or number}
