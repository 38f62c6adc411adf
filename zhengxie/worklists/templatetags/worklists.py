"""Template helpers of the work lists' tables: a row of items drawn in one call.

A page of 50 items spent most of its time in the template engine, resolving some 25 variables, filters and tags per
row (about 1 ms a row); a row drawn here, its values escaped as Django escapes them, costs a fraction of that. The
rows are the markup the templates had, cell for cell (``zx-stack`` tables become cards on a phone through their
``data-label``)."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext

from zhengxie.core.templatetags.zx import status_badge

register = template.Library()


@register.filter
def item_path(url_of_zero: str, pk) -> str:
    """An item's address from the one of item 0 (``{% url 'worklists:item' 0 as item_url0 %}``, reversed once per
    table): a page of 50 rows reversed 50 URLs, a tenth of its time."""
    head, _sep, _tail = url_of_zero.rpartition("/0/")
    return f"{head}/{pk}/"


# The labels and the status badges in each language, drawn once per process: a row asked the catalogue eight
# times and built its badge from the field's choices (a dictionary of lazy labels) each time.
_LABELS: dict[str, dict] = {}
_BADGES: dict[tuple, str] = {}


def _labels() -> dict:
    language = get_language()
    if language not in _LABELS:
        _LABELS[language] = _draw_labels()
    return _LABELS[language]


def _badge(item) -> str:
    key = (get_language(), item.status)
    if key not in _BADGES:
        _BADGES[key] = status_badge(item)
    return _BADGES[key]


def _draw_labels() -> dict:
    return {"no": gettext("No."), "task": gettext("Task"), "leader": gettext("Leader who grasps it"),
            "body": gettext("Responsible body"), "due": gettext("Deadline"), "status": gettext("Status"),
            "progress": gettext("Progress"), "report": gettext("Latest report"), "promise": gettext("Promise"),
            "overdue": gettext("Overdue")}


def _e(value) -> str:
    """Django's escaping (``conditional_escape``) without its lazy-argument check, which cost more than the
    escaping: a row escapes a dozen values."""
    return value if isinstance(value, SafeData) else escape(str(value))


@register.simple_tag
def item_row(item, today, url_of_zero):
    """A row of ``partials/item_table.html``: number, title (a promise marked), leader, responsible body and person,
    deadline (overdue marked), status, progress."""
    labels = _labels()
    promise = f' <span class="badge text-bg-light border">{_e(labels["promise"])}</span>' if item.is_commitment else ""
    person = f' <small class="text-body-secondary">{_e(item.person_name)}</small>' if item.person_name else ""
    late = (f' <span class="badge text-bg-danger">{_e(labels["overdue"])}</span>'
            if item.is_open and item.due_on < today else "")
    return mark_safe(  # noqa: S308 (every value escaped above or by _e)
        f'<tr>\n    <td data-label="{_e(labels["no"])}">{item.number}</td>\n'
        f'    <td data-label="{_e(labels["task"])}"><a href="{_e(item_path(url_of_zero, item.pk))}">{_e(item.title)}</a>'
        f'{promise}</td>\n'
        f'    <td data-label="{_e(labels["leader"])}">{_e(item.leader_name or "—")}</td>\n'
        f'    <td data-label="{_e(labels["body"])}">{_e(item.responsible_label or "—")}{person}</td>\n'
        f'    <td data-label="{_e(labels["due"])}" class="text-nowrap">{item.due_on.isoformat()}{late}</td>\n'
        f'    <td data-label="{_e(labels["status"])}">{_badge(item)}</td>\n'
        f'    <td data-label="{_e(labels["progress"])}">{item.progress}%</td>\n  </tr>')


@register.simple_tag
def grasped_row(item, url_of_zero):
    """A row of the leader's page: title, responsible body, deadline, status and progress, the latest report."""
    labels = _labels()
    text = item.last_report_text
    text = (text[:59] + "…" if len(text) > 60 else text) or "—"
    when = (f' <small class="text-body-secondary">{timezone.localtime(item.last_report_at).strftime("%m-%d")}</small>'
            if item.last_report_at else "")
    return mark_safe(  # noqa: S308 (every value escaped by _e)
        f'<tr>\n    <td data-label="{_e(labels["task"])}"><a href="{_e(item_path(url_of_zero, item.pk))}">'
        f'{_e(item.title)}</a></td>\n'
        f'    <td data-label="{_e(labels["body"])}">{_e(item.responsible_label)}</td>\n'
        f'    <td data-label="{_e(labels["due"])}" class="text-nowrap">{item.due_on.isoformat()}</td>\n'
        f'    <td data-label="{_e(labels["status"])}">{_badge(item)} {item.progress}%</td>\n'
        f'    <td data-label="{_e(labels["report"])}">{_e(text)}{when}</td>\n  </tr>')
