"""The audit log's hash chain: appending under a lock, verifying, archiving.

Every entry carries ``seq`` (1, 2, 3 … without a gap), ``prev_hash`` (the hash of entry ``seq - 1``) and ``hash``, an
HMAC-SHA-256 of its canonical content and ``prev_hash`` under ``AUDIT_CHAIN_KEY`` (kept outside the database). A row
edited, removed or slipped in (by SQL, past the Python guards) breaks the chain at that row; without the key
nobody can compute a hash that verifies. Archiving moves entries older than the retention period into a
compressed, signed file and records the archive as an entry of the chain, so that the chain in the table starts
where the archive ends."""

import datetime as dt
import gzip
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger("zhengxie.audit")

GENESIS = "0" * 64
ARCHIVE_ACTION = "core.audit.archived"
#: Any constant: the PostgreSQL advisory lock that serialises appends to the chain.
ADVISORY_LOCK_ID = 0x5A58_4155  # "ZXAU"
HASHED_FIELDS = ("seq", "actor_id", "actor_name", "organisation_id", "action", "object_type_id", "object_id",
                 "object_repr", "changes", "ip", "at", "prev_hash")


def chain_key() -> bytes:
    key = getattr(settings, "AUDIT_CHAIN_KEY", "")
    if not key:
        raise ImproperlyConfigured("AUDIT_CHAIN_KEY is not set.")
    return key.encode() if isinstance(key, str) else key


def _canonical_value(name, value):
    if name == "at":
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def canonical(values: dict) -> bytes:
    """The bytes that are hashed: the fields in a fixed order, as compact JSON with sorted keys."""
    content = {name: _canonical_value(name, values[name]) for name in HASHED_FIELDS}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(values: dict) -> str:
    return hmac.new(chain_key(), canonical(values), hashlib.sha256).hexdigest()


def _values_of(entry) -> dict:
    return {name: getattr(entry, name) for name in HASHED_FIELDS}


def append(entry) -> None:
    """Give ``entry`` its place in the chain and save it. Runs in a transaction that holds the chain's lock until
    it commits: on PostgreSQL an advisory lock; on SQLite the write lock that every transaction takes at its start
    (``transaction_mode = IMMEDIATE``)."""
    from .models import AuditEntry

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])
        last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        entry.seq = last[0] + 1 if last else 1
        entry.prev_hash = last[1] if last else GENESIS
        entry.ip = AuditEntry._meta.get_field("ip").to_python(entry.ip)
        entry.hash = entry_hash(_values_of(entry))
        entry.save()
    # A copy of the chain's head outside the database (syslog, a log shipper): cutting off the newest entries
    # then shows against it.
    logger.info("audit seq=%s hash=%s action=%s", entry.seq, entry.hash, entry.action)


# --- verifying ---------------------------------------------------------------------------------------------------


@dataclass
class ChainState:
    ok: bool
    count: int  # entries checked
    first_seq: int | None  # the first entry in the table (after archives, > 1)
    last_seq: int | None  # the last entry verified (when ok: the chain's head)
    last_hash: str = ""
    broken_at: int | None = None  # seq (or id, for a row without seq) of the first bad entry
    problem: str = ""
    problems: list = None
    checked_at: dt.datetime | None = None

    @property
    def verified_up_to(self) -> int | None:
        return self.last_seq


def verify(*, chunk_size: int = 5000, stop_at_first: bool = False) -> ChainState:  # noqa: C901 - one pass, each kind of break named
    """Walk the whole chain in order and report every edited, inserted or removed entry."""
    from .models import AuditEntry

    problems: list[tuple[int, str]] = []
    count, first_seq, last_seq, last_hash, good_up_to, good_hash = 0, None, None, None, None, ""
    broken = False
    fields = ["id", *HASHED_FIELDS, "hash"]
    unnumbered = list(AuditEntry.objects.filter(seq__isnull=True).values_list("id", flat=True)[:100])
    for row_id in unnumbered:
        problems.append((row_id, f"row id {row_id} has no place in the chain (inserted)"))
    rows = AuditEntry.objects.filter(seq__isnull=False).order_by("seq").values(*fields)
    for row in rows.iterator(chunk_size=chunk_size):
        count += 1
        seq = row["seq"]
        if first_seq is None:
            first_seq = seq
            expected_prev = GENESIS if seq == 1 else _archived_head(seq)
            if expected_prev is None:
                problems.append((seq, f"entries before {seq} are missing and no archive accounts for them"))
                expected_prev = row["prev_hash"]
        else:
            expected_prev = last_hash
            if seq != last_seq + 1:
                problems.append((seq, f"entries {last_seq + 1}–{seq - 1} are missing (removed)"))
        if row["prev_hash"] != expected_prev:
            problems.append((seq, f"entry {seq} does not follow entry {seq - 1} (removed, inserted or edited)"))
        if not hmac.compare_digest(entry_hash(row), row["hash"]):
            problems.append((seq, f"entry {seq} was changed after it was written (or written without the key)"))
        if problems and not broken:
            broken = True
        if not broken:
            good_up_to, good_hash = seq, row["hash"]
        if broken and stop_at_first:
            break
        last_seq, last_hash = seq, row["hash"]
    return ChainState(ok=not problems, count=count, first_seq=first_seq, last_seq=good_up_to,
                      last_hash=good_hash, broken_at=problems[0][0] if problems else None,
                      problem=problems[0][1] if problems else "", problems=problems)


