"""Identity and sessions (身份鉴别): one lockout per account on every login form, the admin's included; the
client's address behind a proxy; session limits; the signing key; refusing to start without a real SECRET_KEY."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from zhengxie.core.choices import Role
from zhengxie.core.models import AuditEntry

from .factories import PASSWORD, OrganisationFactory, PersonFactory, UserFactory, staff_user

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def member_account(org):
    person = PersonFactory(phone="13900001111")
    return UserFactory(username="mts0042", person=person, phone="13900001111", default_organisation=org)


def _login(client, username, password=PASSWORD, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def test_wrong_password_shows_the_translated_message(member_account, client):
    response = _login(client, "mts0042", "wrong-password")
    assert response.status_code == 200
    assert "用户名或手机号与密码不匹配" in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_phone_number_does_not_give_fresh_tries_once_the_account_is_locked(member_account, client):
    for _ in range(3):
        _login(client, "mts0042", "wrong")
    assert _login(client, "13900001111").status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_failures_under_the_name_and_the_phone_add_up(member_account, client):
    _login(client, "mts0042", "wrong")
    _login(client, "13900001111", "wrong")
    _login(client, "MTS0042 ", "wrong")  # not an account: counted for the string only
    _login(client, "13900001111", "wrong")
    assert _login(client, "mts0042").status_code == 429


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_ADDRESS_FAILURE_LIMIT=5)
def test_unknown_names_are_throttled_per_name_and_per_address(member_account, client):
    for _ in range(3):
        _login(client, "nobody", "x")
    assert _login(client, "nobody", "x").status_code == 429
    for i in range(5):
        _login(client, f"ghost{i}", "x")
    assert _login(client, "ghost-new", "x").status_code == 429
    # the account itself is not locked by strangers' names
    assert _login(client, "mts0042").status_code == 302
    # an unknown name is audited masked (it may be a password typed in the wrong field)
    assert AuditEntry.objects.filter(action="core.user.login_failed", changes__typed="no****").count() == 3


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_admin_site_login_is_ours_with_its_lockout(org, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, default_organisation=org)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for _ in range(3):
        client.post("/admin/login/?next=/admin/", {"username": "root", "password": "wrong"})
        _login(client, "root", "wrong")
    response = _login(client, "root")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert admin.pk


def test_login_failure_lockout_and_logout_are_audited(member_account, client, settings, caplog):
    settings.LOGIN_FAILURE_LIMIT = 2
    _login(client, "mts0042", "wrong")
    assert not [r for r in caplog.records if r.name == "zhengxie.core.auth"]
    _login(client, "13900001111", "wrong")
    actions = list(AuditEntry.objects.filter(object_id=str(member_account.pk)).values_list("action", flat=True))
    assert actions.count("core.user.login_failed") == 2
    assert "core.user.locked_out" in actions
    locked = [r.getMessage() for r in caplog.records if r.name == "zhengxie.core.auth"]
    assert locked == [f"account {member_account.pk} locked for {settings.LOGIN_LOCKOUT_MINUTES} minutes after 2 failed logins"]
    assert "13900001111" not in locked[0] and "mts0042" not in locked[0]
    settings.LOGIN_FAILURE_LIMIT = 5
    from zhengxie.core.services import account_unlock

    admin = staff_user(member_account.default_organisation, Role.SECURITY_ADMIN, "boss")
    account_unlock(actor=admin, organisation=member_account.default_organisation, user=member_account)
    assert _login(client, "mts0042").status_code == 302
    client.post("/accounts/logout/")
    actions = set(AuditEntry.objects.filter(object_id=str(member_account.pk)).values_list("action", flat=True))
    assert {"core.user.logged_in", "core.user.logged_out", "core.user.unlocked"} <= actions


# --- the client's address behind a proxy ------------------------------------------------------------------------


def _ip(settings, remote, **headers):
    from zhengxie.core.context import ip_of

    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    return ip_of(request)


def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _ip(settings, "203.0.113.9", HTTP_X_REAL_IP="1.2.3.4") == "203.0.113.9"
    assert _ip(settings, "203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4") == "203.0.113.9"
    assert _ip(settings, "127.0.0.1", HTTP_X_REAL_IP="198.51.100.7") == "198.51.100.7"
    assert _ip(settings, "10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.5") == "198.51.100.7"
    assert _ip(settings, "127.0.0.1", HTTP_X_REAL_IP="not-an-address") == "127.0.0.1"
    settings.BEHIND_PROXY = False
    assert _ip(settings, "127.0.0.1", HTTP_X_REAL_IP="198.51.100.7") == "127.0.0.1"


# --- sessions ---------------------------------------------------------------------------------------------------------


def test_a_session_ends_at_the_absolute_limit_however_active(member_account, client, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    settings.SESSION_COOKIE_AGE = 1800
    client.force_login(member_account)
    assert client.get("/accounts/profile/").status_code == 200
    assert client.session.get_expiry_age() <= 1800
    session = client.session
    session["zx_login_at"] = time.time() - 3500  # 100 seconds left: the idle limit may not reach past them
    session.save()
    assert client.get("/accounts/profile/").status_code == 200
    assert client.session.get_expiry_age() <= 100
    session = client.session
    session["zx_login_at"] = time.time() - 3601
    session.save()
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_the_idle_limit_is_short_and_there_is_an_absolute_one():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600


# --- keys ---------------------------------------------------------------------------------------------------------------


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "DEBUG")}
    env.update(extra)
    return env


def test_without_a_real_secret_key_the_server_refuses_to_start():
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=_env(DEBUG="0"),
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=_env(DEBUG="0", SECRET_KEY="short"),
                            capture_output=True, text=True)
    assert result.returncode != 0


def test_check_deploy_reports_the_development_key():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=_env(DEBUG="1"),
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "zhengxie.E001" in result.stdout + result.stderr


def test_sign_in_codes_use_the_token_key_and_old_keys_stay_valid_while_listed(settings):
    from zhengxie.activities import tokens

    settings.TOKEN_SIGNING_KEY = "first-token-key-" + "a1b2c3d4" * 4
    token = tokens.make_token(7)
    assert tokens.verify_token(token) == 7
    # a code forged with SECRET_KEY (the old scheme) is refused
    from django.utils.crypto import salted_hmac

    step = tokens.current_step()
    forged = f"7.{step}.{salted_hmac(tokens.SALT, f'7:{step}', algorithm='sha256').hexdigest()[:20]}"
    with pytest.raises(tokens.InvalidToken):
        tokens.verify_token(forged)
    settings.TOKEN_SIGNING_KEY = "second-token-key-" + "e5f6a7b8" * 4
    with pytest.raises(tokens.InvalidToken):
        tokens.verify_token(token)
    settings.TOKEN_SIGNING_KEY_FALLBACKS = ["first-token-key-" + "a1b2c3d4" * 4]
    assert tokens.verify_token(token) == 7


def test_the_public_challenge_is_not_signed_with_secret_key(settings):
    from django.core import signing

    from zhengxie.outreach import guard

    settings.TOKEN_SIGNING_KEY = "first-token-key-" + "a1b2c3d4" * 4
    token = guard.challenge_issue().token
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt=guard.CHALLENGE_SALT)  # Django's default key: SECRET_KEY
