"""Deployment checks of the platform's own settings (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_keys(app_configs, **kwargs):
    problems = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        problems.append(Error(
            "SECRET_KEY is the built-in development key: anyone can forge sessions, password-reset links and "
            "sign-in codes with it.", hint="Set SECRET_KEY to 50 or more random characters (see docs/deploy.md).",
            id="zhengxie.E001"))
    if settings.TOKEN_SIGNING_KEY and settings.TOKEN_SIGNING_KEY == settings.SECRET_KEY:
        problems.append(Warning(
            "TOKEN_SIGNING_KEY is the same as SECRET_KEY.", hint="Give it its own random value, or leave it unset.",
            id="zhengxie.W001"))
    if settings.BEHIND_PROXY and not settings.TRUSTED_PROXIES:
        problems.append(Warning(
            "BEHIND_PROXY is set but TRUSTED_PROXIES is empty: client addresses come from REMOTE_ADDR (the proxy's).",
            hint="List the proxy's addresses in TRUSTED_PROXIES.", id="zhengxie.W002"))
    return problems
