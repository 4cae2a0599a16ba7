"""Steps 4-6 of the workbench: the materials checklist, the document scans,
the outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import heading, localized, note, scrolled
from counter.acceptance.model import MaterialState
from sync.protocol.models import AcceptanceOutcome, Matter
from terminal.background import run_in_background
from terminal.form_fields import Capture, process_frame
from terminal.widgets.camera_view import CameraView

if TYPE_CHECKING:
    import numpy as np

    from terminal.devices.workers import CameraAdapter

STATES = (MaterialState.RECEIVED, MaterialState.MISSING, MaterialState.PROMISED,
          MaterialState.NOT_NEEDED)
MAX_DOCUMENTS = 20  # the protocol's attachment limit per transaction


# --------------------------------------------------------------------- 4. materials
class MaterialsStep(QWidget):
    """Each material: received, missing, or accepted now and supplied later (容缺)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matter: Matter | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[str, dict[MaterialState, QPushButton]] = {}
        self.names: dict[str, QLabel] = {}
        self.title = heading()
        self.all_received = QPushButton()
        self.all_received.setProperty("role", "secondary")
        self.all_received.clicked.connect(self._all_received)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setHorizontalSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.all_received)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        area = scrolled(self.body)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(area, 1)
        self.retranslate()

    def set_matter(self, matter: Matter | None, states: dict[str, MaterialState]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.groups, self.buttons, self.names, self.matter = {}, {}, {}, matter
        for row, material in enumerate(matter.materials if matter else []):
            name = QLabel()
            name.setWordWrap(True)
            self.names[material.code] = name
            self.grid.addWidget(name, row, 0)
            group = QButtonGroup(self)
            self.groups[material.code] = group
            self.buttons[material.code] = {}
            for column, state in enumerate(STATES, 1):
                if state is MaterialState.NOT_NEEDED and material.required:
                    continue
                button = QPushButton()
                button.setCheckable(True)
                button.setObjectName(f"material-{material.code}-{state.value}")
                button.setProperty("role", "secondary")  # filled green once checked
                button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
                button.setChecked(states.get(material.code) is state)
                button.toggled.connect(lambda on, code=material.code, s=state:
                                       self._toggled(code, s, on))
                group.addButton(button)
                self.grid.addWidget(button, row, column)
                self.buttons[material.code][state] = button
        self.grid.setColumnStretch(0, 1)
        self.grid.setRowStretch(len(self.groups), 1)
        self.states = dict(states)
        self.retranslate()

    def _toggled(self, code: str, state: MaterialState, on: bool) -> None:
        if on:
            self.states[code] = state
            self.changed.emit()

    def first_button(self) -> QPushButton | None:
        """The first material's first choice (keyboard focus starts there)."""
        for buttons in self.buttons.values():
            return next(iter(buttons.values()), None)
        return None

    def set(self, code: str, state: MaterialState) -> None:
        self.buttons[code][state].setChecked(True)

    def _all_received(self) -> None:
        for code, buttons in self.buttons.items():
            if self.states.get(code) is not MaterialState.NOT_NEEDED:
                buttons[MaterialState.RECEIVED].setChecked(True)

    def retranslate(self) -> None:
        self.title.setText(self.tr("4. Materials"))
        self.all_received.setText(self.tr("All received"))
        texts = {MaterialState.RECEIVED: self.tr("Received"),
                 MaterialState.MISSING: self.tr("Missing"),
                 MaterialState.PROMISED: self.tr("Supply later"),
                 MaterialState.NOT_NEEDED: self.tr("Not needed")}
        for material in self.matter.materials if self.matter else []:
            name = self.names.get(material.code)
            if name is not None:  # the names follow a language switch too
                name.setText(localized(material.name_zh, material.name_en)
                             + ("" if material.required else " ○"))
        for buttons in self.buttons.values():
            for state, button in buttons.items():
                button.setText(texts[state])


# --------------------------------------------------------------------- 5. documents
class DocumentsStep(QWidget):
    """Scans of the documents shown, each page flattened (perspective-corrected)."""

    changed = Signal()

    def __init__(self, camera: CameraAdapter | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.documents: list[bytes] = []
        self._frame: QImage | None = None
        self._busy = False
        self._listening = False
        self.title = heading()
        self.preview = CameraView()
        self.preview.setMinimumSize(320, 200)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setObjectName("cameraPreview")
        self.take = QPushButton()
        self.take.setObjectName("captureDocument")
        self.take.clicked.connect(self._take)
        self.remove = QPushButton()
        self.remove.setProperty("role", "secondary")
        self.remove.clicked.connect(self._remove)
        self.pages = QListWidget()
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setMaximumWidth(260)
        self.pages.setIconSize(QSize(120, 170))  # the flattened page, readable at a glance
        self.status = note()
        buttons = QHBoxLayout()
        buttons.addWidget(self.take)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.preview, 1)
        middle.addWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    def activate(self) -> None:
        if self.camera is not None and not self._listening:
            self._listening = True
            self.camera.frameReady.connect(self._frame_ready)
            self.camera.start()

    def deactivate(self) -> None:
        if self.camera is not None and self._listening:
            self._listening = False
            self.camera.frameReady.disconnect(self._frame_ready)
            if self.camera.capturing:
                self.camera.stop(wait=False)

    def _frame_ready(self, image: QImage) -> None:
        self._frame = image
        self.preview.show_frame(image)

    def _take(self) -> None:
        """Flatten the camera's newest full-size frame where the camera runs (its own
        process: OpenCV stays out of the clerk's window) and keep the page."""
        if self.camera is None or self._frame is None or not self._start_page():
            return
        self.camera.take_picture(self, "document", self._processed, self._not_taken)

    def capture_frame(self, frame: np.ndarray) -> None:
        """Flatten a frame from elsewhere (tests, screenshots) off the GUI thread."""
        if self._start_page():
            run_in_background(self, lambda: process_frame(frame, "document"), self._processed,
                              self._not_taken)

    def _start_page(self) -> bool:
        if self._busy or len(self.documents) >= MAX_DOCUMENTS:
            return False
        self._busy = True
        self.status.setText(self.tr("Checking the page…"))
        return True

    def _not_taken(self, _error: str) -> None:
        self._processed(Capture(None, None, self.tr(
            "The camera could not take the page: scan it again, or ask the technician to check "
            "the camera.")))

    def _processed(self, capture: Capture) -> None:
        self._busy = False
        if capture.jpeg is None:
            self.status.setText(capture.message or self.tr("No page found. Lay it flat, "
                                                           "fully in view."))
            return
        self.documents.append(capture.jpeg)
        item = QListWidgetItem(self.tr("Page %1").replace("%1", str(len(self.documents))))
        if capture.preview is not None:
            item.setIcon(QPixmap.fromImage(capture.preview.scaledToWidth(120)))
        self.pages.addItem(item)
        self.status.setText(self.tr("%1 page(s) scanned.").replace(
            "%1", str(len(self.documents))))
        self.changed.emit()

    def _remove(self) -> None:
        row = self.pages.currentRow()
        if row < 0 and self.documents:
            row = len(self.documents) - 1
        if 0 <= row < len(self.documents):
            del self.documents[row]
            self.pages.takeItem(row)
            self.changed.emit()

    def clear(self) -> None:
        self.documents = []
        self.pages.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("5. Scan the documents"))
        self.take.setText(self.tr("Scan page (Ctrl+D)"))
        self.remove.setText(self.tr("Remove page"))
        for row in range(self.pages.count()):
            self.pages.item(row).setText(self.tr("Page %1").replace("%1", str(row + 1)))
        if self.camera is None:
            self.preview.setText(self.tr("No camera: documents cannot be scanned here."))
        elif self.documents and not self._busy:
            self.status.setText(self.tr("%1 page(s) scanned.").replace(
                "%1", str(len(self.documents))))
        elif not self.status.text() or not self._busy:
            self.status.setText(self.tr("Lay each page flat under the camera, then scan it."))


