"""Organisations (政协 at each level) and their reference data: terms, sessions, sectors, committees, bodies,
handling units."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import BodyKind, HandlingUnitKind, OrganisationLevel, SectorKind


class Organisation(models.Model):
    """A CPPCC committee (政协) at one level: each is a tenant of its own."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40)
    level = models.CharField(_("level"), max_length=16, choices=OrganisationLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region_code = models.CharField(_("region code"), max_length=12, blank=True)
    # Materialised path of zero-padded ids, "/000001/000004/": descendants are a prefix match (no recursive
    # query) and ordering by path lists a tree in order.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk:07d}/"
        if path != self.path:
            old = self.path
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)
            if old and not is_new:
                for child in self.children.all():
                    child.save()

    def clean(self):
        if self.parent_id:
            if OrganisationLevel.rank(self.parent.level) >= OrganisationLevel.rank(self.level):
                raise ValidationError({"parent": _("The parent must be at a higher level.")})

    @property
    def level_rank(self) -> int:
        return OrganisationLevel.rank(self.level)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]  # "0000004" -> 4
        return type(self).objects.filter(pk__in=ids).order_by("path")

    def descendants(self, *, include_self=False):
        qs = type(self).objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def current_term(self):
        return self.terms.filter(is_current=True).first()


class Term(models.Model):
    """届: a five-year term of an organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=40)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="term_unique_number"),
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(is_current=True), name="term_one_current"
            ),
        ]

    def __str__(self):
        return self.name


class Session(models.Model):
    """次会议: the annual plenary session of a term, with the window for plenary proposals (大会提案)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    proposal_window_starts = models.DateTimeField(_("plenary proposals from"), null=True, blank=True)
    proposal_window_ends = models.DateTimeField(_("plenary proposals until"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["term", "number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="session_unique_number")]

    def __str__(self):
        return f"{self.term.name}{self.name}"

    def in_proposal_window(self, when=None) -> bool:
        when = when or timezone.now()
        if not (self.proposal_window_starts and self.proposal_window_ends):
            return False
        return self.proposal_window_starts <= when <= self.proposal_window_ends


class Sector(models.Model):
    """界别: the sector a member sits for. Lists differ between organisations, so they are data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sectors")
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=SectorKind.choices)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["organisation", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="sector_unique_name")]

    def __str__(self):
        return self.name


class SpecialCommittee(models.Model):
    """专门委员会: every member belongs to one (全员入委)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(_("name"), max_length=60)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("special committee")
        verbose_name_plural = _("special committees")
        ordering = ["organisation", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="committee_unique_name")]

    def __str__(self):
        return self.name


class Body(models.Model):
    """A collective that submits proposals and reports through its contact users: a party's local committee,
    a people's organisation, a sector, a special committee or a member group."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="bodies")
    committee = models.ForeignKey(
        SpecialCommittee, null=True, blank=True, on_delete=models.SET_NULL, related_name="bodies"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["organisation", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="body_unique_name")]

    def __str__(self):
        return self.name


class HandlingUnit(models.Model):
    """承办单位: a government department or other body to which an organisation assigns work."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="handling_units")
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=HandlingUnitKind.choices, default=HandlingUnitKind.GOV_DEPT)
    contact_name = models.CharField(_("contact person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["organisation", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")]

    def __str__(self):
        return self.short_name or self.name
