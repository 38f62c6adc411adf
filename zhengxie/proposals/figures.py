"""The proposals' figures for the statistics: received, registered, merged, rejected, 办复率, 办结率, the replies'
categories, satisfaction, key and excellent proposals, handling units. A proposal counts in the period in which it was
submitted (outcomes of review), registered (handling rates) or answered (replies, ratings)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import HandlingUnit
from zhengxie.stats.registry import RATE, Figure, register_figure

from .choices import (
    REPLYING_ROLES,
    AwardKind,
    JointSignerStatus,
    JointStatus,
    KeyState,
    ProposalStatus,
    ReplyCategory,
    Satisfaction,
    TaskStatus,
)
from .models import Award, HandlingTask, JointProposal, JointSigner, Proposal, Rating, Reply

GROUP = _("Proposals")
REPLIED_PROPOSAL_STATES = (ProposalStatus.EVALUATING, ProposalStatus.CLOSED)


def _proposals(scope, field):
    return Proposal.objects.filter(organisation_id__in=scope.org_ids, **{f"{field}__range": scope.datetime_range}
                                   ).select_related("organisation", "first_proposer__person", "body")


def _received(scope):
    return _proposals(scope, "submitted_at")


def _registered(scope):
    return _proposals(scope, "registered_at")


def _replies(scope, category):
    return Reply.objects.filter(task__organisation_id__in=scope.org_ids, accepted_at__range=scope.datetime_range,
                                task__role__in=REPLYING_ROLES, category=category
                                ).select_related("task__proposal", "task__unit", "task__organisation")


def _ratings(scope):
    return Rating.objects.filter(task__organisation_id__in=scope.org_ids, rated_at__range=scope.datetime_range
                                 ).select_related("task__proposal", "task__unit", "task__organisation")


def _units(scope):
    tasks = HandlingTask.objects.filter(organisation_id__in=scope.org_ids, assigned_at__range=scope.datetime_range
                                        ).exclude(status=TaskStatus.CANCELLED)
    return HandlingUnit.objects.filter(pk__in=tasks.values("unit_id")).select_related("organisation")


REPLY = _("Replies of lead and single handling units accepted by the office in the period, by the category the "
          "office confirmed; co-handlers' input is excluded.")

FIGURES = [
    Figure("proposals.received", _("Proposals received"), GROUP, records=_received, unit=_("items"),
           order=200, seed=_("1,050 proposals in a term (Tianshui); 497 received in a year (Suzhou)"),
           sentence=_("%(value)s proposals received"), date_field="submitted_at",
           definition=_("Proposals received in the period, counted on the day each was submitted to the office; drafts "
                        "and proposals still seeking co-signers are not counted, withdrawn ones still are.")),
    Figure("proposals.registered", _("Proposals registered"), GROUP, records=_registered, unit=_("items"),
           order=201, seed=_("258 registered of 288 (Tianshui, 2021)"), sentence=_("%(value)s registered"),
           date_field="registered_at",
           definition=_("Proposals registered (立案) in the period, counted on the day of registration; merged and "
                        "rejected proposals are excluded.")),
    Figure("proposals.merged", _("Proposals merged"), GROUP,
           records=lambda s: _received(s).filter(status=ProposalStatus.MERGED), unit=_("items"), order=202,
           seed=_("14 merged (Tianshui, 2021)"), date_field="submitted_at",
           definition=_("Proposals received in the period that were merged into another (并案); the proposal they "
                        "were merged into is counted as registered.")),
    Figure("proposals.rejected", _("Proposals not registered"), GROUP,
           records=lambda s: _received(s).filter(status=ProposalStatus.REJECTED), unit=_("items"), order=203,
           seed=_("16 not registered (Tianshui, 2021)"), date_field="submitted_at",
           definition=_("Proposals received in the period that the office did not register (不予立案), with a ground.")),
    Figure("proposals.reply_rate", _("Reply rate (办复率)"), GROUP, records=_registered, measure=RATE,
           part=Q(status__in=REPLIED_PROPOSAL_STATES), order=204, seed=_("100% replied (Suzhou)"),
           sentence=_("a reply rate of %(value)s"), date_field="registered_at",
           definition=_("Of the proposals registered in the period, the share whose replies have all been sent to the "
                        "proposers (awaiting rating or closed), as of today."),
           empty_reason=_("No proposal was registered in the period.")),
    Figure("proposals.closed_rate", _("Closure rate (办结率)"), GROUP, records=_registered, measure=RATE,
           part=Q(status=ProposalStatus.CLOSED), order=205, seed=_("办结率 100% (Tianshui)"),
           sentence=_("a closure rate of %(value)s"), date_field="registered_at",
           definition=_("Of the proposals registered in the period, the share closed (rated or the rating period "
                        "over), as of today."),
           empty_reason=_("No proposal was registered in the period.")),
    Figure("proposals.units", _("Handling units with assigned proposals"), GROUP, records=_units, unit=_("units"),
           order=206, seed=_("85 handling units (Suzhou)"),
           definition=_("Distinct handling units given at least one proposal in the period (the day of "
                        "assignment); cancelled assignments are excluded.")),
    Figure("proposals.replies_a", _("Replies in category A"), GROUP,
           records=lambda s: _replies(s, ReplyCategory.A), unit=_("items"), order=207,
           seed=_("A/B/C = 442/19/7 (Suzhou)"), date_field="accepted_at", definition=REPLY),
    Figure("proposals.replies_b", _("Replies in category B"), GROUP, records=lambda s: _replies(s, ReplyCategory.B),
           unit=_("items"), order=208, date_field="accepted_at", definition=REPLY),
    Figure("proposals.replies_c", _("Replies in category C"), GROUP, records=lambda s: _replies(s, ReplyCategory.C),
           unit=_("items"), order=209, date_field="accepted_at", definition=REPLY),
    Figure("proposals.satisfaction", _("Proposers satisfied or basically satisfied"), GROUP, records=_ratings,
           measure=RATE, part=Q(value__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY]), order=210,
           seed=_("100% satisfied (Suzhou)"), sentence=_("%(value)s of proposers satisfied"), date_field="rated_at",
           definition=_("Of the ratings given in the period (one per proposer and reply), the share satisfied or "
                        "basically satisfied."),
           empty_reason=_("No reply was rated in the period.")),
    Figure("proposals.key", _("Key proposals"), GROUP,
           records=lambda s: _registered(s).filter(key_state=KeyState.APPROVED), unit=_("items"), order=211,
           sentence=_("%(value)s key proposals supervised"), date_field="registered_at",
           definition=_("Proposals registered in the period that the chair's council approved as key proposals.")),
    Figure("proposals.excellent", _("Excellent proposals"), GROUP,
           records=lambda s: Award.objects.filter(organisation_id__in=s.org_ids, year__in=s.years,
                                                  kind=AwardKind.EXCELLENT_PROPOSAL).select_related("organisation"),
           unit=_("items"), order=212,
           definition=_("Excellent-proposal awards of the years the period touches.")),
]


def _joint_made(scope, field="sent_at"):
    """Joint proposals of the committees in scope, as drafter or as a co-signer whose office confirmed."""
    cosigned = JointSigner.objects.filter(organisation_id__in=scope.org_ids, status=JointSignerStatus.CONFIRMED)
    return JointProposal.objects.filter(
        Q(organisation_id__in=scope.org_ids) | Q(pk__in=cosigned.values("joint_id")),
        **{f"{field}__range": scope.datetime_range}).select_related("organisation", "target")


FIGURES += [
    Figure("proposals.joint_made", _("Joint proposals of committees made"), GROUP, records=_joint_made,
           unit=_("items"), order=213, date_field="sent_at",
           seed=_("Joint proposals of the five Hexi cities' committees (Jiuquan)"),
           sentence=_("%(value)s joint proposals made with other committees"),
           definition=_("Joint proposals sent to a higher committee in the period (the day they left) by a committee "
                        "in scope, as the drafting committee or as a co-proposer whose office confirmed; drafts and "
                        "those still being co-signed are not counted.")),
    Figure("proposals.joint_registered", _("Joint proposals of committees registered above"), GROUP,
           records=lambda s: _joint_made(s, "registered_at"), unit=_("items"), order=214, date_field="registered_at",
           seed=_("“被省政协和全国政协审核立案” (Jiuquan)"),
           definition=_("Joint proposals of the committees in scope (drafted or co-signed) registered in the period by "
                        "the higher committee: of the platform on the day of its registration, outside it (全国政协, "
                        "another province) on the day the office recorded.")),
    Figure("proposals.joint_registered_outside", _("Joint proposals registered outside the platform"), GROUP,
           records=lambda s: _joint_made(s, "registered_at").filter(target__isnull=True,
                                                                    status=JointStatus.REGISTERED),
           unit=_("items"), order=215, date_field="registered_at",
           definition=_("Of the joint proposals registered above, those registered by a committee outside the "
                        "platform (the national committee, another province), as the office recorded.")),
    Figure("proposals.joint_of_alliances", _("Joint proposals made in the name of alliances"), GROUP,
           records=lambda s: _joint_made(s).filter(alliance__isnull=False).select_related("alliance"),
           unit=_("items"), order=217, date_field="sent_at", org_field=None,
           seed=_("The joint proposals of the “共建河西走廊经济带” think-tank alliance (Jiuquan)"),
           definition=_("Of the joint proposals made, those made in the name of an alliance or cooperation mechanism "
                        "(the drafting committee belongs to it), counted for each committee in scope that drafted "
                        "or co-signed one.")),
    Figure("proposals.joint_received", _("Joint proposals received from lower committees"), GROUP,
           records=lambda s: JointProposal.objects.filter(target_id__in=s.org_ids,
                                                          received_at__range=s.datetime_range
                                                          ).select_related("organisation", "target"),
           unit=_("items"), order=216, date_field="received_at", org_field="target",
           definition=_("Joint proposals of lower committees that a committee in scope received in the period (the "
                        "day of receipt); each then counts among that committee's proposals received.")),
]
for _figure in FIGURES:
    register_figure(_figure)
