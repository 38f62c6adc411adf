"""Every read of the cooperation app: one permission-filtered queryset per model, scoped by organisation, and the
detail getters built on them (``core.selectors.get_visible``)."""

from django.db.models import Count, Exists, OuterRef, Q

from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import ContributionKind, InvitationResponse
from .models import Alliance, Contribution, Expert, ExpertInvitation, JointActivity, JointOrganiser, PlanItem

# --- experts --------------------------------------------------------------------------------------------------------


def experts_visible_to(user, organisation):
    """The organisation's experts for its offices and leaders; an expert sees their own record only."""
    qs = Expert.objects.filter(organisation=organisation)
    if permissions.sees_cooperation(user, organisation):
        return qs
    mine = permissions.expert_of(user, organisation)
    return qs.filter(pk=mine.pk) if mine else qs.none()


def expert_search(qs, *, field: str = "", q: str = "", alliance_id: int | None = None, active: bool | None = True):
    if field:
        qs = qs.filter(field=field)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(employer__contains=q) | Q(title__contains=q))
    if alliance_id:
        qs = qs.filter(alliances__id=alliance_id)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.annotate(contribution_count=Count("contributions", distinct=True),
                       invitation_count=Count("invitations", distinct=True)).order_by("field", "name", "id")


def expert_get_for_user(user, organisation, pk) -> Expert:
    return get_visible(experts_visible_to(user, organisation).prefetch_related("alliances"), pk,
                       organisation=organisation)


def expert_fields(organisation) -> list[str]:
    return list(Expert.objects.filter(organisation=organisation).order_by("field").values_list("field", flat=True)
                .distinct())


def invitations_visible_to(user, organisation):
    """Experts' invitations to the organisation's activities: its offices and leaders see all, an expert their own."""
    qs = ExpertInvitation.objects.filter(activity__organisation=organisation).select_related(
        "expert", "activity__joint_organiser__joint")
    if permissions.sees_cooperation(user, organisation):
        return qs
    mine = permissions.expert_of(user, organisation)
    return qs.filter(expert=mine).exclude(activity__status="draft") if mine else qs.none()


def invitation_get_for_user(user, organisation, pk) -> ExpertInvitation:
    return get_visible(invitations_visible_to(user, organisation), pk)


def invitations_to_answer(user, organisation):
    mine = permissions.expert_of(user, organisation)
    if mine is None:
        return ExpertInvitation.objects.none()
    return invitations_visible_to(user, organisation).filter(response=InvitationResponse.INVITED)


def contributions_visible_to(user, organisation):
    qs = Contribution.objects.filter(organisation=organisation).select_related("expert", "activity")
    if permissions.sees_cooperation(user, organisation):
        return qs
    mine = permissions.expert_of(user, organisation)
    return qs.filter(expert=mine) if mine else qs.none()


