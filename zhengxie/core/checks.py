"""Deployment and start-up checks of the platform's own settings (``manage.py check --deploy``): the secret
keys, the proxy, and the keys kept outside the database; production refuses to run without them."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def check_secret_keys(app_configs, **kwargs):
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



def key_problems() -> list[str]:
    """What is wrong with the personal-data and audit keys (nothing with DEBUG or in the tests: development keys)."""
    from .crypto import keyring

    problems = []
    try:
        keyring.cache_clear()
        keyring()
    except (ImproperlyConfigured, OSError) as exc:
        problems.append(str(exc))
    if not settings.PERSONAL_DATA_LOOKUP_KEY:
        problems.append("PERSONAL_DATA_LOOKUP_KEY is not set.")
    if not settings.AUDIT_CHAIN_KEY:
        problems.append("AUDIT_CHAIN_KEY is not set.")
    return problems


@register(Tags.security, deploy=True)
def check_keys(app_configs, **kwargs):
    return [Error(problem, hint="See docs/deploy.md, “Keys”.", id="zhengxie.E010") for problem in key_problems()]


def require_keys() -> None:
    """Called by the WSGI and ASGI entry points: a server does not start without its keys."""
    problems = key_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems) + " See docs/deploy.md, “Keys”.")
