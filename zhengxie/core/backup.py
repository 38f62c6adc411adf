"""Backups of one installation: the database and the uploaded files, together, in one directory.

    zhengxie backup [--to DIR] [--keep N]          -> DIR/zhengxie-YYYYmmdd-HHMMSS/
    zhengxie restore DIR [--database-url URL] [--media-root DIR]

A backup holds ``database.dump`` (PostgreSQL: ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite: the online backup
API, consistent while the application writes), ``media.tar`` (MEDIA_ROOT) and ``manifest.json``: the engine, the
row count of every table and the SHA-256 of every file. ``restore`` loads both into the target (by default the
configured database and MEDIA_ROOT; best a new, empty database) and then counts again: it says which table or file
differs from the manifest. Counts are taken just before the dump, so on a busy installation a table may differ by
the rows written in between; on a quiet one (or SQLite, where both come from one copy) they are equal.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _is_sqlite(db: dict) -> bool:
    return db["ENGINE"] == "django.db.backends.sqlite3"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(path: str) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f"SELECT COUNT(*) FROM {_quote(t)}").fetchone()[0] for t in sorted(tables)}  # noqa: S608


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows in every table of the database (one query)."""
    connection = connections[alias]
    tables = sorted(connection.introspection.table_names(include_views=False))
    if not tables:
        return {}
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {connection.ops.quote_name(t)}" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(union)
        return {name: count for name, count in cursor.fetchall()}


def _files(root: Path) -> dict[str, str]:
    found = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def backup(*, to: Path, keep: int = 0) -> Path:
    db = settings.DATABASES["default"]
    target = Path(to) / f"zhengxie-{timezone.localtime():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True)
    media_root = Path(settings.MEDIA_ROOT)
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "engine": db["ENGINE"]}
    if _is_sqlite(db):
        # The copy is taken from one consistent state; the counts are read from the copy itself.
        connection = connections["default"]
        if connection.is_in_memory_db():  # the test database: only this process's connection sees it
            connection.ensure_connection()
            source = connection.connection
        else:
            source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target / "database.sqlite3") as copy:
            source.backup(copy)
        if source is not connection.connection:
            source.close()
        manifest["tables"] = _sqlite_counts(str(target / "database.sqlite3"))
    else:
        manifest["tables"] = table_counts()
        args, env = _pg_args(db)
        subprocess.run(["pg_dump", "-Fc", "--no-owner", *args, "-f", str(target / "database.dump"), db["NAME"]],
                       env=env, check=True)
    manifest["files"] = _files(media_root)
    with tarfile.open(target / "media.tar", "w") as tar:
        if media_root.is_dir():
            tar.add(media_root, arcname="media")
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    if keep:
        older = sorted(p for p in Path(to).glob("zhengxie-*") if p.is_dir() and p != target)
        for old in older[: max(len(older) - (keep - 1), 0)]:
            shutil.rmtree(old)
    return target


def restore(*, source: Path, database_url: str | None = None, media_root: Path | None = None) -> dict:
    """Load a backup into a database and a media directory; return what differs from its manifest."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if _is_sqlite(db) != manifest["engine"].endswith("sqlite3"):
        raise ValueError("the backup was taken from another kind of database")
    if _is_sqlite(db):
        path = Path(db["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source / "database.sqlite3") as src, sqlite3.connect(path) as dst:
            src.backup(dst)
        counts = _sqlite_counts(str(path))
    else:
        args, env = _pg_args(db)
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error", *args, "-d", db["NAME"],
                        str(source / "database.dump")], env=env, check=True)
        counts = _pg_counts(db, list(manifest["tables"]))
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar") as tar:
        for member in tar.getmembers():
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            tar.extract(member, media_root, filter="data")
    files = _files(media_root)
    return {
        "tables": len(manifest["tables"]),
        "rows": sum(manifest["tables"].values()),
        "files": len(manifest["files"]),
        "tables_differing": {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n},
        "files_differing": sorted(n for n, digest in manifest["files"].items() if files.get(n) != digest),
        "backup_age": str(dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(manifest["created_at"])),
    }


def _pg_counts(db: dict, tables: list[str]) -> dict[str, int]:
    import psycopg

    conninfo = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432, "user": db.get("USER") or "postgres",
                "password": db.get("PASSWORD") or None, "dbname": db["NAME"]}
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        present = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        return {t: conn.execute(f"SELECT COUNT(*) FROM {_quote(t)}").fetchone()[0] for t in tables if t in present}  # noqa: S608
