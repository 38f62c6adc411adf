"""Sending the deliveries: each row claimed with a conditional update, sent with no transaction open, then marked.

- A failure the provider says may pass (a timeout, a server error, a rate limit) is tried again after 1, 2, 4, 8
  minutes; after ``MAX_ATTEMPTS`` (or at once for a refusal such as a wrong credential) the row gives up, with the
  provider's answer kept for the delivery log.
- Each organisation's channel sends at most ``rate_per_minute`` messages a minute; the rest wait for the next one.
- No SMS in the organisation's quiet hours unless the notice is urgent: the row is held until they end.
- People who chose a digest get the day's notices in one message per channel (``send_digests``).

``channels_deliver --loop`` runs ``deliver_due`` every half minute (retries, held rows); ``--digest`` the digests.
"""

import datetime as dt
import logging

from django.core.cache import cache
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext, ngettext, override

from zhengxie.core.models import Notification
from zhengxie.core.org_settings import get_setting

from . import texts
from .choices import OPEN_STATES, Channel, DeliveryStatus, SkipReason
from .models import ChannelConfig, Delivery, PersonChannels
from .org_settings import DIGEST_HOUR, QUIET_END, QUIET_START
from .providers import Message, ProviderError, provider_for
from .routing import address_of

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = dt.timedelta(minutes=1)
STALE_CLAIM = dt.timedelta(minutes=10)


def backoff(attempts: int) -> dt.timedelta:
    return BACKOFF * 2 ** max(attempts - 1, 0)


def _claim(pk: int, now) -> bool:
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    return bool(Delivery.objects.filter(free, pk=pk, status__in=OPEN_STATES, next_attempt_at__lte=now)
                .update(claimed_at=now))


def quiet_until(organisation, now):
    """The end of the quiet hours if ``now`` falls in them (hours in the organisation's settings), else None."""
    start, end = get_setting(organisation, QUIET_START), get_setting(organisation, QUIET_END)
    local = timezone.localtime(now)
    if start == end:
        return None
    quiet = (start <= local.hour or local.hour < end) if start > end else (start <= local.hour < end)
    if not quiet:
        return None
    until = local.replace(hour=end, minute=0, second=0, microsecond=0)
    return until if until > local else until + dt.timedelta(days=1)


def rate_allows(config, now) -> bool:
    """A fixed window per minute in the shared cache: every worker counts against the same limit."""
    if config is None or not config.rate_per_minute:
        return True
    key = f"channels:rate:{config.pk}:{now:%Y%m%d%H%M}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) <= config.rate_per_minute
    except ValueError:  # the key expired between add and incr
        return True


def config_of(delivery):
    if delivery.channel == Channel.EMAIL:
        return None
    return ChannelConfig.objects.filter(organisation_id=delivery.organisation_id, channel=delivery.channel,
                                        enabled=True).first()


def message_for(delivery, config, address: str) -> Message:
    notification, user = delivery.notification, delivery.recipient
    language = user.language or "zh-hans"
    text, code = texts.wording(delivery.organisation, delivery.kind, delivery.channel, language)
    link = texts.short_link(notification.url or "/")
    org = delivery.organisation.short_name if delivery.organisation else ""
    body, values = texts.fitted(text, {"title": notification.title, "link": link, "org": org,
                                       "body": notification.body}, channel=delivery.channel)
    if delivery.channel == Channel.SMS:
        code = code or (config.options.get("template_code", "") if config else "")
    return Message(to=address, title=notification.title, text=body, url=link, template_code=code,
                   params={"title": values["title"], "link": link})


def _finish(rows, **fields):
    rows.update(claimed_at=None, **fields)


