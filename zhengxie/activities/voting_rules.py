"""Electronic voting (电子表决) at plenary and standing-committee meetings: the choices of a matter put to the
vote, its workflow, and the quorum and majority rules that decide the result (pure functions, no database)."""

from dataclasses import dataclass
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.tones import toned
from zhengxie.core.workflow import Transition, Workflow


class MotionKind(models.TextChoices):
    RESOLUTION = "resolution", _("Draft resolution")
    RECOMMENDATION = "recommendation", _("Recommendation (建议案)")
    PERSONNEL = "personnel", _("Personnel matter")


@toned(draft="secondary", open="danger", closed="success", withdrawn="dark")
class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet put to the vote")
    OPEN = "open", _("Voting")
    CLOSED = "closed", _("Vote closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VoteChoice(models.TextChoices):
    YES = "yes", _("For")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")


@toned(adopted="success", rejected="danger", no_quorum="warning")
class MotionResult(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")
    NO_QUORUM = "no_quorum", _("No quorum")


class QuorumRule(models.TextChoices):
    """How many of the meeting's members must be signed in for a vote to count."""

    MORE_THAN_HALF = "more_than_half", _("More than half of all members signed in")
    TWO_THIRDS = "two_thirds", _("At least two thirds of all members signed in")


class MajorityRule(models.TextChoices):
    """How many votes for a matter needs to be adopted."""

    HALF_OF_ALL = "half_of_all", _("More than half of all members vote for")
    HALF_OF_PRESENT = "half_of_present", _("More than half of the members signed in vote for")
    HALF_OF_CAST = "half_of_cast", _("More than half of the votes cast are for")
    TWO_THIRDS_OF_ALL = "two_thirds_of_all", _("At least two thirds of all members vote for")


#: Meetings whose matters may be put to an electronic vote.
VOTING_MEETING_TYPES = ("plenary", "standing")

MOTION_WORKFLOW = Workflow("motion", [
    Transition("update", sources=[MotionStatus.DRAFT], target=None, label=_("Edit")),
    Transition("open", sources=[MotionStatus.DRAFT], target=MotionStatus.OPEN, label=_("Open the vote")),
    Transition("vote", sources=[MotionStatus.OPEN], target=None, label=_("Vote")),
    Transition("close", sources=[MotionStatus.OPEN], target=MotionStatus.CLOSED, label=_("Close the vote")),
    Transition("withdraw", sources=[MotionStatus.DRAFT], target=MotionStatus.WITHDRAWN, label=_("Withdraw")),
], states=MotionStatus)


@dataclass(frozen=True)
class Tally:
    electorate: int  # all members of the meeting (its participants)
    present: int  # signed in when the vote closed
    yes: int
    no: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def not_voted(self) -> int:
        return max(0, self.present - self.cast)


def quorum_met(rule: str, *, electorate: int, present: int) -> bool:
    if electorate <= 0:
        return False
    share = Fraction(present, electorate)
    if rule == QuorumRule.TWO_THIRDS:
        return share >= Fraction(2, 3)
    return share > Fraction(1, 2)


def votes_needed(rule: str, tally: Tally) -> int:
    """The smallest number of votes for that adopts the matter."""
    base = {MajorityRule.HALF_OF_PRESENT: tally.present, MajorityRule.HALF_OF_CAST: tally.cast}.get(
        rule, tally.electorate)
    if rule == MajorityRule.TWO_THIRDS_OF_ALL:
        return -(-2 * base // 3)  # ceiling of two thirds
    return base // 2 + 1


def result_of(tally: Tally, *, quorum_rule: str, majority_rule: str) -> str:
    if not quorum_met(quorum_rule, electorate=tally.electorate, present=tally.present):
        return MotionResult.NO_QUORUM
    return MotionResult.ADOPTED if tally.yes >= max(1, votes_needed(majority_rule, tally)) else MotionResult.REJECTED
