"""How a notice leaves the inbox: ``notify`` hands the rows it wrote to one dispatcher.

Without the channels app the dispatcher e-mails them (``core.tasks.send_notification_emails``); the channels
app sets its own at start-up (``set_dispatcher(routing.route)``), which sends by e-mail, SMS, WeCom and DingTalk as
each kind of notice and each person's choices allow.
"""

from collections.abc import Callable

_dispatcher: Callable | None = None


def set_dispatcher(dispatcher: Callable | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher


def dispatch(notifications: list, *, email: bool = True) -> None:
    if _dispatcher is not None:
        _dispatcher(notifications, email=email)
        return
    if not email:
        return
    ids = [n.pk for n in notifications if n.recipient.email]
    if ids:
        from .outbox import enqueue_on_commit
        from .tasks import send_notification_emails

        enqueue_on_commit(send_notification_emails, ids)
