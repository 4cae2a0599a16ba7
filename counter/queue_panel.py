"""The queue panel: waiting per category, the current ticket, and the
actions, each one key (shown on its button) or one tap.

It draws the `Desk` whenever the desk says it changed and never calls the
platform itself. Keys: see `KEYS`. Transfer, walk-in category and pause
reason are chosen on a small `ChoicePanel` in place of the buttons.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter.choice_panel import ChoicePanel
from counter.desk import Desk, PauseReason, utc_now

if TYPE_CHECKING:
    from sync.protocol.queue import QueueState

#: action -> key. Every action is one key; the parked list resumes its first ticket.
KEYS: dict[str, str] = {
    "call": "F1", "recall": "F2", "no_show": "F3", "park": "F4", "transfer": "F5",
    "walk_in": "F6", "end": "F7", "pause": "F8", "serve": "F9", "resume": "Shift+F4",
}
ACTIONS = ("call", "serve", "recall", "no_show", "park", "transfer", "walk_in", "end", "pause")


class QueuePanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.desk = desk
        self.names: dict[str, str] = {}  # category code -> name in the current language
        self.language = "zh_CN"
        self.state: QueueState | None = None
        self.categories_title = QLabel()
        self.categories_title.setProperty("role", "subtitle-strong")
        self.category_grid = QGridLayout()
        self.category_grid.setHorizontalSpacing(16)
        self.category_grid.setVerticalSpacing(2)
        self.category_cells: list[QLabel] = []
        self.number = QLabel(objectName="currentNumber", alignment=Qt.AlignmentFlag.AlignCenter)
        self.number.setProperty("role", "ticket")
        self.ticket_state = QLabel(objectName="ticketState", wordWrap=True,
                                   alignment=Qt.AlignmentFlag.AlignCenter)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, action in enumerate(ACTIONS):
            button = QPushButton(objectName=f"action_{action}")
            button.setProperty("role", "action")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, action=action: self.trigger(action))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[action] = button
        self.parked_label = QLabel()
        self.parked_row = QHBoxLayout()
        self.parked_buttons: list[QPushButton] = []
        self.number_entry = QLineEdit(objectName="typedNumber", maxLength=4)
        self.number_entry.returnPressed.connect(self.serve_typed)
        self.number_button = QPushButton(objectName="serveTyped")
        self.number_button.clicked.connect(self.serve_typed)
        self.offline_label = QLabel(wordWrap=True)
        self.offline_label.setProperty("role", "hint")
        self.chooser = ChoicePanel("chooser")
        self.chooser.chosen.connect(self._chosen)
        self.chooser.typed.connect(self._typed)
        self.chooser.cancelled.connect(self.close_chooser)
        self._choosing = ""
        self._build(grid)
        for action, key in KEYS.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda action=action: self.trigger(action))
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self._draw_ticket)
        self._ticker.start()
        desk.changed.connect(self.redraw)
        desk.stateLoaded.connect(self.show_state)
        self.redraw()

    def _build(self, grid: QGridLayout) -> None:
        card = QFrame(objectName="ticketCard")
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(12, 6, 12, 6)
        inner.setSpacing(0)
        inner.addWidget(self.number)
        inner.addWidget(self.ticket_state)
        actions = QWidget()
        actions_layout = QVBoxLayout(actions)
        actions_layout.setContentsMargins(0, 0, 0, 0)
        actions_layout.addLayout(grid)
        parked = QHBoxLayout()
        parked.addWidget(self.parked_label)
        parked.addLayout(self.parked_row)
        parked.addStretch(1)
        actions_layout.addLayout(parked)
        self.offline_box = QFrame(objectName="offlineBox")
        offline = QGridLayout(self.offline_box)
        offline.setContentsMargins(0, 0, 0, 0)
        offline.addWidget(self.offline_label, 0, 0, 1, 2)
        offline.addWidget(self.number_entry, 1, 0)
        offline.addWidget(self.number_button, 1, 1)
        actions_layout.addWidget(self.offline_box)
        actions_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(actions)
        self.stack.addWidget(self.chooser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.categories_title)
        layout.addLayout(self.category_grid)
        layout.addWidget(card)
        layout.addWidget(self.stack, 1)

    # ------------------------------------------------------------ actions
    def trigger(self, action: str) -> None:
        """One key or tap; does nothing when the action is not allowed now."""
        desk = self.desk
        if self.stack.currentWidget() is self.chooser and action != "pause":
            return
        if action == "pause":
            if desk.paused is not None:
                desk.unpause()
            elif desk.can("pause"):
                self._open("pause")
            return
        if not desk.can(action):
            return
        if action == "transfer":
            self._open("transfer")
        elif action == "walk_in":
            if len(desk.categories) == 1:
                desk.walk_in(desk.categories[0])
            else:
                self._open("walk_in")
        else:
            {"call": desk.call_next, "serve": desk.serve, "recall": desk.recall,
             "no_show": desk.no_show, "park": desk.park, "end": desk.end,
             "resume": desk.resume}[action]()

    def serve_typed(self) -> None:
        if self.desk.serve_number(self.number_entry.text()):
            self.number_entry.clear()

    def _open(self, choosing: str) -> None:
        self._choosing = choosing
        self._fill_chooser()
        self.stack.setCurrentWidget(self.chooser)
        self.chooser.setFocus()

    def close_chooser(self) -> None:
        self._choosing = ""
        self.stack.setCurrentIndex(0)

    def _fill_chooser(self) -> None:
        desk, choosing = self.desk, self._choosing
        cancel = self.tr("Cancel (Esc)")
        if choosing == "transfer":
            current = desk.current.category if desk.current else ""
            codes = [code for code in self._all_categories() if code != current]
            self.chooser.set_options(
                self.tr("Transfer %1 to another queue, or to a window:").replace(
                    "%1", desk.current.number or "" if desk.current else ""),
                [(code, self._category_label(code)) for code in codes],
                field_label=self.tr("Window"), field_button=self.tr("Transfer (Enter)"),
                cancel=cancel)
        elif choosing == "walk_in":
            self.chooser.set_options(
                self.tr("Walk-in: which queue?"),
                [(code, self._category_label(code)) for code in desk.categories], cancel=cancel)
        elif choosing == "pause":
            self.chooser.set_options(self.tr("Pause calling. Why?"), [
                (PauseReason.BREAK.value, self.tr("Break")),
                (PauseReason.MEETING.value, self.tr("Meeting")),
                (PauseReason.SYSTEM.value, self.tr("System problem"))], cancel=cancel)

    def _chosen(self, key: str) -> None:
        choosing = self._choosing
        self.close_chooser()
        if choosing == "transfer":
            self.desk.transfer(key, None)
        elif choosing == "walk_in":
            self.desk.walk_in(key)
        elif choosing == "pause":
            self.desk.pause(PauseReason(key))

    def _typed(self, text: str) -> None:
        if self._choosing == "transfer":
            self.close_chooser()
            self.desk.transfer(None, text)

    # ------------------------------------------------------------ drawing
    def set_language(self, language: str) -> None:
        self.language = language
        self.redraw()

    def _all_categories(self) -> list[str]:
        if self.state is not None:
            return [c.code for c in self.state.categories]
        return list(self.desk.categories)

    def _category_label(self, code: str) -> str:
        if self.state is not None:
            for c in self.state.categories:
                if c.code == code:
                    return f"{c.prefix} · {c.name_zh if self.language == 'zh_CN' else c.name_en}"
        return code

    def show_state(self, state: QueueState) -> None:
        self.state = state
        self._draw_categories()

    def wait_text(self, seconds: float) -> str:
        """A waiting time in the shown language: "8 min", "1:05 h"."""
        minutes = int(seconds // 60)
        if minutes >= 60:
            return self.tr("%1:%2 h").replace("%1", str(minutes // 60)).replace(
                "%2", f"{minutes % 60:02d}")
        return self.tr("%1 min").replace("%1", str(minutes))

    def _draw_categories(self) -> None:
        for cell in self.category_cells:
            cell.deleteLater()
        self.category_cells = []
        headers = [self.tr("Queue"), self.tr("Waiting"), self.tr("Longest wait")]
        rows: list[list[str]] = []
        served = set(self.desk.categories)
        for c in self.state.categories if self.state else []:
            if c.code in served:
                rows.append([self._category_label(c.code), str(c.waiting),
                             self.wait_text(c.longest_wait_seconds) if c.waiting else "–"])
        if not rows:
            rows = [[self.tr("No queue figures yet"), "", ""]]
        for r, row in enumerate([headers, *rows]):
            for column, text in enumerate(row):
                cell = QLabel(text, alignment=Qt.AlignmentFlag.AlignRight
                              if column else Qt.AlignmentFlag.AlignLeft)
                cell.setObjectName(f"cat_{r}_{column}")
                cell.setWordWrap(column == 0)
                cell.setProperty("role", "hint" if r == 0 else "")
                self.category_grid.addWidget(cell, r, column)
                self.category_cells.append(cell)

    def redraw(self) -> None:
        desk = self.desk
        labels = {
            "call": self.tr("Call next"), "serve": self.tr("Arrived"),
            "recall": self.tr("Recall"), "no_show": self.tr("No-show"),
            "park": self.tr("Park"), "transfer": self.tr("Transfer"),
            "walk_in": self.tr("Walk-in"), "end": self.tr("Done"),
            "pause": self.tr("Resume work") if desk.paused else self.tr("Pause"),
        }
        for action, button in self.buttons.items():
            button.setText(f"{labels[action]}\n{KEYS[action]}")
            button.setEnabled(desk.can(action) or (action == "pause" and desk.paused is not None))
        if desk.current is None and self.desk.recalls_before_no_show:
            self.buttons["no_show"].setToolTip(
                self.tr("After %n recall(s)", "", desk.recalls_before_no_show))
        self.categories_title.setText(self.tr("Waiting now"))
        self._draw_parked()
        offline = desk.online is False and desk.clerk is not None
        self.offline_box.setVisible(offline)
        self.offline_label.setText(self.tr("Offline: type the number on the resident's slip, "
                                           "or press F6 for a walk-in."))
        self.number_button.setText(self.tr("Serve number (Enter)"))
        self.number_entry.setEnabled(desk.can("serve_number"))
        self.number_button.setEnabled(desk.can("serve_number"))
        if self._choosing:
            self._fill_chooser()
        self._draw_categories()
        self._draw_ticket()

    def _draw_parked(self) -> None:
        for button in self.parked_buttons:
            button.deleteLater()
        self.parked_buttons = []
        self.parked_label.setText(self.tr("Parked, tap to resume:") if self.desk.parked else "")
        for index, ticket in enumerate(self.desk.parked):
            text = (ticket.number or self.tr("walk-in"))
            key = f" ({KEYS['resume']})" if index == 0 else ""
            button = QPushButton(text + key, objectName=f"resume_{ticket.number}")
            button.setProperty("role", "secondary")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setEnabled(self.desk.can("resume"))
            button.clicked.connect(lambda _=False, n=ticket.number: self.desk.resume(n))
            self.parked_row.addWidget(button)
            button.ensurePolished()  # the window's style sets the font
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text + key) + 40)
            self.parked_buttons.append(button)

    def _draw_ticket(self) -> None:
        desk, ticket = self.desk, self.desk.current
        if desk.paused is not None:
            reasons = {PauseReason.BREAK: self.tr("Break"),
                       PauseReason.MEETING: self.tr("Meeting"),
                       PauseReason.SYSTEM: self.tr("System problem")}
            self.number.setText(self.tr("Paused"))
            self.ticket_state.setText(self.tr("%1 · no calls. Press F8 to resume work.")
                                      .replace("%1", reasons[desk.paused]))
            return
        if ticket is None:
            self.number.setText("—")
            self.ticket_state.setText(self.tr("Press F1 to call the next resident.")
                                      if desk.online is not False else
                                      self.tr("Offline: type a number or press F6."))
            return
        self.number.setText(ticket.number or self.tr("Walk-in"))
        since = _elapsed(ticket.called_at)
        if ticket.status == "called":
            text = self.tr("Called %1 ago · recalled %n time(s)", "", ticket.recalls)
        else:
            text = self.tr("Serving for %1")
        text = text.replace("%1", since)
        if ticket.local:
            text += " · " + self.tr("offline, recorded on this terminal")
        self.ticket_state.setText(f"{self._category_label(ticket.category)} · {text}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.redraw()
        super().changeEvent(event)


def _elapsed(since: datetime) -> str:
    seconds = max(0, int((utc_now() - since).total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"