def contribution_counts(qs) -> dict:
    """Contributions by kind, and the adopted suggestions, of a contribution queryset."""
    counts = dict(qs.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {"reports": counts.get(ContributionKind.REPORT, 0), "speeches": counts.get(ContributionKind.SPEECH, 0),
            "suggestions": counts.get(ContributionKind.SUGGESTION, 0),
            "adopted": qs.filter(adopted_at__isnull=False).count()}


# --- alliances ------------------------------------------------------------------------------------------------------


def alliances_visible_to(user, organisation):
    """The alliances the organisation belongs to (or keeps), for its offices and leaders."""
    if not permissions.sees_cooperation(user, organisation):
        return Alliance.objects.none()
    return (Alliance.objects.filter(Q(organisation=organisation) | Q(members__committee=organisation)).distinct()
            .select_related("organisation"))


def alliances_of_committee(organisation):
    """The active alliances a committee is a member of: those a joint proposal can be made in the name of."""
    from .choices import AllianceStatus

    return (Alliance.objects.filter(members__committee=organisation, status=AllianceStatus.ACTIVE).distinct()
            .order_by("name"))


def alliance_get_for_user(user, organisation, pk) -> Alliance:
    qs = alliances_visible_to(user, organisation).prefetch_related("members__committee", "members__outside",
                                                                    "rota__host__committee", "rota__host__outside")
    return get_visible(qs, pk)


def alliance_figures(alliance) -> dict:
    """What an alliance's page counts: its joint activities (not cancelled) and their outcome reports, the joint
    proposals made in its name (sent) and those registered above (proposals' figures count them the same way)."""
    from zhengxie.proposals.models import JointProposal

    from .choices import JointStatus

    activities = alliance.joint_activities.exclude(status=JointStatus.CANCELLED).aggregate(
        n=Count("pk"), reported=Count("pk", filter=Q(status=JointStatus.REPORTED)))
    proposals = JointProposal.objects.filter(alliance=alliance, sent_at__isnull=False).aggregate(
        n=Count("pk"), registered=Count("pk", filter=Q(registered_at__isnull=False)))
    return {"activities": activities["n"], "reported": activities["reported"], "proposals": proposals["n"],
            "registered": proposals["registered"]}


def alliance_joint_proposals(user, organisation, alliance):
    """The alliance's joint proposals this committee may open (it drafted, co-signs or received them): another
    member committee's proposal is counted on the page, never shown."""
    from zhengxie.proposals.selectors import joint_proposals_visible_to

    return (joint_proposals_visible_to(user, organisation).filter(alliance=alliance)
            .select_related("organisation", "target", "proposal").order_by("-sent_at", "-id"))


def plan_items_of(alliance, year: int | None = None):
    qs = PlanItem.objects.filter(alliance=alliance).select_related("lead__committee", "lead__outside")
    return qs.filter(year=year) if year else qs


# --- joint activities -----------------------------------------------------------------------------------------------


def joints_visible_to(user, organisation):
    """Joint activities the organisation organises (leads or co-organises), for its offices and leaders: a
    committee never sees another's joint activity it does not co-organise."""
    if not permissions.sees_cooperation(user, organisation):
        return JointActivity.objects.none()
    mine = JointOrganiser.objects.filter(joint=OuterRef("pk"), organisation=organisation)
    return JointActivity.objects.filter(Exists(mine)).select_related("organisation", "alliance")


def joint_search(qs, *, kind: str = "", status: str = "", year: int | None = None, q: str = ""):
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(starts_on__year=year)
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(place__contains=q))
    # grouped by the count: Meta.ordering no longer applies, so the list orders itself
    return qs.annotate(organiser_count=Count("organisers", distinct=True)).order_by("-starts_on", "-id")


def joint_get_for_user(user, organisation, pk) -> JointActivity:
    return get_visible(joints_visible_to(user, organisation), pk)


def organisers_of(joint):
    return (JointOrganiser.objects.filter(joint=joint).select_related("organisation", "activity")
            .annotate(participant_count=Count("activity__participants", distinct=True),
                      expert_count=Count("activity__expert_invitations", distinct=True)))


def joints_without_my_activity(user, organisation):
    """To-do of an organiser's office: joint activities under way where its own activity is not linked yet."""
    if not permissions.is_office(user, organisation):
        return JointActivity.objects.none()
    return joints_visible_to(user, organisation).filter(
        status="planned", organisers__organisation=organisation, organisers__activity__isnull=True)


def joint_of_loaded_activity(activity):
    """The joint activity of an activity loaded with ``select_related("activity__joint_organiser__joint")`` (no
    query), or None."""
    try:
        return activity.joint_organiser.joint
    except JointOrganiser.DoesNotExist:
        return None


def joint_of_activity(activity):
    organiser = JointOrganiser.objects.filter(activity=activity).select_related("joint").first()
    return organiser.joint if organiser else None


def deliberations_of(*, joint=None, alliance=None):
    """The topics opened to several committees by a joint activity or an alliance (any committee that sees the
    joint activity or the alliance sees their titles; the topic's page follows its own visibility)."""
    from .models import SharedDeliberation

    qs = SharedDeliberation.objects.select_related("topic__organisation")
    qs = qs.filter(joint=joint) if joint is not None else qs.filter(alliance=alliance)
    return [d.topic for d in qs.order_by("-topic__opens_at", "-id")]
