"""The full-text index: one entry per searchable object, with its text segmented into words.

The words are indexed by the database's own full-text engine, created by migration 0002: on PostgreSQL a GIN
index on ``to_tsvector('simple', words)``; on SQLite an FTS5 table kept in step by triggers."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


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
