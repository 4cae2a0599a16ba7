"""Personal data at rest at the platform (issue 10, Deliver 7): sealed per record
with a key kept apart from the database; bookings found by a keyed hash; keys
rotate with old ones kept for reading."""

from __future__ import annotations

import base64
import hashlib
import stat
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from platform_helpers import SignedClient, application_item
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.models import Catalog
from sync.server import sealing
from sync.server.db import StoredTransaction
from sync.server.preapplications import find_kiosk_application

TRACKING = "RC-20260301-KA-00077"
ID_NUMBER = "110101199001011234"


def key(n: int) -> str:
    return base64.urlsafe_b64encode(bytes([n]) * 32).decode()


def test_stored_records_hold_no_personal_data_in_clear(
    kiosk: SignedClient, engine: Engine, catalog: Catalog, db_url: str
) -> None:
    answer = kiosk.request("POST", "/v1/transactions/batch",
                           json_body={"items": [application_item(TRACKING)]})
    assert answer.json()["results"][0]["status"] == "accepted"
    with Session(engine) as session:
        stored = session.scalars(select(StoredTransaction.payload)).one()
        found = find_kiosk_application(session, "C-001", TRACKING)
    for secret in ("Li Wei", ID_NUMBER, "school"):
        assert secret not in stored
    assert '"sealed"' in stored and TRACKING in stored
    assert found is not None and found.applicant.id_number == ID_NUMBER
    if db_url.startswith("sqlite"):
        key_file = sealing.default_key_file(db_url)
        assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert key_file.read_text() not in Path(db_url.removeprefix("sqlite:///")).read_text(
            "latin-1")


def test_a_sealed_part_belongs_to_its_record() -> None:
    keys = sealing.Keys((("k1", bytes(32)),))
    one = sealing.seal_record(keys, '{"payload": {"applicant": {"name": "Zhang San"}}}',
                              sealing.record_binding("T-1", "tx-1"))
    assert "Zhang San" not in one
    with pytest.raises(InvalidTag):
        sealing.unseal_record(keys, one, sealing.record_binding("T-1", "tx-2"))
    assert sealing.unseal_record(keys, one, sealing.record_binding("T-1", "tx-1")) == \
        '{"payload":{"applicant":{"name":"Zhang San"}}}'


def test_booking_hashes_are_keyed_and_survive_a_rotation(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = hashlib.sha256(ID_NUMBER.encode()).hexdigest()
    monkeypatch.setenv(sealing.KEYS_ENV, f"k1:{key(1)}")
    old = sealing.load_keys("sqlite:////nowhere/platform.db")
    [kept] = sealing.id_hashes(old, ID_NUMBER)
    assert kept != plain
    sealed = sealing.seal_record(old, '{"payload": {"fields": {"a": 1}}}', b"r")
    monkeypatch.setenv(sealing.KEYS_ENV, f"k2:{key(2)},k1:{key(1)}")
    rotated = sealing.load_keys("sqlite:////nowhere/platform.db")
    hashes = sealing.id_hashes(rotated, ID_NUMBER)
    assert hashes[1] == kept and hashes[0] != kept  # new bookings: k2; old ones still found
    assert sealing.unseal_record(rotated, sealed, b"r") == '{"payload":{"fields":{"a":1}}}'
    assert sealing.seal_record(rotated, '{"payload": {"fields": {"a": 1}}}', b"r") \
        .count('"k2:') == 1
    monkeypatch.setenv(sealing.KEYS_ENV, f"k2:{key(2)}")
    with pytest.raises(sealing.KeysError):
        sealing.unseal_record(sealing.load_keys("sqlite://"), sealed, b"r")
