"""The production password hasher: Argon2id with its stated parameters; older hashes verify and are upgraded."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings

from zhengxie.core.hashers import Argon2idHasher

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION = [
    "zhengxie.core.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def test_production_hasher_is_argon2id_with_its_parameters():
    # The test run itself uses MD5 for speed; PRODUCTION is the list of config/settings.py.
    with override_settings(PASSWORD_HASHERS=PRODUCTION):
        encoded = make_password(PASSWORD)
        assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert check_password(PASSWORD, encoded)
        assert not check_password("wrong password", encoded)


@pytest.mark.parametrize("old", ["pbkdf2_sha256", "argon2-default"])
def test_older_hash_verifies_and_is_upgraded_at_login(world, client, old):
    user = world.city_member
    with override_settings(PASSWORD_HASHERS=PRODUCTION):
        if old == "pbkdf2_sha256":
            user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        else:  # Django's own Argon2 parameters (m=100 MiB, p=8): verifies, then re-hashed with ours
            from django.contrib.auth.hashers import Argon2PasswordHasher

            user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
        user.save(update_fields=["password"])
        before = user.password
        response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.password != before
        assert identify_hasher(user.password).__class__ is Argon2idHasher
        assert "m=19456,t=2,p=1" in user.password
        # A second login does not re-hash again (the parameters now match).
        client.logout()
        upgraded = user.password
        assert client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
        user.refresh_from_db()
        assert user.password == upgraded


def test_wrong_password_does_not_upgrade(world, client):
    user = world.city_member
    with override_settings(PASSWORD_HASHERS=PRODUCTION):
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
        before = user.password
        assert client.post("/accounts/login/", {"username": user.username, "password": "not it"}).status_code == 200
        user.refresh_from_db()
        assert user.password == before
