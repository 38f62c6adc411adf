"""The full-text index: one entry per searchable object, with its text segmented into words.

The words are indexed by the database's own full-text engine, created by migration 0002: on PostgreSQL a GIN
index on ``to_tsvector('simple', words)``; on SQLite an FTS5 table kept in step by triggers."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    words = models.TextField(blank=True)  # space-separated words (jieba)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_once")]
        indexes = [models.Index(fields=["organisation", "content_type"], name="search_org_type")]

    def __str__(self):
        return self.title


class SimilaritySignature(models.Model):
    """What the similarity engine keeps of an item (``search.similarity``), computed when the item is saved: the terms
    of its title and of its text, and the length of the title's vector at that time. The number label is not in it."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    terms = models.TextField(blank=True)  # "term:count term:count" of the title
    text_terms = models.TextField(blank=True)  # the same for the text (its most frequent terms)
    norm = models.FloatField(default=1.0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="similarity_signature_once")]
        indexes = [models.Index(fields=["organisation", "content_type"], name="similarity_org_type")]

    def __str__(self):
        return self.title


class SimilarityPosting(models.Model):
    """The inverted index over the signatures' title terms: which items of an organisation have a term."""

    signature = models.ForeignKey(SimilaritySignature, on_delete=models.CASCADE, related_name="postings")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=40)

    class Meta:
        # Covering: the first cut reads the newest postings of a term from the index alone.
        indexes = [models.Index(fields=["organisation", "content_type", "term", "signature"],
                                name="similarity_posting_term")]

    def __str__(self):
        return self.term


class SimilarityTermCount(models.Model):
    """In how many items of a kind an organisation's title term occurs (the document frequency the weights come
    from); the empty term counts the items themselves."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=40, blank=True)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "content_type", "term"],
                                               name="similarity_term_count_once")]

    def __str__(self):
        return f"{self.term}: {self.documents}"


class UnitSuccession(models.Model):
    """A handling unit renamed or merged over the years (机构改革): the work of ``old`` is now done by ``new``. The
    handling-unit suggestion counts what ``old`` handled for ``new``. Kept by the platform administrator."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    old = models.OneToOneField("core.HandlingUnit", on_delete=models.CASCADE, related_name="succession",
                               verbose_name=_("former unit"))
    new = models.ForeignKey("core.HandlingUnit", on_delete=models.CASCADE, related_name="+",
                            verbose_name=_("unit that took over its work"))
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")

    def __str__(self):
        return f"{self.old} → {self.new}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.old_id and self.new_id:
            if self.old_id == self.new_id:
                raise ValidationError(_("A unit cannot succeed itself."))
            if self.old.organisation_id != self.organisation_id or self.new.organisation_id != self.organisation_id:
                raise ValidationError(_("Both units must belong to the organisation."))
