"""The follow-ups of poor ratings, for the center manager signed in on this
counter: every "poor" or "very poor" rating with its reasons, the window and
clerk it rates, and the date by which the manager must answer (working days on
the center's calendar); overdue ones first and counted; the manager writes the
answer once.

`FollowUpsPage(manager, zone)`: `manager()` is the manager's `RatingsClient`, or None
when no manager is signed in here (the page then says so and asks nothing);
times are shown in the center's `zone`.
Calls run off the GUI thread (`counter.runner.Runner`).
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import chinese, set_state
from counter.admin.common import busy_text, problem_of, slow_text
from counter.rating.window import REASONS
from counter.runner import Runner
from sync.protocol.ratings import FollowUp, FollowUpList, FollowUpState
from sync.ratings_client import RatingsClient
from terminal.center_time import in_center

COLUMNS = 7
MIN_ANSWER = 2


class FollowUpsPage(QWidget):
    """Signals: `answered(id)` once the platform kept the manager's answer."""

    answered = Signal(int)

    def __init__(self, manager: Callable[[], RatingsClient | None], zone: ZoneInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUps")
        self._manager = manager
        self._zone = zone
        self.reads = Runner(self)
        self.listing: FollowUpList | None = None
        self.selected: int | None = None
        self.problem = ""

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.summary = QLabel(objectName="followUpSummary", wordWrap=True)
        self.refresh_button = QPushButton(objectName="followUpRefresh")
        self.refresh_button.clicked.connect(self.load)
        self.table = QTableWidget(0, COLUMNS, objectName="followUpTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.detail = QLabel(objectName="followUpDetail", wordWrap=True)
        self.answer = QPlainTextEdit(objectName="followUpAnswer")
        self.answer.setMaximumHeight(120)
        self.answer.textChanged.connect(self._update_buttons)
        self.save_button = QPushButton(objectName="followUpSave")
        self.save_button.setProperty("role", "action")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(objectName="followUpMessage", wordWrap=True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.answer)
        layout.addLayout(actions)
        self._retranslate()

    # ------------------------------------------------------------ data
    def load(self) -> None:
        """Ask the platform for the center's follow-ups (off the GUI thread)."""
        client = self._manager()
        if client is None:
            self.listing, self.problem = None, "manager"
            self._retranslate()
            return
        self.refresh_button.setEnabled(False)
        self.reads.run(client.follow_ups, self._loaded, self._failed)

    def _loaded(self, listing: FollowUpList) -> None:
        self.listing, self.problem = listing, ""
        self.refresh_button.setEnabled(True)
        if self.selected is not None and self.item(self.selected) is None:
            self.selected = None
        self._retranslate()

    def _failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.problem = problem_of(error)
        self._retranslate()

    def item(self, follow_up_id: int) -> FollowUp | None:
        items = self.listing.items if self.listing else []
        return next((item for item in items if item.id == follow_up_id), None)

    def select(self, follow_up_id: int) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == follow_up_id:
                self.table.selectRow(row)
                return

    def save(self) -> None:
        """Send the manager's answer to the selected follow-up."""
        client, chosen = self._manager(), self.selected
        text = self.answer.toPlainText().strip()
        if client is None or chosen is None or len(text) < MIN_ANSWER:
            return
        self.save_button.setEnabled(False)
        self.reads.run(lambda: client.answer(chosen, text), self._saved, self._failed)

    def _saved(self, shown: FollowUp) -> None:
        self.answer.clear()
        self.problem = "saved"
        self.answered.emit(shown.id)
        self.load()

    # ------------------------------------------------------------ drawing
    def _row_selected(self) -> None:
        items = self.table.selectedItems()
        self.selected = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        self._show_detail()

    def _level_text(self, level: int) -> str:
        names = {1: self.tr("Very poor"), 2: self.tr("Poor"), 3: self.tr("Fair"),
                 4: self.tr("Good"), 5: self.tr("Very good")}
        return f"{level} · {names.get(level, '')}"

    @staticmethod
    def _reasons_text(codes: list[str]) -> str:
        names = {code: zh if chinese() else en for code, zh, en in REASONS}
        return ", ".join(names.get(code, code) for code in codes)

    def _due_text(self, item: FollowUp) -> str:
        text = item.due_date.isoformat()
        if item.due_estimated:
            text += " " + self.tr("(estimated)")
        return text

    def _state_text(self, item: FollowUp) -> str:
        if item.state is FollowUpState.ANSWERED:
            return self.tr("Answered")
        left = item.working_days_left
        if item.overdue and left is not None:
            return self.tr("Overdue by %1 working days").replace("%1", str(-left))
        if left == 0:
            return self.tr("Due today")
        return self.tr("%1 working days left").replace("%1", str(left))

    def _subject(self, item: FollowUp) -> str:
        if item.tracking_number:
            return item.tracking_number
        day = item.ticket_day.isoformat() if item.ticket_day else ""
        return self.tr("Ticket %1 (%2)").replace("%1", item.ticket_number or "") \
            .replace("%2", day)

    def _fill(self) -> None:
        items = self.listing.items if self.listing else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            values = (self._state_text(item), self._level_text(item.level),
                      self._due_text(item), self._reasons_text(item.reasons),
                      self._subject(item), item.window or "–", item.staff_no or "–")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
            if item.id == self.selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)

    def _show_detail(self) -> None:
        item = self.item(self.selected) if self.selected is not None else None
        if item is None:
            self.detail.setText(self.tr("Choose a follow-up to read it and answer it."))
        else:
            lines = [self.tr("Rated %1 on %2 at window %3 (clerk %4).")
                     .replace("%1", self._level_text(item.level))
                     .replace("%2", f"{in_center(item.rated_at, self._zone):%Y-%m-%d %H:%M}")
                     .replace("%3", item.window or "–").replace("%4", item.staff_no or "–")]
            if item.reasons:
                lines.append(self.tr("Reasons: %1").replace("%1",
                                                            self._reasons_text(item.reasons)))
            if item.state is FollowUpState.ANSWERED:
                lines.append(self.tr("Answered by %1: %2")
                             .replace("%1", item.answered_by or "").replace("%2", item.answer))
            self.detail.setText("\n".join(lines))
        self.answer.setVisible(item is not None and item.state is FollowUpState.OPEN)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.item(self.selected) if self.selected is not None else None
        self.save_button.setVisible(item is not None and item.state is FollowUpState.OPEN)
        self.save_button.setEnabled(len(self.answer.toPlainText().strip()) >= MIN_ANSWER
                                    and not self.reads.busy)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Follow-ups of poor ratings"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.save_button.setText(self.tr("Save the answer"))
        self.answer.setPlaceholderText(self.tr(
            "What was done: the resident called back, the cause, the change made…"))
        listing = self.listing
        if listing is None:
            self.summary.setText(self.tr("Loading…"))
        else:
            self.summary.setText(
                self.tr("%1 open, %2 overdue. The center manager answers each within %3 "
                        "working days.").replace("%1", str(listing.open))
                .replace("%2", str(listing.overdue)).replace("%3", str(listing.answer_days)))
        set_state(self.summary, "attention" if listing and listing.overdue else "")
        problems = {
            "manager": self.tr("Only the center manager signed in on this counter sees and "
                               "answers follow-ups."),
            "offline": self.tr("The platform cannot be reached; the list is the last one "
                               "shown. Try again later."),
            "busy": busy_text(),
            "slow": slow_text(),
            "refused": self.tr("The platform refused the request; see the log."),
            "saved": self.tr("The answer was saved."),
        }
        self.message.setText(problems.get(self.problem, ""))
        set_state(self.message, "attention" if self.problem in (
            "manager", "offline", "slow", "busy", "refused") else "")
        self.table.setHorizontalHeaderLabels([
            self.tr("State"), self.tr("Rating"), self.tr("Answer by"), self.tr("Reasons"),
            self.tr("Case or ticket"), self.tr("Window"), self.tr("Clerk")])
        self._fill()
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
