"""The password policy and API tokens: three character classes, not the name or phone, not one of the last five,
expiry for staff, a change forced after an administrator set the password; tokens revoked when the password
changes, and none without an expiry or past the longest lifetime."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhengxie.core import services
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import ApiToken, AuditEntry, User

from .factories import PASSWORD, OrganisationFactory, UserFactory, member_with_user, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.mark.parametrize("password", ["tianshui", "zhengxie2026", "abcdefgh1", "Short1!"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="someone"))


def test_a_password_with_three_classes_is_accepted():
    validate_password("Gansu-river-88", User(username="someone"))


def test_the_username_or_phone_may_not_be_in_the_password():
    user = User(username="mts0042", phone="13900001111")
    with pytest.raises(ValidationError):
        validate_password("Mts0042-pass", user)
    with pytest.raises(ValidationError):
        validate_password("Pw#13900001111", user)


def test_the_last_five_passwords_may_not_come_back(org):
    user = UserFactory(username="u1")
    history = ["First-pass-01", "Second-pass-02", "Third-pass-03", "Fourth-pass-04", "Fifth-pass-05"]
    for password in history:
        user.set_password(password)
        user.save()
    for password in history:
        with pytest.raises(ValidationError):
            validate_password(password, user)
    user.set_password("Sixth-pass-06")
    user.save()
    validate_password("First-pass-01", user)  # six changes ago: allowed again
    assert user.password_history.count() == 5


def test_the_password_change_page_refuses_an_old_password_and_is_audited(org, client_as):
    user = staff_user(org, Role.GENERAL_OFFICE, "office")
    client = client_as(user)
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": PASSWORD,
                                                  "new_password2": PASSWORD})
    assert response.status_code == 200
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "Brand-new-pass-7",
                                                  "new_password2": "Brand-new-pass-7"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="core.user.password_changed", object_id=str(user.pk)).exists()


def test_a_staff_password_expires_and_a_members_does_not(org, client_as, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    office = staff_user(org, Role.GENERAL_OFFICE, "office")
    member = member_with_user(org, "m1").person.user
    old = timezone.now() - dt.timedelta(days=91)
    User.objects.filter(pk__in=[office.pk, member.pk]).update(password_changed_at=old)
    response = client_as(office).get("/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    page = client_as(office).get("/accounts/password/")
    assert "90" in page.content.decode()
    assert client_as(member).get("/accounts/profile/").status_code == 200


def test_an_account_made_by_an_administrator_changes_its_password_at_the_first_login(org, client):
    admin = staff_user(org, Role.SYSTEM_ADMIN, "boss")
    with pytest.raises(DomainError):
        services.user_create(actor=admin, organisation=org, username="newbie", password="zhengxie2026")
    user = services.user_create(actor=admin, organisation=org, username="newbie", password="Initial-pass-1")
    assert user.must_change_password
    assert client.post("/accounts/login/", {"username": "newbie", "password": "Initial-pass-1"}).status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    response = client.post("/accounts/password/", {"old_password": "Initial-pass-1", "new_password1": "Initial-pass-1",
                                                  "new_password2": "Initial-pass-1"})
    assert response.status_code == 200  # the administrator's password may not be kept
    response = client.post("/accounts/password/", {"old_password": "Initial-pass-1", "new_password1": "My-own-pass-22",
                                                  "new_password2": "My-own-pass-22"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/accounts/profile/").status_code == 200


def test_tokens_are_revoked_when_the_password_changes(org):
    user = member_with_user(org, "m1").person.user
    token, _secret = services.api_token_create(user=user, name="phone", days=30)
    assert ApiToken.objects.usable().filter(pk=token.pk).exists()
    user.set_password("Another-pass-9")
    user.save()
    assert not ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_tokens_always_expire_within_the_longest_lifetime(org, settings):
    settings.API_TOKEN_MAX_DAYS = 180
    user = member_with_user(org, "m1").person.user
    token, _secret = services.api_token_create(user=user, name="phone")
    assert token.expires_at is not None
    assert token.expires_at <= timezone.now() + dt.timedelta(days=180)
    for days in (181, 3650):
        with pytest.raises(DomainError):
            services.api_token_create(user=user, name="phone", days=days)
    forever = ApiToken.objects.create(user=user, name="old", digest="d" * 64, hint="zx_x", expires_at=None)
    assert not ApiToken.objects.usable().filter(pk=forever.pk).exists()
    ApiToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - dt.timedelta(days=181),
                                                expires_at=timezone.now() + dt.timedelta(days=30))
    assert not ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_the_token_form_offers_at_most_the_longest_lifetime(org, client_as):
    user = member_with_user(org, "m1").person.user
    response = client_as(user).post("/accounts/profile/", {"name": "phone", "days": 3650})
    assert response.status_code == 200 and not user.api_tokens.exists()
    response = client_as(user).post("/accounts/profile/", {"name": "phone", "days": ""})
    assert response.status_code == 200 and not user.api_tokens.exists()


def test_the_migration_gives_old_tokens_an_expiry_and_old_attempts_their_account(org):
    import importlib
    from pathlib import Path

    from django.apps import apps

    from zhengxie.core.models import LoginAttempt

    name = next(Path(__file__).parents[1].glob("migrations/*_account_security.py")).stem
    migration = importlib.import_module(f"zhengxie.core.migrations.{name}")
    user = UserFactory(username="u1", phone="13900002222")
    forever = ApiToken.objects.create(user=user, name="old", digest="e" * 64, hint="zx_y", expires_at=None)
    LoginAttempt.objects.create(username="13900002222", succeeded=False)
    migration.tokens_expire(apps, None)
    migration.attempts_of_accounts(apps, None)
    forever.refresh_from_db()
    assert forever.expires_at == forever.created_at + dt.timedelta(days=180)
    assert LoginAttempt.objects.get(username="13900002222").user_id == user.pk
