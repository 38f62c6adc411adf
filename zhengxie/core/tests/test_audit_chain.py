# ruff: noqa: S608 (SQL typed straight into the database, as an intruder would; table names are constants)
"""The audit log holds: hash-chained entries, refused bulk writes, a PostgreSQL trigger, actors kept after deletion,
``manage.py audit_verify`` finding every edited, inserted or removed row, archiving that never deletes silently."""

import datetime as dt
import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from zhengxie.core import audit_chain, services
from zhengxie.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


def _entries(world, n=5):
    return [services.audit_log(actor=world.city_admin, organisation=world.city, action=f"core.test.{i}",
                               obj=world.city_member, changes={"n": i, "nested": {"b": [1, "二"], "a": None}})
            for i in range(n)]


@contextmanager
def _as_intruder():
    """SQL typed straight into the database, past the Python guards; on PostgreSQL by someone who can also switch
    the table's trigger off (its owner)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER core_auditentry_append_only")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER core_auditentry_append_only")


def _verify_command() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_entries_are_chained_and_verify(world):
    entries = _entries(world)
    seqs = [e.seq for e in entries]
    assert seqs == list(range(seqs[0], seqs[0] + 5))
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash and len(after.hash) == 64
    state = audit_chain.verify()
    assert state.ok and state.last_seq == entries[-1].seq
    code, out = _verify_command()
    assert code == 0 and "holds" in out


def test_an_edited_row_is_found(world):
    entries = _entries(world)
    with _as_intruder() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET object_repr = %s WHERE id = %s", ["someone else", entries[2].pk])
    state = audit_chain.verify()
    assert not state.ok and state.broken_at == entries[2].seq and state.last_seq == entries[1].seq
    code, out = _verify_command()
    assert code == 1 and f"BROKEN at {entries[2].seq}" in out


def test_an_edited_row_with_a_recomputed_plain_hash_is_found(world):
    """Without the key kept outside the database, a hash that verifies cannot be computed."""
    import hashlib

    entries = _entries(world, 3)
    forged = hashlib.sha256(b"anything").hexdigest()
    with _as_intruder() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = %s, hash = %s WHERE id = %s", ["core.nothing", forged, entries[1].pk])
    state = audit_chain.verify()
    assert not state.ok and state.broken_at == entries[1].seq


def test_a_removed_row_is_found(world):
    entries = _entries(world)
    with _as_intruder() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entries[3].pk])
    state = audit_chain.verify()
    assert not state.ok and state.broken_at == entries[4].seq
    assert "missing" in state.problem


def test_an_inserted_row_is_found(world):
    entries = _entries(world)
    with _as_intruder() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (seq, actor_name, action, object_id, object_repr, changes, at, prev_hash, hash) "
            "VALUES (%s, %s, %s, '', '', %s, %s, %s, %s)",
            [entries[-1].seq + 1, "intruder", "core.test.slipped_in", "{}", timezone.now(), entries[-1].hash, "0" * 64])
        cursor.execute(
            f"INSERT INTO {TABLE} (actor_name, action, object_id, object_repr, changes, at, prev_hash, hash) "
            "VALUES (%s, %s, '', '', %s, %s, '', '')", ["intruder", "core.test.no_seq", "{}", timezone.now()])
    state = audit_chain.verify()
    assert not state.ok
    assert {seq for seq, _problem in state.problems} >= {entries[-1].seq + 1}
    assert any("inserted" in problem for _seq, problem in state.problems)


def test_querysets_cannot_change_or_remove_entries(world):
    [entry] = _entries(world, 1)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_create([AuditEntry(action="x")])
    with pytest.raises(AppendOnlyError):
        AuditEntry(action="not chained").save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert audit_chain.verify().ok


@pytest.mark.postgres
def test_postgresql_trigger_refuses_update_and_delete(world):
    [entry] = _entries(world, 1)
    for sql in (f"UPDATE {TABLE} SET action = 'x' WHERE id = %s", f"DELETE FROM {TABLE} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_a_deleted_users_entries_keep_its_id_and_name(world):
    from zhengxie.core.tests.factories import staff_user

    user = staff_user(world.city, "general_office", "leaving_clerk")
    entry = services.audit_log(actor=user, organisation=world.city, action="core.test.by_leaver")
    user_id = user.pk
    user.role_assignments.all().delete()
    user.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_id == user_id and kept.actor_name == "leaving_clerk"
    assert audit_chain.verify().ok


def test_concurrent_style_appends_keep_one_chain(world):
    """Nested transactions and savepoints rolled back leave no gap in the numbers."""
    _entries(world, 2)
    try:
        with transaction.atomic():
            services.audit_log(actor=None, organisation=world.city, action="core.test.rolled_back")
            raise RuntimeError
    except RuntimeError:
        pass
    _entries(world, 2)
    state = audit_chain.verify()
    assert state.ok and not AuditEntry.objects.filter(action="core.test.rolled_back").exists()


def test_archive_keeps_180_days_records_itself_and_the_chain_still_holds(world, tmp_path):
    old = _entries(world, 3)
    _rechain_from_scratch()  # makes them 400 days old
    recent = _entries(world, 2)
    with pytest.raises(ValueError, match="180"):
        audit_chain.archive(directory=tmp_path, older_than_days=30)
    recorded = audit_chain.archive(directory=tmp_path, older_than_days=365, purge=True)
    assert recorded["count"] >= 3 and recorded["purged"]
    archive_file = tmp_path / recorded["file"]
    assert audit_chain.archive_check(archive_file) == (True, recorded["count"])
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEntry.objects.filter(pk__in=[e.pk for e in recent]).count() == 2
    record = AuditEntry.objects.get(action=audit_chain.ARCHIVE_ACTION)
    assert record.changes["sha256"] and record.changes["last_seq"] == recorded["last_seq"]
    state = audit_chain.verify()
    assert state.ok and state.first_seq == recorded["last_seq"] + 1
    # a tampered archive is found
    data = bytearray(archive_file.read_bytes())
    data[-5] ^= 1
    archive_file.write_bytes(bytes(data))
    assert audit_chain.archive_check(archive_file)[0] is False


def test_archive_without_purge_deletes_nothing(world, tmp_path):
    _entries(world, 2)
    count = AuditEntry.objects.count()
    assert audit_chain.archive(directory=tmp_path, older_than_days=180) is None  # nothing that old
    assert AuditEntry.objects.count() == count


def _rechain_from_scratch():
    """Rewrite the table's chain as the migration does (the test's own 'old' entries), with the real key."""
    rows = list(AuditEntry.objects.order_by("seq"))
    previous = audit_chain.GENESIS
    with _as_intruder() as cursor:
        for row in rows:
            row.at = timezone.now() - dt.timedelta(days=400) if row.action.startswith("core.test.") else row.at
            row.prev_hash = previous
            values = {name: getattr(row, name) for name in audit_chain.HASHED_FIELDS}
            row.hash = audit_chain.entry_hash(values)
            cursor.execute(f"UPDATE {TABLE} SET at = %s, prev_hash = %s, hash = %s WHERE id = %s",
                           [row.at, row.prev_hash, row.hash, row.pk])
            previous = row.hash


def test_audit_administrators_page_shows_the_chain_state(world, client_as):
    from django.core.cache import cache

    entries = _entries(world, 3)
    cache.delete("zhengxie:audit:chain-state")
    page = client_as(world.city_auditadmin).get("/manage/audit/").content.decode()
    assert "审计链完整" in page and f"已验证到第 {entries[-1].seq} 条" in page
    with _as_intruder() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET changes = %s WHERE id = %s", ['{"n": 99}', entries[1].pk])
    cache.delete("zhengxie:audit:chain-state")
    page = client_as(world.city_auditadmin).get("/manage/audit/").content.decode()
    assert f"审计链在第 {entries[1].seq} 条断开" in page


def test_audit_export_is_itself_audited(world, client_as):
    client_as(world.city_auditadmin).get("/manage/audit/export/")
    assert AuditEntry.objects.filter(action="core.audit.exported", actor=world.city_auditadmin).exists()
