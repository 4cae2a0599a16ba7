"""PC/SC driver against a real pcscd, the vpcd reader and the project's virtual card."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.health import HealthState
from hardware.idcard import apdu, card_app
from hardware.idcard.ga467_sim import demo_identity
from hardware.idcard.pcsc import (
    CardRemovedError,
    EventKind,
    PcscEvent,
    PcscReader,
    ServiceNotRunningError,
    SharingViolationError,
)
from hardware.idcard.pcsc_monitor import PcscMonitor
from hardware.idcard.pcsc_monitor import log as monitor_log
from hardware.idcard.vcard import VirtualCard
from hardware.identity import MSG_CARD_REJECTED, CardRejected, Sex
from tests.hardware.pcsc_fixtures import (
    VIRTUAL_READER,
    PcscDaemon,
    remove_and_wait,
    wait_for,
)


class Events:
    """Collects monitor events (they arrive on the monitor thread)."""

    def __init__(self) -> None:
        self.items: list[PcscEvent] = []
        self._lock = threading.Lock()

    def __call__(self, event: PcscEvent) -> None:
        with self._lock:
            self.items.append(event)

    def of(self, kind: EventKind, reader: str = VIRTUAL_READER) -> list[PcscEvent]:
        with self._lock:
            return [e for e in self.items if e.kind is kind and e.reader == reader]


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def reader(pcscd: PcscDaemon, events: Events) -> Iterator[PcscReader]:
    driver = PcscReader(VIRTUAL_READER, on_event=events)
    yield driver
    driver.close()


# --- pure parts -----------------------------------------------------------------------

def test_status_words() -> None:
    assert apdu.parse_response(b"\x01\x02\x90\x00") == (b"\x01\x02", 0x90, 0x00)
    assert apdu.parse_response(b"\x90\x00").ok
    meanings = {sw: apdu.describe_sw(sw >> 8, sw & 0xFF)
                for sw in (0x6A82, 0x6982, 0x6D00, 0x6E00, 0x6110, 0x6C20)}
    assert meanings[0x6A82] == "file or application not found"
    assert meanings[0x6982] == "security status not satisfied"
    assert meanings[0x6D00] == "instruction not supported"
    assert meanings[0x6E00] == "class not supported"
    assert "16 response bytes" in meanings[0x6110]
    assert "exact length is 32" in meanings[0x6C20]
    with pytest.raises(apdu.ApduError):
        apdu.parse_response(b"\x90")


@given(st.binary(max_size=300))
def test_fuzz_response_parser(raw: bytes) -> None:
    try:
        response = apdu.parse_response(raw)
    except apdu.ApduError:
        assert len(raw) < 2
        return
    assert bytes(response.data) + bytes([response.sw1, response.sw2]) == raw
    assert isinstance(response.meaning, str) and response.meaning
    assert str(response)


def test_record_round_trip() -> None:
    identity = demo_identity()
    decoded = card_app.decode_record(card_app.encode_record(identity))
    assert decoded.id_number == identity.id_number and decoded.name == identity.name
    assert decoded.valid_until is None and decoded.source == "pcsc"


@given(st.binary(max_size=200))
def test_fuzz_record_decoder(raw: bytes) -> None:
    with contextlib.suppress(card_app.RecordError):
        card_app.decode_record(raw)


# --- against pcscd ----------------------------------------------------------------------

def test_readers_listed(reader: PcscReader) -> None:
    assert VIRTUAL_READER in reader.list_readers()
    assert reader.health().state is HealthState.READY


def test_card_insert_read_remove(reader: PcscReader, vcard: VirtualCard,
                                 events: Events) -> None:
    reader.start_monitoring()
    wait_for(lambda: events.of(EventKind.READER_ADDED), what="reader reported")
    assert not reader.card_present()
    assert reader.read_card(timeout=0.2) is None

    vcard.insert()
    inserted = wait_for(lambda: events.of(EventKind.CARD_INSERTED), what="insert event")
    assert inserted[0].atr == vcard.atr
    assert reader.atr() == vcard.atr
    assert reader.uid() == vcard.uid
    record = reader.read_identity()
    assert record is not None
    assert (record.name, record.id_number, record.source) == \
        ("张三丰", "11010519491231002X", "pcsc")
    assert reader.transmit(bytes.fromhex("0084000008")).sw == 0x6D00

    vcard.remove()
    wait_for(lambda: events.of(EventKind.CARD_REMOVED), what="remove event")
    assert reader.read_identity() is None


def test_blank_card_has_no_identity(reader: PcscReader, pcscd: PcscDaemon) -> None:
    blank = VirtualCard(identity=None)
    blank.insert()
    try:
        wait_for(reader.card_present, what="card present")
        assert reader.read_identity() is None
        assert reader.uid() == blank.uid
    finally:
        remove_and_wait(blank)


def test_card_that_disagrees_with_its_number_is_rejected(reader: PcscReader,
                                                         pcscd: PcscDaemon) -> None:
    forged = VirtualCard(dataclasses.replace(demo_identity(), sex=Sex.MALE))
    forged.insert()
    try:
        wait_for(reader.card_present, what="card present")
        with pytest.raises(CardRejected, match="sex on the card is male") as info:
            reader.read_identity()
        assert info.value.resident_message == MSG_CARD_REJECTED
    finally:
        remove_and_wait(forged)


def test_removed_mid_transaction(reader: PcscReader, vcard: VirtualCard) -> None:
    vcard.remove_on = lambda command: command[1] == 0xB0  # pulled away at READ BINARY
    vcard.insert()
    wait_for(reader.card_present, what="card present")
    with pytest.raises(CardRemovedError, match="removed during the transaction") as info:
        reader.read_identity()
    assert "again" in info.value.resident_message


def test_sharing_violation(reader: PcscReader, vcard: VirtualCard) -> None:
    from smartcard import scard

    vcard.insert()
    wait_for(reader.card_present, what="card present")
    _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    hresult, handle, _ = scard.SCardConnect(context, VIRTUAL_READER, scard.SCARD_SHARE_EXCLUSIVE,
                                            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    assert hresult == 0
    try:
        with pytest.raises(SharingViolationError):
            reader.uid()
    finally:
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        scard.SCardReleaseContext(context)
    assert reader.uid() == vcard.uid


def test_service_not_running_message() -> None:
    """libpcsclite reads PCSCLITE_CSOCK_NAME once per process: check in a child."""
    code = ("from hardware.idcard.pcsc import PcscReader\n"
            "print(PcscReader().health().reason)\n")
    env = dict(os.environ, PCSCLITE_CSOCK_NAME="/nonexistent/pcscd.comm",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=30, check=True).stdout
    assert "the smart-card service (pcscd) is not running; start it with" in out


@pytest.mark.log_warnings(r"PC/SC service lost")
def test_monitor_survives_pcscd_restart(reader: PcscReader, vcard: VirtualCard,
                                        events: Events, pcscd: PcscDaemon,
                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="hardware.idcard.pcsc_monitor")
    reader.start_monitoring()
    wait_for(lambda: events.of(EventKind.READER_ADDED), what="reader reported")
    assert reader.list_readers()
    pcscd.stop()
    wait_for(lambda: events.of(EventKind.SERVICE_LOST, reader=""), what="service lost")
    with pytest.raises(ServiceNotRunningError, match=r"pcscd\) is not running"):
        reader.list_readers()
    assert reader.health().state is HealthState.OFFLINE
    monitor = reader._monitor
    assert monitor is not None
    wait_for(lambda: monitor.retries_while_down >= 4, what="retries while pcscd is down")

    pcscd.start()
    wait_for(lambda: len(events.of(EventKind.READER_ADDED)) >= 2, what="reader re-added")
    logged = [r.getMessage() for r in caplog.records if r.name == monitor_log.name]
    # one line when it went, one (with the count) when it came back: not one per retry
    assert len(logged) == 2, logged
    assert logged[0].startswith("PC/SC service lost:")
    assert logged[1].startswith("PC/SC service back after ")
    assert int(logged[1].split("after ")[1].split()[0]) >= 4
    assert reader.health().state is HealthState.READY
    vcard.insert()
    wait_for(lambda: events.of(EventKind.CARD_INSERTED), what="insert after restart")
    assert reader.uid() == vcard.uid


@pytest.mark.log_warnings(r"PC/SC monitor thread died")
def test_dead_monitor_thread_is_restarted(pcscd: PcscDaemon, events: Events,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monitor = PcscMonitor(events, poll=0.1)
    monkeypatch.setattr(monitor, "_run", lambda: None)  # the thread ends at once
    monitor.start()
    wait_for(lambda: not monitor.alive, what="thread to die")
    monkeypatch.undo()
    try:
        assert monitor.ensure_running()
        assert monitor.alive and monitor.restarts == 1
        wait_for(lambda: events.of(EventKind.READER_ADDED), what="reader reported")
    finally:
        monitor.stop()
    assert not monitor.alive
