"""Domain errors: raised by services with a translated message, shown by views and mapped to HTTP by the API."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the action. ``message`` is translated and safe to show to the user."""

    status = 400
    code = "invalid"
    default_message = _("The action could not be carried out.")

    def __init__(self, message=None, *, code: str | None = None, errors: dict | None = None):
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.errors = errors or {}
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class NotAllowed(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class InvalidTransition(DomainError):
    status = 409
    code = "invalid_transition"
    default_message = _("This action is not possible in the current state.")


class ConcurrentChange(DomainError):
    status = 409
    code = "changed"
    default_message = _("This item was just changed by someone else. Reload the page to see the change, then try again.")
