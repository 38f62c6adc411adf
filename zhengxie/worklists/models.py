"""Tables of the work lists app (工作清单, 跟踪督办).

A ``WorkList`` of an organisation and year holds ``Item`` rows; each item has milestones, progress reports,
supervision notes and a history (``ItemTransition``). An item may come from a promise made elsewhere (a B reply,
an adopted outcome): ``source_type``/``source_id`` name that row, once (a unique constraint keeps it idempotent).
Standing-committee recommendations (建议案), coordination groups with their issues, and investment projects
(招商引资) live here too, each with its own history.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import HandlingUnit, Member, Organisation, SpecialCommittee, TransitionRecord

from .choices import (
    OPEN_STATUSES,
    Cadence,
    GroupDuty,
    IssueStatus,
    ItemStatus,
    ProjectStage,
    RecommendationStatus,
    SourceKind,
)

USER = settings.AUTH_USER_MODEL


class ListKind(models.Model):
    """A kind of work list (重点工作任务, 重点提案, 协商计划 …): data per organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="worklist_kinds")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("kind of work list")
        verbose_name_plural = _("kinds of work list")
        ordering = ["organisation", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="worklist_kind_key")]

    def __str__(self):
        return self.name


class WorkList(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="work_lists")
    kind = models.ForeignKey(ListKind, on_delete=models.PROTECT, related_name="lists", verbose_name=_("kind"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("work list")
        verbose_name_plural = _("work lists")
        ordering = ["-year", "kind__sort_order", "pk"]
        indexes = [models.Index(fields=["organisation", "year"], name="worklist_org_year")]

    def __str__(self):
        return self.title


class Item(models.Model):
    """One item of a work list: who grasps it (包抓领导), who is responsible, by when, how far it is."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="work_items")
    work_list = models.ForeignKey(WorkList, on_delete=models.PROTECT, related_name="items", verbose_name=_("work list"))
    number = models.PositiveIntegerField(_("number"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    source_kind = models.CharField(_("source"), max_length=16, choices=SourceKind.choices, blank=True)
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # The page the item came from (a proposal, an activity), kept so the link needs no other app's code.
    source_url = models.CharField(max_length=200, blank=True)
    source_label = models.CharField(_("source"), max_length=200, blank=True)
    # The proposal (or activity) whose people follow the item: content type and id of the origin.
    origin_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    origin_id = models.CharField(max_length=64, blank=True)

    leader = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="grasped_items",
                               verbose_name=_("leader who grasps it"))
    leader_name = models.CharField(_("leader who grasps it"), max_length=40, blank=True)
    unit = models.ForeignKey(HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="work_items",
                             verbose_name=_("responsible unit"))
    committee = models.ForeignKey(SpecialCommittee, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="work_items", verbose_name=_("responsible committee"))
    body_name = models.CharField(_("responsible body"), max_length=100, blank=True)
    person = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_items",
                               verbose_name=_("person in charge"))
    person_name = models.CharField(_("person in charge"), max_length=40, blank=True)
    # People who follow the item without working on it: the proposers of a proposal whose reply promised it.
    followers = models.ManyToManyField(USER, blank=True, related_name="followed_items")

    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("deadline"))
    cadence = models.CharField(_("reporting"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY)
    next_report_on = models.DateField(_("next report due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    is_commitment = models.BooleanField(_("a promise"), default=False)
    last_report_at = models.DateTimeField(_("last report"), null=True, blank=True)
    last_report_text = models.CharField(_("latest report"), max_length=200, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to the leader"), null=True, blank=True)
    report_requested_at = models.DateTimeField(_("report requested"), null=True, blank=True)
    outcome = models.TextField(pgettext_lazy("work item", "outcome"), blank=True)
    confirmed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("confirmed by"))
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_late = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ["work_list", "number", "pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"], name="witem_org_status_due"),
            # The leader's page: their items of the organisation by status and deadline, and the counts by status
            # read from the index alone.
            models.Index(fields=["leader", "organisation", "status", "due_on"], name="witem_leader_org_status"),
            models.Index(fields=["unit", "status", "due_on"], name="witem_unit_status_due"),
            models.Index(fields=["origin_type", "origin_id"], name="witem_origin"),
            # The overdue list and the leader's late items read open items by deadline: partial indexes on the
            # open ones give the rows in order (a limit of 50 stops early) instead of sorting every late item.
            models.Index(fields=["organisation", "due_on", "id"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="witem_open_org_due"),
            models.Index(fields=["leader", "due_on", "id"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="witem_open_leader_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], condition=~models.Q(source_id=""),
                                    name="witem_once_per_source"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="witem_progress_percent"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (ItemStatus.NOT_STARTED, ItemStatus.ON_TRACK, ItemStatus.BEHIND)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def responsible_label(self) -> str:
        if self.unit_id:
            return self.unit.name
        if self.committee_id:
            return self.committee.name
        return self.body_name


class Milestone(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=120)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["item", "due_on", "pk"]

    def __str__(self):
        return self.title


class ProgressReport(models.Model):
    """What the person in charge reports: the text, the new percentage, evidence attached (core.files)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["item", "-reported_at", "-pk"]
        indexes = [models.Index(fields=["item", "reported_at"], name="wreport_item_at")]

    def __str__(self):
        return f"{self.item_id} · {self.progress}%"


class SupervisionNote(models.Model):
    """督办意见: what the office or the committee asks of the item's people."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("supervision note"))
    asks_report = models.BooleanField(_("asks for a report"), default=False)
    report_due_on = models.DateField(_("report due"), null=True, blank=True)
    written_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("supervision note")
        verbose_name_plural = _("supervision notes")
        ordering = ["item", "-written_at", "-pk"]

    def __str__(self):
        return self.text[:40]


class ItemTransition(TransitionRecord):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("work item history entry")
        verbose_name_plural = _("work item history")


# --- 建议案 ------------------------------------------------------------------------------------------------------


class Recommendation(models.Model):
    """A standing-committee recommendation (建议案), drafted from a consultation and tracked once replied."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="recommendations")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    consultation = models.CharField(_("consultation it comes from"), max_length=200, blank=True)
    # The consultation of the activities app it was drafted from, when it was held there (its outcome report,
    # speeches and participants are on that page).
    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("consultation it comes from"))
    status = models.CharField(_("status"), max_length=10, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=200, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    unit = models.ForeignKey(HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit that carries it out"))
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("standing-committee recommendation")
        verbose_name_plural = _("standing-committee recommendations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class RecommendationTransition(TransitionRecord):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("recommendation history entry")
        verbose_name_plural = _("recommendation history")


# --- coordination groups (领导小组) ----------------------------------------------------------------------------------


class CoordinationGroup(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="coordination_groups")
    name = models.CharField(_("name"), max_length=100)
    purpose = models.TextField(_("purpose"), blank=True)
    members = models.ManyToManyField(USER, through="GroupMembership", related_name="coordination_groups", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("coordination group")
        verbose_name_plural = _("coordination groups")
        ordering = ["organisation", "name"]

    def __str__(self):
        return self.name


class GroupTransition(TransitionRecord):
    """The group's history: created, edited (its members), a meeting added or linked, a matter added, a review."""

    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("coordination group history entry")
        verbose_name_plural = _("coordination group history")


class GroupMembership(models.Model):
    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    duty = models.CharField(pgettext_lazy("group", "role"), max_length=40, blank=True,
                            help_text=_("e.g. 组长, 副组长, 成员"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_member_once")]

    def __str__(self):
        return f"{self.group_id} · {self.user_id}"

    @property
    def duty_label(self) -> str:
        return GroupDuty(self.duty).label if self.duty in GroupDuty.values else self.duty


class GroupMeeting(models.Model):
    """A meeting of the group; ``activity`` links the activities app's meeting when there is one."""

    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("meeting in the activities"))

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["group", "-held_on"]

    def __str__(self):
        return self.title


class CoordinationIssue(models.Model):
    """A matter needing support (需要支持的事项): who is to solve it, what was decided, whether it is still open."""

    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="issues")
    title = models.CharField(_("matter"), max_length=200)
    solver = models.CharField(_("who solves it"), max_length=100, blank=True)
    decision = models.TextField(_("what was decided"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    raised_at = models.ForeignKey(GroupMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("coordination issue")
        verbose_name_plural = _("coordination issues")
        ordering = ["group", "status", "pk"]

    def __str__(self):
        return self.title


class IssueReview(models.Model):
    """What one meeting decided about one issue."""

    issue = models.ForeignKey(CoordinationIssue, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="reviews")
    decision = models.TextField(_("what was decided"))
    status = models.CharField(_("status"), max_length=8, choices=IssueStatus.choices)

    class Meta:
        ordering = ["issue", "meeting__held_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["issue", "meeting"], name="issue_review_once")]

    def __str__(self):
        return self.decision[:40]


# --- 招商引资 ------------------------------------------------------------------------------------------------------


class InvestmentProject(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="investment_projects")
    name = models.CharField(_("project"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member who brought it"))
    brought_by = models.CharField(_("brought by"), max_length=60, blank=True,
                                  help_text=_("The leader or member who brought it, when not a member of this list."))
    sector = models.CharField(_("industry"), max_length=60, blank=True)
    region = models.CharField(_("county or district"), max_length=60, blank=True)
    amount_planned = models.DecimalField(_("amount planned (10,000 yuan)"), max_digits=12, decimal_places=2, default=0)
    amount_signed = models.DecimalField(_("amount signed (10,000 yuan)"), max_digits=12, decimal_places=2, default=0)
    stage = models.CharField(_("stage"), max_length=16, choices=ProjectStage.choices, default=ProjectStage.LEAD)
    stage_on = models.DateField(_("stage since"), default=timezone.localdate)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    event = models.CharField(_("delegation or event"), max_length=200, blank=True,
                             help_text=_("e.g. 赴港澳招商推介活动"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["organisation", "-stage_on", "pk"]
        indexes = [models.Index(fields=["organisation", "stage"], name="project_org_stage")]

    def __str__(self):
        return self.name


class ProjectTransition(TransitionRecord):
    project = models.ForeignKey(InvestmentProject, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("investment project history entry")
        verbose_name_plural = _("investment project history")
