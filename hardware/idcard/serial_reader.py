"""Driver for GA 467 ID-card readers on a serial port (UART or USB-serial).

Construction opens nothing; the port is opened on first use and reopened
lazily after it vanished (USB reader unplugged, simulator restarted). Call
it from one worker thread: the driver is not meant to be shared.
"""

from __future__ import annotations

import contextlib
import termios
import time
from collections.abc import Callable

import serial

from hardware.health import DeviceError, Health, HealthState
from hardware.idcard import ga467
from hardware.identity import IdentityRecord, verify_card
from hardware.messages import QT_TRANSLATE_NOOP

__all__ = ["SerialIdCardReader"]

MSG_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Device", "The ID card reader is not available. Please ask staff for help.")
MSG_HOLD_STILL = QT_TRANSLATE_NOOP(
    "Device", "Please place your ID card flat on the reader and keep it still.")


_PORT_ERRORS = (OSError, serial.SerialException, termios.error)

# Statuses a command can be answered with, besides the reader's own errors.
_EXPECTED: dict[tuple[int, int], frozenset[int]] = {
    ga467.FIND_CARD: frozenset({ga467.Status.CARD_FOUND, ga467.Status.NO_CARD}),
    ga467.SELECT_CARD: frozenset({ga467.Status.SUCCESS, ga467.Status.SELECT_FAILED}),
    ga467.READ_TEXT_PHOTO: frozenset({ga467.Status.SUCCESS, ga467.Status.READ_FAILED}),
}
_READER_ERRORS = frozenset({ga467.Status.CHECKSUM_ERROR, ga467.Status.LENGTH_ERROR,
                            ga467.Status.BAD_COMMAND})


def _answers(command: tuple[int, int], answer: ga467.Answer) -> bool:
    """Whether `answer` can be the answer to `command` (not a late one to another)."""
    if answer.sw3 in _READER_ERRORS:
        return True
    if answer.sw3 not in _EXPECTED.get(command, frozenset(ga467.Status)):
        return False
    if command == ga467.READ_TEXT_PHOTO and answer.sw3 == ga467.Status.SUCCESS:
        return len(answer.data) >= 4 + ga467.TEXT_BLOCK_SIZE
    return True


class _StepFailed(Exception):
    """One attempt at a step failed in a way a retry may cure."""


