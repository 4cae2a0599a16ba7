"""PC/SC card reader driver (pcsc-lite through pyscard's `scard` layer).

What a PC/SC reader can identify: Chinese resident ID cards cannot be read
over PC/SC (their content is only released to a licensed SAM, which GA 467
serial readers carry), so over PC/SC the terminals identify cards issued by
the center itself: staff and resident cards are recognised by their
contactless UID (`uid()`), and a resident card carries the project's own
application (`card_app.AID`, F0 52 45 43 45 50 54 01) holding a TLV identity
record read with SELECT + READ BINARY (`read_identity()`). The virtual card in
`vcard` implements the same application for tests and demos.

One `PcscReader` belongs to one worker thread (a PC/SC context must not be
shared between threads); events come from a `PcscMonitor` thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from smartcard import scard

from hardware.health import DeviceError, Health, HealthState
from hardware.idcard import apdu, card_app
from hardware.idcard.apdu import ApduResponse
from hardware.idcard.pcsc_monitor import EventKind, PcscEvent, PcscMonitor, code
from hardware.identity import IdentityRecord, verify_card
from hardware.messages import QT_TRANSLATE_NOOP

__all__ = [
    "ApduResponse", "CardRemovedError", "EventKind", "NoCardError", "NoReaderError",
    "PcscError", "PcscEvent", "PcscReader", "ServiceNotRunningError", "SharingViolationError",
]

START_HINT = "start it with `pcscd` (or `systemctl start pcscd.socket`)"
MSG_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Device", "The card reader is not available. Please ask staff for help.")
MSG_PLACE_CARD = QT_TRANSLATE_NOOP("Device", "Please place your card on the reader.")
MSG_KEEP_CARD = QT_TRANSLATE_NOOP(
    "Device", "The card was taken away too early. Please place it on the reader again "
    "and keep it there.")
MSG_BUSY = QT_TRANSLATE_NOOP("Device", "The card reader is busy. Please try again.")
MSG_UNKNOWN_CARD = QT_TRANSLATE_NOOP(
    "Device", "This card cannot be read here. Please ask staff for help.")


class PcscError(DeviceError):
    """A PC/SC failure; `hresult` is the PC/SC code (0 when none)."""

    def __init__(self, technician_message: str, resident_message: str = MSG_UNAVAILABLE,
                 state: HealthState = HealthState.OFFLINE, hresult: int = 0) -> None:
        super().__init__(technician_message, resident_message, state)
        self.hresult = code(hresult)


class ServiceNotRunningError(PcscError):
    pass


class NoReaderError(PcscError):
    pass


class NoCardError(PcscError):
    pass


class CardRemovedError(PcscError):
    pass


class SharingViolationError(PcscError):
    pass


_SERVICE_GONE = {code(c) for c in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED)}
_CONTEXT_STALE = _SERVICE_GONE | {code(scard.SCARD_E_INVALID_HANDLE)}
_NO_READER = {code(c) for c in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE,
                                scard.SCARD_E_NO_READERS_AVAILABLE)}
_NO_CARD = {code(c) for c in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD,
                              scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD)}
_LOST_IN_TRANSIT = {code(c) for c in (scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_F_COMM_ERROR,
                                      scard.SCARD_E_COMM_DATA_LOST, scard.SCARD_W_RESET_CARD)}


def _error(hresult: int, doing: str, reader: str = "", *, in_transaction: bool = False
           ) -> PcscError:
    """The PcscError subclass for a PC/SC result code."""
    c = code(hresult)
    detail = f"{doing}{f' on {reader!r}' if reader else ''}: " \
             f"{scard.SCardGetErrorMessage(hresult)} (0x{c:08X})"
    if c in _SERVICE_GONE:
        return ServiceNotRunningError(
            f"the smart-card service (pcscd) is not running; {START_HINT} [{detail}]",
            hresult=c)
    if c in _NO_READER:
        return NoReaderError(f"no such card reader: {detail}", hresult=c)
    if c in _NO_CARD or (in_transaction and c in _LOST_IN_TRANSIT):
        if in_transaction:
            return CardRemovedError(f"card removed during the transaction: {detail}",
                                    MSG_KEEP_CARD, HealthState.READY, c)
        return NoCardError(f"no card on the reader: {detail}", MSG_PLACE_CARD,
                           HealthState.READY, c)
    if c == code(scard.SCARD_E_SHARING_VIOLATION):
        return SharingViolationError(
            f"card in exclusive use by another application: {detail}", MSG_BUSY,
            HealthState.DEGRADED, c)
    return PcscError(detail, MSG_UNAVAILABLE, HealthState.DEGRADED, c)


class PcscReader:
    """One PC/SC reader: card access, UID, APDUs, the center's identity card.

    `reader=None` uses the first reader pcscd lists. Construction contacts
    nothing; `on_event` (if given) receives `PcscEvent`s once
    `start_monitoring()` is called.
    """

    def __init__(self, reader: str | None = None, *,
                 on_event: Callable[[PcscEvent], None] | None = None) -> None:
        self._reader = reader
        self._context: int | None = None
        self._card: int | None = None
        self._protocol = 0
        self._connected_to = ""
        self._monitor = PcscMonitor(on_event) if on_event else None

    # --- context and readers -------------------------------------------------------
    def _establish(self) -> int:
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if code(hresult) != 0:
                raise _error(hresult, "establishing a PC/SC context")
            self._context = context
        return self._context

    def _drop_context(self) -> None:
        self.disconnect()
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def list_readers(self) -> list[str]:
        """Reader names as pcscd reports them (empty list when none)."""
        for attempt in range(2):
            hresult, readers = scard.SCardListReaders(self._establish(), [])
            c = code(hresult)
            if c == code(scard.SCARD_E_NO_READERS_AVAILABLE):
                return []
            if c == 0:
                return list(readers)
            if c in _CONTEXT_STALE and attempt == 0:
                self._drop_context()  # pcscd restarted: a fresh context may work
                continue
            raise _error(hresult, "listing readers")
        raise AssertionError("unreachable")

    @property
    def reader(self) -> str:
        """The reader's name, resolving the default to the first listed reader."""
        if self._reader is None:
            readers = self.list_readers()
            if not readers:
                raise NoReaderError("pcscd lists no card reader")
            return readers[0]
        return self._reader

    # --- card connection -----------------------------------------------------------
    def connect(self) -> None:
        """Connect to the card on the reader (shared mode, T=0 or T=1)."""
        if self._card is not None:
            return
        reader = self.reader
        hresult, card, protocol = scard.SCardConnect(
            self._establish(), reader, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if code(hresult) in _CONTEXT_STALE:
            self._drop_context()
            hresult, card, protocol = scard.SCardConnect(
                self._establish(), reader, scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if code(hresult) != 0:
            raise _error(hresult, "connecting to the card", reader)
        self._card, self._protocol, self._connected_to = card, protocol, reader

    def disconnect(self) -> None:
        if self._card is not None:
            scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            self._card = None

    def card_present(self) -> bool:
        """Whether a card sits on the reader (without connecting to it)."""
        reader = self.reader
        hresult, states = scard.SCardGetStatusChange(
            self._establish(), 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if code(hresult) in _CONTEXT_STALE:
            self._drop_context()
            hresult, states = scard.SCardGetStatusChange(
                self._establish(), 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if code(hresult) != 0:
            raise _error(hresult, "reading the reader state", reader)
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT)

    def wait_for_card(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a card; True once one is present."""
        deadline = time.monotonic() + timeout
        while True:
            if self.card_present():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            reader = self.reader
            scard.SCardGetStatusChange(self._establish(), int(min(remaining, 0.5) * 1000),
                                       [(reader, scard.SCARD_STATE_EMPTY)])

    def atr(self) -> bytes:
        """The card's answer to reset."""
        self.connect()
        assert self._card is not None
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        if code(hresult) != 0:
            self.disconnect()
            raise _error(hresult, "reading the ATR", self._connected_to, in_transaction=True)
        return bytes(atr)

    def _removed_meanwhile(self, settle: float = 1.0) -> bool:
        """After a failed exchange: does the card turn out to be gone?"""
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            try:
                if not self.card_present():
                    return True
            except PcscError:
                return True
            time.sleep(0.02)
        return False

    def _transmit_raw(self, command: bytes) -> ApduResponse:
        self.connect()
        assert self._card is not None
        hresult, response = scard.SCardTransmit(self._card, self._protocol, list(command))
        if code(hresult) != 0 or len(response) < 2:
            # vpcd (and some drivers) return success with no bytes when the card left
            self.disconnect()
            if code(hresult) in _SERVICE_GONE:
                raise _error(hresult, "sending an APDU", self._connected_to)
            if self._removed_meanwhile():
                raise CardRemovedError(
                    f"card removed during the transaction on {self._connected_to!r}"
                    f" (result 0x{code(hresult):08X}, {len(response)} response bytes)",
                    MSG_KEEP_CARD, HealthState.READY, code(hresult))
            if code(hresult) != 0:
                raise _error(hresult, "sending an APDU", self._connected_to,
                             in_transaction=True)
            raise PcscError(f"card on {self._connected_to!r} gave no status word",
                            MSG_KEEP_CARD, HealthState.READY)
        return apdu.parse_response(response)

    def transmit(self, command: bytes) -> ApduResponse:
        """Send a command APDU; follows 61xx (GET RESPONSE) and 6Cxx (resend with Le).

        Returns `(data, sw1, sw2)` whatever the status word; raises PcscError
        subclasses for transport problems (no reader, no card, card removed,
        sharing violation, pcscd not running).
        """
        response = self._transmit_raw(command)
        if response.sw1 == 0x6C and len(command) >= 4:
            response = self._transmit_raw(bytes(command[:4]) + bytes([response.sw2]))
        data = response.data
        for _ in range(32):
            if response.sw1 != 0x61:
                break
            response = self._transmit_raw(bytes([0x00, 0xC0, 0x00, 0x00, response.sw2]))
            data += response.data
        return ApduResponse(data, response.sw1, response.sw2)

    # --- card content ------------------------------------------------------------
    def uid(self) -> bytes:
        """The contactless UID (PC/SC `FF CA 00 00 00`)."""
        response = self.transmit(apdu.GET_UID)
        if not response.ok:
            raise PcscError(f"GET UID refused: {response}", MSG_UNKNOWN_CARD,
                            HealthState.READY)
        return response.data

    def read_identity(self) -> IdentityRecord | None:
        """The identity record of the center's card application.

        None when no card is present or the card does not carry the
        application (6A82); raises PcscError when the card is removed
        mid-read or its record is malformed, `CardRejected` when its birth
        date or sex disagree with its ID number.
        """
        try:
            if not self.card_present():
                return None
            selected = self.transmit(apdu.select_aid(card_app.AID))
        except NoCardError:
            return None
        if selected.sw == 0x6A82:
            return None
        if not selected.ok:
            raise PcscError(f"SELECT of the center application refused: {selected}",
                            MSG_UNKNOWN_CARD, HealthState.READY)
        content = self._read_file()
        try:
            record = card_app.decode_record(content)
        except card_app.RecordError as exc:
            raise PcscError(f"malformed identity record: {exc}", MSG_UNKNOWN_CARD,
                            HealthState.READY) from exc
        return verify_card(record, repr(self._connected_to))

    def _read_file(self, chunk: int = 0xF0, limit: int = 0x2000) -> bytes:
        content = b""
        total: int | None = None
        while total is None or len(content) < total:
            response = self.transmit(apdu.read_binary(len(content), chunk))
            if not response.ok and response.sw not in (0x6282, 0x6B00):
                raise PcscError(f"READ BINARY at {len(content)} refused: {response}",
                                MSG_UNKNOWN_CARD, HealthState.READY)
            content += response.data
            if total is None and len(content) >= 2:
                try:
                    _tag, length, start = card_app.tlv_header(content)
                    total = start + length
                except card_app.RecordError:
                    total = None
            if not response.ok or not response.data or len(content) >= limit:
                break
        return content

    def read_card(self, timeout: float = 3.0) -> IdentityRecord | None:
        """`IdentityReader` API: wait up to `timeout` for a card, then read it."""
        if not self.wait_for_card(timeout):
            return None
        try:
            return self.read_identity()
        finally:
            self.disconnect()

    # --- monitoring and health -----------------------------------------------------------
    def start_monitoring(self) -> None:
        if self._monitor is not None:
            self._monitor.start()

    def stop_monitoring(self) -> None:
        if self._monitor is not None:
            self._monitor.stop()

    def health(self) -> Health:
        """READY when pcscd answers and the reader exists; restarts a dead monitor."""
        if self._monitor is not None:
            self._monitor.ensure_running()
        try:
            readers = self.list_readers()
            if self._reader is not None and self._reader not in readers:
                raise NoReaderError(f"reader {self._reader!r} not connected; have {readers}")
            if not readers:
                raise NoReaderError("pcscd lists no card reader")
        except PcscError as exc:
            return exc.health()
        return Health.ready()

    def close(self) -> None:
        self.stop_monitoring()
        self._drop_context()
