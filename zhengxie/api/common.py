"""What every app's API router uses: the active organisation, role checks, pagination, the error schema and
the errors to declare, bounded ids and years."""

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext
from ninja import Schema
from ninja.pagination import PaginationBase
from pydantic import BaseModel, Field, TypeAdapter, create_model

from zhengxie.core import permissions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.promises import MEASURE_MAX_LENGTH


class PromiseIn(Schema):
    """A measure promised with its date (a reply's, a 建议案's, an adopted outcome's): ``core.promises`` checks it."""

    measure: str = Field(max_length=MEASURE_MAX_LENGTH)
    due_on: dt.date


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


MAX_PAGE_SIZE = 200


@dataclass
class Rows:
    """What a paginated operation returns when its items are not the listed objects themselves: ``serialise``
    turns the page's objects into the answer's items in one go (so it can fetch what they share in one query);
    ``count_from`` is a cheaper queryset to count, when the listed one joins more."""

    queryset: Any
    serialise: Callable[[list], list] | None = None
    count_from: Any = None


class PageNumbers(PaginationBase):
    """ninja's pagination with the API's page shape: ``?page=&size=`` answers ``{count, page, pages, items}``.
    Use ``@paginate(PageNumbers)`` (``size=20`` for another default) under an operation whose 200 answer is
    ``list[ItemOut]``; the operation returns a queryset, or :class:`Rows`."""

    class Input(Schema):
        page: int = Field(1, description="From 1; a page past the last answers the last one")
        size: int | None = Field(None, description=f"Items per page (at most {MAX_PAGE_SIZE}: more is reduced)")

    class Output(Schema):
        count: int
        page: int
        pages: int
        items: list[Any]

    def __init__(self, size: int = 50, **kwargs):
        self.size = size
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        rows = queryset if isinstance(queryset, Rows) else Rows(queryset)
        size = max(1, min(pagination.size or self.size, MAX_PAGE_SIZE))
        paginator = Paginator(rows.queryset if rows.count_from is None else rows.count_from, size)
        current = paginator.get_page(pagination.page)
        items = list(rows.queryset[current.start_index() - 1:current.end_index()]) if paginator.count else []
        if rows.serialise is not None:
            items = rows.serialise(items)
        return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages, "items": items}


def written_by_pydantic(item: type[BaseModel]):
    """Above ``@paginate``: the page is validated against its schema and written to JSON by pydantic's core in one
    step, instead of ninja's three (validate into models, dump them back to dicts, encode those with Python's json
    and its hook for dates) — a fifth of a list request's CPU (bench/api_profile.py). The answer is the same page,
    ``{count, page, pages, items}``, and the OpenAPI description is ninja's, unchanged. For lists of plain rows
    (``item`` a pydantic model the rows' dicts validate into); an error still goes through ninja's handlers."""
    adapter = TypeAdapter(create_model(f"{item.__name__}Page", count=int, page=int, pages=int, items=list[item]))

    def decorate(view):
        @functools.wraps(view)  # keeps what @paginate noted on the view for ninja (its arguments, its answer)
        def written(request, **kwargs):
            page = view(request, **kwargs)
            return HttpResponse(adapter.dump_json(adapter.validate_python(page)), content_type="application/json; charset=utf-8")

        return written

    return decorate


def active_organisation(request):
    """The organisation an API call works in: the ``X-Organisation`` header (an id; one the user has no role or
    seat in is refused), else the one active in the session, else the user's default, else the highest of theirs
    (``core.permissions.active_organisation_of``, the rule the web's middleware follows)."""
    wanted = request.headers.get("X-Organisation")
    if wanted and not str(wanted).isdigit():
        message = gettext("X-Organisation must be the id of an organisation.")
        raise DomainError(message, errors={"X-Organisation": [message]})
    chosen = int(wanted) if wanted else getattr(request, "organisation", None)
    org = permissions.active_organisation_of(request.user, chosen, insist=bool(wanted))
    if org is None:
        raise NotAllowed()
    return org


def require(request, predicate):
    """The active organisation, once ``predicate(user, organisation)`` holds; else 403."""
    org = active_organisation(request)
    if not predicate(request.user, org):
        raise NotAllowed()
    return org
