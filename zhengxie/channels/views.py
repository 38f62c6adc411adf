"""Pages of the channels app: the delivery log and a notice's route (staff), the channel settings and texts
(the system administrator), a person's own choices, and the short links."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from zhengxie.core.permissions import current_member
from zhengxie.core.views.common import organisation_required, paginate, posted_version, require, run_service

from . import permissions, selectors, services, tasks, texts
from .choices import CONFIGURED, OUTBOUND, Channel, DeliveryStatus, SmsProvider
from .forms import ConfigForm, PreferencesForm, TextForm
from .kinds import GROUPS, GROUPS_BY_KEY
from .models import ChannelConfig, ShortLink
from .providers import provider_for


def short(request, code):
    """A short link: the page it stands for (which asks for a login first, and comes back after it)."""
    link = ShortLink.objects.filter(code=code).first()
    if link is None or not url_has_allowed_host_and_scheme(link.path, allowed_hosts=None) or \
            not link.path.startswith("/") or link.path.startswith("//"):
        raise Http404
    return redirect(link.path)


@require(permissions.can_view_deliveries)
def deliveries(request):
    base = selectors.deliveries_visible_to(request.user, request.organisation)
    qs = selectors.filtered_deliveries(base, status=request.GET.get("status", ""), channel=request.GET.get(
        "channel", ""), recipient=request.GET.get("q", "").strip())
    if request.GET.get("week"):
        qs = qs.filter(created_at__gte=timezone.now() - timedelta(days=7))
    page = paginate(request, qs)
    rows = [(d, tasks.explain(d)) for d in page.object_list]
    return render(request, "channels/deliveries.html", {
        "page": page, "rows": rows, "counts": selectors.status_counts(base), "statuses": DeliveryStatus.choices,
        "channels": [c for c in Channel.choices if c[0] in OUTBOUND], "filters": request.GET})


@organisation_required
def notice_route(request, pk):
    """Why a notice did or did not reach its recipient: each channel's decision and outcome."""
    notice = selectors.notification_of(request.user, request.organisation, pk)
    if notice is None:
        raise Http404
    rows = [(d, tasks.explain(d)) for d in selectors.deliveries_visible_to(request.user, request.organisation)
            .filter(notification=notice).order_by("channel")]
    return render(request, "channels/notice_route.html", {"notice": notice, "rows": rows})


@require(permissions.can_configure_channels)
def configs(request):
    own = {c.channel: c for c in selectors.configs_visible_to(request.user, request.organisation)}
    return render(request, "channels/configs.html", {
        "rows": [(value, label, own.get(value)) for value, label in Channel.choices if value in CONFIGURED]})


@require(permissions.can_configure_channels)
def config_edit(request, channel):
    if channel not in CONFIGURED:
        raise Http404
    config = selectors.configs_visible_to(request.user, request.organisation).filter(channel=channel).first()
    config = config or ChannelConfig(organisation=request.organisation, channel=channel)
    provider = request.POST.get("provider") or request.GET.get("provider") or config.provider or (
        SmsProvider.GATEWAY if channel == Channel.SMS else "")
    spec = provider_for(channel, provider)
    form = ConfigForm(request.POST or None, config=config, spec=spec, provider=provider)
    if request.method == "POST" and "switch" not in request.POST and form.is_valid():
        done = run_service(request, lambda: services.config_save(
            actor=request.user, organisation=request.organisation, channel=channel, provider=provider,
            enabled=form.cleaned_data["enabled"], options=form.options(), secrets=form.secrets(),
            rate_per_minute=form.cleaned_data["rate_per_minute"], version=posted_version(request)),
            success=_("The channel's settings were saved."), form=form)
        if done:
            return redirect("channels:configs")
    return render(request, "channels/config_form.html", {
        "form": form, "config": config, "channel_label": Channel(channel).label, "provider": provider,
        "providers": SmsProvider.choices if channel == Channel.SMS else []})


@require(permissions.can_configure_channels)
def text_list(request):
    rows = []
    for group in [*GROUPS, None]:
        key = group.key if group else "digest"
        for channel in (Channel.SMS, Channel.WECOM, Channel.DINGTALK):
            for language in texts.LANGUAGES:
                text, code = texts.wording(request.organisation, key, channel, language)
                rows.append({"kind": key, "kind_label": group.label if group else _("Daily digest"),
                             "channel": channel, "channel_label": Channel(channel).label, "language": language,
                             "text": text, "code": code, "preview": texts.preview(text, channel)})
    return render(request, "channels/texts.html", {"rows": rows, "limit": texts.SMS_LIMIT})


@require(permissions.can_configure_channels)
def text_edit(request, kind, channel, language):
    if (kind not in GROUPS_BY_KEY and kind != "digest") or channel not in OUTBOUND or language not in texts.LANGUAGES:
        raise Http404
    text, code = texts.wording(request.organisation, kind, channel, language)
    form = TextForm(request.POST or None, initial={"text": text, "template_code": code})
    preview = texts.preview(request.POST.get("text", text), channel)
    problems = texts.check_text(request.POST.get("text", text), channel)
    if request.method == "POST" and "save" in request.POST and form.is_valid():
        done = run_service(request, lambda: services.text_save(
            actor=request.user, organisation=request.organisation, kind=kind, channel=channel, language=language,
            text=form.cleaned_data["text"], template_code=form.cleaned_data["template_code"]),
            success=_("The text was saved."), form=form)
        if done:
            return redirect("channels:texts")
    label = GROUPS_BY_KEY[kind].label if kind in GROUPS_BY_KEY else _("Daily digest")
    return render(request, "channels/text_form.html", {
        "form": form, "kind_label": label, "channel_label": Channel(channel).label, "language": language,
        "preview": preview, "length": len(preview), "limit": texts.SMS_LIMIT, "is_sms": channel == Channel.SMS,
        "problems": problems})


@organisation_required
def preferences(request):
    person = getattr(request.user, "channel_settings", None)
    from .routing import chosen_channels, enabled_channels

    outbound = enabled_channels(request.organisation) & set(OUTBOUND)
    is_member = current_member(request.user, request.organisation) is not None
    current = {g.key: chosen_channels(request.user, g, person=person, is_member=is_member, outbound=outbound)
               for g in GROUPS}
    channels = [(c, Channel(c).label) for c in OUTBOUND if c in outbound]
    form = PreferencesForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        choices = {g.key: request.POST.getlist(f"g-{g.key}") for g in GROUPS}
        done = run_service(request, lambda: services.preferences_save(
            actor=request.user, choices=choices, digest=form.cleaned_data["digest"],
            wecom_userid=form.cleaned_data["wecom_userid"], dingtalk_userid=form.cleaned_data["dingtalk_userid"]),
            success=_("Your choices were saved."), form=form)
        if done:
            return redirect("channels:preferences")
    rows = [(g, [(c, label, c in current[g.key]) for c, label in channels]) for g in GROUPS]
    return render(request, "channels/preferences.html", {"form": form, "rows": rows, "channels": channels,
                                                         "has_wecom": Channel.WECOM in outbound,
                                                         "has_dingtalk": Channel.DINGTALK in outbound})


@organisation_required
def me(request):
    """我的: the member's own corner on the phone (profile, notices, password, logging out)."""
    return render(request, "channels/me.html")
