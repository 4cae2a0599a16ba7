"""The hidden way in for technicians: five quick taps in the top-left corner
open a PIN pad (with lockout); the right PIN opens the technician panel."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.screens.base import KioskScreen

if TYPE_CHECKING:
    from terminal.technician.pin_gate import Verifier

CORNER_PX = 140
TAPS = 5
WINDOW_SECONDS = 4.0


class CornerTapGesture(QObject):
    """Counts releases in the window's top-left corner; emits after five."""

    triggered = Signal()

    def __init__(self, window: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._taps: list[float] = []

    def see(self, event: QEvent) -> bool:
        """An input event (`kiosk.input_watch`): a release may be a corner tap."""
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            self.tap(self._window.mapFromGlobal(event.globalPosition()))
        return False

    def tap(self, position: QPointF) -> None:
        if position.x() > CORNER_PX or position.y() > CORNER_PX:
            self._taps.clear()
            return
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= WINDOW_SECONDS] + [now]
        if len(self._taps) >= TAPS:
            self._taps.clear()
            self.triggered.emit()


class TechnicianScreen(KioskScreen):
    """PIN pad first; the panel (built on demand) after the right PIN."""

    allows_back = False

    def __init__(self, pin_hashes: Callable[[], Sequence[str]],
                 make_panel: Callable[[], QWidget], parent: QWidget | None = None, *,
                 verifier: Verifier | None = None) -> None:
        super().__init__(parent)
        self._pin_hashes = pin_hashes
        self._verifier = verifier
        self._make_panel = make_panel
        # the PIN pad and the panel are taller than a landscape screen leaves them
        # (under the status strip and above the navigation bar): they scroll
        holder = QWidget()
        self._layout = QVBoxLayout(holder)
        self._layout.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 0, 24, 0)
        outer.addWidget(area)
        self._content: QWidget | None = None
        self.retranslate()

    def enter(self, args: dict[str, object]) -> None:
        from terminal.technician.pin_gate import PinGate

        gate = (PinGate(self._pin_hashes()) if self._verifier is None
                else PinGate(self._pin_hashes(), verifier=self._verifier))
        gate.accepted.connect(self._open_panel)
        self._show(gate)

    def _open_panel(self) -> None:
        panel = self._make_panel()
        closed = getattr(panel, "closed", None)
        if closed is not None:
            closed.connect(self.endSession)
        self._show(panel)

    def _show(self, widget: QWidget) -> None:
        self._clear()
        self._content = widget
        self._layout.addWidget(widget)

    def _clear(self) -> None:
        if self._content is not None:
            shutdown = getattr(self._content, "shutdown", None)
            if shutdown is not None:
                shutdown()
            # out of the layout now: deletion waits for the event loop, and the old
            # content must not share the screen with the new one until then
            self._layout.removeWidget(self._content)
            self._content.hide()
            self._content.deleteLater()
            self._content = None

    def leave(self) -> None:
        self._clear()

    def reset(self) -> None:
        self._clear()

    def retranslate(self) -> None:
        self.title = self.tr("Technician")
