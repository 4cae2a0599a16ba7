"""The clerk's sign-in: staff number and PIN, or staff card and PIN.

Both fields take the physical keyboard and the on-screen keypad. The PIN is
checked by the platform (`sync.staff_sign_in`, on a worker thread), which
keeps the rate limit and the lockout; offline, only clerks who signed in on
this terminal recently can sign in, against their verifier; a platform too
slow to answer in time is said to be slow, and one that answers busy or
unreadably is said to be busy, not out of reach. Wrong PINs also
count towards the screen's own growing lockout (`terminal.lockout`). A staff
card (from `counter.staff_card`) stands for the staff number: its holder
still types the PIN.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.runner import Runner
from terminal.lockout import FAILURES_BEFORE_LOCKOUT, Lockout, format_wait
from terminal.widgets.keypad import DigitKeypad

if TYPE_CHECKING:
    from sync.staff_sign_in import SignInResult

#: Blocking check of (staff number, card UID, PIN) with the platform.
Authenticate = Callable[[str | None, str | None, str], "SignInResult"]


class SignInScreen(QWidget):
    """Emits `signedIn(StaffEntry)`; `reset()` before showing it again.
    `manager_session` is the session of a center manager who signed in online
    (None for anyone else, and offline)."""

    signedIn = Signal(object)

    def __init__(self, authenticate: Authenticate, *,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self._authenticate = authenticate
        self._card: str | None = None
        self.manager_session: str | None = None
        self.lockout = Lockout(clock)
        self._runner = Runner(self)
        self._busy = False
        self.window_number = ""
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setProperty("role", "title")
        self.staff_label, self.pin_label = QLabel(), QLabel()
        self.staff_no = QLineEdit(objectName="staffNo", maxLength=32)
        self.pin = QLineEdit(objectName="pin", maxLength=12)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._active = self.staff_no
        for field in (self.staff_no, self.pin):
            field.setProperty("role", "entry-field")
            field.returnPressed.connect(self._enter)
            field.installEventFilter(self)
        self.message = QLabel(objectName="signInMessage", wordWrap=True,
                              alignment=Qt.AlignmentFlag.AlignCenter)
        self.message.setProperty("role", "error")
        self.card_hint = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.card_hint.setProperty("role", "hint")
        self.sign_in_button = QPushButton(objectName="signInButton")
        self.sign_in_button.clicked.connect(self._enter)
        self.keypad = DigitKeypad(key_role="pad", action_role="pad", spacing=8, short_back=True)
        self.keypad.pressed.connect(self.press)
        self.keys = self.keypad.buttons
        self._build()
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._retranslate()

    def _build(self) -> None:
        form = QGridLayout()
        form.addWidget(self.staff_label, 0, 0)
        form.addWidget(self.staff_no, 0, 1)
        form.addWidget(self.pin_label, 1, 0)
        form.addWidget(self.pin, 1, 1)
        card = QFrame(objectName="signInCard")
        card.setProperty("role", "card")
        card.setMaximumWidth(620)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 24, 32, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.keypad)
        inner.addWidget(self.sign_in_button)
        inner.addWidget(self.message)
        inner.addWidget(self.card_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    # ------------------------------------------------------------ input
    def press(self, key: str) -> None:
        """An on-screen key: a digit, "back" or "clear", into the active field."""
        field = self._active
        if key == "clear":
            field.clear()
        elif key == "back":
            field.backspace()
        else:
            field.insert(key)
        field.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.staff_no, self.pin):
            self._active = watched  # type: ignore[assignment]
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        """Enter or the big button: on to the PIN field, then check."""
        if self.staff_no.text().strip() and not self.pin.text():
            self._active = self.pin
            self.pin.setFocus()
            return
        self.submit()

    def reset(self) -> None:
        self._card = None
        self.manager_session = None
        self.staff_no.setEnabled(True)
        self.staff_no.clear()
        self.pin.clear()
        self.message.clear()
        self._active = self.staff_no
        self.staff_no.setFocus()

    # ------------------------------------------------------------ checking
    def submit(self) -> None:
        """Check number and PIN off the GUI thread (no-op while locked or busy)."""
        if self._busy or self.lockout.remaining() > 0:
            self.refresh()
            return
        staff_no, pin, card = self.staff_no.text().strip() or None, self.pin.text(), self._card
        if (staff_no is None and card is None) or not pin:
            self.message.setText(self.tr("Type your staff number and PIN."))
            return
        self._busy = True
        self.message.setText(self.tr("Checking…"))
        self.refresh()
        authenticate = self._authenticate
        self._runner.run(lambda: authenticate(None if card else staff_no, card, pin),
                         self._checked, self._failed)

    def _failed(self, error: object) -> None:
        self._busy = False
        self.pin.clear()
        self.message.setText(self.tr("The PIN could not be checked: %1").replace("%1", str(error)))
        self.refresh()

    def _checked(self, result: SignInResult) -> None:
        from sync.protocol.staff import SignInOutcome

        self._busy = False
        self.pin.clear()
        if result.outcome is SignInOutcome.SIGNED_IN and result.member is not None:
            self.lockout.succeeded()
            self.message.clear()
            self.manager_session = result.manager_session
            self.signedIn.emit(result.member)
        elif result.slow:
            self.message.setText(self.tr(
                "The platform is slow to answer right now. Type your PIN again in a moment."))
            self.pin.setFocus()
        elif result.busy:
            self.message.setText(self.tr(
                "The platform is busy or has a fault right now. Type your PIN again in a "
                "moment."))
            self.pin.setFocus()
        elif result.no_verifier:
            self.message.setText(self.tr(
                "The platform cannot be reached, and only clerks who signed in on this "
                "terminal in the last two weeks can sign in without it."))
        elif result.outcome in (SignInOutcome.LOCKED, SignInOutcome.THROTTLED):
            self.lockout.hold_for(result.retry_after_seconds)  # refresh() says how long
        else:
            duration = self.lockout.failed()
            if duration:
                self.message.setText(self.tr("Too many wrong PINs. Wait %1.")
                                     .replace("%1", format_wait(duration)))
            else:
                left = FAILURES_BEFORE_LOCKOUT - self.lockout.failures
                self.message.setText(self.tr("Wrong staff number or PIN. %n attempt(s) left.",
                                             "", left))
            self.pin.setFocus()
        self.refresh()

    def present_card(self, uid: str) -> bool:
        """A staff card was read: its holder types the PIN next (False while locked)."""
        if self.lockout.remaining() > 0 or not self.isVisible() or self._busy:
            return False
        self._card = uid
        self.staff_no.clear()
        self.staff_no.setEnabled(False)
        self.message.setText(self.tr("Staff card read. Type your PIN."))
        self._active = self.pin
        self.pin.setFocus()
        if self.pin.text():
            self.submit()
        return True

    def is_locked(self) -> bool:
        return self.lockout.remaining() > 0

    def refresh(self) -> None:
        """Lockout countdown and button states (a 1 s timer calls it)."""
        remaining = self.lockout.remaining()
        enabled = not self._busy and remaining <= 0
        for widget in (self.sign_in_button, self.pin, *self.keys.values()):
            widget.setEnabled(enabled)
        self.staff_no.setEnabled(enabled and self._card is None)
        if remaining > 0:
            self.message.setText(self.tr("Too many wrong PINs. Wait %1.")
                                 .replace("%1", format_wait(remaining)))

    def shutdown(self) -> None:
        self._timer.stop()
        self._runner.wait()

    # ------------------------------------------------------------ text
    def set_window(self, window: str) -> None:
        self.window_number = window
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Window %1 · sign in").replace("%1", self.window_number))
        self.staff_label.setText(self.tr("Staff number"))
        self.pin_label.setText(self.tr("PIN"))
        self.sign_in_button.setText(self.tr("Sign in (Enter)"))
        self.card_hint.setText(
            self.tr("Or hold your staff card on the reader, then type your PIN."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

