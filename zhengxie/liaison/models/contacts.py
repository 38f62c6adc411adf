"""联系制度: the contact duties a committee keeps — a Party-group member contacts a sector, a Party member contacts
non-Party members, a special committee contacts sectors, a member visits the constituents of their sector — each with
its contacts, and the visits and talks logged under it (date, way, who, what was raised, what followed)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Member, Organisation, Sector, SpecialCommittee, TransitionRecord

from ..choices import AssignmentStatus, ContactKind, VisitStatus, VisitWay


class ContactAssignment(models.Model):
    """One contact duty: who contacts (a member, or a special committee) and, through its contacts, whom."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contact_assignments")
    kind = models.CharField(_("kind of contact"), max_length=24, choices=ContactKind.choices)
    member = models.ForeignKey(Member, verbose_name=_("member who contacts"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="contact_assignments")
    committee = models.ForeignKey(SpecialCommittee, verbose_name=_("special committee who contacts"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="contact_assignments")
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.ACTIVE)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact assignment")
        verbose_name_plural = _("contact assignments")
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["organisation", "status"], name="contact_assignment_org_status")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="committee_sector", committee__isnull=False, member__isnull=True)
                           | (~models.Q(kind="committee_sector") & models.Q(member__isnull=False, committee__isnull=True))),
                name="contact_assignment_names_who"),
        ]

    def __str__(self):
        return f"{self.contactor_name}：{self.get_kind_display()}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("liaison:assignment_detail", args=[self.pk])

    @property
    def contactor_name(self) -> str:
        return self.committee.name if self.committee_id else self.member.person.name


class AssignmentTransition(TransitionRecord):
    assignment = models.ForeignKey(ContactAssignment, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("contact assignment history entry")
        verbose_name_plural = _("contact assignment history")


class Contact(models.Model):
    """Whom an assignment contacts: a sector, a (non-Party) member, or a named group of constituents."""

    assignment = models.ForeignKey(ContactAssignment, on_delete=models.CASCADE, related_name="contacts")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    member = models.ForeignKey(Member, verbose_name=_("member contacted"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("constituents contacted"), max_length=100, blank=True,
                            help_text=_("E.g. 秦州区中小学教师代表; leave empty for a sector or a member."))
    is_active = models.BooleanField(_("active"), default=True)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(sector__isnull=False) | models.Q(member__isnull=False)
                                   | ~models.Q(name=""), name="contact_names_someone"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.member_id:
            return self.member.person.name
        if self.name:
            return self.name
        return self.sector.name


class ContactVisit(models.Model):
    """One visit or talk under an assignment: when, how, who took part, what was raised and what followed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contact_visits")
    assignment = models.ForeignKey(ContactAssignment, on_delete=models.PROTECT, related_name="visits")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=12, choices=VisitWay.choices, default=VisitWay.VISIT)
    participants = models.CharField(_("who took part"), max_length=300)
    raised = models.TextField(_("what was raised"), blank=True)
    matters_raised = models.PositiveSmallIntegerField(_("matters raised"), default=0)
    follow_up = models.TextField(_("what followed"), blank=True)
    matters_solved = models.PositiveSmallIntegerField(_("matters solved"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    logged_at = models.DateTimeField(_("logged at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact visit")
        verbose_name_plural = _("contact visits")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["organisation", "visited_on"], name="contact_visit_org_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(matters_solved__lte=models.F("matters_raised")),
                                   name="contact_visit_solved_within_raised"),
        ]

    def __str__(self):
        return f"{self.visited_on}：{self.contact_id}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("liaison:assignment_detail", args=[self.assignment_id])


class VisitTransition(TransitionRecord):
    visit = models.ForeignKey(ContactVisit, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("contact visit history entry")
        verbose_name_plural = _("contact visit history")
