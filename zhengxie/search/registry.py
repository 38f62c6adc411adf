"""What can be searched. Each app registers its models in its own ``search.py``:

    register_searchable(Searchable(
        model=Proposal,
        label=_("Proposals"),
        title=lambda p: p.title,
        text=lambda p: f"{p.background}\\n{p.suggestions}",
        url=lambda p: reverse("proposals:detail", args=[p.pk]),
        organisation_id=lambda p: p.organisation_id,
        visible=lambda user, organisation: proposals_visible_to(user, organisation),  # a queryset
    ))

The index is kept up to date by signals (save and delete of a registered model) and rebuilt by
``manage.py search_reindex``. Results are always filtered by the app's own ``visible`` queryset: the index never
decides who may see what.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass
class Searchable:
    model: type
    label: Promise | str
    title: Callable
    text: Callable
    url: Callable
    organisation_id: Callable
    visible: Callable  # (user, organisation) -> queryset of the model
    # (title, text) for the similarity engine, without numbering; None: not compared (a draft, say). Unset: the
    # kind has no similar items.
    similarity: Callable | None = None
    # (objects) -> {pk: {label: value}}: what a list of similar items shows of each (how it was handled ...).
    describe: Callable | None = None
    # Related objects to fetch when reindexing in bulk (avoid N+1).
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def key(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"


_registry: dict[str, Searchable] = {}


def register_searchable(searchable: Searchable) -> Searchable:
    _registry[searchable.key] = searchable
    from .signals import connect

    connect(searchable.model)
    return searchable


def searchables() -> list[Searchable]:
    return list(_registry.values())


def searchable_for(model) -> Searchable | None:
    return _registry.get(f"{model._meta.app_label}.{model._meta.model_name}")
