"""The short texts of notices per kind and channel, in each language, and the short links inside them.

The built-in wordings are translated strings; an administrator may give the organisation its own per kind,
channel and language (``NoticeText``), with the template code the SMS provider registered for it. An SMS stays
within 70 characters (one message on Chinese networks): the title is shortened to fit, never the link.
"""

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from zhengxie.core.links import absolute_url

from .choices import Channel
from .kinds import GROUPS
from .models import NoticeText, ShortLink

SMS_LIMIT = 70
LANGUAGES = ("zh-hans", "en")

#: The built-in texts: (kind, channel) → wording; a missing kind uses "other". Placeholders: %(title)s, %(link)s,
#: %(org)s, and in WeCom/DingTalk texts %(body)s.
DEFAULTS = {
    ("meeting", Channel.SMS): _("Meeting: %(title)s %(link)s"),
    ("reply", Channel.SMS): _("Reply to your proposal: %(title)s %(link)s"),
    ("rating", Channel.SMS): _("Please rate the reply: %(title)s %(link)s"),
    ("other", Channel.SMS): _("%(org)s: %(title)s %(link)s"),
    ("other", Channel.WECOM): _("%(title)s\n%(body)s"),
    ("other", Channel.DINGTALK): _("%(title)s\n%(body)s"),
    ("other", Channel.EMAIL): _("%(title)s\n\n%(body)s"),
    ("digest", Channel.SMS): _("%(org)s: %(count)s new notices. %(link)s"),
    ("digest", "any"): _("%(count)s new notices:\n%(titles)s"),
}
SAMPLE = {"title": "关于加强乡村学校师资建设的提案", "link": "https://zx.example.cn/s/Ab3dE9xK", "org": "天水市政协",
          "body": "请于本周内登录平台查看。", "count": 3, "titles": "· 会议通知\n· 提案答复\n· 评价提醒"}


def built_in(kind: str, channel: str):
    if kind == "digest":
        return DEFAULTS[("digest", Channel.SMS)] if channel == Channel.SMS else DEFAULTS[("digest", "any")]
    return DEFAULTS.get((kind, channel)) or DEFAULTS.get(("other", channel))


def wording(organisation, kind: str, channel: str, language: str) -> tuple[str, str]:
    """(text, provider template code): the organisation's own wording, else the built-in one in ``language``."""
    own = None
    if organisation is not None:
        own = NoticeText.objects.filter(organisation=organisation, kind=kind, channel=channel,
                                        language=language).first()
    if own is not None:
        return own.text, own.template_code
    default = built_in(kind, channel) or _("%(title)s")
    with translation.override(language):
        return str(default), ""


def fill(text: str, values: dict, *, channel: str) -> str:
    return fitted(text, values, channel=channel)[0]


def fitted(text: str, values: dict, *, channel: str) -> tuple[str, dict]:
    """The text with its placeholders filled, and the values used: an SMS has its title shortened until it fits
    (the template parameters sent to the provider are the shortened ones too)."""
    try:
        result = text % values
    except (KeyError, TypeError, ValueError):
        result = f"{values.get('title', '')} {values.get('link', '')}".strip()
    if channel != Channel.SMS or len(result) <= SMS_LIMIT:
        return result, values
    title = str(values.get("title", ""))
    shorter = title[: max(len(title) - (len(result) - SMS_LIMIT) - 1, 1)] + "…"
    if len(shorter) >= len(title):
        return result, values  # the fixed text is too long by itself: check_text refuses such a wording
    return fitted(text, {**values, "title": shorter}, channel=channel)


def check_text(text: str, channel: str) -> list[str]:
    """The problems an administrator must fix before saving a wording (translated)."""
    from django.utils.translation import gettext

    problems = []
    try:
        rendered = text % SAMPLE
    except (KeyError, TypeError, ValueError):
        return [gettext("Use only the placeholders %(title)s, %(link)s, %(org)s, %(body)s.")]
    fixed = len(rendered) - len(SAMPLE["title"])
    if channel == Channel.SMS and fixed > SMS_LIMIT - 8:
        problems.append(gettext("An SMS must stay within %(limit)d characters: without the title this text "
                                "already takes %(n)d.") % {"limit": SMS_LIMIT, "n": fixed})
    if channel == Channel.SMS and "%(link)s" not in text:
        problems.append(gettext("An SMS needs the link (%(link)s) so that the person can open the page."))
    return problems


def preview(text: str, channel: str) -> str:
    return fill(text, SAMPLE, channel=channel)


def kinds_for_editing():
    return [(g.key, g.label) for g in GROUPS]


def short_link(path: str) -> str:
    """The absolute short address of a platform page (``/s/<code>``); one code per page, made once."""
    if not path:
        path = "/"
    link = ShortLink.objects.filter(path=path).first()
    if link is None:
        try:
            with transaction.atomic():
                link = ShortLink.objects.create(path=path)
        except IntegrityError:  # made meanwhile by another worker
            link = ShortLink.objects.get(path=path)
    return absolute_url(f"/s/{link.code}")
