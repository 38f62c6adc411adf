"""Every write of the cooperation app, one module per area."""

from .alliances import (
    alliance_add_member,
    alliance_create,
    alliance_set_host,
    outside_committee_save,
    plan_item_add,
    plan_item_set_status,
)
from .deliberation import alliance_open_deliberation, joint_open_deliberation
from .experts import (
    contribution_adopt,
    contribution_record,
    expert_create,
    expert_invite,
    expert_link_account,
    expert_set_active,
    expert_update,
    invitation_answer,
    invitation_set_attended,
)
from .importing import expert_import
from .joint import (
    joint_add_organiser,
    joint_cancel,
    joint_create,
    joint_create_own_activity,
    joint_link_activity,
    joint_report,
)

__all__ = [
    "alliance_add_member", "alliance_create", "alliance_open_deliberation", "joint_open_deliberation", "alliance_set_host", "contribution_adopt", "contribution_record",
    "expert_create", "expert_import", "expert_invite", "expert_link_account", "expert_set_active", "expert_update",
    "invitation_answer", "invitation_set_attended", "joint_add_organiser", "joint_cancel", "joint_create",
    "joint_create_own_activity", "joint_link_activity", "joint_report", "outside_committee_save", "plan_item_add",
    "plan_item_set_status",
]
