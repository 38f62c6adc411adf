"""Tables of the proposals app (提案): proposals and their signers, the units handling them, replies, contacts,
ratings, supervision, awards, member letters, and the history of every transition."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Body, HandlingUnit, Member, Organisation, Session, Term, TransitionRecord

from .choices import (
    REGISTERED_STATES,
    AssignmentMode,
    AwardKind,
    ContactWay,
    ConversionTarget,
    Disclosure,
    JointSignerStatus,
    JointStatus,
    KeyState,
    LetterStatus,
    ProposalKind,
    ProposalStatus,
    Publication,
    RejectionGround,
    ReminderKind,
    ReplyCategory,
    ReplyQuality,
    Satisfaction,
    SignerRole,
    SignerStatus,
    SubmitterKind,
    SupervisionKind,
    TaskRole,
    TaskStatus,
)


class Proposal(models.Model):
    """提案: one issue per proposal (一事一案), by a member with co-signers or by a body (集体提案)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposals")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("proposal type"), max_length=12, choices=ProposalKind.choices, blank=True)
    submitter_kind = models.CharField(_("submitted by"), max_length=12, choices=SubmitterKind.choices,
                                      default=SubmitterKind.MEMBER)
    # The first proposer (第一提案人) of a member's proposal; the body of a collective one.
    first_proposer = models.ForeignKey(
        Member, verbose_name=_("first proposer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="first_proposals",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("submitting body"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    background = models.TextField(_("background"), blank=True)  # 案由
    suggestions = models.TextField(_("suggestions of the proposal"), blank=True)  # 建议
    suggested_units = models.ManyToManyField(
        HandlingUnit, verbose_name=_("suggested handling units"), blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=24, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    # Raised by every transition: an action decided on an older version is refused (see core.workflow).
    version = models.PositiveIntegerField(default=1)
    number = models.PositiveIntegerField(_("sequence number"), null=True, blank=True)
    number_label = models.CharField(_("proposal number"), max_length=60, blank=True)
    mode = models.CharField(_("assignment mode"), max_length=8, choices=AssignmentMode.choices, blank=True)
    due_on = models.DateField(_("reply due"), null=True, blank=True)
    rating_due_on = models.DateField(_("rating due"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    rejection_ground = models.CharField(_("ground"), max_length=20, choices=RejectionGround.choices, blank=True)
    conversion_target = models.CharField(_("convert to"), max_length=10, choices=ConversionTarget.choices, blank=True)
    key_state = models.CharField(_("key proposal"), max_length=10, choices=KeyState.choices, blank=True, default="")
    key_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leading leader"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    key_leaders = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("leading leaders"), blank=True,
                                         related_name="+")  # 领衔督办: several leaders may lead one key proposal
    publication = models.CharField(_("publication"), max_length=8, choices=Publication.choices, blank=True, default="")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "session", "number"], condition=Q(number__isnull=False),
                name="proposal_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(submitter_kind=SubmitterKind.COLLECTIVE, body__isnull=False, first_proposer__isnull=True)
                | Q(submitter_kind=SubmitterKind.MEMBER, body__isnull=True, first_proposer__isnull=False)
                | Q(submitter_kind=SubmitterKind.COMMITTEE, body__isnull=True, first_proposer__isnull=True),
                name="proposal_submitter_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-submitted_at"], name="proposal_org_status_sub"),
            models.Index(fields=["organisation", "-submitted_at"], name="proposal_org_submitted"),
            models.Index(fields=["organisation", "session", "status"], name="proposal_org_session"),
            # Counting a filtered list (status and category) from the index alone.
            models.Index(fields=["organisation", "status", "category"], name="proposal_org_status_cat"),
            # The statistics: proposals registered in a period (figures, the months, the breakdown), counted from
            # the index alone (the states the rates and the key proposals read are in it).
            models.Index(fields=["organisation", "-registered_at"], include=["status", "key_state"],
                         name="proposal_org_reg_states"),
            # A figure's list across many organisations, newest first: read in the index's order, not sorted.
            models.Index(fields=["-registered_at", "-id"], name="proposal_registered_newest"),
            models.Index(fields=["-submitted_at", "-id"], name="proposal_submitted_newest"),
        ]

    def __str__(self):
        return self.title or str(_("(untitled draft)"))

    @property
    def is_collective(self) -> bool:
        return self.submitter_kind == SubmitterKind.COLLECTIVE

    @property
    def is_registered(self) -> bool:
        return self.status in REGISTERED_STATES

    @property
    def proposer_label(self) -> str:
        """The name the documents print: the body, the first proposer, or the committees of a joint proposal."""
        if self.body_id:
            return self.body.name
        if self.submitter_kind == SubmitterKind.COMMITTEE:
            joint = JointProposal.objects.filter(proposal=self).only("proposers_label").first()
            return joint.proposers_label if joint else ""
        return self.first_proposer.person.name if self.first_proposer_id else ""


