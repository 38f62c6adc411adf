"""Tables of the activities app: activities and their participants, outcomes, yearly plans, online
deliberation, knowledge contests, calendar feeds."""

from .activities import Activity, ActivityEvent, CalendarFeed, Participant, ParticipantEvent, Speech
from .contests import Attempt, Contest, Question
from .deliberation import Poll, PollOption, PollVote, Post, PostLike, Topic
from .outcomes import OutcomeReport, ReportRecipient
from .plans import Plan, PlanItem

__all__ = [
    "Activity",
    "ActivityEvent",
    "Attempt",
    "CalendarFeed",
    "Contest",
    "OutcomeReport",
    "Participant",
    "ParticipantEvent",
    "Plan",
    "PlanItem",
    "Poll",
    "PollOption",
    "PollVote",
    "Post",
    "PostLike",
    "Question",
    "ReportRecipient",
    "Speech",
    "Topic",
]
