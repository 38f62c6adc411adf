"""People and their seats: a Person is a natural person; a Member is that person's seat in one organisation
for one term."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Affiliation, Gender, MemberPosition, MemberStatus
from ..crypto import EncryptedCharField, KeepsDigests, LookupDigestField
from .organisations import Organisation, Sector, SpecialCommittee, Term


class Person(KeepsDigests):
    name = models.CharField(_("name"), max_length=40, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=12, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # Encrypted at rest (core.crypto); look them up by their keyed hashes, phone_digest and id_number_digest.
    phone = EncryptedCharField(_("mobile phone"), plain_max_length=20, blank=True)
    phone_digest = LookupDigestField(source="phone", db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Sensitive: shown masked everywhere but to administrators (see core.masking).
    id_number = EncryptedCharField(_("ID card number"), plain_max_length=18, blank=True)
    id_number_digest = LookupDigestField(source="id_number", db_index=True)
    affiliation = models.CharField(
        _("political affiliation"), max_length=16, choices=Affiliation.choices, default=Affiliation.NON_PARTY
    )
    work_unit = models.CharField(_("work unit"), max_length=100, blank=True)
    job_title = models.CharField(_("position"), max_length=100, blank=True)
    photo = models.ImageField(_("photo"), upload_to="photos/%Y/", blank=True)
    # The organisation whose office keeps this person's data.
    home_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name



class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def current(self):
        return self.active().filter(term__is_current=True)

    def for_org(self, organisation):
        return self.filter(organisation=organisation)


class Member(models.Model):
    """委员: a person's seat in an organisation for a term."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="seats")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="members")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="members")
    committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name=_("special committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_standing_committee = models.BooleanField(_("standing committee member"), default=False)
    position = models.CharField(
        _("office"), max_length=20, choices=MemberPosition.choices, default=MemberPosition.MEMBER
    )
    status = models.CharField(_("status"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    member_number = models.CharField(_("member number"), max_length=20, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["organisation", "sector__sort_order", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "term"], name="member_one_seat_per_term")
        ]
        indexes = [models.Index(fields=["organisation", "term", "status"], name="member_org_term_status")]

    def __str__(self):
        return self.person.name

    @property
    def name(self) -> str:
        return self.person.name
