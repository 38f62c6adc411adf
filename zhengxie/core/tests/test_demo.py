"""The demo generator fills a database (every app's part, at the smallest scale) and the documented demo accounts
are the ones it creates.

An app's tests of the demo data are in its ``tests/test_demo.py`` and read the ``county_demo`` fixture (conftest.py):
one seeded database shared by all of them, in one process."""

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_seed_demo_county_scale_documented_accounts_log_in(county_demo, client):
    """One run of the whole generator (every app's part) at the smallest scale."""
    from zhengxie.core.demo_accounts import demo_account_rows
    from zhengxie.core.models import Member, Organisation, User

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
    # every member in office has an account: m<org><number>, or the organisation's demo member (as the page says)
    without = Member.objects.filter(status="active").exclude(person__user__isnull=False)
    assert not without.exists(), list(without.values_list("member_number", flat=True)[:5])
    demo_member = User.objects.get(username="qz_member").person
    seat = Member.objects.get(person=demo_member, organisation__short_name="秦州区政协")
    assert not User.objects.filter(username=f"mqz{seat.member_number}").exists()
    assert f"`mts{seat.member_number}`" in doc and "`ts_member`" in doc
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
