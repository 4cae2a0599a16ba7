"""A touch PIN pad that opens the technician panel.

The PIN is checked against scrypt hashes off the GUI thread. Five wrong PINs
in a row lock the pad for 30 s; each further lockout doubles (60 s, 120 s,
...) up to 15 minutes. The count lives in memory only; a correct PIN clears it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sync.protocol.pin_hash import verify_pin
from terminal.background import run_in_background, wait_for_background
from terminal.lockout import FAILURES_BEFORE_LOCKOUT, Lockout, format_wait
from terminal.widgets.keypad import CLEAR, OK, DigitKeypad

BUTTON_HEIGHT = 96


def _check(pin: str, hashes: Sequence[str], verifier: Callable[[str, str], bool]) -> bool:
    """Blocking (scrypt): whether `pin` matches any of `hashes`."""
    ok = False
    for encoded in hashes:  # check all: no timing hint of which one matched
        ok = verifier(pin, encoded) or ok
    return ok


class PinGate(QWidget):
    """Big digit buttons, masked dots, clear and OK; `accepted` on a right PIN."""

    accepted = Signal()
    rejected = Signal(int)  # wrong PINs left before a lockout
    lockedOut = Signal(float)  # lockout seconds

    def __init__(self, pin_hashes: Sequence[str], *,
                 clock: Callable[[], float] = time.monotonic,
                 verifier: Callable[[str, str], bool] = verify_pin, max_length: int = 8,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinGate")
        self._hashes = [h for h in pin_hashes if h]
        self._verifier = verifier
        self._max_length = max_length
        self.lockout = Lockout(clock)
        self._pin = ""
        self._busy = False

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
        run_in_background(self, lambda: _check(pin, hashes, verifier), self._verified,
                          lambda _message: self._verified(False))  # fail closed

    def _verified(self, ok: bool) -> None:
        self._busy = False
        if ok:
            self.lockout.succeeded()
            self._message.clear()
            self.refresh()
            self.accepted.emit()
            return
        duration = self.lockout.failed()
        self.refresh()
        if duration:
            self.lockedOut.emit(duration)
        else:
            left = FAILURES_BEFORE_LOCKOUT - self.lockout.failures
            self._message.setText(self.tr("Wrong PIN. %n attempt(s) left.", "", left))
            self.rejected.emit(left)

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
        """Stop the countdown and wait for a running check."""
        self._timer.stop()
        wait_for_background()

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Technician PIN"))
        self._show_dots()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

