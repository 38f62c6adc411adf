"""The platform's set-up: the production configuration passes Django's deployment checks, the demo generator
fills a database, and the documented demo accounts are the ones it creates."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# production environment\n(.*?)```", doc, re.S).group(1)
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    for line in block.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.removeprefix("export ").split("=", 1)
            env[key] = value.strip("'\"")
    env["SECRET_KEY"] = "x" * 30 + "-a-long-and-random-secret-for-this-test-only-0123456789"
    env["ZHENGXIE_VAR_DIR"] = str(tmp_path)  # not the documented /var/lib/zhengxie of a real machine
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
    # through the form: the demo's staff need no second factor; the superuser does, with the documented key
    assert client.post("/accounts/login/", {"username": "gs_admin", "password": "Demo@2026"})["Location"] == "/"
    client.logout()
    assert client.post("/accounts/login/", {"username": "admin", "password": "Demo@2026"})["Location"] == (
        "/accounts/login/verify/")
    from zhengxie.core.demo_accounts import superuser_totp_secret

    from .two_factor_helpers import give_device, totp_code

    assert f"`{superuser_totp_secret()}`" in doc
    device = give_device(User.objects.get(username="admin"))
    assert client.post("/accounts/login/verify/", {"code": totp_code(device)}).status_code == 302
    assert "_auth_user_id" in client.session
    # a second run on a full database does nothing when asked to load only an empty one
    call_command("seed_demo", if_empty=True)
    assert Organisation.objects.count() == 3


def test_the_documented_environment_is_the_one_in_deploy():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# production environment\n(.*?)```", doc, re.S).group(1).split()
    shipped = [line for line in (ROOT / "deploy" / "zhengxie.env").read_text().splitlines()
               if "=" in line and not line.startswith(("#", "SECRET_KEY"))]
    assert block == shipped


def test_the_units_run_the_documented_commands():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for unit in ("zhengxie-web.service", "zhengxie-worker.service", "zhengxie-relay.service"):
        text = (ROOT / "deploy" / unit).read_text()
        assert "EnvironmentFile=/etc/zhengxie.env" in text
        command = re.search(r"^ExecStart=/opt/zhengxie/venv/bin/(\S+ \S+)", text, re.M).group(1)
        assert command.removeprefix("zhengxie ") in doc, f"{unit}: {command} is not in docs/deploy.md"
