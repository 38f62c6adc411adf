"""Public-opinion reports are searchable by whoever may see them (their authors, the office and the leaders)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import Report
from .selectors import reports_visible_to

register_searchable(Searchable(
    model=Report,
    label=_("Public-opinion reports"),
    title=lambda r: r.title,
    text=lambda r: f"{r.author_name} {r.category}\n{r.text}",
    url=lambda r: reverse("opinions:detail", args=[r.pk]),
    organisation_id=lambda r: r.organisation_id,
    visible=reports_visible_to,
    similarity=lambda r: (r.title, r.text),
))


def report_cluster_details(report) -> dict[str, str]:
    """What a group of similar reports shows of each (where it came from, when, its state)."""
    return {"origin": report.origin_organisation.short_name or report.origin_organisation.name,
            "received": f"{timezone.localtime(report.received_at):%Y-%m-%d}", "status": str(report.get_status_display()),
            "forwarded": f"{timezone.localtime(report.forwarded_at):%Y-%m-%d}" if report.forwarded_at else ""}
