"""Forms of the channels app."""

from django import forms
from django.utils.translation import gettext_lazy as _

#: Labels of the providers' option and credential names (the providers' own terms in brackets).
LABELS = {
    "base_url": _("Service address"), "account": _("Account"), "sign_name": _("SMS sign name"),
    "region": _("Region"), "access_key_id": _("AccessKey ID"), "secret_id": _("SecretId"),
    "sdk_app_id": _("SMS application ID (SdkAppId)"), "corp_id": _("Corporation ID (corpid)"),
    "agent_id": _("Application ID (AgentId)"), "app_key": _("AppKey"),
    "template_code": _("Default SMS template code"), "digest_template_code": _("Digest SMS template code"),
    "secret": _("Gateway secret"), "access_key_secret": _("AccessKey secret"), "secret_key": _("SecretKey"),
    "corp_secret": _("Application secret (corpsecret)"), "app_secret": _("AppSecret"),
}


class ConfigForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send notices by this channel"), required=False)
    rate_per_minute = forms.IntegerField(label=_("At most this many messages a minute"), min_value=1,
                                         max_value=6000, initial=60)

    def __init__(self, *args, config, spec, provider, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import extra_options

        self.spec = spec
        self.option_names = (*spec.options, *extra_options(config.channel))
        self.fields["enabled"].initial = config.enabled
        self.fields["rate_per_minute"].initial = config.rate_per_minute
        stored = bool(config.secrets)
        for name in self.option_names:
            help_text = _("Leave empty for the provider's own address.") if name == "base_url" and \
                spec.default_base_url else ""
            self.fields[f"o_{name}"] = forms.CharField(label=LABELS.get(name, name), required=False, max_length=300,
                                                       initial=(config.options or {}).get(name, ""),
                                                       help_text=help_text)
        for name in spec.secret_names:
            self.fields[f"s_{name}"] = forms.CharField(
                label=LABELS.get(name, name), required=False, max_length=500,
                widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                help_text=_("Stored encrypted and never shown again; leave empty to keep the stored one.")
                if stored else _("Stored encrypted and never shown again."))

    def options(self) -> dict:
        return {name: self.cleaned_data.get(f"o_{name}", "") for name in self.option_names}

    def secrets(self) -> dict:
        return {name: self.cleaned_data.get(f"s_{name}", "") for name in self.spec.secret_names}


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Placeholders: %(title)s, %(link)s, %(org)s; WeCom and DingTalk also "
                                       "%(body)s. Leave empty for the built-in text."))
    template_code = forms.CharField(label=_("Provider's template code"), max_length=60, required=False,
                                    help_text=_("The code under which the SMS provider approved this text."))


class PreferencesForm(forms.Form):
    digest = forms.BooleanField(label=_("Send me one daily digest instead of single messages"), required=False,
                                help_text=_("Urgent notices (a meeting changed for today) still come at once."))
    wecom_userid = forms.CharField(label=_("WeCom account (UserID)"), max_length=64, required=False)
    dingtalk_userid = forms.CharField(label=_("DingTalk account (userid)"), max_length=64, required=False)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["digest"].initial = person.digest
            self.fields["wecom_userid"].initial = person.wecom_userid
            self.fields["dingtalk_userid"].initial = person.dingtalk_userid
