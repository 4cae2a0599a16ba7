"""A window into a running front end, for the real-display tests.

Off unless `RECEPTION_E2E_PROBE` names a socket path. The tests connect
there and send one word per line; each answer is one line of JSON, written
by the GUI thread (a `QLocalServer`), so an answer also proves the GUI
thread is responsive (the tests' watchdog):

* `ping [SENT]`: `{"pong": <monotonic seconds>, "probe_s": <seconds>}`, where
  SENT is the asker's `time.monotonic()` when it sent the ping (the same clock
  on one machine) and `probe_s` is how long the GUI thread spent since then
  serving `state` requests: the tests' own probing, which the watchdog does
  not count against the front end (0 without SENT).
* `state`: the current screen, focus, input method, and every visible
  button, label, text field, named widget and Qt Quick item with text,
  with global geometry, so the tests can tap by position and read what is
  shown.
* `tap X Y`: a press and release of the left button at the global point
  (X, Y), handed to the top-level window there as the windowing system
  would (`{"tapped": <window name>}`): for sessions no input can be
  injected into from outside (cage has no virtual-pointer protocol:
  scripts/deploy_check.py). The e2e tests on X tap through XTest instead.
* `wheel X Y STEPS`: that many turns of the mouse wheel at (X, Y), down
  when positive (a page taller than the output scrolls), `{"wheeled": ...}`.

`state` and `ping` change nothing in the application.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent, QWheelEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

PROBE_ENV = "RECEPTION_E2E_PROBE"
log = logging.getLogger("terminal.e2e_probe")
#: how many of the last `state` requests served are remembered for `probe_s` (the
#: tests ask a few a second; a ping is answered within seconds)
SERVED_KEPT = 256

Extras = Callable[[], dict[str, Any]]


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _visible_rect(widget: QWidget) -> QRect | None:
    """The part of `widget` on screen (clipped by scroll areas), in global coordinates."""
    region = widget.visibleRegion().boundingRect()
    if region.isEmpty():
        return None
    return QRect(widget.mapToGlobal(region.topLeft()), region.size())


def _widget(widget: QWidget) -> dict[str, Any] | None:
    if isinstance(widget, QAbstractButton):
        kind = "button"
        entry: dict[str, Any] = {"text": widget.text(), "checked": widget.isChecked()}
    elif isinstance(widget, QLabel):
        kind = "label"
        entry = {"text": widget.text()}
    elif isinstance(widget, QLineEdit):
        kind = "field"
        entry = {"text": widget.text()}
    elif isinstance(widget, QPlainTextEdit):
        kind = "field"
        entry = {"text": widget.toPlainText()}
    elif widget.objectName():  # a named area (a drawing pad, a screen)
        kind = "widget"
        entry = {"text": ""}
    else:
        return None
    shown = _visible_rect(widget)
    if shown is None:
        return None
    entry.update(kind=kind, name=widget.objectName(), accessible=widget.accessibleName(),
                 enabled=widget.isEnabled(), rect=_rect(shown),
                 whole=_rect(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())))
    return entry


def _quick_items(root: Any, to_global: Callable[[QPointF], QPoint]) -> list[dict[str, Any]]:
    """Visible Qt Quick items that carry text (keys, candidates), in global coordinates."""
    found: list[dict[str, Any]] = []
    stack = [root]
    while stack:
        item = stack.pop()
        if item is None or not item.isVisible() or item.opacity() <= 0:
            continue
        stack.extend(item.childItems())
        texts = {name: item.property(name) for name in ("text", "displayText")}
        texts = {name: value for name, value in texts.items()
                 if isinstance(value, str) and value}
        if not texts or item.width() <= 0 or item.height() <= 0:
            continue
        corner = to_global(item.mapToScene(QPointF(0, 0)))
        found.append({"kind": "quick", "class": type(item).__name__,
                      "meta": item.metaObject().className(), **texts,
                      "enabled": bool(item.isEnabled()),
                      "rect": [corner.x(), corner.y(), round(item.width()),
                               round(item.height())]})
    return found


def _quick_window_items() -> list[dict[str, Any]]:
    """Items of Qt Quick windows of their own (an input panel outside the window)."""
    found: list[dict[str, Any]] = []
    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow) and window.isVisible():
            found += _quick_items(window.contentItem(),
                                  lambda point, w=window: w.mapToGlobal(point.toPoint()))
    return found


def _shown_widgets(top: QWidget) -> list[QWidget]:
    """`top` and its shown descendants (hidden pages are not walked into)."""
    shown, stack = [], [top]
    while stack:
        widget = stack.pop()
        shown.append(widget)
        stack.extend(child for child in widget.children()
                     if isinstance(child, QWidget) and not child.isHidden()
                     and not child.isWindow())
    return shown


def snapshot(extras: Extras) -> dict[str, Any]:
    started = time.perf_counter()
    widgets: list[dict[str, Any]] = []
    quick = _quick_window_items()
    windows = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        windows.append({"name": top.objectName(), "title": top.windowTitle(),
                        "rect": _rect(top.frameGeometry())})
        for widget in _shown_widgets(top):
            entry = _widget(widget)
            if entry is not None:
                widgets.append(entry)
            if isinstance(widget, QQuickWidget):
                quick += _quick_items(widget.rootObject(),
                                      lambda point, w=widget: w.mapToGlobal(point.toPoint()))
    focus = QApplication.focusWidget()
    method = QGuiApplication.inputMethod()
    return {
        "windows": windows,
        "focus": focus.objectName() or type(focus).__name__ if focus is not None else None,
        "input_method": {"module": os.environ.get("QT_IM_MODULE", ""),
                         "visible": method.isVisible(),
                         "rect": _rect(method.keyboardRectangle().toRect())},
        "widgets": widgets,
        "quick": quick,
        **extras(),
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
    }


def pointer(request: str) -> dict[str, Any]:
    """`tap X Y` (press and release) or `wheel X Y STEPS` at a global point, handed
    to the window there."""
    word, *numbers = request.split()
    try:
        x, y, steps = (*(int(part) for part in numbers[:2]), int((numbers[2:] or ["1"])[0]))
    except ValueError:
        return {"error": f"bad request {request!r}"}
    point = QPoint(x, y)
    top = next((top for top in QApplication.topLevelWidgets()
                if top.isVisible() and top.windowHandle() is not None
                and top.frameGeometry().contains(point)), None)
    if top is None:
        return {"error": f"no window at {x},{y}"}
    local = QPointF(top.mapFromGlobal(point))
    if word == "wheel":  # to the widget there: unaccepted, it goes up to its scroll area
        target = top.childAt(local.toPoint()) or top
        QApplication.sendEvent(target, QWheelEvent(
            QPointF(target.mapFromGlobal(point)), QPointF(point), QPoint(),
            QPoint(0, -120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))
        return {"wheeled": top.objectName()}
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QGuiApplication.sendEvent(top.windowHandle(), QMouseEvent(
            kind, local, QPointF(point), Qt.MouseButton.LeftButton, buttons,
            Qt.KeyboardModifier.NoModifier))
    return {"tapped": top.objectName()}


class E2EProbe(QObject):
    """Answers `ping`, `state`, `tap` and `wheel` on a local socket, on the GUI thread."""

    def __init__(self, path: str, extras: Extras, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._extras = extras
        #: when each recent `state` request began and ended being served (monotonic)
        self._served: deque[tuple[float, float]] = deque(maxlen=SERVED_KEPT)
        self._server = QLocalServer(self)
        QLocalServer.removeServer(path)
        if not self._server.listen(path):
            raise RuntimeError(f"e2e probe cannot listen on {path}: "
                               f"{self._server.errorString()}")
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._serve(s))
            socket.disconnected.connect(socket.deleteLater)

    def _serve(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            word = bytes(socket.readLine().data()).decode("ascii", "replace").strip()
            started = time.monotonic()
            if word == "ping" or word.startswith("ping "):
                answer: dict[str, Any] = self._pong(word, started)
            elif word == "state":
                answer = snapshot(self._extras)
            elif word.startswith(("tap ", "wheel ")):
                answer = pointer(word)  # the application's own work: not the probe's
            else:
                answer = {"error": f"unknown request {word!r}"}
            socket.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")
            socket.flush()
            if word == "state":
                self._served.append((started, time.monotonic()))

    def _pong(self, word: str, now: float) -> dict[str, Any]:
        """The GUI thread's time now, and how much of it since the ping was sent
        (`ping SENT`) went to serving the tests' `state` requests."""
        try:
            sent = float(word.split()[1])
        except (IndexError, ValueError):
            sent = now
        probe = sum(max(0.0, min(end, now) - max(begin, sent)) for begin, end in self._served)
        return {"pong": now, "probe_s": round(probe, 4)}


def start_probe(extras: Extras, parent: QObject | None = None) -> E2EProbe | None:
    """The probe when `RECEPTION_E2E_PROBE` is set, else None (the normal case).

    With it, SIGUSR1 writes every thread's Python stack to stderr, so a test
    that finds the GUI thread stuck can say where."""
    path = os.environ.get(PROBE_ENV, "")
    if not path:
        return None
    log.warning("e2e probe listening on %s (test use only)", path)
    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    return E2EProbe(path, extras, parent)
