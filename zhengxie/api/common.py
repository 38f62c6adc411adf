"""What every app's API router uses: the active organisation, role checks, pagination, error schema."""

from typing import Generic, TypeVar

from django.core.paginator import Paginator
from django.utils.translation import gettext
from ninja import Schema

from zhengxie.core import permissions
from zhengxie.core.exceptions import DomainError, NotAllowed

T = TypeVar("T")


class ErrorOut(Schema):
    detail: str
    code: str = "invalid"
    errors: dict = {}


class Page(Schema, Generic[T]):
    count: int
    page: int
    pages: int
    items: list[T]


def paginate(queryset, page: int = 1, size: int = 50) -> dict:
    size = max(1, min(size, 200))
    paginator = Paginator(queryset, size)
    current = paginator.get_page(page)
    return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages, "items": list(current)}


def active_organisation(request):
    """The organisation an API call works in: the ``X-Organisation`` header (an id), else the one active in the
    session, else the user's default. The user must hold a role or seat in it."""
    user = request.user
    access = permissions.access_of(user)  # the same per-request read as the web's middleware: no extra query
    wanted = request.headers.get("X-Organisation")
    if wanted:
        if not str(wanted).isdigit():
            message = gettext("X-Organisation must be the id of an organisation.")
            raise DomainError(message, errors={"X-Organisation": [message]})
        org = access.organisation(int(wanted))
        if org is None:
            raise NotAllowed()
        return org
    org = getattr(request, "organisation", None)
    if org is not None:
        return org
    org = access.organisation(user.default_organisation_id) or access.first_organisation()
    if org is None:
        raise NotAllowed()
    return org


def require(request, predicate):
    """The active organisation, once ``predicate(user, organisation)`` holds; else 403."""
    org = active_organisation(request)
    if not predicate(request.user, org):
        raise NotAllowed()
    return org
