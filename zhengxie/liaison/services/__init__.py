"""Every write of the liaison app, one module per area."""

from .contacts import (
    assignment_add_contacts,
    assignment_create,
    assignment_end,
    assignment_remove_contact,
    contacts_remind,
    visit_follow_up,
    visit_log,
)
from .information import (
    info_attach,
    info_create,
    info_link,
    info_mark_read,
    info_publish,
    info_reopen,
    info_unlink,
    info_update,
    info_withdraw,
    link_targets,
)
from .inquiries import inquiries_remind, inquiry_answer, inquiry_ask, inquiry_set_public, inquiry_withdraw
from .topics import (
    topic_accept,
    topic_answer_set,
    topic_claim,
    topic_close,
    topic_create,
    topic_decline,
    topic_follow,
    topic_reopen,
    topic_suggest,
    topic_suggest_public,
    topic_update,
    topics_import,
)

__all__ = [
    "assignment_add_contacts", "assignment_create", "assignment_end", "assignment_remove_contact", "contacts_remind",
    "info_attach", "info_create", "info_link", "info_mark_read", "info_publish", "info_reopen", "info_unlink",
    "info_update", "info_withdraw", "inquiries_remind", "inquiry_answer", "inquiry_ask", "inquiry_set_public",
    "inquiry_withdraw", "link_targets", "topic_accept", "topic_answer_set", "topic_claim", "topic_close",
    "topic_create", "topic_decline", "topic_follow", "topic_reopen", "topic_suggest", "topic_suggest_public",
    "topic_update", "topics_import", "visit_follow_up", "visit_log",
]
