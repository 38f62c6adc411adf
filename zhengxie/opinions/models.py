"""Tables of the opinions app (社情民意信息).

A report is held by one organisation at a time as a ``Report`` row. When a level forwards it up (报送), the parent
organisation gets a new row of its own, linked to the one below (``source``) and to the first one (``origin``):
each level owns its record, its editing and its bulletin, and none can lose another's. Feedback (采用, 批示) is
recorded at the level where it happened and shown on every record below it in the chain.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.choices import OrganisationLevel
from zhengxie.core.models import Body, Member, Organisation, TransitionRecord

from .choices import AdoptionKind, AuthorKind, BulletinStatus, InstructionLevel, ReportStatus


class BulletinIssue(models.Model):
    """An issue of the 《社情民意》 bulletin, numbered per year (2026年第15期) and in total (总第236期)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="opinion_bulletins")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(pgettext_lazy("bulletin", "number"))
    serial = models.PositiveIntegerField(_("total number"))
    subject = models.CharField(_("subject"), max_length=100, blank=True,
                               help_text=_("Optional, for a special issue: e.g. “Spring ploughing”."))
    status = models.CharField(_("status"), max_length=16, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("signed off by"))
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    # The review steps between 拟稿 and 签发 (the organisation's setting when the issue was submitted) and how many
    # of them are done in the current round.
    review_steps = models.JSONField(_("review steps"), default=list, blank=True)
    review_step = models.PositiveSmallIntegerField(_("review steps done"), default=0)

    class Meta:
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        ordering = ["organisation", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="bulletin_number_per_year"),
            models.UniqueConstraint(fields=["organisation", "serial"], name="bulletin_serial"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """“2026年第15期” (the way an issue is named in Chinese, whatever the interface language)."""
        return f"{self.year}年第{self.number}期"


class Report(models.Model):
    """A public-opinion report as one organisation holds it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="opinion_reports")
    # The record of the first level: itself for a report submitted here, the one below's origin when forwarded.
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="chain_records")
    # The record one level below that was forwarded to make this one.
    source = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_as")
    depth = models.PositiveSmallIntegerField(default=0)  # 0 where first submitted, +1 per level climbed

    # Provenance, the same on every record of a chain.
    origin_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author_kind = models.CharField(_("author"), max_length=16, choices=AuthorKind.choices)
    author_member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    author_name = models.CharField(_("author"), max_length=120)
    # Who entered it at this level: the author, a contact, the office registering a paper report, or the
    # office below that forwarded it.
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    original_title = models.CharField(_("title as received"), max_length=200)
    original_text = models.TextField(_("text as received"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    category = models.CharField(_("category"), max_length=40)

    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    version = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    not_used_at = models.DateTimeField(_("not used on"), null=True, blank=True)
    not_used_reason = models.TextField(_("reason for not using it"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    bulletin = models.ForeignKey(BulletinIssue, null=True, blank=True, on_delete=models.PROTECT, related_name="reports",
                                 verbose_name=_("bulletin issue"))
    bulletin_position = models.PositiveSmallIntegerField(default=0)

    # A proposal (or other item) this report was converted from, with the proposer's consent.
    converted_from_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+")
    converted_from_id = models.CharField(max_length=64, blank=True)
    converted_from = GenericForeignKey("converted_from_type", "converted_from_id")

    class Meta:
        verbose_name = _("public-opinion report")
        verbose_name_plural = _("public-opinion reports")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="opinion_org_status"),
            models.Index(fields=["organisation", "received_at"], name="opinion_org_received"),
            models.Index(fields=["converted_from_type", "converted_from_id"], name="opinion_converted_from"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(depth=0, source__isnull=True)
                                   | models.Q(depth__gt=0, source__isnull=False), name="opinion_source_iff_forwarded"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_edited(self) -> bool:
        return self.text != self.original_text or self.title != self.original_title


class ReportTransition(TransitionRecord):
    """History of a report at one level."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("report history entry")
        verbose_name_plural = _("report history")


class BulletinTemplate(models.Model):
    """The 红头 of an organisation's bulletin, edited by its information office: the masthead, the issuer, the
    colours, the numbering pattern, the secrecy mark. An organisation without its own uses its parent's."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="bulletin_template")
    masthead = models.CharField(_("masthead"), max_length=20, default="社情民意")
    issuer = models.CharField(_("issued by"), max_length=60, blank=True,
                              help_text=_("The line under the masthead, e.g. “天水市政协研究室”. Empty: the "
                                          "committee's office."))
    masthead_colour = models.CharField(_("masthead colour"), max_length=7, default="#C00000")
    rule_colour = models.CharField(_("colour of the red rule"), max_length=7, default="#C00000")
    numbering = models.CharField(_("numbering"), max_length=60, default="{year}年第{number}期（总第{serial}期）",
                                 help_text=_("{year}, {number} (in the year) and {serial} (in total) are replaced."))
    secrecy_mark = models.CharField(_("secrecy mark"), max_length=30, blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bulletin template")
        verbose_name_plural = _("bulletin templates")

    def __str__(self):
        return f"{self.organisation} · {self.masthead}"


class BulletinTransition(TransitionRecord):
    bulletin = models.ForeignKey(BulletinIssue, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bulletin history entry")
        verbose_name_plural = _("bulletin history")


class Feedback(models.Model):
    """What happened to a report at some level: recorded on that level's record, shown on every record below it,
    delivered once to the author (notification and duty event) by a task."""

    origin = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Adoption(Feedback):
    """采用: by this level's bulletin, by a higher level (with which), or by the media."""

    kind = models.CharField(_("kind"), max_length=8, choices=AdoptionKind.choices)
    # The adopting level (empty for the media).
    level = models.CharField(_("level"), max_length=16, choices=OrganisationLevel.choices, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=120,
                                  help_text=_("The body or medium: e.g. 全国政协办公厅, 甘肃日报."))
    adopted_on = models.DateField(_("date"))
    bulletin = models.ForeignKey(BulletinIssue, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["adopted_on", "id"]
        default_related_name = "adoptions"
        constraints = [
            # A report is adopted once per level, and once per medium, whoever records it.
            models.UniqueConstraint(fields=["origin", "level"], condition=~models.Q(kind=AdoptionKind.MEDIA),
                                    name="adoption_once_per_level"),
            models.UniqueConstraint(fields=["origin", "adopted_by"], condition=models.Q(kind=AdoptionKind.MEDIA),
                                    name="adoption_once_per_medium"),
            models.CheckConstraint(condition=models.Q(kind=AdoptionKind.MEDIA) | ~models.Q(level=""),
                                   name="adoption_level_unless_media"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.adopted_by}"


class Instruction(Feedback):
    """批示: a leader's written instruction on a report."""

    leader_name = models.CharField(_("leader"), max_length=40)
    leader_title = models.CharField(_("leader's office"), max_length=80, blank=True,
                                    help_text=_("e.g. 省委副书记, 市长"))
    level = models.CharField(_("level"), max_length=16, choices=InstructionLevel.choices)
    text = models.TextField(_("instruction"))
    instructed_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("leader's instruction")
        verbose_name_plural = _("leaders' instructions")
        ordering = ["instructed_on", "id"]
        default_related_name = "instructions"

    def __str__(self):
        return f"{self.leader_name} · {self.get_level_display()}"
