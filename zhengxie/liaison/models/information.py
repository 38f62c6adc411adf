"""知情明政: what departments, the Party and government offices and the committee's offices publish for members
(documents, briefings, data releases), who has read what was marked as required reading, which proposals and
reports used an item, and members' questions to a department (知情问询) with the department's answer."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import (
    HandlingUnit,
    Member,
    Organisation,
    Sector,
    SpecialCommittee,
    TransitionRecord,
)

from ..choices import AccessLevel, InfoKind, InfoStatus, InquiryStatus, PublisherKind


class InfoItem(models.Model):
    """One item of information for members: a document, a briefing (情况通报会, linked to its meeting) or a data
    release, published by a department, the Party/government offices or the committee's offices."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="info_items")
    kind = models.CharField(_("kind"), max_length=12, choices=InfoKind.choices, default=InfoKind.DOCUMENT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True,
                               help_text=_("One or two sentences shown in the list."))
    body = models.TextField(_("text"), blank=True)
    topic = models.CharField(_("topic"), max_length=40)
    publisher_kind = models.CharField(_("published by"), max_length=12, choices=PublisherKind.choices)
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("department"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="info_items")
    department = models.CharField(_("department"), max_length=100,
                                  help_text=_("The name readers see, e.g. 天水市发展和改革委员会."))
    access = models.CharField(_("who may read it"), max_length=12, choices=AccessLevel.choices,
                              default=AccessLevel.ALL_MEMBERS)
    committee = models.ForeignKey(SpecialCommittee, verbose_name=_("special committee"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    required = models.BooleanField(_("required reading"), default=False,
                                   help_text=_("Readers confirm that they have read it; the office sees who has not."))
    activity = models.ForeignKey("activities.Activity", verbose_name=_("meeting"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text=_("The briefing meeting (情况通报会) this item belongs to."))
    status = models.CharField(_("status"), max_length=12, choices=InfoStatus.choices, default=InfoStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information for members")
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "published_at"], name="info_org_status")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(access=AccessLevel.COMMITTEE) | models.Q(committee__isnull=False),
                                   name="info_committee_access_names_one"),
            models.CheckConstraint(condition=~models.Q(access=AccessLevel.SECTOR) | models.Q(sector__isnull=False),
                                   name="info_sector_access_names_one"),
            models.CheckConstraint(condition=~models.Q(publisher_kind=PublisherKind.UNIT) | models.Q(unit__isnull=False),
                                   name="info_unit_publisher_names_it"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("liaison:info_detail", args=[self.pk])

    @property
    def audience_label(self) -> str:
        if self.access == AccessLevel.COMMITTEE and self.committee_id:
            return self.committee.name
        if self.access == AccessLevel.SECTOR and self.sector_id:
            return self.sector.name
        return self.get_access_display()


class InfoTransition(TransitionRecord):
    item = models.ForeignKey(InfoItem, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("information history entry")
        verbose_name_plural = _("information history")


class ReadReceipt(models.Model):
    """A reader's confirmation that they read an item of required reading (已阅)."""

    item = models.ForeignKey(InfoItem, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        ordering = ["read_at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="read_receipt_once")]

    def __str__(self):
        return f"{self.item_id}:{self.user_id}"


class InfoLink(models.Model):
    """An item used by a proposal or a public-opinion report (the proposer or author links it)."""

    item = models.ForeignKey(InfoItem, on_delete=models.CASCADE, related_name="links")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("use of an item")
        verbose_name_plural = _("uses of items")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="info_link_target")]
        constraints = [models.UniqueConstraint(fields=["item", "target_type", "target_id"], name="info_link_once")]

    def __str__(self):
        return f"{self.item_id} → {self.target_type_id}:{self.target_id}"


class Inquiry(models.Model):
    """知情问询: a member's question to a department, answered within a due date; the answer may be made public to
    all members when the member agreed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="info_inquiries")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("department"), on_delete=models.PROTECT,
                             related_name="inquiries")
    item = models.ForeignKey(InfoItem, verbose_name=_("about the item"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="inquiries")
    topic = models.CharField(_("topic"), max_length=40)
    title = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"))
    may_publish = models.BooleanField(_("the answer may be shown to all members"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=InquiryStatus.choices, default=InquiryStatus.ASKED)
    version = models.PositiveIntegerField(default=1)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    due_on = models.DateField(_("answer due by"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    is_public = models.BooleanField(_("public to all members"), default=False)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("question to a department")
        verbose_name_plural = _("questions to departments")
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"], name="inquiry_org_status_due")]
        constraints = [
            models.CheckConstraint(condition=models.Q(is_public=False) | models.Q(may_publish=True, status="answered"),
                                   name="inquiry_public_only_when_agreed_and_answered"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("liaison:inquiry_detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.status == InquiryStatus.ASKED and self.due_on < timezone.localdate()


class InquiryTransition(TransitionRecord):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("question history entry")
        verbose_name_plural = _("question history")
