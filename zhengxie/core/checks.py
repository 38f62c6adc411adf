"""Start-up checks: production refuses to run without the keys kept outside the database."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


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


@checks.register(checks.Tags.security, deploy=True)
def check_keys(app_configs, **kwargs):
    return [checks.Error(problem, hint="See docs/deploy.md, “Keys”.", id="zhengxie.E010") for problem in key_problems()]


def require_keys() -> None:
    """Called by the WSGI and ASGI entry points: a server does not start without its keys."""
    problems = key_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems) + " See docs/deploy.md, “Keys”.")
