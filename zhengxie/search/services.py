"""Writes to the search index and to the similarity signatures. Normally called by the signals (signatures through a
task); ``reindex`` and ``similarity_reindex`` rebuild everything in bulk."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchEntry, SimilarityPosting, SimilaritySignature, SimilarityTermCount
from .registry import searchable_for, searchables
from .segment import segmented
from .similarity import default_engine, indexed


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
    signatures = similarity_reindex(batch_size=batch_size)
    if stdout is not None:
        stdout.write(f"search: {signatures} similarity signatures")
    return total


# -- similarity signatures ---------------------------------------------------------------------------------------------
TEXT_TERMS = 40  # the text's most frequent terms kept with a signature


def format_terms(terms) -> str:
    return " ".join(f"{t}:{n}" for t, n in terms.items() if n > 0 and " " not in t and ":" not in t)


def parse_terms(value: str) -> Counter:
    terms = Counter()
    for item in (value or "").split():
        term, _sep, count = item.rpartition(":")
        if term:
            terms[term] = int(count or 1)
    return terms


def _count_terms(organisation_id: int, content_type_id: int, terms, delta: int) -> None:
    """Add ``delta`` to the document frequency of each term (rows created as needed)."""
    terms = list(terms)
    if not terms:
        return
    base = SimilarityTermCount.objects.filter(organisation_id=organisation_id, content_type_id=content_type_id)
    if delta > 0:
        SimilarityTermCount.objects.bulk_create(
            [SimilarityTermCount(organisation_id=organisation_id, content_type_id=content_type_id, term=t, documents=0)
             for t in terms], ignore_conflicts=True)
    base.filter(term__in=terms).update(documents=F("documents") + delta)


def signature_store(obj) -> SimilaritySignature | None:
    """Compute and keep the similarity signature of a saved object (or drop it when the object is gone or no
    longer compared, a proposal returned to draft say). Keeps the inverted index and the term counts in step."""
    searchable = searchable_for(type(obj))
    if searchable is None or searchable.similarity is None or obj.pk is None:
        return None
    content_type = ContentType.objects.get_for_model(obj)
    exists = type(obj)._default_manager.filter(pk=obj.pk).exists()
    fields = searchable.similarity(obj) if exists else None
    engine = default_engine()
    with transaction.atomic():
        old = (SimilaritySignature.objects.select_for_update()
               .filter(content_type=content_type, object_id=str(obj.pk)).first())
        if old is not None:
            _count_terms(old.organisation_id, content_type.pk, [*parse_terms(old.terms), ""], -1)
            old.postings.all().delete()
        if fields is None:
            if old is not None:
                old.delete()
            return None
        title, text = fields
        organisation_id = searchable.organisation_id(obj)
        terms = engine.signature(title)
        _count_terms(organisation_id, content_type.pk, [*terms, ""], +1)
        counts = dict(SimilarityTermCount.objects.filter(organisation_id=organisation_id,
                                                         content_type_id=content_type.pk,
                                                         term__in=[*terms, ""]).values_list("term", "documents"))
        engine.documents, engine.df = counts.get("", 1), counts
        signature = old or SimilaritySignature(content_type=content_type, object_id=str(obj.pk))
        signature.organisation_id = organisation_id
        signature.title = str(title or "")[:300]
        signature.terms = format_terms(terms)
        signature.text_terms = format_terms(Counter(dict(engine.signature(text or "").most_common(TEXT_TERMS))))
        signature.norm = engine.norm(terms) or 1.0
        signature.updated_at = timezone.now()
        signature.save()
        SimilarityPosting.objects.bulk_create([
            SimilarityPosting(signature=signature, organisation_id=organisation_id, content_type_id=content_type.pk,
                              term=t[:40]) for t in terms if indexed(t)])
    return signature


def similarity_reindex(*, batch_size: int = 2000) -> int:
    """Rebuild every signature, posting and term count from the registered models, in bulk."""
    engine = default_engine()
    total = 0
    for searchable in searchables():
        if searchable.similarity is None:
            continue
        content_type = ContentType.objects.get_for_model(searchable.model)
        with transaction.atomic():
            SimilaritySignature.objects.filter(content_type=content_type).delete()
            SimilarityTermCount.objects.filter(content_type=content_type).delete()
            qs = searchable.model._default_manager.all().order_by("pk")
            if searchable.select_related:
                qs = qs.select_related(*searchable.select_related)
            rows, df = [], Counter()
            for obj in qs.iterator(chunk_size=batch_size):
                fields = searchable.similarity(obj)
                if fields is None:
                    continue
                title, text = fields
                terms = engine.signature(title)
                org_id = searchable.organisation_id(obj)
                df.update((org_id, t) for t in [*terms, ""])
                rows.append((obj.pk, org_id, str(title or "")[:300], terms, engine.signature(text or "")))
            SimilarityTermCount.objects.bulk_create(
                [SimilarityTermCount(organisation_id=o, content_type=content_type, term=t, documents=n)
                 for (o, t), n in df.items()], batch_size=batch_size)
            for start in range(0, len(rows), batch_size):
                chunk = rows[start:start + batch_size]
                signatures = []
                for pk, org_id, title, terms, text_terms in chunk:
                    engine.documents = df[(org_id, "")]
                    engine.df = {t: df[(org_id, t)] for t in terms}
                    signatures.append(SimilaritySignature(
                        organisation_id=org_id, content_type=content_type, object_id=str(pk), title=title,
                        terms=format_terms(terms), text_terms=format_terms(Counter(dict(text_terms.most_common(TEXT_TERMS)))),
                        norm=engine.norm(terms) or 1.0))
                SimilaritySignature.objects.bulk_create(signatures, batch_size=batch_size)
                saved = dict(SimilaritySignature.objects.filter(
                    content_type=content_type, object_id__in=[str(r[0]) for r in chunk]).values_list("object_id", "pk"))
                SimilarityPosting.objects.bulk_create([
                    SimilarityPosting(signature_id=saved[str(pk)], organisation_id=org_id,
                                      content_type=content_type, term=t[:40])
                    for pk, org_id, _title, terms, _text in chunk for t in terms if indexed(t)],
                    batch_size=batch_size * 10)
            total += len(rows)
    return total
