"""Information for members and proposal topics are searchable, and offered beside a proposal being drafted, to
whoever may read them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import InfoItem, Topic
from .selectors import info_items_visible_to, topics_visible_to


def _describe(items) -> dict:
    return {i.pk: {"status": i.department, "year": str(i.published_at.year) if i.published_at else ""} for i in items}


register_searchable(Searchable(
    model=InfoItem,
    label=_("Information for members"),
    title=lambda i: i.title,
    text=lambda i: f"{i.department} {i.topic}\n{i.summary}\n{i.body}",
    url=lambda i: reverse("liaison:info_detail", args=[i.pk]),
    organisation_id=lambda i: i.organisation_id,
    visible=lambda user, organisation: info_items_visible_to(user, organisation).filter(status="published"),
    similarity=lambda i: (i.title, f"{i.summary}\n{i.body}") if i.status == "published" else None,
    describe=_describe,
))

register_searchable(Searchable(
    model=Topic,
    label=_("Proposal topics"),
    title=lambda t: t.title,
    text=lambda t: f"{t.subject} {t.source_note}\n{t.description}",
    url=lambda t: reverse("liaison:topic_detail", args=[t.pk]),
    organisation_id=lambda t: t.organisation_id,
    visible=lambda user, organisation: topics_visible_to(user, organisation).filter(status="listed"),
    similarity=lambda t: (t.title, t.description) if t.status == "listed" else None,
    describe=lambda topics: {t.pk: {"status": t.subject, "year": str(t.year)} for t in topics},
))
