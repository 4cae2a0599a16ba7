"""Personal data at rest at the platform: sealed per record with a key kept
apart from the database, and booking look-ups by a keyed hash.

Keys: `RECEPTION_PLATFORM_KEYS` ("id:base64,id:base64", the first seals) or
the file named by `RECEPTION_PLATFORM_KEY_FILE` (one "id:base64" a line, the
first seals). Without either, a key file beside an SQLite database
(`platform.db` -> `platform.keys`), else `reception-platform.keys` in the
working directory, is made on first start (mode 0600). Keep it out of the
database's backups, or with them under separate protection.

Rotation: put a new key first and keep the old ones after it. New records
are sealed and new bookings hashed with the new key; older ones stay
readable and findable with the old keys, so drop an old key only when no
record sealed with it is kept any more (bookings are kept to their slot).

A sealed record: each personal key of the stored payload (`PERSONAL_KEYS`)
becomes {"sealed": "<key id>:<base64 of nonce + AES-GCM ciphertext>"}, bound
to the record (terminal id and transaction id as associated data).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from sync.protocol.models import PERSONAL_KEYS

KEYS_ENV = "RECEPTION_PLATFORM_KEYS"
KEY_FILE_ENV = "RECEPTION_PLATFORM_KEY_FILE"
SEALED = "sealed"


class KeysError(RuntimeError):
    """The platform's keys cannot be read: the message names the fix."""


@dataclass(frozen=True)
class Keys:
    entries: tuple[tuple[str, bytes], ...]  # (id, 32-byte key), the first seals

    @property
    def current(self) -> tuple[str, bytes]:
        return self.entries[0]

    def key(self, key_id: str) -> bytes:
        for known, key in self.entries:
            if known == key_id:
                return key
        raise KeysError(f"no platform key {key_id!r}: it was dropped while records sealed "
                        "with it are kept")


def _parse(text: str, where: str) -> Keys:
    entries = []
    for line in text.replace(",", "\n").splitlines():
        if not line.strip():
            continue
        key_id, _, encoded = line.strip().partition(":")
        try:
            key = base64.urlsafe_b64decode(encoded)
        except ValueError as error:
            raise KeysError(f"{where}: key {key_id!r} is not base64") from error
        if not key_id or len(key) != 32:
            raise KeysError(f"{where}: each key is 'id:base64 of 32 bytes'")
        entries.append((key_id, key))
    if not entries:
        raise KeysError(f"{where}: no key")
    return Keys(tuple(entries))


def default_key_file(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).with_suffix(".keys")
    return Path("reception-platform.keys")


def load_keys(database_url: str) -> Keys:
    if os.environ.get(KEYS_ENV):
        return _parse(os.environ[KEYS_ENV], KEYS_ENV)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return Keys((("memory", secrets.token_bytes(32)),))  # an in-memory database
    path = Path(os.environ.get(KEY_FILE_ENV) or default_key_file(database_url))
    if not path.exists():
        line = "k1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode() + "\n"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another instance made it first
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(line)
    return _parse(path.read_text("utf-8"), str(path))


_LOADED: dict[tuple[str, str, str], Keys] = {}


def keys_for(engine: Engine) -> Keys:
    """The keys of the platform serving from this engine's database, loaded once for
    that database and the key settings (the environment) they were loaded with."""
    url = engine.url.render_as_string(hide_password=False)
    source = (url, os.environ.get(KEYS_ENV, ""), os.environ.get(KEY_FILE_ENV, ""))
    if source not in _LOADED:
        _LOADED[source] = load_keys(url)
    return _LOADED[source]


def seal(keys: Keys, plaintext: bytes, associated: bytes) -> str:
    key_id, key = keys.current
    nonce = secrets.token_bytes(12)
    sealed = nonce + AESGCM(key).encrypt(nonce, plaintext, associated)
    return f"{key_id}:{base64.urlsafe_b64encode(sealed).decode()}"


def unseal(keys: Keys, token: str, associated: bytes) -> bytes:
    key_id, _, encoded = token.partition(":")
    sealed = base64.urlsafe_b64decode(encoded)
    return AESGCM(keys.key(key_id)).decrypt(sealed[:12], sealed[12:], associated)


def seal_record(keys: Keys, item_json: str, associated: bytes) -> str:
    """A stored transaction with its personal keys sealed (the rest stays searchable)."""
    item: dict[str, Any] = json.loads(item_json)
    payload = item.get("payload", {})
    for name in PERSONAL_KEYS:
        if name in payload and payload[name] is not None:
            plain = json.dumps(payload[name], ensure_ascii=False).encode("utf-8")
            payload[name] = {SEALED: seal(keys, plain, associated + b"\n" + name.encode())}
    return json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def unseal_record(keys: Keys, stored: str, associated: bytes) -> str:
    item: dict[str, Any] = json.loads(stored)
    payload = item.get("payload", {})
    for name in PERSONAL_KEYS:
        value = payload.get(name)
        if isinstance(value, dict) and set(value) == {SEALED}:
            plain = unseal(keys, value[SEALED], associated + b"\n" + name.encode())
            payload[name] = json.loads(plain)
    return json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def seal_text(keys: Keys, text: str, associated: bytes) -> str:
    """Free text sealed for a column ("" stays "": nothing to hide)."""
    return seal(keys, text.encode("utf-8"), associated) if text else ""


def unseal_text(keys: Keys, stored: str, associated: bytes) -> str:
    return unseal(keys, stored, associated).decode("utf-8") if stored else ""


def attachment_binding(center: str, sha256: str) -> bytes:
    return f"attachment\n{center}\n{sha256}".encode()


def seal_attachment(keys: Keys, center: str, sha256: str, data: bytes) -> bytes:
    """Uploaded bytes as stored: the key id, a newline, nonce and AES-GCM ciphertext."""
    key_id, key = keys.current
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, data, attachment_binding(center, sha256))
    return key_id.encode() + b"\n" + nonce + sealed


def unseal_attachment(keys: Keys, center: str, sha256: str, stored: bytes) -> bytes:
    key_id, _, sealed = stored.partition(b"\n")
    return AESGCM(keys.key(key_id.decode())).decrypt(
        sealed[:12], sealed[12:], attachment_binding(center, sha256))


def status_note_binding(tracking_number: str) -> bytes:
    return f"status note\n{tracking_number}".encode()


def record_binding(terminal_id: str, tx_id: str) -> bytes:
    return f"{terminal_id}\n{tx_id}".encode()


def id_hashes(keys: Keys, id_number: str) -> list[str]:
    """Keyed hashes of an ID number, the current key's first (look-ups try them all)."""
    value = id_number.strip().upper().encode("utf-8")
    return [hmac.new(key, b"booking id number\n" + value, hashlib.sha256).hexdigest()
            for _, key in keys.entries]


def stored_items(engine: Engine, kind: str) -> list[dict[str, Any]]:
    """Every stored transaction of `kind`, unsealed, in arrival order (for tests and
    inspection by the platform's operators)."""
    from sqlalchemy import select

    from sync.server.db import StoredTransaction

    keys = keys_for(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            select(StoredTransaction.terminal_id, StoredTransaction.tx_id,
                   StoredTransaction.payload)
            .where(StoredTransaction.kind == kind)
            .order_by(StoredTransaction.received_at, StoredTransaction.seq)).all()
    return [json.loads(unseal_record(keys, payload, record_binding(terminal_id, tx_id)))
            for terminal_id, tx_id, payload in rows]
