"""A touch PIN pad that opens the technician panel.

The PIN is checked off the GUI thread: against scrypt hashes, or by a verifier
that may ask the platform. Only a PIN found wrong counts: five in a row lock
the pad for 30 s; each further lockout doubles (60 s, 120 s, ...) up to 15
minutes. A PIN that could not be checked (the platform slow, busy or out of
reach, or the check failing) counts nothing, and the technician is told why;
a platform's own lockout holds the pad as long as it says. The count lives in
memory only; a correct PIN clears it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sync.protocol.pin_hash import verify_pin
from terminal.background import Lane, Latest
from terminal.lockout import FAILURES_BEFORE_LOCKOUT, Lockout, format_wait
from terminal.widgets.keypad import CLEAR, OK, DigitKeypad

BUTTON_HEIGHT = 96


class PinCheck(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    #: The platform got the PIN but its answer came too late.
    SLOW = "slow"
    #: The platform answered busy, failing or unreadably.
    BUSY = "busy"
    #: No answer from the platform, and nobody it knows signed in here recently.
    UNREACHABLE = "unreachable"
    #: The platform holds this PIN back for a while (its own lockout).
    LOCKED = "locked"
    #: The check itself failed on this terminal.
    FAULT = "fault"


@dataclass(frozen=True)
class Verdict:
    check: PinCheck
    wait_seconds: float = 0.0  # LOCKED: how long


#: Blocking check of (PIN, expected): a bool (right or wrong) or a `Verdict`.
Verifier = Callable[[str, str], "bool | Verdict"]


def _check(pin: str, hashes: Sequence[str], verifier: Verifier) -> Verdict:
    """Blocking (scrypt, the network): `pin` against each of `hashes`; right if any
    says so, else the first reason it could not be checked, else wrong."""
    verdicts = []
    for encoded in hashes:  # check all: no timing hint of which one matched
        answer = verifier(pin, encoded)
        verdicts.append(answer if isinstance(answer, Verdict)
                        else Verdict(PinCheck.RIGHT if answer else PinCheck.WRONG))
    if any(v.check is PinCheck.RIGHT for v in verdicts):
        return Verdict(PinCheck.RIGHT)
    return next((v for v in verdicts if v.check is not PinCheck.WRONG),
                Verdict(PinCheck.WRONG))


class PinGate(QWidget):
    """Big digit buttons, masked dots, clear and OK; `accepted` on a right PIN."""

    accepted = Signal()
    rejected = Signal(int)  # wrong PINs left before a lockout
    lockedOut = Signal(float)  # lockout seconds
    unchecked = Signal(str)  # the PinCheck value of a PIN that could not be checked

    def __init__(self, pin_hashes: Sequence[str], *,
                 clock: Callable[[], float] = time.monotonic,
                 verifier: Verifier = verify_pin, max_length: int = 8,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinGate")
        self._hashes = [h for h in pin_hashes if h]
        self._verifier = verifier
        self._max_length = max_length
        self.lockout = Lockout(clock)
        self._pin = ""
        self._busy = False
        # its own thread: a check may wait on a slow platform for its whole sign-in
        # timeout (30 s), and must not hold a resident's work on the shared lane.
        self._checks = Lane(1, "pin-check")
        self._check = Latest()

        self._title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._title.setProperty("role", "title")
        self._dots = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._dots.setProperty("role", "title")
        self._dots.setMinimumHeight(64)
        self._message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setProperty("role", "subtitle")

        self.keypad = DigitKeypad(right=OK, key_role="", action_role="secondary",
                                  min_size=(BUTTON_HEIGHT * 2, BUTTON_HEIGHT))
        self.keypad.pressed.connect(self._key)

        layout = QVBoxLayout(self)
        layout.setSpacing(20)
        layout.addStretch(1)
        layout.addWidget(self._title)
        layout.addWidget(self._dots)
        layout.addWidget(self._message)
        layout.addWidget(self.keypad)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._retranslate()
        self.refresh()

    # ---- input -------------------------------------------------------------------
    def _key(self, key: str) -> None:
        if key == CLEAR:
            self.clear()
        elif key == OK:
            self.submit()
        else:
            self.press(key)

    def press(self, digit: str) -> None:
        if self._enabled() and len(self._pin) < self._max_length:
            self._pin += digit
            self._message.clear()
            self._show_dots()

    def clear(self) -> None:
        self._pin = ""
        self._show_dots()

    def submit(self) -> None:
        """Check the entered PIN off the GUI thread (no-op while locked or busy)."""
        remaining = self.lockout.remaining()
        if remaining > 0:
            self.lockedOut.emit(remaining)
            return
        if self._busy or not self._pin:
            return
        if not self._hashes:
            self._message.setText(self.tr("No technician PIN is configured."))
            return
        pin, self._pin = self._pin, ""
        self._busy = True
        self._show_dots()
        self._message.setText(self.tr("Checking…"))
        self.refresh()
        hashes, verifier = tuple(self._hashes), self._verifier
        self._checks.run(self, lambda: _check(pin, hashes, verifier), self._verified,
                         lambda _message: self._verified(Verdict(PinCheck.FAULT)),  # closed
                         token=self._check.next())

    def _verified(self, verdict: Verdict) -> None:
        self._busy = False
        check = verdict.check
        if check is PinCheck.RIGHT:
            self.lockout.succeeded()
            self._message.clear()
            self.refresh()
            self.accepted.emit()
            return
        if check is PinCheck.LOCKED:
            self.lockout.hold_for(verdict.wait_seconds)
            self.refresh()
            self.lockedOut.emit(self.lockout.remaining())
            return
        if check is not PinCheck.WRONG:
            self.refresh()
            self._message.setText(self._unchecked_text(check))
            self.unchecked.emit(check.value)
            return
        duration = self.lockout.failed()
        self.refresh()
        if duration:
            self.lockedOut.emit(duration)
        else:
            left = FAILURES_BEFORE_LOCKOUT - self.lockout.failures
            self._message.setText(self.tr("Wrong PIN. %n attempt(s) left.", "", left))
            self.rejected.emit(left)

    def _unchecked_text(self, check: PinCheck) -> str:
        """Why the PIN was not checked, and what to do, for a technician."""
        if check is PinCheck.SLOW:
            return self.tr("The platform is slow to answer, so the PIN was not checked. "
                           "Type it again in a moment.")
        if check is PinCheck.BUSY:
            return self.tr("The platform is busy or has a fault, so the PIN was not "
                           "checked. Type it again in a moment.")
        if check is PinCheck.UNREACHABLE:
            return self.tr("The platform cannot be reached, and no technician has signed "
                           "in on this kiosk in the last two weeks, so the PIN cannot be "
                           "checked. Check the kiosk's network connection.")
        return self.tr("The PIN could not be checked. Type it again; if this keeps "
                       "happening, the kiosk's log says why.")

    def message(self) -> str:
        """The line under the dots (what the technician reads)."""
        return self._message.text()

    # ---- state -------------------------------------------------------------------
    def _enabled(self) -> bool:
        return not self._busy and self.lockout.remaining() <= 0

    def is_locked(self) -> bool:
        return self.lockout.remaining() > 0

    def refresh(self) -> None:
        """Update the lockout countdown and the buttons (a 1 s timer calls it)."""
        remaining = self.lockout.remaining()
        enabled = self._enabled()
        self.keypad.set_enabled_all(enabled)
        if remaining > 0:
            self._message.setText(self.tr("Too many wrong PINs. Try again in %1.")
                                  .replace("%1", format_wait(remaining)))
            if not self._timer.isActive():
                self._timer.start()
        elif self._timer.isActive():
            self._timer.stop()
            self._message.clear()

    def _show_dots(self) -> None:
        self._dots.setText(" ".join("●" * len(self._pin)) or " ")

    def shutdown(self) -> None:
        """Stop the countdown; a check under way ends on its own thread, unheard: the
        screen is left, so a right PIN opens nothing, and the GUI thread does not wait
        for a slow platform."""
        self._timer.stop()
        self._check.cancel()
        self._checks.close()

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Technician PIN"))
        self._show_dots()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

