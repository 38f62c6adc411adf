"""The proposals app in the shell: navigation entries and the to-do items of each role (counts from cheap,
indexed queries)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core import permissions as core
from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors
from .choices import REPLYING_ROLES, KeyState, ProposalStatus, SignerStatus, TaskStatus
from .models import HandlingTask, Proposal, ProposalSigner, Rating


def _org(request):
    return getattr(request, "organisation", None)


def _lists_visible(request) -> bool:
    org = _org(request)
    return permissions.can_use_list(request.user, org) and not (
        permissions.is_unit_user(request.user, org) and not core.is_staff_of(request.user, org)
        and core.current_member(request.user, org) is None)


register_nav(NavItem(key="proposals", label=gettext_lazy("Proposals"), url_name="proposals:list", icon="file-earmark-text",
                     order=10, prefix="/proposals/", visible=_lists_visible))
register_nav(NavItem(key="proposal_units", label=gettext_lazy("Assigned proposals"), url_name="proposals:workbench",
                     icon="briefcase", order=11, prefix="/proposals/unit/",
                     visible=lambda request: permissions.is_unit_user(request.user, _org(request))))


def _item(count, label, url, *, priority=50, tone="primary", icon="file-earmark-text"):
    return TodoItem(label=label % {"n": count}, count=count, url=url, priority=priority, tone=tone, icon=icon)


@todo_provider
def proposer_todos(request):
    org = _org(request)
    seat = core.current_member(request.user, org)
    bodies = core.body_ids_of(request.user, org)
    if seat is None and not bodies:
        return
    own = selectors.mine(request.user, org)
    counts = own.aggregate(
        returned=Count("pk", filter=Q(status=ProposalStatus.RETURNED)),
        consent=Count("pk", filter=Q(status=ProposalStatus.CONVERSION_PENDING)),
        drafts=Count("pk", filter=Q(status=ProposalStatus.DRAFT)),
    )
    signer_q = Q(member=seat) if seat is not None else Q(pk__in=[])
    if bodies:
        signer_q |= Q(body_id__in=bodies, role="body")
    invited = ProposalSigner.objects.filter(signer_q, status=SignerStatus.INVITED, proposal__organisation=org,
                                            proposal__status=ProposalStatus.COSIGNING).count()
    mine_signers = ProposalSigner.objects.filter(signer_q, status=SignerStatus.CONFIRMED, proposal__organisation=org,
                                                 proposal__status=ProposalStatus.EVALUATING).exclude(role="drafter")
    rated = Rating.objects.filter(task=OuterRef("pk"), signer=OuterRef(OuterRef("pk")), round=OuterRef("round"))
    unrated = HandlingTask.objects.filter(proposal=OuterRef("proposal"), status=TaskStatus.ACCEPTED,
                                          role__in=REPLYING_ROLES).exclude(Exists(rated))
    to_rate = mine_signers.filter(Exists(unrated)).count()
    base = reverse("proposals:list") + "?scope=mine"
    yield _item(invited, _("%(n)d proposals invite you to co-sign"), base + "&status=cosigning", priority=5, tone="danger",
                icon="people")
    yield _item(to_rate, _("%(n)d proposals wait for your rating of the reply"), base + "&status=evaluating", priority=6, tone="danger",
                icon="star")
    yield _item(counts["returned"], _("%(n)d proposals were returned for revision"), base + "&status=returned",
                priority=8, tone="warning")
    yield _item(counts["consent"], _("%(n)d proposals wait for your consent to a conversion"),
                base + "&status=conversion_pending", priority=9, tone="warning")
    yield _item(counts["drafts"], _("%(n)d drafts not yet submitted"), base + "&status=draft", priority=60, tone="secondary", icon="pencil")


@todo_provider
def office_todos(request):
    org = _org(request)
    if not permissions.is_office(request.user, org):
        return
    c = selectors.counts_for_office(org)
    review = reverse("proposals:review")
    desk = reverse("proposals:handling")
    yield _item(c["prereview"], _("%(n)d proposals wait for pre-review"), review + "?tab=submitted", priority=10)
    yield _item(c["review"], _("%(n)d proposals wait for review"), review + "?tab=reviewing", priority=11)
    yield _item(c["assign"], _("%(n)d registered proposals wait for assignment"), review + "?tab=registered", priority=12)
    yield _item(c["replies"], _("%(n)d replies wait for your review"), desk + "?tab=replies", priority=13, tone="danger")
    yield _item(c["objections"], _("%(n)d objections to assignments"), desk + "?tab=objections", priority=14, tone="warning")
    yield _item(c["extensions"], _("%(n)d extension requests"), desk + "?tab=extensions", priority=15, tone="warning")
    yield _item(c["close"], _("%(n)d proposals whose rating time is over can be closed"), review + "?tab=evaluating",
                priority=30, tone="success")


@todo_provider
def leader_and_party_todos(request):
    org = _org(request)
    if permissions.is_leader(request.user, org):
        n = Proposal.objects.filter(organisation=org, key_state=KeyState.NOMINATED).count()
        yield _item(n, _("%(n)d key proposals wait for your approval"), reverse("proposals:key"), priority=10, tone="danger",
                    icon="flag")
    if permissions.is_party_gov(request.user, org):
        n = selectors.assignments_to_confirm(request.user, org).count()
        yield _item(n, _("%(n)d assignments wait for your confirmation"), reverse("proposals:confirmations"),
                    priority=10, tone="danger")


@todo_provider
def unit_todos(request):
    """Each count is the length of the tab it opens: both come from `selectors.unit_task_filter`."""
    org = _org(request)
    if not permissions.unit_ids(request.user, org):
        return
    tasks = selectors.unit_tasks(request.user, org)

    def count(state):
        return selectors.unit_task_filter(tasks, state=state).count()

    desk = reverse("proposals:workbench")
    yield _item(count("overdue"), _("%(n)d replies are overdue"), desk + "?tab=overdue", priority=3, tone="danger",
                icon="alarm")
    if permissions.leader_unit_ids(request.user, org):
        yield _item(count("signoff"), _("%(n)d replies wait for your sign-off"), desk + "?tab=signoff", priority=4,
                    tone="danger")
    yield _item(count("countersign"), _("%(n)d replies wait for your countersignature"), desk + "?tab=countersign",
                priority=5)
    yield _item(count("open"), _("%(n)d assigned proposals are being handled"), desk + "?tab=open", priority=20)
    yield _item(selectors.awaiting_receipt(request.user, org).count(),
                _("%(n)d assignments wait for your unit's receipt"), desk, priority=6, tone="warning", icon="receipt")


@todo_provider
def joint_todos(request):
    """The co-signing office's confirmations, the higher office's receipts and the co-proposing committees' ratings:
    the lengths of the tabs they open."""
    org = _org(request)
    if not permissions.is_office(request.user, org):
        return
    base = reverse("proposals:joint_list")
    yield _item(selectors.joints_to_cosign(request.user, org).count(),
                _("%(n)d joint proposals of other committees wait for your committee's signature"), base + "?tab=cosign",
                priority=7, tone="danger", icon="people")
    yield _item(selectors.joints_to_receive(request.user, org).count(),
                _("%(n)d joint proposals of lower committees wait for your receipt"), base + "?tab=receive",
                priority=9, tone="warning", icon="inbox")
    yield _item(selectors.joints_to_rate(request.user, org).count(),
                _("%(n)d joint proposals wait for your committee's rating of the reply"), base + "?tab=rate",
                priority=7, tone="danger", icon="star")
