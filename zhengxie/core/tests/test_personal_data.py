# ruff: noqa: S608 (SQL typed straight into the database, as an intruder would; table names are constants)
"""Personal data at rest: phone numbers and ID card numbers are ciphertext in the database (AES-256-GCM or
SM4-GCM, a key id in each), found by their keyed hashes, shown masked as before, and the keys rotate."""

import base64
import io

import pytest
from django.core.management import call_command
from django.db import connection

from zhengxie.core import crypto, services
from zhengxie.core.models import Person, User

pytestmark = pytest.mark.django_db

PLAIN_PHONE, PLAIN_ID = "13912340001", "62050219800101123X"


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def person(world):
    return Person.objects.create(name="李四", gender="M", phone=PLAIN_PHONE, id_number=PLAIN_ID)


def test_the_database_holds_ciphertext_only(person, world):
    raw_phone, raw_id = _raw("core_person", "phone", person.pk), _raw("core_person", "id_number", person.pk)
    assert PLAIN_PHONE not in raw_phone and PLAIN_ID not in raw_id
    assert raw_phone.startswith("A256:dev:") and crypto.is_encrypted(raw_id)
    assert PLAIN_PHONE not in _raw("core_person", "phone_digest", person.pk)
    user = world.city_member
    assert user.phone and user.phone not in (_raw("core_user", "phone", user.pk) or "")
    reloaded = Person.objects.get(pk=person.pk)
    assert (reloaded.phone, reloaded.id_number) == (PLAIN_PHONE, PLAIN_ID)


def test_a_ciphertext_moved_to_another_column_or_altered_does_not_decrypt(person):
    raw_phone = _raw("core_person", "phone", person.pk)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(raw_phone, column="core.person.id_number")
    code, key_id, body = raw_phone.split(":", 2)
    data = bytearray(base64.b64decode(body))
    data[14] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{code}:{key_id}:{base64.b64encode(bytes(data)).decode()}", column="core.person.phone")


def test_plain_value_lookups_are_refused_and_digests_find_the_row(person):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Person.objects.filter(phone=PLAIN_PHONE))
    with pytest.raises(FieldError):
        list(Person.objects.order_by("id_number").filter(id_number__startswith="6205"))
    found = Person.objects.get(id_number_digest=crypto.lookup_digest("id_number", PLAIN_ID.lower()))
    assert found.pk == person.pk
    assert Person.objects.filter(phone_digest=crypto.lookup_digest("phone", f" {PLAIN_PHONE} ")).count() == 1


def test_digest_follows_an_update(person):
    person.phone = "13900009999"
    person.save(update_fields=["phone"])
    assert Person.objects.filter(phone_digest=crypto.lookup_digest("phone", "13900009999")).exists()
    assert not Person.objects.filter(phone_digest=crypto.lookup_digest("phone", PLAIN_PHONE)).exists()


def test_login_by_phone_and_duplicate_checks_use_the_digest(world, client):
    member = world.city_member
    response = client.post("/accounts/login/", {"username": member.phone, "password": "Test-pass-2026"})
    assert response.status_code == 302
    assert User.objects.with_phone(member.phone).get() == member
    from zhengxie.core.exceptions import DomainError

    with pytest.raises(DomainError) as excinfo:
        services.user_create(actor=world.city_sysadmin, organisation=world.city, username="another",
                             phone=member.phone)
    assert excinfo.value.code == "phone_taken"


def test_member_search_by_phone_still_works(world, client_as):
    member = world.members["city_member"]
    page = client_as(world.city_office).get("/members/", {"q": member.person.phone})
    assert [m.pk for m in page.context["page"]] == [member.pk]


def test_same_id_number_reuses_the_person(world):
    term = world.city.terms.get(is_current=True)
    sector = world.city.sectors.first()
    first = services.member_create(actor=world.city_admin, organisation=world.city, term=term,
                                   person_data={"name": "赵六", "gender": "M", "id_number": PLAIN_ID},
                                   member_data={"sector": sector})
    county_term = world.county.terms.get(is_current=True)
    second = services.member_create(actor=world.county_admin, organisation=world.county, term=county_term,
                                    person_data={"name": "赵六", "gender": "M", "id_number": PLAIN_ID.lower()},
                                    member_data={"sector": world.county.sectors.first()})
    assert first.person_id == second.person_id


