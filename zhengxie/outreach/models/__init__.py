"""Tables of the outreach app: places, their teams, rosters and ratings; activities; constituents' concerns."""

from .activities import ActivityEvent, ActivityParticipant, OutreachActivity
from .concerns import Concern, ConcernEvent
from .places import DutySlot, Place, PlaceMember, PlaceRating

__all__ = [
    "ActivityEvent",
    "ActivityParticipant",
    "Concern",
    "ConcernEvent",
    "DutySlot",
    "OutreachActivity",
    "Place",
    "PlaceMember",
    "PlaceRating",
]
