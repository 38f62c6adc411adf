"""Writes on a member's calendar feed: the secret URL and its revocation."""

from django.db import transaction

from zhengxie.core.services import audit_log

from ..models import CalendarFeed
from ..models.activities import new_feed_token


def feed_get_or_create(*, user) -> CalendarFeed:
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if created:
        audit_log(actor=user, organisation=user.default_organisation, action="activities.feed.created", obj=feed)
    return feed


def feed_regenerate(*, user) -> CalendarFeed:
    """A new secret URL; the old one stops working at once."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
        audit_log(actor=user, organisation=user.default_organisation, action="activities.feed.regenerated", obj=feed)
    return feed


def feed_revoke(*, user) -> None:
    """Turn the feed off: the URL stops working until a new one is made."""
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            audit_log(actor=user, organisation=user.default_organisation, action="activities.feed.revoked")
