"""Writes of the work lists app: items and their supervision (``items``), promises made elsewhere
(``commitments``), recommendations, coordination groups and investment projects (``others``)."""

from .commitments import commitment_track  # noqa: F401
from .groups import (  # noqa: F401
    group_create,
    group_update,
    issue_add,
    issue_review,
    meeting_add,
    meeting_link,
    meeting_review,
)
from .items import (  # noqa: F401
    item_attach,
    item_cancel,
    item_close,
    item_create,
    item_reopen,
    item_update,
    items_check_due,
    kinds_ensure,
    list_create,
    milestone_done,
    note_add,
    progress_report,
)
from .others import (  # noqa: F401
    project_create,
    project_move,
    recommendation_create,
    recommendation_move,
)
