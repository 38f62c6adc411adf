from .alliances import Alliance, AllianceMember, HostTurn, OutsideCommittee, PlanItem, PlanItemEvent
from .experts import Contribution, Expert, ExpertInvitation, InvitationEvent
from .joint import JointActivity, JointEvent, JointOrganiser, SharedDeliberation

__all__ = ["Alliance", "AllianceMember", "Contribution", "Expert", "ExpertInvitation", "HostTurn", "InvitationEvent", "JointActivity",
           "JointEvent", "JointOrganiser", "OutsideCommittee", "PlanItem", "PlanItemEvent", "SharedDeliberation"]
