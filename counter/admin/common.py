"""What every manager page shares: its platform calls off the GUI thread, one
at a time (`counter.runner.Runner`), and one line that says what happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from counter.runner import Runner
from sync.client import AuthError, RequestRefused, SlowAnswer, TransientError, Unreachable
from sync.manager_client import ManagerClient

# The manager's client while a manager is signed in online, else None.
ClientSource = Callable[[], ManagerClient | None]


def offline_text() -> str:
    return QCoreApplication.translate(
        "ManagerPages", "The platform cannot be reached. Nothing was changed; "
        "try again when the connection is back.")


def busy_text() -> str:
    """The platform answered, but busy or failing (not out of reach)."""
    return QCoreApplication.translate(
        "ManagerPages", "The platform is busy or has a fault right now. Nothing was "
        "changed; try again in a minute.")


def slow_text() -> str:
    """The request went out but its answer came too late (the platform is up)."""
    return QCoreApplication.translate(
        "ManagerPages", "The platform is slow to answer right now. Try again in a moment; "
        "a change just sent may already be saved.")


def problem_of(error: Exception) -> str:
    """A page's problem with a failed platform call: "manager" (a manager must be
    signed in), "offline" (no answer), "slow" (a request sent whose answer came too
    late), "busy" (an answer that is busy, failing or unreadable) or "refused"."""
    if isinstance(error, AuthError) and error.code == "manager_required":
        return "manager"
    if isinstance(error, SlowAnswer):
        return "slow"
    if isinstance(error, Unreachable):
        return "offline"
    if isinstance(error, TransientError):
        return "busy"
    return "refused"


def refusal_text(code: str) -> str:
    """What a refusal code of the manager's routes means, for the manager."""
    translate = QCoreApplication.translate
    known = {
        "manager_required": translate(
            "ManagerPages", "Your manager session has ended. Sign out and sign in again."),
        "staff_no_taken": translate("ManagerPages", "This staff number is already given."),
        "card_taken": translate("ManagerPages", "This card is bound to another member."),
        "own_account": translate("ManagerPages", "You cannot deactivate your own account."),
        "expired": translate(
            "ManagerPages", "An expired notice cannot be changed; write a new one."),
        "unknown_category": translate(
            "ManagerPages", "A queue category is not one of this center's."),
        "not_found": translate("ManagerPages", "It is no longer there; read the list again."),
    }
    return known.get(code) or translate(
        "ManagerPages", "The platform refused this (%1).").replace("%1", code)


def explain(error: Exception) -> str:
    """A refusal or failure of the platform, for the manager."""
    if isinstance(error, SlowAnswer):
        return slow_text()
    if isinstance(error, Unreachable):
        return offline_text()
    if isinstance(error, TransientError):
        return busy_text()
    if isinstance(error, AuthError | RequestRefused):
        return refusal_text(error.code)
    return QCoreApplication.translate("ManagerPages", "Something went wrong: %1") \
        .replace("%1", str(error))


class ManagerPage(QFrame):
    """A page: a title, its own content, and a message line at the bottom.
    Subclasses fill `body` and implement `load()` and `retranslate()`."""

    def __init__(self, client: ClientSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self.runner = Runner(self)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.message = QLabel(wordWrap=True, objectName="managerMessage")
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)

    def call(self, work: Callable[[ManagerClient], Any], done: Callable[[Any], None]) -> None:
        """`work(client)` on the worker thread, then `done(result)` here."""
        client = self._client()
        if client is None:
            self.tell(offline_text(), error=True)
            return
        self.runner.run(lambda: work(client), done, self.failed)

    def failed(self, error: Exception) -> None:
        self.tell(explain(error), error=True)

    def tell(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def load(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