def deliver_one(pk: int, now=None) -> str:
    """Send one delivery if it is due; returns its status afterwards (or "" when another worker has it)."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return ""
    delivery = Delivery.objects.select_related("notification", "recipient", "organisation").get(pk=pk)
    rows = Delivery.objects.filter(pk=pk)
    config = config_of(delivery)
    if delivery.channel != Channel.EMAIL and config is None:
        _finish(rows, status=DeliveryStatus.SKIPPED, reason=SkipReason.DISABLED)
        return DeliveryStatus.SKIPPED
    if delivery.channel == Channel.SMS and not delivery.urgent and delivery.organisation:
        until = quiet_until(delivery.organisation, now)
        if until is not None:
            _finish(rows, status=DeliveryStatus.HELD, next_attempt_at=until)
            return DeliveryStatus.HELD
    if not rate_allows(config, now):
        _finish(rows, next_attempt_at=now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1))
        return delivery.status
    person = PersonChannels.objects.filter(user_id=delivery.recipient_id).first()
    address = address_of(delivery.recipient, delivery.channel, person)
    if not address:
        _finish(rows, status=DeliveryStatus.SKIPPED, reason=SkipReason.NO_ADDRESS)
        return DeliveryStatus.SKIPPED
    return _send(delivery, rows, config, message_for(delivery, config, address), now)


def _send(delivery, rows, config, message, now) -> str:
    provider = provider_for(delivery.channel, config.provider if config else "")
    attempts = delivery.attempts + 1
    try:
        provider_id = provider.send(config, message)
    except ProviderError as exc:
        logger.warning("Delivery %s (%s) failed, attempt %d: %s", delivery.pk, delivery.channel, attempts, exc.reason)
        if not exc.retry or attempts >= MAX_ATTEMPTS:
            _finish(rows, status=DeliveryStatus.GAVE_UP, attempts=attempts, error=exc.reason)
            if delivery.channel == Channel.EMAIL:
                Notification.objects.filter(pk=delivery.notification_id).update(email_error=exc.reason[:300])
            return DeliveryStatus.GAVE_UP
        wait = max(backoff(attempts), dt.timedelta(minutes=1) if exc.rate_limited else dt.timedelta(0))
        _finish(rows, status=DeliveryStatus.FAILED, attempts=attempts, error=exc.reason, next_attempt_at=now + wait)
        return DeliveryStatus.FAILED
    _finish(rows, status=DeliveryStatus.SENT, attempts=attempts, error="", sent_at=timezone.now(),
            provider_id=provider_id[:100])
    if delivery.channel == Channel.EMAIL:
        Notification.objects.filter(pk=delivery.notification_id).update(emailed_at=timezone.now(), email_error="")
    return DeliveryStatus.SENT


@task()
def send_deliveries(delivery_ids: list[int]) -> int:
    """Send the given deliveries (those due); a retried task skips what was sent. Returns how many went out."""
    return sum(deliver_one(pk) == DeliveryStatus.SENT for pk in delivery_ids)


def due_ids(now=None, batch: int = 500) -> list[int]:
    now = now or timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    return list(Delivery.objects.filter(free, status__in=OPEN_STATES, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:batch])


@task()
def deliver_due() -> int:
    """The retries and the rows held for quiet hours or the rate limit, once their time has come."""
    return sum(deliver_one(pk) == DeliveryStatus.SENT for pk in due_ids())


# --- the daily digest ------------------------------------------------------------------------------------------


def digest_message(rows, config, address: str, user, organisation) -> Message:
    language = user.language or "zh-hans"
    channel = rows[0].channel
    link = texts.short_link("/inbox/")
    text, code = texts.wording(organisation, "digest", channel, language)
    titles = "\n".join(f"· {d.notification.title}" for d in rows[:10])
    org = organisation.short_name if organisation else ""
    body = texts.fill(text, {"count": len(rows), "titles": titles, "link": link, "org": org, "title": ""},
                      channel=channel)
    with override(language):
        title = ngettext("%(n)d new notice", "%(n)d new notices", len(rows)) % {"n": len(rows)}
        if channel == Channel.SMS:
            code = code or (config.options.get("digest_template_code", "") if config else "")
    return Message(to=address, title=title, text=body, url=link, template_code=code,
                   params={"count": str(len(rows)), "link": link})


def digest_cutoff(organisation, now):
    """The last digest moment at or before ``now`` (today's digest hour, else yesterday's): the notices written
    before it go in the digest sent then; later ones wait for the next day's."""
    hour = get_setting(organisation, DIGEST_HOUR) if organisation else 18
    local = timezone.localtime(now)
    moment = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment if moment <= local else moment - dt.timedelta(days=1)


@task()
def send_digests() -> int:
    """One message per person and channel with the notices kept for the digest; returns the messages sent."""
    now = timezone.now()
    groups: dict = {}
    cutoffs: dict = {}
    for d in (Delivery.objects.filter(status=DeliveryStatus.DIGEST, claimed_at__isnull=True)
              .select_related("notification", "recipient", "organisation").order_by("pk")):
        if d.organisation_id not in cutoffs:
            cutoffs[d.organisation_id] = digest_cutoff(d.organisation, now)
        if d.created_at < cutoffs[d.organisation_id]:
            groups.setdefault((d.recipient_id, d.channel, d.organisation_id), []).append(d)
    return sum(_send_digest(rows, rows[0], now) for rows in groups.values())


def _send_digest(rows, first, now) -> int:
    ids = [d.pk for d in rows]
    if not Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.DIGEST, claimed_at__isnull=True).update(
            claimed_at=now):
        return 0
    claimed = Delivery.objects.filter(pk__in=ids)
    config = config_of(first)
    person = PersonChannels.objects.filter(user_id=first.recipient_id).first()
    address = address_of(first.recipient, first.channel, person)
    if (first.channel != Channel.EMAIL and config is None) or not address:
        claimed.update(claimed_at=None, status=DeliveryStatus.SKIPPED,
                       reason=SkipReason.DISABLED if address else SkipReason.NO_ADDRESS)
        return 0
    message = digest_message(rows, config, address, first.recipient, first.organisation)
    try:
        provider_for(first.channel, config.provider if config else "").send(config, message)
    except ProviderError as exc:
        logger.warning("Digest for user %s by %s failed: %s", first.recipient_id, first.channel, exc.reason)
        claimed.update(claimed_at=None, error=exc.reason)
        return 0
    claimed.update(claimed_at=None, status=DeliveryStatus.SENT, reason=SkipReason.IN_DIGEST, sent_at=timezone.now(),
                   error="")
    return 1


def explain(delivery) -> str:
    """In words, for staff: what became of this delivery and why."""
    status = DeliveryStatus(delivery.status).label
    if delivery.reason:
        return f"{status}: {SkipReason(delivery.reason).label}"
    if delivery.status == DeliveryStatus.HELD:
        return gettext("%(status)s until %(time)s") % {
            "status": status, "time": timezone.localtime(delivery.next_attempt_at).strftime("%H:%M")}
    if delivery.error:
        return f"{status}: {delivery.error}"
    return ""  # the badge says it all
