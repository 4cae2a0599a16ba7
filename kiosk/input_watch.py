"""The kiosk's one application-wide event filter.

Every event of the application (paints, timers, layout) passes an application
event filter, and a filter written in Python takes the GIL for each: with one
filter per watcher, a busy background thread could hold the GUI thread back
several times per event. `InputWatch` is the only one: it lets everything but
input (touch, mouse, keys) through at once and hands the input to its
watchers (the idle countdown, the technician's corner taps, the kiosk-mode
guard against keys that would leave the kiosk).

`aside()` takes it off the application for a stretch of work that sends
thousands of events and no input: a restyle of the whole kiosk (the
accessibility switches). Each event would run Python there, and each run
of Python on the GUI thread is a chance for a busy background thread to
take the GIL for up to its switch interval (5 ms): a restyle of 0.1 s took
seconds that way on the real display (make soak, seed 1)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

#: The event types any watcher looks at.
INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.KeyPress,
    QEvent.Type.ShortcutOverride, QEvent.Type.Wheel, QEvent.Type.ContextMenu,
})

#: Sees an input event; True swallows it.
Watcher = Callable[[QEvent], bool]


class InputWatch(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watchers: list[Watcher] = []

    def add(self, watcher: Watcher) -> None:
        self._watchers.append(watcher)

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Off the application while the `with` body runs (it must take no input)."""
        app = QApplication.instance()
        app.removeEventFilter(self)
        try:
            yield
        finally:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in INPUT:
            return False
        swallowed = False
        for watcher in self._watchers:
            swallowed = watcher(event) or swallowed
        return swallowed
