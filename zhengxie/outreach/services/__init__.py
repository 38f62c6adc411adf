"""Every write of the outreach app: ``<entity>_<verb>(*, actor, …)``, in one transaction, with a history row where
the entity has a workflow, an audit entry, and notifications to whoever acts next."""

from .activities import (
    activity_add_photo,
    activity_cancel,
    activity_create,
    activity_record,
    activity_update,
)
from .concerns import (
    concern_add_note,
    concern_add_photo,
    concern_assign,
    concern_close,
    concern_decline,
    concern_feedback,
    concern_pass_to_unit,
    concern_register,
    concern_reissue_code,
    concern_remind_overdue,
    concern_reopen,
    concern_route,
    concern_submit_public,
    concern_unit_reply,
    concern_unit_return,
)
from .places import (
    place_add_photo,
    place_rate,
    place_remove_photo,
    place_save,
    place_set_roster,
    place_set_team,
)

__all__ = [
    "activity_add_photo",
    "activity_cancel",
    "activity_create",
    "activity_record",
    "activity_update",
    "concern_add_note",
    "concern_add_photo",
    "concern_assign",
    "concern_close",
    "concern_decline",
    "concern_feedback",
    "concern_pass_to_unit",
    "concern_register",
    "concern_reissue_code",
    "concern_remind_overdue",
    "concern_reopen",
    "concern_route",
    "concern_submit_public",
    "concern_unit_reply",
    "concern_unit_return",
    "place_add_photo",
    "place_rate",
    "place_remove_photo",
    "place_save",
    "place_set_roster",
    "place_set_team",
]
