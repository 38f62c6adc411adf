"""Tables of the activities app: activities and their participants, outcomes, yearly plans, online
deliberation, knowledge contests, calendar feeds."""

from .activities import Activity, ActivityEvent, CalendarFeed, Participant, ParticipantEvent, Speech
from .contests import Attempt, Contest, Question
from .deliberation import Poll, PollOption, PollVote, Post, PostLike, Topic, TopicCommittee
from .outcomes import Matter, OutcomeReport, ReportRecipient
from .plans import Plan, PlanItem
from .seating import MeetingMaterial, Seat
from .voting import Motion, MotionEvent, VoteCast

__all__ = [
    "Activity",
    "ActivityEvent",
    "Attempt",
    "CalendarFeed",
    "Matter",
    "Contest",
    "MeetingMaterial",
    "Motion",
    "MotionEvent",
    "OutcomeReport",
    "Participant",
    "ParticipantEvent",
    "Plan",
    "PlanItem",
    "Poll",
    "PollOption",
    "PollVote",
    "Post",
    "TopicCommittee",
    "PostLike",
    "Question",
    "ReportRecipient",
    "Seat",
    "Speech",
    "Topic",
    "VoteCast",
]
