"""Think-tank experts (智库专家): people who are not members, their invitations to activities and their
contributions. Their contact data is personal data, encrypted at rest (core.crypto)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.crypto import EncryptedCharField, KeepsDigests, LookupDigestField
from zhengxie.core.models import TransitionRecord

from ..choices import ContributionKind, InvitationResponse


class Expert(KeepsDigests):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=40)
    field = models.CharField(_("field"), max_length=60)
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    title = models.CharField(_("professional title"), max_length=60, blank=True)
    # Personal data, encrypted at rest; look a number up by phone_digest.
    phone = EncryptedCharField(_("mobile phone"), plain_max_length=20, blank=True)
    phone_digest = LookupDigestField(source="phone", kind="phone", db_index=True)
    email = EncryptedCharField(_("e-mail"), plain_max_length=100, blank=True)
    alliances = models.ManyToManyField("cooperation.Alliance", verbose_name=_("alliances"), blank=True,
                                       related_name="experts")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="expert")
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("think-tank expert")
        verbose_name_plural = _("think-tank experts")
        ordering = ["field", "name", "id"]
        indexes = [models.Index(fields=["organisation", "field"], name="expert_org_field")]

    def __str__(self):
        return self.name


class ExpertInvitation(models.Model):
    """An expert invited to an activity of the expert's organisation (research, consultation, deliberation)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="invitations")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="expert_invitations")
    response = models.CharField(_("answer"), max_length=10, choices=InvitationResponse.choices,
                                default=InvitationResponse.INVITED)
    responded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("expert's invitation")
        verbose_name_plural = _("experts' invitations")
        ordering = ["-activity__starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["expert", "activity"], name="expert_invited_once")]

    def __str__(self):
        return f"{self.expert} · {self.activity}"

    @property
    def status(self) -> str:  # the badge and the statistics list read a state
        return self.response

    def get_status_display(self) -> str:
        return self.get_response_display()


class Contribution(models.Model):
    """A report, speech or suggestion of an expert; a suggestion may be adopted (采纳)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=12, choices=ContributionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    activity = models.ForeignKey("activities.Activity", verbose_name=_("at activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    made_on = models.DateField(_("date"))
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("expert's contribution")
        verbose_name_plural = _("experts' contributions")
        ordering = ["-made_on", "-id"]

    def __str__(self):
        return self.title


class InvitationEvent(TransitionRecord):
    """The history of an expert's invitation: the expert's answers."""

    invitation = models.ForeignKey(ExpertInvitation, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("invitation history entry")
        verbose_name_plural = _("invitation history")
