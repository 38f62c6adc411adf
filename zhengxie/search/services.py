"""Writes to the search index. Normally called by the signals; ``reindex`` rebuilds everything in bulk."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import SearchEntry
from .registry import searchable_for, searchables
from .segment import segmented


def _entry_values(searchable, obj) -> dict:
    title = str(searchable.title(obj) or "")[:300]
    return {"organisation_id": searchable.organisation_id(obj), "title": title,
            "words": segmented(f"{title}\n{searchable.text(obj) or ''}"), "updated_at": timezone.now()}


def index_object(obj) -> None:
    searchable = searchable_for(type(obj))
    if searchable is None or obj.pk is None:
        return
    # The object may have been deleted by the time the commit hook runs.
    if not type(obj)._default_manager.filter(pk=obj.pk).exists():
        return
    SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), defaults=_entry_values(searchable, obj)
    )


def remove_object(obj) -> None:
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).delete()


def reindex(*, batch_size: int = 2000, stdout=None) -> int:
    """Rebuild the whole index from the registered models, in batches."""
    total = 0
    for searchable in searchables():
        content_type = ContentType.objects.get_for_model(searchable.model)
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=content_type).delete()
            qs = searchable.model._default_manager.all().order_by("pk")
            if searchable.select_related:
                qs = qs.select_related(*searchable.select_related)
            if searchable.prefetch_related:
                qs = qs.prefetch_related(*searchable.prefetch_related)
            batch = []
            for obj in qs.iterator(chunk_size=batch_size):
                batch.append(SearchEntry(content_type=content_type, object_id=str(obj.pk), **_entry_values(searchable, obj)))
                if len(batch) >= batch_size:
                    SearchEntry.objects.bulk_create(batch)
                    total += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            total += len(batch)
        if stdout is not None:
            stdout.write(f"search: {searchable.key} indexed")
    return total
