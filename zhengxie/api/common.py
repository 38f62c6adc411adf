"""What every app's API router uses: the active organisation, role checks, pagination, error schema."""

from typing import Annotated, Generic, TypeVar

from django.core.paginator import Paginator
from django.utils.translation import gettext
from ninja import Schema
from pydantic import Field

from zhengxie.core import permissions
from zhengxie.core.exceptions import DomainError, NotAllowed

T = TypeVar("T")


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the user's language")
    code: str = Field("invalid", description="unauthorized, forbidden, not_found, invalid, invalid_transition, "
                                             "changed, rate_limited, server_error, …")
    errors: dict[str, list[str]] = Field({}, description="Messages per field of the request")


# The errors an operation can answer whatever it does: 422 when the request does not match its schema, 400 for a
# malformed body or X-Organisation header; with a login, 401 without one and 403 without a seat or role in the
# organisation (every operation works in one).
ALWAYS = (400, 422)
WITH_LOGIN = (401, 403)


def errors(*codes: int, login: bool = True) -> dict[int, type[ErrorOut]]:
    """The error answers of an operation, for its ``response``: ``{200: ProposalOut, **errors(404, 409)}`` —
    404 where it names an object, 409 where it changes one (state or version), 429 where it is rate-limited."""
    return {code: ErrorOut for code in sorted({*ALWAYS, *(WITH_LOGIN if login else ()), *codes})}


# Ids as the databases store them: a larger number (SQLite overflows) is refused as invalid, not a server error.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Years the platform keeps records for (the CPPCC was founded in 1949).
Year = Annotated[int, Field(ge=1949, le=2100)]


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
    available = permissions.organisations_of(user)
    wanted = request.headers.get("X-Organisation")
    if wanted:
        if not str(wanted).isdigit():
            message = gettext("X-Organisation must be the id of an organisation.")
            raise DomainError(message, errors={"X-Organisation": [message]})
        org = available.filter(pk=int(wanted)).first()
        if org is None:
            raise NotAllowed()
        return org
    org = getattr(request, "organisation", None)
    if org is not None:
        return org
    if user.default_organisation_id:
        org = available.filter(pk=user.default_organisation_id).first()
        if org:
            return org
    org = available.first()
    if org is None:
        raise NotAllowed()
    return org


def require(request, predicate):
    """The active organisation, once ``predicate(user, organisation)`` holds; else 403."""
    org = active_organisation(request)
    if not predicate(request.user, org):
        raise NotAllowed()
    return org
