# ruff: noqa: S608 (SQL typed straight into the database, as an intruder would; table names are constants)
"""The phones of constituents and of places' contacts are personal data: ciphertext in the database like members'
(core.crypto), a keyed hash beside them for look-ups, the plain number in the pages; rows stored in clear before the
migration are encrypted by it, and ``personal_data_rotate`` re-encrypts them with a new key."""

import base64
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from zhengxie.core import crypto
from zhengxie.outreach.models import Concern, Place

from .factories import submit

pytestmark = pytest.mark.django_db


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_phones_are_ciphertext_with_a_hash_for_look_ups(world, station):
    concern, _code = submit(world.city, phone="13912345678")
    station.contact_phone = "0938-7012345"
    station.save(update_fields=["contact_phone"])  # a partial save keeps the hash in step
    assert crypto.is_encrypted(_raw("outreach_concern", "submitter_phone", concern.pk))
    assert crypto.is_encrypted(_raw("outreach_place", "contact_phone", station.pk))
    assert Concern.objects.get(submitter_phone_digest=crypto.lookup_digest("phone", "139 1234 5678")) == concern
    assert Place.objects.get(contact_phone_digest=crypto.lookup_digest("phone", "0938-7012345")) == station
    assert Concern.objects.get(pk=concern.pk).submitter_phone == "13912345678"


def test_the_migration_encrypts_rows_kept_in_clear_and_rotation_covers_them(world, station, settings):
    concern, _code = submit(world.city)
    with connection.cursor() as cursor:  # as the rows were before the migration
        cursor.execute("UPDATE outreach_concern SET submitter_phone = %s, submitter_phone_digest = '' WHERE id = %s",
                       ["13800001111", concern.pk])
    editor = SimpleNamespace(connection=connection)  # what the migration's schema editor gives the helper
    crypto.encrypt_existing_rows(editor, "outreach_concern", "outreach.concern", {"submitter_phone": "phone"})
    assert crypto.is_encrypted(_raw("outreach_concern", "submitter_phone", concern.pk))
    assert _raw("outreach_concern", "submitter_phone_digest", concern.pk) == crypto.lookup_digest("phone", "13800001111")

    old = crypto.keyring()[2]["dev"]
    settings.PERSONAL_DATA_KEYS = "2027:" + base64.b64encode(b"n" * 32).decode() + ",dev:" + base64.b64encode(old).decode()
    crypto.keyring.cache_clear()
    try:
        call_command("personal_data_rotate", stdout=io.StringIO())
        assert _raw("outreach_concern", "submitter_phone", concern.pk).startswith("A256:2027:")
        assert Concern.objects.get(pk=concern.pk).submitter_phone == "13800001111"
    finally:
        crypto.keyring.cache_clear()