class ProposalSigner(models.Model):
    """A proposer: the first proposer, a co-signer (联名), the body of a collective proposal, or a member who
    drafted one. Signers of a proposal merged into this one are kept here too (``merged_from``)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signers")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="proposal_signatures")
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # A committee of the deployment that proposed a joint proposal (联合提案) this proposal came from: its proposal
    # office rates the replies on its behalf.
    committee = models.ForeignKey(Organisation, verbose_name=_("co-proposing committee"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("proposer role"), max_length=10, choices=SignerRole.choices)
    status = models.CharField(_("status"), max_length=10, choices=SignerStatus.choices, default=SignerStatus.CONFIRMED)
    position = models.PositiveSmallIntegerField(default=0)
    invited_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(_("answer by"), null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    merged_from = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("proposer")
        verbose_name_plural = _("proposers")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], condition=Q(member__isnull=False),
                                    name="signer_once_per_proposal"),
            models.CheckConstraint(condition=Q(member__isnull=False) | Q(body__isnull=False)
                                   | Q(committee__isnull=False), name="signer_is_someone"),
            models.UniqueConstraint(fields=["proposal", "committee"], condition=Q(committee__isnull=False),
                                    name="signer_committee_once"),
        ]
        indexes = [models.Index(fields=["member", "status"], name="signer_member_status")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.member_id:
            return self.member.person.name
        return self.body.name if self.body_id else self.committee.short_name

    @property
    def counts(self) -> bool:
        """A signature that stands: confirmed (co-signers who did not confirm in time drop off)."""
        return self.status == SignerStatus.CONFIRMED


class ProposalEvent(TransitionRecord):
    """The history of a proposal: every transition, of the proposal or of one unit's task."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    task = models.ForeignKey("HandlingTask", null=True, blank=True, on_delete=models.CASCADE, related_name="events")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        indexes = [models.Index(fields=["proposal", "created_at"], name="proposal_event_time")]

    def __str__(self):
        return f"{self.proposal_id} {self.action} {self.from_state}→{self.to_state}"


