"""Public-opinion reports are searchable by whoever may see them (their authors, the office and the leaders)."""

from django.urls import reverse
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
