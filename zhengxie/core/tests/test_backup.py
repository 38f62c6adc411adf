"""``manage.py backup`` and ``restore``: a backup restored into a new database and a new media directory holds
every row of every table and every file, byte for byte (SQLite through the backup API, PostgreSQL through
pg_dump/pg_restore)."""

import hashlib
import json
import sqlite3
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zhengxie.core.services import audit_log


def _media(tmp_path, settings):
    media = tmp_path / "media"
    (media / "attachments" / "2026").mkdir(parents=True)
    (media / "attachments" / "2026" / "提案附件.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 40)
    (media / "photos" / "a.jpg").parent.mkdir()
    (media / "photos" / "a.jpg").write_bytes(uuid.uuid4().bytes * 1000)
    settings.MEDIA_ROOT = media
    return media


def _digests(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def _rows(cursor, tables, quote):
    return {t: sorted(map(repr, cursor.execute(f"SELECT * FROM {quote(t)}").fetchall())) for t in tables}  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restored_into_a_new_database_has_every_row_and_file(world, tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    media = _media(tmp_path, settings)
    audit_log(actor=None, organisation=None, action="backup.test", obj=None)
    call_command("backup", to=tmp_path / "backups")
    [made] = list((tmp_path / "backups").iterdir())
    manifest = json.loads((made / "manifest.json").read_text())
    assert manifest["tables"]["core_auditentry"] >= 1 and len(manifest["files"]) == 2

    target = tmp_path / "restored.sqlite3"
    call_command("restore", str(made), database_url=f"sqlite:///{target}", media_root=str(tmp_path / "media2"))

    tables = connection.introspection.table_names()
    connection.ensure_connection()
    source = _rows(connection.connection, tables, lambda t: f'"{t}"')  # the raw rows, as the copy gives them
    # read with the type converters Django registers, as the source rows above are
    with sqlite3.connect(target, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES) as restored:
        copy = _rows(restored, tables, lambda t: f'"{t}"')
    assert sum(len(v) for v in source.values()) > 100
    assert copy == source
    assert _digests(tmp_path / "media2") == _digests(media)


@pytest.mark.django_db(transaction=True)
def test_restore_says_when_a_file_is_missing(tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    _media(tmp_path, settings)
    call_command("backup", to=tmp_path / "backups")
    [made] = list((tmp_path / "backups").iterdir())
    manifest = json.loads((made / "manifest.json").read_text())
    manifest["files"]["photos/lost.jpg"] = "0" * 64
    (made / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError):
        call_command("restore", str(made), database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}",
                     media_root=str(tmp_path / "media2"))


@pytest.mark.django_db(transaction=True)
def test_keep_removes_the_oldest_backups(tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    _media(tmp_path, settings)
    for name in ("zhengxie-20260101-000000", "zhengxie-20260102-000000", "zhengxie-20260103-000000"):
        (tmp_path / "backups" / name).mkdir(parents=True)
    call_command("backup", to=tmp_path / "backups", keep=2)
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(names) == 2 and names[0] == "zhengxie-20260103-000000"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_restored_into_a_new_database_has_every_row_and_file(world, tmp_path, settings):
    import psycopg

    media = _media(tmp_path, settings)
    audit_log(actor=None, organisation=None, action="backup.test", obj=None)
    call_command("backup", to=tmp_path / "backups")
    [made] = list((tmp_path / "backups").iterdir())
    db = connection.settings_dict
    new_name = f"{db['NAME']}_restored"
    admin = dict(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"] or "postgres",
                 password=db["PASSWORD"] or None)
    admin = {k: v for k, v in admin.items() if v is not None}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{new_name}"')
        conn.execute(f'CREATE DATABASE "{new_name}"')
    try:
        url = f"postgres://{admin['user']}@{admin['host']}:{admin['port']}/{new_name}"
        call_command("restore", str(made), database_url=url, media_root=str(tmp_path / "media2"))
        tables = connection.introspection.table_names()

        def fingerprint(conn):
            sql = "SELECT COUNT(*), md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \"{}\" x"
            return {t: conn.execute(sql.format(t)).fetchone() for t in tables}

        with psycopg.connect(dbname=db["NAME"], **admin) as source, psycopg.connect(dbname=new_name, **admin) as copy:
            expected, found = fingerprint(source), fingerprint(copy)
        assert sum(n for n, _ in expected.values()) > 100
        assert found == expected
        assert _digests(tmp_path / "media2") == _digests(media)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{new_name}" WITH (FORCE)')