class HandlingTask(models.Model):
    """One unit's part in handling a proposal (承办): sole, separate (分办), lead (主办) or co-handler (会办)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="tasks")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("handling unit"), on_delete=models.PROTECT,
                             related_name="proposal_tasks")
    role = models.CharField(_("handling role"), max_length=6, choices=TaskRole.choices)
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.HANDLING)
    version = models.PositiveIntegerField(default=1)
    round = models.PositiveSmallIntegerField(_("round"), default=1)  # 2 and up: redone after a dissatisfied rating
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    due_on = models.DateField(_("reply due"), null=True, blank=True)
    input_due_on = models.DateField(_("input due"), null=True, blank=True)
    objection_reason = models.TextField(_("objection"), blank=True)
    objected_at = models.DateTimeField(null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("months of extension granted"), default=0)
    extension_requested = models.PositiveSmallIntegerField(_("months of extension requested"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    input_text = models.TextField(_("co-handler's input"), blank=True)
    input_sent_at = models.DateTimeField(null=True, blank=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)
    countersign_comment = models.TextField(_("countersignature comment"), blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    # 回执: the unit confirms online that it received the assignment paper (交办单)
    receipt_confirmed_at = models.DateTimeField(_("receipt confirmed"), null=True, blank=True)
    receipt_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                             related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("handling task")
        verbose_name_plural = _("handling tasks")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "unit"], condition=~Q(status=TaskStatus.CANCELLED), name="task_one_live_per_unit"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="task_unit_status_due"),
            models.Index(fields=["unit", "due_on", "id"], name="task_unit_due"),  # the workbench's "all" tab
            models.Index(fields=["organisation", "status", "due_on"], name="task_org_status_due"),
            # The statistics: units given proposals in a period.
            models.Index(fields=["organisation", "assigned_at"], include=["unit", "status"], name="task_org_assigned"),
        ]

    def __str__(self):
        return f"{self.unit} · {self.get_role_display()}"

    @property
    def replies_itself(self) -> bool:
        return self.role != TaskRole.CO

    @property
    def is_overdue(self) -> bool:
        from .choices import OPEN_TASK_STATES

        return bool(self.due_on and self.status in OPEN_TASK_STATES and self.due_on < timezone.localdate())


class Reply(models.Model):
    """答复: a replying unit's answer; round 2 and up are supplementary replies after a redo."""

    task = models.ForeignKey(HandlingTask, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    text = models.TextField(_("reply"))
    category = models.CharField(_("result category"), max_length=1, choices=ReplyCategory.choices)
    unit_category = models.CharField(_("category given by the unit"), max_length=1, choices=ReplyCategory.choices,
                                     blank=True)
    contact_name = models.CharField(_("contact person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent to the office"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    quality = models.CharField(_("reply quality"), max_length=10, choices=ReplyQuality.choices, blank=True)
    quality_comment = models.CharField(_("comment on the quality"), max_length=300, blank=True)
    # The letter as offices write it: who signed it (签发人), its document number (文号), its 公开属性.
    issuer = models.CharField(_("signed by (签发人)"), max_length=40, blank=True)
    document_number = models.CharField(_("document number (文号)"), max_length=60, blank=True)
    disclosure = models.CharField(_("disclosure"), max_length=12, choices=Disclosure.choices, default=Disclosure.PUBLIC)
    # The measures the unit promises, each with its date ([{"measure": …, "due_on": "YYYY-MM-DD"}]): once the office
    # accepts the reply, each is announced as a promise to follow (``commitment.made``).
    promises = models.JSONField(_("promised measures"), default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["task", "round"]
        constraints = [models.UniqueConstraint(fields=["task", "round"], name="reply_one_per_round")]
        # The statistics: replies accepted in a period, by category.
        indexes = [models.Index(fields=["accepted_at"], include=["category", "task"], name="reply_accepted")]

    def __str__(self):
        return f"{self.task} · {self.round}"

    @property
    def is_supplementary(self) -> bool:
        return self.round > 1


class ContactRecord(models.Model):
    """面商: the unit's contact with the proposer before replying."""

    task = models.ForeignKey(HandlingTask, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=10, choices=ContactWay.choices)
    notes = models.TextField(_("notes"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact with the proposer")
        verbose_name_plural = _("contacts with the proposer")
        ordering = ["contacted_on", "id"]

    def __str__(self):
        return f"{self.contacted_on} {self.get_way_display()}"


class Rating(models.Model):
    """满意度: a proposer's rating of one unit's reply (per round); the office may record one given on paper."""

    task = models.ForeignKey(HandlingTask, on_delete=models.CASCADE, related_name="ratings")
    signer = models.ForeignKey(ProposalSigner, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveSmallIntegerField(default=1)
    value = models.CharField(_("rating"), max_length=12, choices=Satisfaction.choices)
    # the three parts of a split rating (the setting ``proposals.rating_parts``); ``value`` is then derived from
    # them (``choices.overall_satisfaction``)
    attitude = models.CharField(_("handling attitude"), max_length=12, choices=Satisfaction.choices, blank=True)
    communication = models.CharField(_("communication with the proposer"), max_length=12,
                                     choices=Satisfaction.choices, blank=True)
    result = models.CharField(_("handling result"), max_length=12, choices=Satisfaction.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    on_paper = models.BooleanField(_("given on paper"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["task", "round", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "signer", "round"], name="rating_once_per_round")]
        # The statistics: ratings given in a period (satisfaction).
        indexes = [models.Index(fields=["rated_at"], include=["value", "task"], name="rating_rated")]

    def __str__(self):
        return f"{self.signer} · {self.get_value_display()}"


class SupervisionRecord(models.Model):
    """督办: a supervision act on a key proposal (visit, meeting, instruction, note)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supervision")
    kind = models.CharField(_("kind of supervision"), max_length=12, choices=SupervisionKind.choices)
    happened_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")
        ordering = ["-happened_on", "-id"]

    def __str__(self):
        return f"{self.happened_on} {self.get_kind_display()}"


class Award(models.Model):
    """优秀提案 and 先进承办单位, selected once a year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of award"), max_length=20, choices=AwardKind.choices)
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="awards")
    unit = models.ForeignKey(HandlingUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "proposal"], condition=Q(proposal__isnull=False),
                                    name="award_proposal_once"),
            models.UniqueConstraint(fields=["organisation", "year", "unit"], condition=Q(unit__isnull=False),
                                    name="award_unit_once"),
            models.CheckConstraint(
                condition=Q(kind=AwardKind.EXCELLENT_PROPOSAL, proposal__isnull=False, unit__isnull=True)
                | Q(kind=AwardKind.ADVANCED_UNIT, unit__isnull=False, proposal__isnull=True),
                name="award_target_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()}"


class NumberCounter(models.Model):
    """The last proposal number given in a session: locked while numbering, so numbers never repeat."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "session"], name="counter_per_session")]

    def __str__(self):
        return f"{self.session_id}: {self.last}"


class ReminderLog(models.Model):
    """A reminder sent: the daily task sends each kind once a day per task, however often it runs."""

    task = models.ForeignKey(HandlingTask, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    sent_on = models.DateField()
    note = models.TextField(_("note"), blank=True)  # a manual 催办's words to the unit
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["task", "kind", "sent_on"], condition=~Q(kind="manual"),
                                               name="reminder_once_a_day")]

    def __str__(self):
        return f"{self.task_id} {self.kind} {self.sent_on}"


class MemberLetter(models.Model):
    """委员来信: a proposal converted, with the proposer's consent, into a letter the office forwards to a unit."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="letter")
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    status = models.CharField(_("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.RECEIVED)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("handling unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    forward_note = models.TextField(_("note to the unit"), blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer to the letter"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member letter")
        verbose_name_plural = _("member letters")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class JointProposal(models.Model):
    """联合提案: a collective proposal of one committee, or of several together, to a higher committee. Drafted by
    the office of ``organisation``, co-signed by the offices of the other committees (``signers``), then received
    by the higher committee of the deployment (``target``), where it becomes one of its proposals (``proposal``),
    or sent to a committee outside the deployment (``target_name`` alone), whose outcome the office records."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("drafting committee"), on_delete=models.PROTECT,
                                     related_name="joint_proposals")
    target = models.ForeignKey(Organisation, verbose_name=_("higher committee"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="joint_proposals_received")
    target_name = models.CharField(_("committee sent to"), max_length=100, blank=True)
    # The alliance or mechanism (cooperation) whose members make it: shown on the alliance's page, counted in its
    # figures. The drafting committee belongs to it.
    alliance = models.ForeignKey("cooperation.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="joint_proposals")
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=40, blank=True)
    background = models.TextField(_("background"), blank=True)
    suggestions = models.TextField(_("suggestions of the proposal"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=JointStatus.choices, default=JointStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    # The proposers as printed (the drafting committee first), fixed when the proposal leaves.
    proposers_label = models.CharField(_("proposing committees"), max_length=400, blank=True)
    proposal = models.OneToOneField(Proposal, verbose_name=_("proposal of the higher committee"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="joint_origin")
    # What a committee outside the deployment answered, entered by the office.
    outside_number = models.CharField(_("number given by that committee"), max_length=60, blank=True)
    reply_text = models.TextField(_("reply"), blank=True)
    reply_on = models.DateField(_("reply date"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    received_at = models.DateTimeField(_("received by the higher committee"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint proposal of committees")
        verbose_name_plural = _("joint proposals of committees")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(target__isnull=False) | ~Q(target_name=""),
                                   name="joint_has_a_target"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="joint_org_status"),
                   models.Index(fields=["target", "status"], name="joint_target_status")]

    def __str__(self):
        return self.title

    @property
    def is_outside(self) -> bool:
        """Sent to a committee outside the deployment (全国政协, another province): its outcome is recorded."""
        return self.target_id is None

    @property
    def target_label(self) -> str:
        return self.target.short_name if self.target_id else self.target_name


class JointSigner(models.Model):
    """A co-proposing committee: one of the deployment (its office confirms) or one outside it, named, whose
    signature the drafting office records."""

    joint = models.ForeignKey(JointProposal, on_delete=models.CASCADE, related_name="signers")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name of the committee"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=JointSignerStatus.choices,
                              default=JointSignerStatus.SELECTED)
    position = models.PositiveSmallIntegerField(default=0)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("co-proposing committee")
        verbose_name_plural = _("co-proposing committees")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["joint", "organisation"], condition=Q(organisation__isnull=False),
                                    name="joint_signer_once"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="joint_signer_org_status")]

    def __str__(self):
        return self.name

    @property
    def is_outside(self) -> bool:
        return self.organisation_id is None


class JointEvent(TransitionRecord):
    """The history of a joint proposal: drafting, each committee's answer, sending, receipt, outcome."""

    joint = models.ForeignKey(JointProposal, on_delete=models.CASCADE, related_name="events")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("joint proposal event")
        verbose_name_plural = _("joint proposal events")

    def __str__(self):
        return f"{self.joint_id} {self.action}"
