"""Joint activities (联合调研、协商、议政): organised by several committees of the deployment, each inviting its own
participants through an activity of its own, with one outcome report that every organiser sees and counts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import TransitionRecord

from ..choices import JointKind, JointStatus


class JointActivity(models.Model):
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("lead committee"), on_delete=models.CASCADE,
                                     related_name="+")
    alliance = models.ForeignKey("cooperation.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="joint_activities")
    plan_item = models.ForeignKey("cooperation.PlanItem", verbose_name=_("plan item"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="joint_activities")
    kind = models.CharField(_("kind"), max_length=14, choices=JointKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    outside_partners = models.CharField(_("committees outside the platform"), max_length=300, blank=True,
                                        help_text=_("Outside committees taking part, as the alliance names them."))
    status = models.CharField(_("status"), max_length=10, choices=JointStatus.choices, default=JointStatus.PLANNED)
    report_title = models.CharField(_("title of the outcome report"), max_length=200, blank=True)
    report_text = models.TextField(_("outcome report"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="joint_ends_after_start")]

    def __str__(self):
        return self.title


class JointOrganiser(models.Model):
    """One organising committee of a joint activity, with its own activity (and so its own participants)."""

    joint = models.ForeignKey(JointActivity, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    activity = models.OneToOneField("activities.Activity", verbose_name=_("own activity"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="joint_organiser")
    is_lead = models.BooleanField(_("lead"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organising committee")
        verbose_name_plural = _("organising committees")
        ordering = ["joint", "-is_lead", "id"]
        constraints = [models.UniqueConstraint(fields=["joint", "organisation"], name="joint_organiser_once")]

    def __str__(self):
        return f"{self.organisation} · {self.joint}"

    @property
    def status(self) -> str:
        return self.joint.status

    def get_status_display(self) -> str:
        return self.joint.get_status_display()


class JointEvent(TransitionRecord):
    joint = models.ForeignKey(JointActivity, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("joint activity history entry")
        verbose_name_plural = _("joint activity history")


class SharedDeliberation(models.Model):
    """网络议政 opened to the members of several committees by a joint activity (its organisers) or an alliance (its
    member committees of the platform): the topic belongs to the host committee (the lead, or the keeping one)."""

    topic = models.OneToOneField("activities.Topic", verbose_name=_("deliberation topic"), on_delete=models.CASCADE,
                                 related_name="shared_by")
    joint = models.ForeignKey(JointActivity, verbose_name=_("joint activity"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="deliberations")
    alliance = models.ForeignKey("cooperation.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="deliberations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deliberation of several committees")
        verbose_name_plural = _("deliberations of several committees")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(joint__isnull=False, alliance__isnull=True)
                                              | models.Q(joint__isnull=True, alliance__isnull=False),
                                              name="shared_deliberation_one_owner")]

    def __str__(self):
        return str(self.topic_id)
