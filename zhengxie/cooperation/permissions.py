"""Who may do what in the cooperation app, as small predicates reused by views, the API, templates and tests.

The committee's offices (and its leaders, who read) keep their organisation's experts and take part in alliances
their committee belongs to; an alliance is managed by the office of the committee that keeps it. A joint activity is
seen by the staff of its organising committees only, and each organiser manages its own part (its activity, its
invitations); the lead committee adds co-organisers and files the one outcome report. A think-tank expert sees their
own invitations and contributions and nothing else: the role gives no right in any other app."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role

OFFICE_ROLES = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.PROPOSAL_OFFICE, Role.INFORMATION_OFFICE,
                Role.ADMINISTRATOR)


def is_office(user, organisation) -> bool:
    return organisation is not None and core.has_role(user, organisation, *OFFICE_ROLES)


def sees_cooperation(user, organisation) -> bool:
    """The offices and the leaders: the section's lists (experts, alliances, joint activities)."""
    return organisation is not None and core.has_role(user, organisation, *OFFICE_ROLES, Role.LEADER)


def sees_contacts(user, organisation) -> bool:
    """An expert's phone and e-mail unmasked: the office's administrator, like members' personal data."""
    return core.is_admin_of(user, organisation)


def expert_of(user, organisation):
    """The expert record of the user's account in ``organisation``, if the user is an active expert there."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return None

    def find():
        from .models import Expert

        if not core.has_role(user, organisation, Role.EXPERT):
            return None
        return Expert.objects.filter(user=user, organisation=organisation, is_active=True).first()

    return core.request_cached(user, "cooperation.expert", getattr(organisation, "pk", organisation), find)


def is_expert(user, organisation) -> bool:
    return expert_of(user, organisation) is not None


def can_manage_experts(user, organisation) -> bool:
    return is_office(user, organisation)


def can_manage_alliance(user, alliance) -> bool:
    return is_office(user, alliance.organisation)


def can_create_joint(user, organisation) -> bool:
    return is_office(user, organisation)


def can_lead_joint(user, joint) -> bool:
    """The lead committee's office: co-organisers, the outcome report, cancelling."""
    return is_office(user, joint.organisation)


def can_manage_part(user, organiser) -> bool:
    """An organising committee's office: its own activity in the joint activity (and so its participants)."""
    return is_office(user, organiser.organisation)


def can_answer(user, invitation) -> bool:
    return invitation.expert.user_id is not None and invitation.expert.user_id == user.pk


def can_invite_experts(user, activity) -> bool:
    return is_office(user, activity.organisation)
