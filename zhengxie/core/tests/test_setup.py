"""The platform's set-up: the production configuration passes Django's deployment checks, the demo generator
fills a database, and the documented demo accounts are the ones it creates."""

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


#: Keys as an operator generates them (docs/deploy.md, “Keys”); for these tests only.
PRODUCTION_KEYS = {
    "PERSONAL_DATA_KEYS": "2026a:" + base64.b64encode(b"k" * 32).decode(),
    "PERSONAL_DATA_LOOKUP_KEY": "l" * 43,
    "AUDIT_CHAIN_KEY": "a" * 43,
}


def test_check_deploy_is_clean_with_the_documented_production_environment():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# production environment\n(.*?)```", doc, re.S).group(1)
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    for line in block.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.removeprefix("export ").split("=", 1)
            env[key] = value.strip("'\"")
    env["SECRET_KEY"] = "x" * 30 + "-a-long-and-random-secret-for-this-test-only-0123456789"
    env.update(PRODUCTION_KEYS)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_seed_demo_county_scale_documented_accounts_log_in(client):
    """One run of the whole generator (every app's part) at the smallest scale."""
    from zhengxie.core.demo_accounts import demo_account_rows
    from zhengxie.core.models import Member, Organisation, User

    call_command("seed_demo", scale="county")
    assert Organisation.objects.count() == 3
    assert Member.objects.filter(organisation__short_name="秦州区政协").count() >= 150
    rows = demo_account_rows()
    doc = (ROOT / "docs" / "demo-accounts.md").read_text(encoding="utf-8")
    for _label, _org, username, _password in rows:
        assert f"`{username}`" in doc, f"{username} is not in docs/demo-accounts.md"
    assert "Demo@2026" in doc
    for username in ("qz_member", "qz_proposal", "ts_unit", "gs_admin"):
        assert client.login(username=username, password="Demo@2026"), username
        assert client.get("/").status_code == 200
        client.logout()
    assert User.objects.filter(username="qz_member").exists()
    # a second run on a full database does nothing when asked to load only an empty one
    call_command("seed_demo", if_empty=True)
    assert Organisation.objects.count() == 3


def test_production_refuses_to_start_without_the_keys_outside_the_database():
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
                                                           *PRODUCTION_KEYS)}
    env.update(DEBUG="0", SECRET_KEY="y" * 60)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    assert result.returncode != 0
    for variable in ("PERSONAL_DATA_KEYS", "PERSONAL_DATA_LOOKUP_KEY", "AUDIT_CHAIN_KEY"):
        assert variable in result.stderr + result.stdout
    script = "import config.wsgi"  # what gunicorn does first
    server = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert server.returncode != 0 and "ImproperlyConfigured" in server.stderr