class SerialIdCardReader:
    """Reads second-generation resident ID cards over GA 467."""

    def __init__(self, port: str, baudrate: int = 115200, *, step_timeout: float = 1.0,
                 retries: int = 3,
                 serial_factory: Callable[..., serial.Serial] = serial.Serial) -> None:
        self._port = port
        self.baudrate = baudrate
        self.step_timeout = step_timeout
        self.retries = retries
        self._factory = serial_factory
        self._serial: serial.Serial | None = None
        self._health = Health(HealthState.OFFLINE, "not opened yet", MSG_UNAVAILABLE)

    # --- port handling ------------------------------------------------------------
    @property
    def port(self) -> str:
        return self._port

    @port.setter
    def port(self, value: str) -> None:
        """Point the driver at another port (reconfiguration); reopens lazily."""
        self.close()
        self._port = value

    def close(self) -> None:
        if self._serial is not None:
            with contextlib.suppress(*_PORT_ERRORS):
                self._serial.close()
            self._serial = None

    def _unplugged(self, exc: BaseException) -> DeviceError:
        self.close()
        error = DeviceError(
            f"ID-card reader unplugged or port busy: {self._port} ({exc})", MSG_UNAVAILABLE)
        self._health = error.health()
        return error

    def _open(self) -> serial.Serial:
        if self._serial is None:
            try:
                self._serial = self._factory(
                    self._port, self.baudrate, bytesize=serial.EIGHTBITS,
                    parity=serial.PARITY_NONE, stopbits=serial.STOPBITS_ONE, timeout=0.05)
            except (*_PORT_ERRORS, ValueError) as exc:
                raise self._unplugged(exc) from exc
        return self._serial

    # --- one exchange -----------------------------------------------------------
    def _exchange(self, command: tuple[int, int], deadline: float) -> ga467.Answer:
        """Send a command and wait for its answer until `deadline`.

        A bad frame (checksum or length) does not end the exchange: the decoder
        resynchronises on the next preamble and a good answer that follows is
        taken. Only when none comes does the bad frame become the step's problem.
        """
        port = self._open()
        reader = ga467.FrameReader(min_len=4)
        bad_frame = ""
        try:
            port.reset_input_buffer()  # drop late answers of an earlier attempt
            port.write(ga467.build_command(*command))
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    if reader.pending:
                        try:
                            reader.finish()  # raises "truncated" for a cut frame
                        except ga467.FrameError as exc:
                            bad_frame = bad_frame or str(exc)
                    raise _StepFailed(bad_frame or
                                      f"no answer to {command[0]:02X} {command[1]:02X}")
                port.timeout = min(remaining, 0.05)
                chunk = port.read(max(1, port.in_waiting))
                reader.feed(chunk)
                while True:
                    try:
                        payload = reader.next_payload()
                    except ga467.FrameError as exc:
                        bad_frame = str(exc)
                        continue
                    if payload is None:
                        break
                    answer = ga467.Answer.from_payload(payload)
                    if not _answers(command, answer):
                        continue  # a late answer to an earlier attempt
                    if answer.sw3 in _READER_ERRORS:
                        raise _StepFailed(f"reader reported status {answer.sw3:02X}")
                    return answer
        except _PORT_ERRORS as exc:
            raise self._unplugged(exc) from exc

    def _step(self, command: tuple[int, int], deadline: float,
              accept: Callable[[ga467.Answer], bool]) -> ga467.Answer:
        """Run a step with retries; the last answer is returned even if refused."""
        last: ga467.Answer | None = None
        problem = ""
        for _ in range(self.retries):
            now = time.monotonic()
            if now >= deadline:
                break
            try:
                last = self._exchange(command, min(deadline, now + self.step_timeout))
            except _StepFailed as exc:
                problem = str(exc)
                continue
            if accept(last):
                return last
            problem = f"status {last.sw3:02X}"
        if last is not None:
            return last
        error = DeviceError(
            f"ID-card reader on {self._port} failed step {command[0]:02X} {command[1]:02X}"
            f" after {self.retries} attempts: {problem or 'timed out'}",
            MSG_UNAVAILABLE, HealthState.DEGRADED)
        self._health = error.health()
        raise error

    # --- public -------------------------------------------------------------------
    def read_card(self, timeout: float = 3.0) -> IdentityRecord | None:
        """Find, select and read a card; None when no card is on the reader.

        Raises DeviceError when the reader is gone, does not answer, or the
        card cannot be read after the retries; `CardRejected` when the card's
        birth date or sex disagree with its ID number.
        """
        deadline = time.monotonic() + timeout
        st = ga467.Status
        found = self._step(ga467.FIND_CARD, deadline,
                           lambda a: a.sw3 in (st.CARD_FOUND, st.NO_CARD))
        if found.sw3 not in (st.CARD_FOUND, st.NO_CARD):
            error = DeviceError(f"ID-card reader on {self._port} answered find card with "
                                f"status {found.sw3:02X}", MSG_UNAVAILABLE, HealthState.DEGRADED)
            self._health = error.health()
            raise error
        self._health = Health.ready()
        if found.sw3 == st.NO_CARD:
            return None
        for command in (ga467.SELECT_CARD, ga467.READ_TEXT_PHOTO):
            answer = self._step(command, deadline, lambda a: a.sw3 == st.SUCCESS)
            if answer.sw3 != st.SUCCESS:
                raise DeviceError(
                    f"card on {self._port} refused {command[0]:02X} {command[1]:02X} "
                    f"with status {answer.sw3:02X}", MSG_HOLD_STILL, HealthState.READY)
        try:
            record = ga467.parse_read_answer(answer.data)
        except ga467.ProtocolError as exc:
            raise DeviceError(f"unreadable card data on {self._port}: {exc}",
                              MSG_HOLD_STILL, HealthState.READY) from exc
        return verify_card(record, self._port)

    def sam_status(self, timeout: float = 1.0) -> bool:
        """True when the reader's security module reports ready."""
        answer = self._step(ga467.SAM_STATUS, time.monotonic() + timeout,
                            lambda a: a.sw3 == ga467.Status.SUCCESS)
        return answer.sw3 == ga467.Status.SUCCESS

    def health(self, probe: bool = True) -> Health:
        """Current health; with `probe`, asks the reader's SAM status first."""
        if probe:
            try:
                ok = self.sam_status(timeout=min(1.0, self.step_timeout * self.retries))
            except DeviceError as exc:
                return exc.health()
            self._health = Health.ready() if ok else Health(
                HealthState.DEGRADED, f"SAM not ready on {self._port}", MSG_UNAVAILABLE)
        return self._health
