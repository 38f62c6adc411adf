"""The writes of think-tank experts: the record (with its encrypted contact data), the account linked to it, the
invitations to activities and the expert's answer, attendance, contributions and their adoption."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.activities.choices import ActivityStatus
from zhengxie.core import permissions as core_permissions
from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log, notify
from zhengxie.core.validation import is_mobile, normalise_phone

from .. import permissions
from ..choices import ContributionKind, InvitationResponse
from ..models import Alliance, Contribution, Expert, ExpertInvitation, InvitationEvent
from ..workflow import INVITATION_WORKFLOW
from .common import clean_text

EXPERT_FIELDS = ("name", "field", "employer", "title", "phone", "email")


def _clean_expert(organisation, data: dict) -> dict:
    errors = {}

    def text(key, max_length, message=None):
        try:
            return clean_text(data.get(key), max_length=max_length, required_message=message)
        except DomainError as exc:
            errors[key] = str(exc)
            return ""

    cleaned = {"name": text("name", 40, _("Give the expert's name.")), "field": text("field", 60, _("Give the expert's field.")),
               "employer": text("employer", 100), "title": text("title", 60),
               "phone": normalise_phone(data.get("phone")), "email": text("email", 100)}
    if cleaned["phone"] and not is_mobile(cleaned["phone"]):
        errors["phone"] = _("Enter an 11-digit mobile number.")
    if cleaned["email"] and ("@" not in cleaned["email"] or " " in cleaned["email"]):
        errors["email"] = _("Enter a valid e-mail address.")
    if errors:
        raise DomainError("；".join(errors.values()) if len(errors) == 1 else _("Please correct the marked fields."),
                          errors=errors)
    return cleaned


def _alliances(organisation, alliances) -> list[Alliance]:
    """The alliances chosen for an expert: only those the committee keeps or belongs to."""
    ids = {getattr(a, "pk", a) for a in alliances or ()}
    found = list(Alliance.objects.filter(pk__in=ids)
                 .filter(Q(organisation=organisation) | Q(members__committee=organisation)).distinct())
    if len(found) != len(ids):
        raise DomainError(_("An expert joins only alliances that the committee belongs to."))
    return found


def expert_create(*, actor, organisation, data: dict, alliances=()) -> Expert:
    if not permissions.can_manage_experts(actor, organisation):
        raise NotAllowed()
    cleaned = _clean_expert(organisation, data)
    chosen = _alliances(organisation, alliances)
    with transaction.atomic():
        expert = Expert.objects.create(organisation=organisation, **cleaned)
        expert.alliances.set(chosen)
        audit_log(actor=actor, organisation=organisation, action="cooperation.expert.created", obj=expert,
                  changes={"name": expert.name, "field": expert.field, "phone": expert.phone})
    return expert


def expert_update(*, actor, expert: Expert, data: dict, alliances=(), version: int | None = None) -> Expert:
    organisation = expert.organisation
    cleaned = _clean_expert(organisation, data)
    chosen = _alliances(organisation, alliances)
    with transaction.atomic():
        expert = transitions.lock(Expert, expert, version=version,
                                  allowed=lambda row: permissions.can_manage_experts(actor, row.organisation))
        changes = {k: v for k, v in cleaned.items() if getattr(expert, k) != v}
        for key, value in cleaned.items():
            setattr(expert, key, value)
        transitions.bump(expert, *EXPERT_FIELDS)
        expert.alliances.set(chosen)
        audit_log(actor=actor, organisation=organisation, action="cooperation.expert.updated", obj=expert,
                  changes=changes)
    return expert


def expert_set_active(*, actor, expert: Expert, active: bool, version: int | None = None) -> Expert:
    with transaction.atomic():
        expert = transitions.lock(Expert, expert, version=version,
                                  allowed=lambda row: permissions.can_manage_experts(actor, row.organisation))
        expert.is_active = active
        transitions.bump(expert, "is_active")
        audit_log(actor=actor, organisation=expert.organisation, action="cooperation.expert.activated" if active
                  else "cooperation.expert.deactivated", obj=expert)
    if expert.user_id:
        core_permissions.forget(expert.user)
    return expert


def expert_link_account(*, actor, expert: Expert, user, version: int | None = None) -> Expert:
    """Link the account of the expert: one the system administrator opened and to which the security administrator
    gave the role of think-tank expert in this organisation (三员: the office neither opens accounts nor grants
    roles). ``user`` None unlinks."""
    if user is not None and not core_permissions.has_role(user, expert.organisation, Role.EXPERT):
        raise DomainError(_("This account does not hold the role of think-tank expert in the organisation: the "
                            "security administrator grants it first."), code="no_expert_role")
    if user is not None and core_permissions.roles_in(user, expert.organisation) - {Role.EXPERT}:
        raise DomainError(_("An expert's account holds no other role in the organisation."), code="other_roles")
    with transaction.atomic():
        expert = transitions.lock(Expert, expert, version=version,
                                  allowed=lambda row: permissions.can_manage_experts(actor, row.organisation))
        previous = expert.user
        expert.user = user
        try:
            with transaction.atomic():
                transitions.bump(expert, "user")
        except IntegrityError:
            raise DomainError(_("This account is already linked to another expert."), code="taken") from None
        audit_log(actor=actor, organisation=expert.organisation, action="cooperation.expert.account_linked",
                  obj=expert, changes={"user": getattr(user, "username", None)})
    for account in (previous, user):
        if account is not None:
            core_permissions.forget(account)
    return expert


# --- invitations ----------------------------------------------------------------------------------------------------


def expert_invite(*, actor, activity, experts) -> list[ExpertInvitation]:
    """Invite experts of the activity's organisation; an expert already invited is left as they were. The experts
    with an account are told."""
    if not permissions.can_invite_experts(actor, activity):
        raise NotAllowed()
    if activity.status in (ActivityStatus.CLOSED, ActivityStatus.CANCELLED):
        raise DomainError(_("Experts are invited to an activity that is not closed or cancelled."))
    experts = list(experts)
    if not experts:
        raise DomainError(_("Choose at least one expert."))
    if any(e.organisation_id != activity.organisation_id or not e.is_active for e in experts):
        raise DomainError(_("Only the organisation's active experts can be invited."))
    with transaction.atomic():
        existing = set(ExpertInvitation.objects.filter(activity=activity).values_list("expert_id", flat=True))
        created = [ExpertInvitation.objects.create(expert=e, activity=activity, invited_by=actor)
                   for e in experts if e.pk not in existing]
        audit_log(actor=actor, organisation=activity.organisation, action="cooperation.experts.invited", obj=activity,
                  changes={"experts": [i.expert_id for i in created]})
        users = [i.expert.user for i in created if i.expert.user_id]
        if users and activity.status == ActivityStatus.PUBLISHED:
            from django.urls import reverse

            notify(recipients=users, organisation=activity.organisation, code="cooperation.expert_invited",
                   title=_("You are invited: %(title)s"), params={"title": activity.title},
                   url=reverse("cooperation:my_invitations"), obj=activity)
    return created


def invitation_answer(*, actor, invitation: ExpertInvitation, accept: bool,
                      version: int | None = None) -> ExpertInvitation:
    with transaction.atomic():
        invitation = transitions.lock(ExpertInvitation, invitation,
                                      version=version, allowed=lambda row: permissions.can_answer(actor, row))
        if invitation.activity.status != ActivityStatus.PUBLISHED or invitation.activity.ends_at < timezone.now():
            raise DomainError(_("The activity is over or not open: the answer can no longer change."))
        answer = InvitationResponse.ACCEPTED if accept else InvitationResponse.DECLINED
        if invitation.response == answer:  # the same answer again (a double tap): nothing changes
            return invitation
        invitation.responded_at = timezone.now()
        transitions.transition(invitation, "accept" if accept else "decline", workflow=INVITATION_WORKFLOW,
                               actor=actor, history=InvitationEvent, history_for={"invitation": invitation},
                               state_field="response", fields=["responded_at"], audit="cooperation.invitation.answered",
                               organisation=invitation.activity.organisation,
                               audit_changes={"response": answer})
    return invitation


def invitation_set_attended(*, actor, invitation: ExpertInvitation, attended: bool,
                            version: int | None = None) -> ExpertInvitation:
    with transaction.atomic():
        invitation = transitions.lock(ExpertInvitation, invitation, version=version,
                                      allowed=lambda row: permissions.can_invite_experts(actor, row.activity))
        if attended and invitation.activity.starts_at > timezone.now():
            raise DomainError(_("Attendance is recorded once the activity has begun."))
        invitation.attended = attended
        transitions.bump(invitation, "attended")
        audit_log(actor=actor, organisation=invitation.activity.organisation,
                  action="cooperation.invitation.attendance", obj=invitation, changes={"attended": attended})
    return invitation


# --- contributions --------------------------------------------------------------------------------------------------


def contribution_record(*, actor, expert: Expert, kind: str, title: str, summary: str = "", made_on: dt.date,
                        activity=None) -> Contribution:
    if not permissions.can_manage_experts(actor, expert.organisation):
        raise NotAllowed()
    if kind not in ContributionKind.values:
        raise DomainError(_("Choose the kind of contribution."))
    if activity is not None and activity.organisation_id != expert.organisation_id:
        raise DomainError(_("The activity belongs to another organisation."))
    if made_on > timezone.localdate():
        raise DomainError(_("A contribution is recorded once it is made: the date cannot be in the future."))
    title = clean_text(title, max_length=200, required_message=_("Give the title of the contribution."))
    with transaction.atomic():
        contribution = Contribution.objects.create(
            organisation=expert.organisation, expert=expert, kind=kind, title=title,
            summary=clean_text(summary, max_length=4000, multiline=True), made_on=made_on, activity=activity,
            recorded_by=actor)
        audit_log(actor=actor, organisation=expert.organisation, action="cooperation.contribution.recorded",
                  obj=contribution, changes={"expert": expert.pk, "kind": kind})
    return contribution


def contribution_adopt(*, actor, contribution: Contribution, adopted_by: str) -> Contribution:
    """采纳: the suggestion (or report) was adopted by a Party or government body, named by the office."""
    adopted_by = clean_text(adopted_by, max_length=100, required_message=_("Say who adopted it."))
    with transaction.atomic():
        contribution = transitions.lock(Contribution, contribution,
                                        allowed=lambda row: permissions.can_manage_experts(actor, row.organisation))
        if contribution.adopted_at is not None:
            raise DomainError(_("This contribution is already recorded as adopted."))
        contribution.adopted_at, contribution.adopted_by = timezone.now(), adopted_by
        contribution.save(update_fields=["adopted_at", "adopted_by"])
        audit_log(actor=actor, organisation=contribution.organisation, action="cooperation.contribution.adopted",
                  obj=contribution, changes={"adopted_by": adopted_by})
    return contribution