def test_audit_entries_keep_masked_personal_data(world):
    from zhengxie.core.models import AuditEntry

    term = world.city.terms.get(is_current=True)
    services.member_create(actor=world.city_admin, organisation=world.city, term=term,
                           person_data={"name": "钱七", "gender": "F", "id_number": PLAIN_ID, "phone": PLAIN_PHONE},
                           member_data={"sector": world.city.sectors.first()})
    changes = AuditEntry.objects.get(action="core.member.created").changes
    assert changes["phone"] == "139****0001" and changes["id_number"] == "6205**********123X"


def test_sm4_is_a_setting(settings, person):
    settings.PERSONAL_DATA_CIPHER = "SM4-GCM"
    settings.PERSONAL_DATA_KEYS = "sm4-1:" + base64.b64encode(b"s" * 16).decode() + ",dev:" + \
        base64.b64encode(crypto.keyring()[2]["dev"]).decode()
    crypto.keyring.cache_clear()
    try:
        value = crypto.encrypt(PLAIN_PHONE, column="core.person.phone")
        assert value.startswith("SM4:sm4-1:")
        assert crypto.decrypt(value, column="core.person.phone") == PLAIN_PHONE
        assert Person.objects.get(pk=person.pk).phone == PLAIN_PHONE  # the old AES ciphertext still reads
    finally:
        crypto.keyring.cache_clear()


def test_rotation_re_encrypts_with_the_new_key(settings, person, world):
    old = crypto.keyring()[2]["dev"]
    settings.PERSONAL_DATA_KEYS = "2027:" + base64.b64encode(b"n" * 32).decode() + ",dev:" + base64.b64encode(old).decode()
    crypto.keyring.cache_clear()
    try:
        out = io.StringIO()
        call_command("personal_data_rotate", stdout=out)
        assert _raw("core_person", "phone", person.pk).startswith("A256:2027:")
        assert (_raw("core_user", "phone", world.city_member.pk) or "").startswith("A256:2027:")
        settings.PERSONAL_DATA_KEYS = "2027:" + base64.b64encode(b"n" * 32).decode()  # the old key is gone
        crypto.keyring.cache_clear()
        assert Person.objects.get(pk=person.pk).id_number == PLAIN_ID
    finally:
        crypto.keyring.cache_clear()


def test_masked_display_kept(world, client_as):
    member = world.members["city_member"]
    page = client_as(world.city_office).get(f"/members/{member.pk}/").content.decode()
    assert member.person.phone not in page and member.person.id_number not in page


def test_the_migration_encrypts_the_rows_there_are_already_and_its_reverse_decrypts_them():
    """The data step of core's 0004 on a row written before it (plain values, no hashes), both ways. (Running the
    whole migration graph back and forth to get there took minutes on SQLite; the columns themselves are made by
    the migrations every test database is built with.)"""
    import importlib
    from types import SimpleNamespace

    migration = importlib.import_module("zhengxie.core.migrations.0004_encrypt_personal_data")
    editor = SimpleNamespace(connection=connection)  # the data step uses the schema editor's connection only
    person_id = Person.objects.create(name="旧数据", gender="M").pk
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_person SET phone = %s, id_number = %s, phone_digest = '', id_number_digest = '' "
                       "WHERE id = %s", [PLAIN_PHONE, PLAIN_ID, person_id])
    migration.encrypt_existing(None, editor)
    raw = _raw("core_person", "phone", person_id)
    assert crypto.is_encrypted(raw) and PLAIN_PHONE not in raw
    assert crypto.is_encrypted(_raw("core_person", "id_number", person_id))
    person = Person.objects.get(pk=person_id)
    assert (person.phone, person.id_number) == (PLAIN_PHONE, PLAIN_ID)
    assert person.id_number_digest == crypto.lookup_digest("id_number", PLAIN_ID)
    assert Person.objects.filter(phone_digest=crypto.lookup_digest("phone", PLAIN_PHONE), pk=person_id).exists()
    migration.encrypt_existing(None, editor)  # a second run leaves encrypted values alone
    assert Person.objects.get(pk=person_id).phone == PLAIN_PHONE
    migration.decrypt_existing(None, editor)
    assert (_raw("core_person", "phone", person_id), _raw("core_person", "id_number", person_id)) == (
        PLAIN_PHONE, PLAIN_ID)
