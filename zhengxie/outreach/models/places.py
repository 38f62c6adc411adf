"""Places where members meet the public: 委员工作站, 委员工作室, 基层协商议事室."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.crypto import EncryptedCharField, KeepsDigests, LookupDigestField

from ..choices import FIVE_HAVES, Period, PlaceKind, PlaceLevel, StudioBasis, Weekday

# No 0/O, 1/I/L: codes are read off posters and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class Place(KeepsDigests):
    """A place where members meet constituents. Its public page (and QR poster) is reached by ``public_code``."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="outreach_places")
    kind = models.CharField(_("type"), max_length=16, choices=PlaceKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=PlaceLevel.choices, editable=False)
    name = models.CharField(_("name"), max_length=100)
    public_code = models.CharField(max_length=16, unique=True, default=new_public_code, editable=False)
    # Studios (委员工作室) are organised around a sector, a theme or one member.
    studio_basis = models.CharField(_("organised by"), max_length=16, choices=StudioBasis.choices, blank=True)
    sector = models.ForeignKey("core.Sector", verbose_name=_("sector"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    theme = models.CharField(_("theme"), max_length=60, blank=True)
    # Workstations are "three in one": the station, its consultation council (协商议事会) and room (协商议事室).
    is_three_in_one = models.BooleanField(_("three in one (station, council and room)"), default=False)
    council_size = models.PositiveSmallIntegerField(_("members of the consultation council"), default=0)
    province = models.CharField(_("province"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=40, blank=True)
    county = models.CharField(_("county/district"), max_length=40, blank=True)
    township = models.CharField(_("township/street"), max_length=40, blank=True)
    village = models.CharField(_("village/community"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    lead_member = models.ForeignKey("core.Member", verbose_name=_("lead member"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    contact_name = models.CharField(_("contact person"), max_length=40, blank=True)
    # The contact person's number: personal data, encrypted at rest (core.crypto), looked up by its digest.
    contact_phone = EncryptedCharField(_("contact phone"), plain_max_length=20, blank=True)
    contact_phone_digest = LookupDigestField(source="contact_phone", kind="phone", db_index=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    has_site = models.BooleanField(_("has a site"), default=False)
    has_people = models.BooleanField(_("has people"), default=False)
    has_mechanism = models.BooleanField(_("has a mechanism"), default=False)
    has_rules = models.BooleanField(_("has rules posted"), default=False)
    has_equipment = models.BooleanField(_("has equipment"), default=False)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("outreach", "place")
        verbose_name_plural = _("places")
        ordering = ["organisation", "county", "township", "kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="outreach_place_unique_name"),
        ]
        indexes = [
            models.Index(fields=["organisation", "kind", "level"], name="outreach_place_kind"),
            models.Index(fields=["organisation", "county", "township"], name="outreach_place_area"),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def level_for(kind: str, *, county: str = "", township: str = "", village: str = "", city: str = "") -> str:
        """The level a place sits at: stations at township level, rooms at village level, studios where their
        address ends."""
        if kind == PlaceKind.WORKSTATION:
            return PlaceLevel.TOWNSHIP
        if kind == PlaceKind.ROOM:
            return PlaceLevel.VILLAGE
        if village:
            return PlaceLevel.VILLAGE
        if township:
            return PlaceLevel.TOWNSHIP
        if county:
            return PlaceLevel.COUNTY
        if city:
            return PlaceLevel.CITY
        return PlaceLevel.PROVINCE

    @property
    def address(self) -> str:
        parts = [self.province, self.city, self.county, self.township, self.village, self.street_address]
        return "".join(p for p in parts if p)

    @property
    def area(self) -> str:
        """County, township and village: what a list needs to tell places apart."""
        return " ".join(p for p in (self.county, self.township, self.village) if p)

    @property
    def five_haves(self) -> list[tuple[str, bool]]:
        return [(label, getattr(self, field)) for field, label in FIVE_HAVES]

    @property
    def five_have_count(self) -> int:
        return sum(1 for field, _label in FIVE_HAVES if getattr(self, field))

    @property
    def public_path(self) -> str:
        from django.urls import reverse

        return reverse("outreach:public_place", args=[self.public_code])

    def public_url(self, request=None) -> str:
        from zhengxie.core.links import absolute_url

        return absolute_url(self.public_path, request)


class PlaceMember(models.Model):
    """A member on duty at a place (值班委员). The lead member is on ``Place.lead_member``."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="team")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="outreach_places")
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("member on duty")
        verbose_name_plural = _("members on duty")
        constraints = [models.UniqueConstraint(fields=["place", "member"], name="outreach_team_once")]

    def __str__(self):
        return f"{self.place} · {self.member}"


class DutySlot(models.Model):
    """One line of a place's weekly duty roster (值班表): who receives constituents when."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="roster")
    member = models.ForeignKey("core.Member", verbose_name=_("member"), on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    period = models.CharField(_("time of day"), max_length=12, choices=Period.choices, default=Period.ALL_DAY)

    class Meta:
        verbose_name = _("duty slot")
        verbose_name_plural = _("duty roster")
        ordering = ["weekday", "period", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "member", "weekday", "period"], name="outreach_slot_once"),
        ]

    def __str__(self):
        return f"{self.place} · {self.get_weekday_display()} {self.get_period_display()} · {self.member}"


class PlaceRating(models.Model):
    """The office's yearly star rating of a place (星级评定), one to five stars."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"))
    stars = models.PositiveSmallIntegerField(_("stars"))
    comment = models.CharField(_("remarks"), max_length=300, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("star rating")
        verbose_name_plural = _("star ratings")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["place", "year"], name="outreach_rating_once_a_year"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="outreach_rating_stars"),
        ]

    def __str__(self):
        return f"{self.place} {self.year}: {self.stars}"
