"""Every write of the channels app: an administrator's channel settings and texts, a person's choices."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log

from . import permissions, texts
from .choices import CONFIGURED, OUTBOUND, Channel, SmsProvider
from .kinds import GROUPS_BY_KEY
from .models import ChannelConfig, NoticeText, PersonChannels
from .providers import provider_for


def config_save(*, actor, organisation, channel: str, enabled: bool, provider: str = "", options: dict,
                secrets: dict, rate_per_minute: int, version: int | None = None) -> ChannelConfig:
    """Save a channel's settings. A secret left empty keeps the stored one; the stored ones are never returned.
    The audit entry names the credentials that changed, never their values."""
    if not permissions.can_configure_channels(actor, organisation):
        raise NotAllowed()
    if channel not in CONFIGURED:
        raise DomainError(gettext("This channel has no settings."))
    if channel == Channel.SMS and provider not in SmsProvider.values:
        raise DomainError(gettext("Choose the SMS provider."), errors={"provider": gettext("Choose the SMS provider.")})
    spec = provider_for(channel, provider if channel == Channel.SMS else "")
    options = {k: str(options.get(k, "")).strip() for k in (*spec.options, *extra_options(channel))}
    if enabled and channel == Channel.SMS and provider == SmsProvider.GATEWAY and not options.get("base_url"):
        raise DomainError(gettext("The gateway's address is needed."),
                          errors={"base_url": gettext("The gateway's address is needed.")})
    with transaction.atomic():
        config, created = ChannelConfig.objects.get_or_create(organisation=organisation, channel=channel)
        if not created:
            config = transitions.lock(ChannelConfig, config, version=version)
        stored = json.loads(config.secrets) if config.secrets else {}
        changed = sorted(k for k in spec.secret_names if secrets.get(k))
        stored.update({k: secrets[k] for k in changed})
        if enabled and any(not stored.get(k) for k in spec.secret_names):
            raise DomainError(gettext("Enter the credentials before switching the channel on."))
        before = {"enabled": config.enabled, "provider": config.provider, "options": config.options,
                  "rate_per_minute": config.rate_per_minute}
        config.enabled, config.provider, config.options = enabled, provider if channel == Channel.SMS else "", options
        config.rate_per_minute, config.secrets = rate_per_minute, json.dumps(stored)
        config.updated_by, config.updated_at, config.version = actor, timezone.now(), config.version + 1
        config.save()
        after = {"enabled": enabled, "provider": config.provider, "options": options, "rate_per_minute": rate_per_minute}
        audit_log(actor=actor, organisation=organisation, action="channels.config.saved", obj=config,
                  changes={**{k: [before[k], after[k]] for k in after if before[k] != after[k]},
                           "credentials_replaced": changed})
    return config


def extra_options(channel: str) -> tuple[str, ...]:
    """Options every provider of the channel has besides its own: the default SMS templates."""
    return ("template_code", "digest_template_code") if channel == Channel.SMS else ()


def text_save(*, actor, organisation, kind: str, channel: str, language: str, text: str,
              template_code: str = "") -> NoticeText | None:
    """An organisation's own wording (an empty text goes back to the built-in one)."""
    if not permissions.can_configure_channels(actor, organisation):
        raise NotAllowed()
    if (kind not in GROUPS_BY_KEY and kind != "digest") or channel not in OUTBOUND or language not in texts.LANGUAGES:
        raise DomainError(gettext("Unknown kind, channel or language."))
    text = text.strip()
    with transaction.atomic():
        rows = NoticeText.objects.filter(organisation=organisation, kind=kind, channel=channel, language=language)
        if not text:
            rows.delete()
            audit_log(actor=actor, organisation=organisation, action="channels.text.reset",
                      changes={"kind": kind, "channel": channel, "language": language})
            return None
        problems = texts.check_text(text, channel)
        if problems:
            raise DomainError(" ".join(problems), errors={"text": " ".join(problems)})
        row, _created = NoticeText.objects.update_or_create(
            organisation=organisation, kind=kind, channel=channel, language=language,
            defaults={"text": text, "template_code": template_code.strip(), "updated_at": timezone.now()})
        audit_log(actor=actor, organisation=organisation, action="channels.text.saved", obj=row,
                  changes={"text": text, "template_code": template_code})
    return row


def preferences_save(*, actor, choices: dict[str, list[str]], digest: bool, wecom_userid: str = "",
                     dingtalk_userid: str = "") -> PersonChannels:
    """A person's own choices: channels per kind of notice, the digest, their messaging-app accounts."""
    if not permissions.can_choose_channels(actor):
        raise NotAllowed()
    clean = {key: sorted(set(values) & set(OUTBOUND)) for key, values in choices.items() if key in GROUPS_BY_KEY}
    with transaction.atomic():
        person, _created = PersonChannels.objects.select_for_update().get_or_create(user=actor)
        person.choices, person.digest = clean, digest
        person.wecom_userid, person.dingtalk_userid = wecom_userid.strip()[:64], dingtalk_userid.strip()[:64]
        person.updated_at = timezone.now()
        person.save()
        audit_log(actor=actor, organisation=actor.default_organisation, action="channels.preferences.saved",
                  obj=person, changes={"choices": clean, "digest": digest})
    return person