# --------------------------------------------------------------------- 6. outcome
class OutcomeStep(QWidget):
    """The decision; `recordRequested(outcome, reason)` on "Record and print"."""

    recordRequested = Signal(object, str)  # AcceptanceOutcome, reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading()
        self.group = QButtonGroup(self)
        self.choices: dict[AcceptanceOutcome, QRadioButton] = {}
        for outcome in AcceptanceOutcome:
            button = QRadioButton()
            button.setObjectName(f"outcome-{outcome.value}")
            self.group.addButton(button)
            self.choices[outcome] = button
            button.toggled.connect(self._toggled)
        self.reason = QComboBox()
        self.reason.setObjectName("notAcceptedReason")
        self.reason.setEditable(True)
        self.summary = note()
        self.problems = note()
        self.problems.setProperty("state", "attention")
        self.record = QPushButton()
        self.record.setObjectName("recordOutcome")
        self.record.clicked.connect(self._record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        for button in self.choices.values():
            layout.addWidget(button)
        layout.addWidget(self.reason)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(self.record, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def choose(self, outcome: AcceptanceOutcome) -> None:
        self.choices[outcome].setChecked(True)

    def outcome(self) -> AcceptanceOutcome | None:
        return next((o for o, b in self.choices.items() if b.isChecked()), None)

    def set_reason(self, text: str) -> None:
        self.reason.setEditText(text)

    def _toggled(self) -> None:
        self.reason.setVisible(self.outcome() is AcceptanceOutcome.NOT_ACCEPTED)

    def show_state(self, summary: str, problems: list[str]) -> None:
        self.summary.setText(summary)
        self.problems.setText("\n".join(problems))
        self.record.setEnabled(not problems)

    def _record(self) -> None:
        outcome = self.outcome()
        if outcome is not None:
            reason = self.reason.currentText() if outcome is AcceptanceOutcome.NOT_ACCEPTED \
                else ""
            self.recordRequested.emit(outcome, reason)

    def retranslate(self) -> None:
        self.title.setText(self.tr("6. Outcome"))
        texts = {
            AcceptanceOutcome.ACCEPTED: self.tr("Accept (promise a completion date)"),
            AcceptanceOutcome.ON_THE_SPOT: self.tr("Handled on the spot"),
            AcceptanceOutcome.MISSING_MATERIALS: self.tr(
                "One-time notice of missing materials"),
            AcceptanceOutcome.NOT_ACCEPTED: self.tr("Not accepted (give the reason)"),
        }
        for outcome, button in self.choices.items():
            button.setText(texts[outcome])
        current = self.reason.currentText()
        self.reason.clear()
        self.reason.addItems([
            self.tr("Not within this center's remit"),
            self.tr("The applicant does not meet the conditions"),
            self.tr("The same application is already being handled"),
            self.tr("The applicant is not entitled to apply for this person"),
        ])
        self.reason.setEditText(current)
        self.reason.lineEdit().setPlaceholderText(self.tr("Choose or type the reason"))
        self.record.setText(self.tr("Record and print (Ctrl+Enter)"))
        self._toggled()
