"""A meeting's seating plan (座次) and its paperless materials (议程, documents) for the participants."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SeatingOrder(models.TextChoices):
    SECTOR = "sector", _("Seat by sector")
    LIST = "list", _("Seat by the participants list")


class Seat(models.Model):
    """Where one participant sits: a block (区), a row (排) and a number (号)."""

    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="seats")
    participant = models.OneToOneField("activities.Participant", on_delete=models.CASCADE, related_name="seat")
    block = models.CharField(_("block"), max_length=40, blank=True)
    row = models.PositiveSmallIntegerField(_("row"))
    number = models.PositiveSmallIntegerField(_("seat"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["activity", "row", "number"]
        constraints = [models.UniqueConstraint(fields=["activity", "row", "number"], name="seat_once_per_meeting")]

    def __str__(self):
        return f"{self.row}-{self.number}"


class MaterialKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    DOCUMENT = "document", _("Document")


class MeetingMaterial(models.Model):
    """A paper of the meeting, read on the phone by its participants only: the agenda or a document (text and
    files)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices, default=MaterialKind.DOCUMENT)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting material")
        verbose_name_plural = _("meeting materials")
        ordering = ["activity", "sort_order", "id"]

    def __str__(self):
        return self.title
