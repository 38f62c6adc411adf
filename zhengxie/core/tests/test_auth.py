import datetime as dt
import time
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhengxie.core.models import AuditEntry

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_with_username(world, client):
    response = _login(client, "city_member")
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_login_with_phone_number(world, client):
    phone = world.city_member.phone
    assert _login(client, phone).status_code == 302


def test_wrong_password_is_refused_with_translated_message(world, client):
    response = _login(client, "city_member", "wrong-password")
    assert response.status_code == 200
    assert "用户名或手机号与密码不匹配" in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_after_repeated_failures_even_with_the_right_password(world, client):
    for _ in range(3):
        _login(client, "city_member", "wrong")
    response = _login(client, "city_member")
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    # another account is not affected
    assert _login(client, "city_member2").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_administrator_unlocks(world, client, client_as):
    for _ in range(3):
        _login(client, "city_member", "wrong")
    admin = client_as(world.city_secadmin)
    response = admin.post(f"/manage/accounts/{world.city_member.pk}/unlock/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="core.user.unlocked").exists()
    assert _login(client, "city_member").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_other_organisations_admin_cannot_unlock(world, client_as):
    response = client_as(world.city2_secadmin).post(f"/manage/accounts/{world.city_member.pk}/unlock/")
    assert response.status_code == 404


def _session_row(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.cookies[django_settings.SESSION_COOKIE_NAME].value)


def test_session_expires_after_idle_time(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert "zhengxie.core.middleware.SessionRefreshMiddleware" in settings.MIDDLEWARE


def test_session_is_renewed_at_most_once_per_interval(world, client, settings):
    """The idle timeout moves with the requests, but a request within the interval writes nothing."""
    settings.SESSION_REFRESH_SECONDS = 60
    assert _login(client, "city_member").status_code == 302
    first = _session_row(client).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
    assert _session_row(client).expire_date == first
    with mock.patch("zhengxie.core.middleware.time.time", return_value=time.time() + 61):
        assert client.get("/").status_code == 200
    assert _session_row(client).expire_date > first
    assert client.get("/").status_code == 200  # still logged in


def test_session_ends_after_the_idle_time(world, client, settings):
    assert _login(client, "city_member").status_code == 302
    row = _session_row(client)
    row.expire_date = timezone.now() - dt.timedelta(seconds=1)
    row.save()
    assert client.get("/").status_code == 302  # to the login page


def test_password_reset_sends_mail(world, client, mailoutbox):
    response = client.post("/accounts/password-reset/", {"email": world.city_member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body
