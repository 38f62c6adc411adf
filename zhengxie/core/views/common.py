"""What every view of every app uses: the active organisation, role checks, htmx, pagination, service calls."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ..documents import excel_response
from ..exceptions import DomainError, NotAllowed, NotFound
from ..services import audit_log


def organisation_required(view):
    """Logged in, and working in an organisation (else a page that says the account has no role yet)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.organisation is None:
            return render(request, "core/no_organisation.html", status=403)
        try:
            return view(request, *args, **kwargs)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except NotFound as exc:
            raise Http404(str(exc)) from exc

    return wrapper


def require(predicate):
    """Refuse (403) unless ``predicate(user, organisation)`` holds."""

    def decorator(view):
        @organisation_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user, request.organisation):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def posted_version(request) -> int | None:
    """The version of the row the user saw when the page was drawn, posted with the action (a hidden ``version``
    field); None when not sent. Passed to the service, which refuses a row changed since (``transitions.lock``)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def list_page(request, queryset, *, template: str, partial: str, per_page: int = 30, **context):
    """A filtered list: its page (``page``) and the number of rows (``total``), in the whole page or, for htmx's
    filter requests, in the partial that holds the table."""
    page = paginate(request, queryset, per_page)
    context = {"page": page, "total": page.paginator.count, **context}
    return render(request, partial if is_htmx(request) else template, context)


def list_export(request, rows, *, columns, name, action: str, title=None):
    """A list's Excel file: the audit entry names the filters, the file the organisation, the list and the day
    (天水市政协提案20261202.xlsx)."""
    audit_log(actor=request.user, organisation=request.organisation, action=action,
              changes={"filters": request.GET.dict()})
    filename = f"{request.organisation.short_name}{name}{timezone.localdate():%Y%m%d}.xlsx"
    return excel_response(filename, columns, rows, title=title or name)


def run_service(request, call, *, success: str | None = None, form=None):
    """Call a service; on a DomainError show its message (and field errors on ``form``) and return None."""
    try:
        result = call()
    except DomainError as exc:
        if isinstance(exc, NotAllowed):
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
        if form is not None:
            for field, error in exc.errors.items():
                form.add_error(field if field in form.fields else None, error)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True
