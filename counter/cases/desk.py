"""The clerk's case desk: the center's cases by state and deadline, with
due-soon and overdue warnings counted in working days on the center's
calendar, one case's whole story, and the steps after acceptance (work
started, completed with a result and its notice printed, handed over), or of
a repair (dispatched to a handler, progress notes, closed).

Reads go to the platform off the GUI thread (`counter.runner.Runner`); every
step is a `case_progress` transaction through the same outbox as acceptance,
so it is recorded offline too and delivered when the link returns. A step
recorded here shows at once, marked "not yet delivered", until the platform's
list agrees.

`CaseDesk(bridge, platform=..., catalog=..., printer=..., center_name=...,
window=..., staff_no=..., clock=...)`: `platform()` is the signed client, or
None while offline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import chinese, set_state
from counter.cases.notice import completion_notice, result_text
from counter.face_text import face_check_text
from counter.runner import Runner
from sync.protocol.cases import CaseEvent, CaseList, CaseState, CaseSummary, CaseView
from sync.protocol.models import CaseAction, CaseProgressPayload, CaseResult

if TYPE_CHECKING:
    from sync.client import PlatformClient
    from sync.protocol.models import Catalog, Matter
    from terminal.devices.workers import PrinterAdapter
    from terminal.sync_bridge import Stored, SyncBridge

#: A deadline this many working days away or fewer is "due soon".
DUE_SOON = 3
FILTERS: dict[str, tuple[str, ...]] = {
    "open": ("accepted", "accepted_pending", "in_progress", "dispatched"),
    "waiting": ("submitted", "missing_materials"),
    "done": ("completed", "collected", "refused", "closed"),
    "all": (),
}
MOVES: dict[CaseAction, frozenset[CaseState]] = {
    CaseAction.IN_PROGRESS: frozenset({CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING}),
    CaseAction.COMPLETED: frozenset({CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING,
                                     CaseState.IN_PROGRESS}),
    CaseAction.COLLECTED: frozenset({CaseState.COMPLETED}),
    CaseAction.MATERIALS_SUPPLIED: frozenset({CaseState.ACCEPTED_PENDING,
                                              CaseState.IN_PROGRESS}),
    CaseAction.DISPATCHED: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
    CaseAction.NOTE: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
    CaseAction.CLOSED: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
}
AFTER = {CaseAction.IN_PROGRESS: CaseState.IN_PROGRESS,
         CaseAction.COMPLETED: CaseState.COMPLETED, CaseAction.COLLECTED: CaseState.COLLECTED,
         CaseAction.DISPATCHED: CaseState.DISPATCHED, CaseAction.CLOSED: CaseState.CLOSED}
#: The matter code the platform gives repair requests.
REPAIR = "repair"
REPAIR_ACTIONS = (CaseAction.DISPATCHED, CaseAction.NOTE, CaseAction.CLOSED)
COLUMNS = 6


def owed_materials(view: CaseView) -> list[str]:
    """Materials promised at acceptance (容缺) and not supplied since, in order."""
    owed: list[str] = []
    for event in view.events:
        if event.kind.value == "accepted_pending":
            owed = list(event.detail.get("promised", []))
        elif event.kind.value == "materials_supplied":
            owed = [code for code in owed if code not in event.detail.get("materials", [])]
    return owed


def urgency(case: CaseSummary) -> str:
    """"overdue", "due_soon" or "" for a case whose deadline runs."""
    left = case.working_days_left
    if left is None:
        return ""
    if left < 0:
        return "overdue"
    return "due_soon" if left <= DUE_SOON else ""


class CaseDesk(QFrame):
    """Signals: `recorded(tracking_number, action)` after a step's local commit;
    `precheckRequested(tracking_number)`: open it in the acceptance workbench."""

    recorded = Signal(str, str)
    precheckRequested = Signal(str)

    def __init__(self, bridge: SyncBridge, *,
                 platform: Callable[[], PlatformClient | None],
                 catalog: Callable[[], Catalog | None],
                 printer: PrinterAdapter | None = None,
                 center_name: Callable[[str], str] = lambda _language: "",
                 window: str = "", staff_no: Callable[[], str | None] = lambda: None,
                 clock: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDesk")
        self.bridge, self.printer = bridge, printer
        self._platform, self._catalog, self._center = platform, catalog, center_name
        self._window, self._staff_no, self._clock = window, staff_no, clock
        self.reads = Runner(self)
        self.filter = "open"
        self.cases: list[CaseSummary] = []
        self.loaded_at: datetime | None = None
        self.offline = False
        self.view: CaseView | None = None
        #: Steps recorded here and not yet seen in the platform's list: number -> state.
        self.pending: dict[str, CaseState] = {}
        self.selected: str | None = None

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.summary = QLabel(objectName="caseSummary", wordWrap=True)
        self.filter_buttons: dict[str, QPushButton] = {}
        self._filter_group = QButtonGroup(self)
        filters = QHBoxLayout()
        for name in FILTERS:
            button = QPushButton(checkable=True, objectName=f"caseFilter_{name}")
            button.setProperty("role", "secondary")
            button.clicked.connect(lambda _=False, n=name: self.show_filter(n))
            self._filter_group.addButton(button)
            self.filter_buttons[name] = button
            filters.addWidget(button)
        self.filter_buttons["open"].setChecked(True)
        self.refresh_button = QPushButton(objectName="caseRefresh")
        self.refresh_button.clicked.connect(self.load)
        filters.addWidget(self.refresh_button)
        self.number = QLineEdit(objectName="caseNumber")
        self.number.setMinimumWidth(300)
        self.number.returnPressed.connect(lambda: self.select(self.number.text().strip()))
        self.table = QTableWidget(0, COLUMNS, objectName="caseTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the matter
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the state
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.timeline = QListWidget(objectName="caseTimeline")
        self.timeline.setMaximumHeight(96)
        # a step's line (a face check's figures, a note) wraps rather than scrolling sideways
        self.timeline.setWordWrap(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.precheck_button = QPushButton(objectName="casePrecheck")
        self.precheck_button.clicked.connect(
            lambda: self.precheckRequested.emit(self.selected) if self.selected else None)
        self.start_button = QPushButton(objectName="caseStart")
        self.start_button.clicked.connect(lambda: self.record(CaseAction.IN_PROGRESS))
        self.result = QComboBox(objectName="caseResult")
        self.note = QLineEdit(objectName="caseNote")
        self.complete_button = QPushButton(objectName="caseComplete")
        self.complete_button.setProperty("role", "action")
        self.complete_button.clicked.connect(lambda: self.record(CaseAction.COMPLETED))
        self.collected_button = QPushButton(objectName="caseCollected")
        self.collected_button.clicked.connect(lambda: self.record(CaseAction.COLLECTED))
        self.reprint_button = QPushButton(objectName="caseReprint")
        self.reprint_button.clicked.connect(self.reprint)
        self.owed = QComboBox(objectName="caseOwed")
        self.supplied_button = QPushButton(objectName="caseSupplied")
        self.supplied_button.clicked.connect(
            lambda: self.record(CaseAction.MATERIALS_SUPPLIED))
        self.dispatch_button = QPushButton(objectName="repairDispatch")
        self.dispatch_button.clicked.connect(lambda: self.record(CaseAction.DISPATCHED))
        self.note_button = QPushButton(objectName="repairNote")
        self.note_button.clicked.connect(lambda: self.record(CaseAction.NOTE))
        self.close_button = QPushButton(objectName="repairClose")
        self.close_button.setProperty("role", "action")
        self.close_button.clicked.connect(lambda: self.record(CaseAction.CLOSED))
        self.message = QLabel(objectName="caseMessage", wordWrap=True)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.number)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.timeline)
        supplied = QHBoxLayout()
        supplied.addWidget(self.owed, 1)
        supplied.addWidget(self.supplied_button)
        layout.addLayout(supplied)
        steps = QHBoxLayout()
        steps.addWidget(self.precheck_button)
        steps.addWidget(self.start_button)
        steps.addWidget(self.dispatch_button)
        steps.addWidget(self.result)
        steps.addWidget(self.note, 1)
        layout.addLayout(steps)
        finish = QHBoxLayout()
        finish.addWidget(self.complete_button, 2)
        finish.addWidget(self.collected_button, 1)
        finish.addWidget(self.reprint_button, 1)
        finish.addWidget(self.note_button, 1)
        finish.addWidget(self.close_button, 2)
        layout.addLayout(finish)
        layout.addWidget(self.message)
        self._retranslate()
        self._update_buttons()

    # ------------------------------------------------------------ reading
    def show_filter(self, name: str) -> None:
        self.filter = name
        self.filter_buttons[name].setChecked(True)
        self.load()

    def load(self) -> None:
        """Ask the platform for the cases of the filter (the last list stays offline)."""
        client = self._platform()
        if client is None:
            self._went_offline()
            return
        states = FILTERS[self.filter]
        self.reads.run(lambda: client.cases(states), self._show, self._failed)

    def _show(self, listing: CaseList) -> None:
        self.offline = False
        self.cases = list(listing.items)
        self.loaded_at = self._clock()
        for case in self.cases:
            if self.pending.get(case.tracking_number) == case.state:
                del self.pending[case.tracking_number]
        self._fill()
        if self.selected is not None:
            self._load_view(self.selected)

    def _failed(self, error: Exception) -> None:
        self._went_offline(str(error))

    def _went_offline(self, detail: str = "") -> None:
        self.offline = True
        self._fill()
        self._say(self.tr("Offline: the list is as of %1; steps are saved here and sent "
                          "when the platform is back.").replace(
            "%1", f"{self.loaded_at:%H:%M}" if self.loaded_at else self.tr("never")), True)
        if detail:
            self.message.setToolTip(detail)

    def _load_view(self, number: str) -> None:
        client = self._platform()
        if client is None:
            return
        self.reads.run(lambda: client.case(number),
                       lambda view: self._show_view(number, view), self._failed)

    def _show_view(self, number: str, view: CaseView | None) -> None:
        if number != self.selected:
            return
        self.view = view
        self.timeline.clear()
        if view is None:
            self.timeline.addItem(self.tr("The platform has no case %1 (yet).").replace(
                "%1", number))
        else:
            for event in view.events:
                self.timeline.addItem(self._event_line(event))
        self._fill_owed(owed_materials(view) if view is not None else [])
        self._update_buttons()

    def _owed_codes(self) -> list[str]:
        """Every material still owed: the first line's (all of them, or the only one)."""
        return list(self.owed.itemData(0) or []) if self.owed.count() else []

    def _fill_owed(self, codes: list[str]) -> None:
        """The materials still owed, one a line, and all of them first when several."""
        self.owed.clear()
        matter = self._matter(self.view.matter_code) if self.view is not None else None
        names = {m.code: (m.name_zh if chinese() else m.name_en)
                 for m in (matter.materials if matter else [])}
        if len(codes) > 1:
            self.owed.addItem(self.tr("All %1 materials owed").replace("%1", str(len(codes))),
                              codes)
        for code in codes:
            self.owed.addItem(names.get(code, code), [code])

    # ------------------------------------------------------------ the table
    def state(self, case: CaseSummary) -> CaseState:
        return self.pending.get(case.tracking_number, case.state)

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.cases))
        for row, case in enumerate(self.cases):
            values = (case.tracking_number, self._matter_name(case.matter_code),
                      self._state_text(case), self._due_text(case), self._left_text(case),
                      case.window or "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # the whole text where the column elides it
                item.setData(Qt.ItemDataRole.UserRole, case.tracking_number)
                self.table.setItem(row, column, item)
            if case.tracking_number == self.selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        open_cases = [case for case in self.cases if case.working_days_left is not None]
        overdue = sum(urgency(case) == "overdue" for case in open_cases)
        soon = sum(urgency(case) == "due_soon" for case in open_cases)
        self.summary.setText(
            self.tr("%1 cases: %2 overdue, %3 due within %4 working days.")
            .replace("%1", str(len(self.cases))).replace("%2", str(overdue))
            .replace("%3", str(soon)).replace("%4", str(DUE_SOON)))
        set_state(self.summary, "attention" if overdue else "")
        self._update_buttons()

    def _row_selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.select(str(items[0].data(Qt.ItemDataRole.UserRole)))

    def select(self, number: str) -> None:
        """Show one case (a number from the list, or typed from the resident's slip)."""
        if not number:
            return
        self.selected, self.view = number, None
        self.number.setText(number)
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == number:
                self.table.blockSignals(True)
                self.table.selectRow(row)
                self.table.blockSignals(False)
        self.timeline.clear()
        self._load_view(number)
        self._update_buttons()

    def selected_case(self) -> CaseSummary | None:
        return next((case for case in self.cases if case.tracking_number == self.selected),
                    None)

    def _selected_state(self) -> CaseState | None:
        if self.selected is None:
            return None
        if self.selected in self.pending:
            return self.pending[self.selected]
        case = self.selected_case()
        if case is not None:
            return case.state
        return self.view.state if self.view is not None else None

    def _selected_is_repair(self) -> bool:
        case = self.selected_case()
        if case is not None:
            return case.kind == REPAIR
        return self.view is not None and self.view.kind == REPAIR

    def _update_buttons(self) -> None:
        state = self._selected_state()
        repair = self._selected_is_repair()
        for widget in (self.start_button, self.result, self.complete_button,
                       self.collected_button, self.reprint_button):
            widget.setVisible(not repair)
        for widget in (self.dispatch_button, self.note_button, self.close_button):
            widget.setVisible(repair)
        self.note.setPlaceholderText(
            self.tr("Handler to dispatch to, or a note") if repair
            else self.tr("What was issued, or the reason"))
        for action, button in ((CaseAction.DISPATCHED, self.dispatch_button),
                               (CaseAction.NOTE, self.note_button),
                               (CaseAction.CLOSED, self.close_button)):
            button.setEnabled(repair and state in MOVES[action])
        self.start_button.setEnabled(state in MOVES[CaseAction.IN_PROGRESS])
        self.precheck_button.setVisible(not repair and state in (
            CaseState.SUBMITTED, CaseState.MISSING_MATERIALS))
        owing = not repair and self.owed.count() > 0 and \
            state in MOVES[CaseAction.MATERIALS_SUPPLIED]
        self.owed.setVisible(owing)
        self.supplied_button.setVisible(owing)
        self.complete_button.setEnabled(state in MOVES[CaseAction.COMPLETED])
        self.collected_button.setEnabled(state in MOVES[CaseAction.COLLECTED])
        self.reprint_button.setEnabled(
            self.view is not None and self.view.result is not None
            and state in (CaseState.COMPLETED, CaseState.COLLECTED))

    # ------------------------------------------------------------ steps
    def record(self, action: CaseAction) -> None:
        """Record a step of the selected case through the outbox (offline too)."""
        number = self.selected
        if number is None or self._selected_state() not in MOVES[action]:
            return
        if (action in REPAIR_ACTIONS) != self._selected_is_repair():
            return
        result = CaseResult(self.result.currentData()) if action is CaseAction.COMPLETED \
            else None
        text = self.note.text().strip()
        if action in (CaseAction.DISPATCHED, CaseAction.NOTE) and not text:
            self._say(self.tr("Type the handler's name, or the note, first."), True)
            self.note.setFocus()
            return
        handler = text if action is CaseAction.DISPATCHED else None
        materials = list(self.owed.currentData() or []) \
            if action is CaseAction.MATERIALS_SUPPLIED else []
        note = text if action in (CaseAction.COMPLETED, CaseAction.NOTE, CaseAction.CLOSED) \
            else ""
        payload = CaseProgressPayload(
            tracking_number=number, action=action, result=result, note=note or None,
            handler=handler, materials=materials, staff_no=self._staff_no(),
            window=self._window or None)
        when = self._clock()
        for button in (self.start_button, self.complete_button, self.collected_button,
                       self.dispatch_button, self.note_button, self.close_button,
                       self.supplied_button):
            button.setEnabled(False)
        self.bridge.submit(self, payload, lambda stored: self._recorded(stored, when),
                           self._not_recorded)

    def _recorded(self, stored: Stored, when: datetime) -> None:
        payload: CaseProgressPayload = stored.payload
        if payload.action in AFTER:
            self.pending[payload.tracking_number] = AFTER[payload.action]
        if payload.action is CaseAction.MATERIALS_SUPPLIED:
            self._fill_owed([code for code in self._owed_codes()
                             if code not in payload.materials])
            if not self._owed_codes() and self._selected_state() is CaseState.ACCEPTED_PENDING:
                self.pending[payload.tracking_number] = CaseState.ACCEPTED
        if payload.action in REPAIR_ACTIONS:
            self.note.clear()
        if payload.action is CaseAction.COMPLETED and payload.result is not None:
            self._print_notice(payload.tracking_number, payload.result, payload.note or "", when)
            self.note.clear()
            self._say(self.tr("Completed %1; the completion notice is printing.").replace(
                "%1", payload.tracking_number))
        else:
            self._say(self.tr("Recorded for %1.").replace("%1", payload.tracking_number))
        self._fill()
        self.recorded.emit(payload.tracking_number, payload.action.value)

    def _not_recorded(self, detail: str) -> None:
        self._update_buttons()
        self._say(self.tr("Not saved, nothing was recorded: %1").replace("%1", detail), True)

    def reprint(self) -> None:
        view = self.view
        if view is None or view.result is None:
            return
        completed = next((event for event in reversed(view.events)
                          if event.kind.value == "completed"), None)
        when = completed.at.astimezone(self._clock().tzinfo) if completed else self._clock()
        self._print_notice(view.tracking_number, CaseResult(view.result),
                           completed.note if completed else "", when)

    def _print_notice(self, number: str, result: CaseResult, note: str,
                      when: datetime) -> None:
        case = self.selected_case() if self.selected == number else None
        matter_code = case.matter_code if case else (self.view.matter_code if self.view else "")
        language = "zh_CN" if chinese() else "en"
        receipt = completion_notice(number, matter_code, self._matter(matter_code), result,
                                    note, when, self._center(language), self._window,
                                    chinese=chinese())
        if self.printer is not None:
            self.printer.print_receipt(receipt)

    # ------------------------------------------------------------ text
    def _matter(self, code: str) -> Matter | None:
        catalog = self._catalog()
        if catalog is None:
            return None
        return next((matter for matter in catalog.matters if matter.code == code), None)

    def _matter_name(self, code: str) -> str:
        if code == REPAIR:
            return self.tr("Property repair")
        matter = self._matter(code)
        if matter is None:
            return code
        return matter.name_zh if chinese() else matter.name_en

    def state_names(self) -> dict[CaseState, str]:
        return {
            CaseState.SUBMITTED: self.tr("Waiting for pre-check"),
            CaseState.MISSING_MATERIALS: self.tr("Materials missing"),
            CaseState.ACCEPTED: self.tr("Accepted"),
            CaseState.ACCEPTED_PENDING: self.tr("Accepted, materials to follow"),
            CaseState.IN_PROGRESS: self.tr("In progress"),
            CaseState.COMPLETED: self.tr("Completed"),
            CaseState.COLLECTED: self.tr("Handed over"),
            CaseState.REFUSED: self.tr("Not accepted"),
            CaseState.DISPATCHED: self.tr("Dispatched"),
            CaseState.CLOSED: self.tr("Closed"),
        }

    def _state_text(self, case: CaseSummary) -> str:
        state = self.state(case)
        text = self.tr("Reported") if case.kind == REPAIR and state is CaseState.SUBMITTED \
            else self.state_names()[state]
        if case.tracking_number in self.pending:
            text += " " + self.tr("(not yet delivered)")
        return text

    def _due_text(self, case: CaseSummary) -> str:
        if case.due_date is None:
            return ""
        text = f"{case.due_date:%Y-%m-%d}"
        return text + (" " + self.tr("(estimated)") if case.due_estimated else "")

    def _left_text(self, case: CaseSummary) -> str:
        left = case.working_days_left
        if left is None or self.state(case) not in MOVES[CaseAction.COMPLETED]:
            return ""
        if left < 0:
            return "⚠ " + self.tr("%1 overdue").replace("%1", str(-left))
        if left == 0:
            return "⚠ " + self.tr("Due today")
        text = self.tr("%1 left").replace("%1", str(left))
        return ("⚠ " + text) if left <= DUE_SOON else text

    def event_names(self) -> dict[str, str]:
        return {
            "submitted": self.tr("Submitted"),
            "accepted": self.tr("Accepted"),
            "accepted_pending": self.tr("Accepted, materials to follow"),
            "one_time_notice": self.tr("One-time notice of missing materials"),
            "refused": self.tr("Not accepted"),
            "on_the_spot": self.tr("Handled on the spot"),
            "materials_supplied": self.tr("Materials supplied"),
            "in_progress": self.tr("Work started"),
            "completed": self.tr("Completed"),
            "collected": self.tr("Handed over"),
            "rated": self.tr("Rated"),
            "dispatched": self.tr("Dispatched"),
            "note": self.tr("Note"),
            "closed": self.tr("Closed"),
        }

    def _event_line(self, event: CaseEvent) -> str:
        zone = self._clock().tzinfo
        parts = [f"{event.at.astimezone(zone):%Y-%m-%d %H:%M}",
                 self.event_names().get(event.kind.value, event.kind.value)]
        if event.precheck:
            parts.append(self.tr("(pre-check)"))
        if "result" in event.detail:
            parts.append(result_text(CaseResult(event.detail["result"])))
        if "level" in event.detail:
            parts.append(self.tr("%1 of 5").replace("%1", str(event.detail["level"])))
        if "handler" in event.detail:
            parts.append(self.tr("to %1").replace("%1", str(event.detail["handler"])))
        if "face_match" in event.detail:
            parts.append(face_check_text(event.detail))
        if event.window:
            parts.append(self.tr("window %1").replace("%1", event.window))
        if event.note:
            parts.append(f"“{event.note}”")
        return "  ".join(parts)

    def _say(self, text: str, attention: bool = False) -> None:
        self.message.setText(text)
        set_state(self.message, "attention" if attention else "")

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Cases"))
        names = {"open": self.tr("Open"), "waiting": self.tr("Waiting"),
                 "done": self.tr("Done"), "all": self.tr("All")}
        for name, button in self.filter_buttons.items():
            button.setText(names[name])
        self.refresh_button.setText(self.tr("Refresh"))
        self.number.setPlaceholderText(self.tr("Tracking number from the slip"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Number"), self.tr("Matter"), self.tr("State"), self.tr("Deadline"),
            self.tr("Working days"), self.tr("Window")])
        self.start_button.setText(self.tr("Start work"))
        self.precheck_button.setText(self.tr("Decide at the workbench"))
        self.supplied_button.setText(self.tr("Material supplied"))
        current = self.result.currentData()
        self.result.clear()
        for result in CaseResult:
            self.result.addItem(result_text(result), result.value)
        if current is not None:
            self.result.setCurrentIndex(self.result.findData(current))
        self.dispatch_button.setText(self.tr("Dispatch"))
        self.note_button.setText(self.tr("Add the note"))
        self.close_button.setText(self.tr("Close the repair"))
        self.complete_button.setText(self.tr("Complete and print the notice"))
        self.collected_button.setText(self.tr("Handed over"))
        self.reprint_button.setText(self.tr("Reprint"))
        if self.cases:
            self._fill()
        if self.view is not None:
            self._show_view(self.view.tracking_number, self.view)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
