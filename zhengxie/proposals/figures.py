"""The proposals' figures for the statistics: received, registered, merged, rejected, 办复率, 办结率, the replies'
categories, satisfaction, key and excellent proposals, handling units. A proposal counts in the period in which it was
submitted (outcomes of review), registered (handling rates) or answered (replies, ratings)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from zhengxie.stats.registry import Figure, ratio, register_figure

from .choices import (
    REPLYING_ROLES,
    AwardKind,
    KeyState,
    ProposalStatus,
    ReplyCategory,
    Satisfaction,
    TaskStatus,
)
from .models import Award, HandlingTask, Proposal, Rating, Reply

GROUP = _("Proposals")
REPLIED_PROPOSAL_STATES = (ProposalStatus.EVALUATING, ProposalStatus.CLOSED)


def _received(scope):
    return Proposal.objects.filter(organisation_id__in=scope.org_ids, submitted_at__range=scope.datetime_range)


def _registered(scope):
    return Proposal.objects.filter(organisation_id__in=scope.org_ids, registered_at__range=scope.datetime_range)


def _replies(scope):
    return Reply.objects.filter(task__organisation_id__in=scope.org_ids, accepted_at__range=scope.datetime_range,
                                task__role__in=REPLYING_ROLES)


def _rate(qs, condition):
    counts = qs.aggregate(total=Count("pk"), part=Count("pk", filter=condition))
    return ratio(counts["part"], counts["total"])


def _satisfaction(scope):
    counts = Rating.objects.filter(task__organisation_id__in=scope.org_ids, rated_at__range=scope.datetime_range).aggregate(
        total=Count("pk"), good=Count("pk", filter=Q(value__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY])))
    return ratio(counts["good"], counts["total"])


FIGURES = [
    Figure("proposals.received", _("Proposals received"), GROUP, lambda s: _received(s).count(), unit=_("items"),
           order=200, seed=_("1,050 proposals in a term (Tianshui); 497 received in a year (Suzhou)"),
           sentence=_("%(value)s proposals received")),
    Figure("proposals.registered", _("Proposals registered"), GROUP, lambda s: _registered(s).count(), unit=_("items"),
           order=201, seed=_("258 registered of 288 (Tianshui, 2021)"), sentence=_("%(value)s registered")),
    Figure("proposals.merged", _("Proposals merged"), GROUP,
           lambda s: _received(s).filter(status=ProposalStatus.MERGED).count(), unit=_("items"), order=202,
           seed=_("14 merged (Tianshui, 2021)")),
    Figure("proposals.rejected", _("Proposals not registered"), GROUP,
           lambda s: _received(s).filter(status=ProposalStatus.REJECTED).count(), unit=_("items"), order=203,
           seed=_("16 not registered (Tianshui, 2021)")),
    Figure("proposals.reply_rate", _("Reply rate (办复率)"), GROUP,
           lambda s: _rate(_registered(s), Q(status__in=REPLIED_PROPOSAL_STATES)), order=204, percent=True,
           seed=_("100% replied (Suzhou)"), sentence=_("a reply rate of %(value)s")),
    Figure("proposals.closed_rate", _("Closure rate (办结率)"), GROUP,
           lambda s: _rate(_registered(s), Q(status=ProposalStatus.CLOSED)), order=205, percent=True,
           seed=_("办结率 100% (Tianshui)"), sentence=_("a closure rate of %(value)s")),
    Figure("proposals.units", _("Handling units with assigned proposals"), GROUP,
           lambda s: HandlingTask.objects.filter(organisation_id__in=s.org_ids, assigned_at__range=s.datetime_range)
           .exclude(status=TaskStatus.CANCELLED).values("unit_id").distinct().count(), unit=_("units"), order=206,
           seed=_("85 handling units (Suzhou)")),
    Figure("proposals.replies_a", _("Replies in category A"), GROUP,
           lambda s: _replies(s).filter(category=ReplyCategory.A).count(), unit=_("items"), order=207,
           seed=_("A/B/C = 442/19/7 (Suzhou)")),
    Figure("proposals.replies_b", _("Replies in category B"), GROUP,
           lambda s: _replies(s).filter(category=ReplyCategory.B).count(), unit=_("items"), order=208),
    Figure("proposals.replies_c", _("Replies in category C"), GROUP,
           lambda s: _replies(s).filter(category=ReplyCategory.C).count(), unit=_("items"), order=209),
    Figure("proposals.satisfaction", _("Proposers satisfied or basically satisfied"), GROUP, _satisfaction,
           order=210, percent=True, seed=_("100% satisfied (Suzhou)"), sentence=_("%(value)s of proposers satisfied")),
    Figure("proposals.key", _("Key proposals"), GROUP,
           lambda s: _registered(s).filter(key_state=KeyState.APPROVED).count(), unit=_("items"), order=211,
           sentence=_("%(value)s key proposals supervised")),
    Figure("proposals.excellent", _("Excellent proposals"), GROUP,
           lambda s: Award.objects.filter(organisation_id__in=s.org_ids, year__in=s.years,
                                          kind=AwardKind.EXCELLENT_PROPOSAL).count(), unit=_("items"), order=212),
]
for _figure in FIGURES:
    register_figure(_figure)
