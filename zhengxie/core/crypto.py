"""Personal data at rest: ID card numbers and phone numbers are encrypted in the database.

- The cipher is a setting: AES-256-GCM or SM4-GCM (GB/T 32907, for the commercial-cryptography assessment);
  both authenticate, so a ciphertext copied to another column or row is refused (the column is bound as
  associated data).
- Keys live outside the database (``PERSONAL_DATA_KEYS`` or ``PERSONAL_DATA_KEY_FILE``); each ciphertext names its
  cipher and key id, so keys rotate: the new key goes first, ``manage.py personal_data_rotate`` re-encrypts.
- Equality look-ups (login by phone, duplicate ID numbers, import matching) use a keyed hash, HMAC-SHA-256 under
  ``PERSONAL_DATA_LOOKUP_KEY``, kept in a column beside the ciphertext: the database never holds the plain value.

``EncryptedCharField`` does the work on save and load; ``LookupDigestField(source=...)`` keeps the hash.
"""

import base64
import functools
import hashlib
import hmac
import os
import unicodedata

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

CIPHERS = {"AES-256-GCM": ("A256", 32), "SM4-GCM": ("SM4", 16)}
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    pass


@functools.cache
def keyring() -> tuple[str, str, dict[str, bytes]]:
    """(cipher code, current key id, {key id: key}) from the settings; cached for the process."""
    cipher = settings.PERSONAL_DATA_CIPHER.upper()
    if cipher not in CIPHERS:
        raise ImproperlyConfigured(f"PERSONAL_DATA_CIPHER must be one of {', '.join(CIPHERS)}.")
    code, length = CIPHERS[cipher]
    text = settings.PERSONAL_DATA_KEYS
    if settings.PERSONAL_DATA_KEY_FILE:
        with open(settings.PERSONAL_DATA_KEY_FILE, encoding="ascii") as handle:
            text = handle.read()
    keys: dict[str, bytes] = {}
    current = ""
    for item in text.replace("\n", ",").split(","):
        if not item.strip():
            continue
        key_id, _sep, encoded = item.strip().partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            raise ImproperlyConfigured(f"The personal-data key {key_id!r} is not base64.") from None
        keys[key_id] = key
        current = current or key_id
    if not keys:
        raise ImproperlyConfigured("No personal-data key: set PERSONAL_DATA_KEYS or PERSONAL_DATA_KEY_FILE.")
    if len(keys[current]) != length:
        raise ImproperlyConfigured(f"The current personal-data key must be {length * 8} bits for {cipher}.")
    return code, current, keys


def lookup_key() -> bytes:
    key = settings.PERSONAL_DATA_LOOKUP_KEY
    if not key:
        raise ImproperlyConfigured("PERSONAL_DATA_LOOKUP_KEY is not set.")
    return key.encode()


def _aead(code: str, key: bytes):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

    algorithm = algorithms.AES(key) if code == "A256" else algorithms.SM4(key)
    return lambda mode: Cipher(algorithm, mode)


