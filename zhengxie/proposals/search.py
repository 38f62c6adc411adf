"""Proposals in the full-text search (title, 案由, 建议, number); who sees which is decided by the app's selector."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import Proposal
from .selectors import proposals_visible_to

register_searchable(Searchable(
    model=Proposal,
    label=_("Proposal"),
    title=lambda p: f"{p.number_label} {p.title}".strip(),
    text=lambda p: f"{p.category}\n{p.background}\n{p.suggestions}",
    url=lambda p: reverse("proposals:detail", args=[p.pk]),
    organisation_id=lambda p: p.organisation_id,
    visible=proposals_visible_to,
))