def verify_cached(max_age: int = 300) -> ChainState:
    """The chain's state for the audit administrator's page: a whole walk at most every ``max_age`` seconds
    (``manage.py audit_verify`` always walks it)."""
    from django.core.cache import cache

    state = cache.get("zhengxie:audit:chain-state")
    if state is None:
        state = verify()
        state.checked_at = timezone.now()
        cache.set("zhengxie:audit:chain-state", state, max_age)
    return state


def _archived_head(first_seq: int) -> str | None:
    """The hash of the last archived entry, as recorded by the archive entry that removed the ones before
    ``first_seq``; None when no archive accounts for them."""
    from .models import AuditEntry

    for changes in AuditEntry.objects.filter(action=ARCHIVE_ACTION, seq__gte=first_seq).order_by("seq").values_list(
            "changes", flat=True):
        if changes.get("purged") and changes.get("last_seq") == first_seq - 1:
            return changes.get("last_hash")
    return None


# --- archiving -------------------------------------------------------------------------------------------------


def retention_days() -> int:
    return max(int(getattr(settings, "AUDIT_RETENTION_DAYS", 180)), 180)


def _archive_signature(payload: bytes) -> str:
    return hmac.new(chain_key(), b"zhengxie.audit.archive:" + payload, hashlib.sha256).hexdigest()


def archive(*, directory: Path, older_than_days: int, purge: bool = False, actor=None) -> dict | None:
    """Write the entries older than ``older_than_days`` (at least the retention period) to a gzip file of JSON
    lines with a signature beside it, record the archive in the chain, and with ``purge`` take the archived entries
    out of the table. Returns what was recorded, or None when there is nothing to archive."""
    from .models import AuditEntry
    from .services import audit_log

    if older_than_days < retention_days():
        raise ValueError(f"Entries are kept at least {retention_days()} days.")
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    state = verify()
    if not state.ok:
        raise ValueError(f"The chain is broken at {state.broken_at}: {state.problem}. Archive nothing until it is "
                         f"looked into.")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])
        # Only a run of whole entries from the start of the table, so that what remains is still one chain.
        newest_old = AuditEntry.objects.filter(at__lt=cutoff).order_by("-seq").values_list("seq", flat=True).first()
        if newest_old is None:
            return None
        rows = AuditEntry.objects.filter(seq__lte=newest_old).order_by("seq")
        directory.mkdir(parents=True, exist_ok=True)
        first = rows.values_list("seq", flat=True).first()
        name = f"audit-{first:09d}-{newest_old:09d}-{timezone.now():%Y%m%d%H%M%S}.jsonl.gz"
        lines, last_hash, count = [], "", 0
        for row in rows.values("id", *HASHED_FIELDS, "hash").iterator(chunk_size=5000):
            row["at"] = _canonical_value("at", row["at"])
            lines.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
            last_hash, count = row["hash"], count + 1
        payload = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
        path = directory / name
        path.write_bytes(payload)
        signature = _archive_signature(payload)
        path.with_name(name + ".sig").write_text(signature + "\n")
        if archive_check(path) != (True, count):
            raise ValueError(f"The archive {name} does not read back as written.")
        recorded = {"file": name, "first_seq": first, "last_seq": newest_old, "last_hash": last_hash,
                    "count": count, "sha256": hashlib.sha256(payload).hexdigest(), "signature": signature,
                    "before": cutoff.isoformat(), "purged": purge}
        audit_log(actor=actor, organisation=None, action=ARCHIVE_ACTION, changes=recorded)
        if purge:
            _purge_through(newest_old)
    return recorded


def _purge_through(seq: int) -> None:
    """Take archived entries out of the table: the one delete the PostgreSQL trigger lets through, and only in
    this transaction (``zhengxie.audit_archive`` is set locally)."""
    from .models import AuditEntry

    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('zhengxie.audit_archive', 'on', true)")
        cursor.execute(f"DELETE FROM {table} WHERE seq <= %s", [seq])  # noqa: S608 (the name is quoted)


def archive_check(path: Path) -> tuple[bool, int]:
    """Whether an archive file is intact (its signature) and its entries chain; and how many it holds."""
    payload = path.read_bytes()
    signature = path.with_name(path.name + ".sig").read_text().strip()
    if not hmac.compare_digest(_archive_signature(payload), signature):
        return False, 0
    rows = [json.loads(line) for line in gzip.decompress(payload).decode().splitlines() if line]
    previous = None
    for row in rows:
        row["at"] = dt.datetime.fromisoformat(row["at"])
        if previous is not None and (row["seq"] != previous["seq"] + 1 or row["prev_hash"] != previous["hash"]):
            return False, len(rows)
        if not hmac.compare_digest(entry_hash(row), row["hash"]):
            return False, len(rows)
        previous = row
    return True, len(rows)