def encrypt(plain: str, *, column: str) -> str:
    """``cipher:key-id:base64(nonce | ciphertext | tag)``; the empty string stays empty."""
    from cryptography.hazmat.primitives.ciphers import modes

    if not plain:
        return plain
    code, key_id, keys = keyring()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = _aead(code, keys[key_id])(modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(column.encode())
    body = encryptor.update(plain.encode()) + encryptor.finalize()
    return f"{code}:{key_id}:" + base64.b64encode(nonce + body + encryptor.tag).decode()


def is_encrypted(value: str) -> bool:
    return bool(value) and value.count(":") == 2 and value.split(":", 1)[0] in {c for c, _n in CIPHERS.values()}


def decrypt(value: str, *, column: str) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import modes

    if not value:
        return value
    if not is_encrypted(value):
        raise DecryptionError(f"{column}: not a ciphertext")
    code, key_id, encoded = value.split(":", 2)
    keys = keyring()[2]
    if key_id not in keys:
        raise DecryptionError(f"{column}: the key {key_id!r} is not configured")
    raw = base64.b64decode(encoded)
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = _aead(code, keys[key_id])(modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(column.encode())
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag:
        raise DecryptionError(f"{column}: the ciphertext was altered or belongs elsewhere") from None


def needs_rotation(value: str) -> bool:
    if not value:
        return False
    code, key_id, _keys = keyring()
    return not value.startswith(f"{code}:{key_id}:")


def normalise(kind: str, value) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).strip().replace(" ", "")
    return text.upper() if kind == "id_number" else text


def lookup_digest(kind: str, value) -> str:
    """The keyed hash used for equality look-ups; "" for an empty value (so that blanks never match)."""
    text = normalise(kind, value)
    if not text:
        return ""
    return hmac.new(lookup_key(), f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()


# --- model fields ----------------------------------------------------------------------------------------------


class EncryptedCharField(models.CharField):
    """A text column stored encrypted. Only ``isnull`` can be looked up in the database: filter on the
    ``LookupDigestField`` beside it instead (``phone_digest=lookup_digest("phone", value)``)."""

    def __init__(self, *args, plain_max_length: int = 40, **kwargs):
        self.plain_max_length = plain_max_length
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["plain_max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def _column_label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value, column=self._column_label())

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or is_encrypted(value):
            return value
        return encrypt(value, column=self._column_label())

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": self.plain_max_length, **kwargs})


class LookupDigestField(models.CharField):
    """The keyed hash of another field of the model, computed whenever the row is written."""

    def __init__(self, *args, source: str = "", kind: str = "", **kwargs):
        self.source, self.kind = source, kind or source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, kind=self.kind)
        for key in ("max_length", "editable", "blank"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        digest = lookup_digest(self.kind, getattr(model_instance, self.source))
        if self.null and not digest:
            digest = None
        setattr(model_instance, self.attname, digest)
        return digest


def with_digests(model, update_fields):
    """``update_fields`` plus the look-up hash of every encrypted field it names (a save of ``phone`` alone saves
    ``phone_digest`` too); None stays None (every field is saved)."""
    if update_fields is None:
        return None
    update_fields = set(update_fields)
    return update_fields | {f.name for f in model._meta.concrete_fields
                            if isinstance(f, LookupDigestField) and f.source in update_fields}


class KeepsDigests(models.Model):
    """A model with encrypted fields and their look-up hashes: a partial save keeps the hashes in step."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=with_digests(type(self), update_fields), **kwargs)


def encrypted_models():
    """Every model with encrypted fields: (model, its encrypted field names, their hash field names). What
    ``manage.py personal_data_rotate`` goes through, so a new encrypted field is rotated without being listed."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
        if fields:
            digests = [f.name for f in model._meta.concrete_fields
                       if isinstance(f, LookupDigestField) and f.source in fields]
            found.append((model, fields, digests))
    return found


# --- migrations ------------------------------------------------------------------------------------------------


def _rows(schema_editor, table, columns):
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
        return cursor.fetchall()


def _update(schema_editor, table, row_id, sets, params):
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(table)} SET {', '.join(sets)} WHERE id = %s", [*params, row_id])  # noqa: S608


def encrypt_existing_rows(schema_editor, table: str, label: str, columns: dict[str, str]) -> None:
    """For a migration that makes columns encrypted: every plain value of ``table`` (the model ``label``,
    "outreach.concern") encrypted, and its hash written to ``<column>_digest``; ``columns``: {column: kind}."""
    quote = schema_editor.connection.ops.quote_name
    names = list(columns)
    for row_id, *values in _rows(schema_editor, table, names):
        sets, params = [], []
        for column, value in zip(names, values, strict=True):
            if value and not is_encrypted(value):
                sets += [f"{quote(column)} = %s", f"{quote(column + '_digest')} = %s"]
                params += [encrypt(value, column=f"{label}.{column}"), lookup_digest(columns[column], value)]
        if sets:
            _update(schema_editor, table, row_id, sets, params)


def decrypt_existing_rows(schema_editor, table: str, label: str, columns) -> None:
    """The reverse of ``encrypt_existing_rows`` (a migration undone)."""
    quote = schema_editor.connection.ops.quote_name
    names = list(columns)
    for row_id, *values in _rows(schema_editor, table, names):
        sets, params = [], []
        for column, value in zip(names, values, strict=True):
            if value and is_encrypted(value):
                sets.append(f"{quote(column)} = %s")
                params.append(decrypt(value, column=f"{label}.{column}"))
        if sets:
            _update(schema_editor, table, row_id, sets, params)
