"""The technician panel: device states and errors, device tests, discovery, settings,
and the diagnostics archive (the one `reception-sync diagnose` writes).

Touch-sized (buttons at least 96 px high, the app theme's fonts), laid out
side by side on a landscape screen and stacked on a portrait one. Every
device call goes through the adapters, so nothing here blocks the GUI.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hardware.camera import FaceBox
from hardware.discovery import DiscoveryReport, discover_all
from hardware.health import Health, HealthState
from hardware.identity import IdentityRecord, mask_address, mask_id_number, mask_name
from hardware.printer import Paper, Receipt, Row, UnknownStatusPolicy, paper_for
from sync.diagnostics import diagnose
from sync.paths import log_dir
from terminal.background import run_in_background, wait_for_background
from terminal.config import (
    CameraSection,
    CardReaderSection,
    DevicesSection,
    PassportSection,
    PrinterSection,
)
from terminal.device_report import device_report
from terminal.devices import (
    CameraAdapter,
    CardReaderAdapter,
    DeviceAdapter,
    ErrorEntry,
    PrinterAdapter,
)
from terminal.technician.chinese_check import ChineseFontCheck
from terminal.technician.config_file import save_devices_config
from terminal.technician.dead_letters import DeadLetterList
from terminal.theme import paint_colour
from terminal.widgets.camera_view import CameraView

if TYPE_CHECKING:
    from sync.outbox import DeadLetter

log = logging.getLogger("terminal.technician")

BUTTON_HEIGHT = 96
ERRORS_SHOWN = 3
_STATE_PROPERTY = {HealthState.READY: "online", HealthState.DEGRADED: "offline",
                   HealthState.UNKNOWN: "offline", HealthState.OFFLINE: "attention"}


def make_test_receipt(paper: Paper, center_name: str, terminal_id: str = "") -> Receipt:
    """A slip with Chinese text, full-width punctuation and rulers as wide as the paper."""
    digits = "".join(str(i % 10) for i in range(1, paper.columns + 1))
    edge = "|" + "-" * (paper.columns - 2) + "|"
    return Receipt(
        center_name=center_name or "社区服务中心",
        title="打印测试",
        rows=[Row("终端", terminal_id or "—"), Row("纸宽", f"{paper.mm} mm / {paper.dots} 点"),
              Row("时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S"))],
        paragraphs=["中文测试：全角标点，。、；：？！（）【】《》“”‘’……——",
                    f"以下标尺应占满可打印宽度（{paper.columns} 列）：",
                    digits, edge, "＝" * paper.cjk_columns],
        qr_payload="RC-20260101-T01-00001",
        footer="打印测试完毕。Test print done.",
    )


class DeviceCard(QFrame):
    """One device: its state, reason, last errors and its kind/address setting."""

    def __init__(self, kinds: list[str], kind: str, value: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.title = QLabel()
        self.title.setProperty("role", "subtitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.state = QLabel()
        self.state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        small = QFont(self.errors.font())
        small.setPointSizeF(max(8.0, small.pointSizeF() * 0.7))
        self.errors.setFont(small)
        self.reason.setFont(small)
        self.kind = QComboBox()
        self.kind.addItems(kinds)
        self.kind.setCurrentText(kind)
        self.kind.setMinimumHeight(64)
        self.value = QLineEdit(value)
        self.value.setMinimumHeight(64)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        settings = QHBoxLayout()
        settings.addWidget(self.kind)
        settings.addWidget(self.value, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addWidget(self.errors)
        layout.addLayout(settings)

    def add_row(self, *widgets: QWidget) -> None:
        """A further setting under the kind and address (widgets side by side)."""
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)

    def show_health(self, state_text: str, health: Health | None) -> None:
        self.state.setText("● " + state_text)
        self.state.setProperty("state", _STATE_PROPERTY[health.state] if health else "offline")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        self.reason.setText(health.reason if health else "")
        self.reason.setVisible(bool(self.reason.text()))

    def show_errors(self, entries: list[ErrorEntry]) -> None:
        shown = entries[-ERRORS_SHOWN:]
        self.errors.setText("\n".join(
            f"{e.when:%H:%M:%S}  {_clip(e.message)}" + (f"  (×{e.count})" if e.count > 1 else "")
            for e in reversed(shown)))
        self.errors.setVisible(bool(shown))


class PreviewLabel(CameraView):
    """Camera frames with face rectangles and QR payloads drawn over them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setObjectName("technicianPreview")
        self.faces: list[FaceBox] = []
        self.payloads: list[str] = []

    @property
    def frames(self) -> int:
        return self.frames_shown

    def set_analysis(self, faces: list[FaceBox], payloads: list[str]) -> None:
        self.faces, self.payloads = list(faces), list(payloads)
        self.update()

    def paint_over(self, painter: QPainter, target: QRect) -> None:
        frame = self.frame()
        factor = target.width() / max(1, frame.width() if frame is not None else 1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(paint_colour("face-box"), 4))
        for face in self.faces:
            painter.drawRect(QRectF(target.x() + face.x * factor, target.y() + face.y * factor,
                                    face.w * factor, face.h * factor))
        if self.payloads:
            font = QFont(self.font())
            font.setPointSizeF(max(8.0, font.pointSizeF() * 0.8))
            painter.setFont(font)
            line = painter.fontMetrics().height() + 8
            for i, payload in enumerate(self.payloads):
                box = QRectF(target.x() + 8, target.y() + 8 + i * line, target.width() - 16,
                             line - 4)
                painter.fillRect(box, paint_colour("overlay-shade"))
                painter.setPen(paint_colour("overlay-text"))
                painter.drawText(box.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter,
                                 "QR: " + payload)


class TechnicianPanel(QWidget):
    """Devices, their tests and settings; emits `closed` when the technician leaves."""

    closed = Signal()
    configSaved = Signal(str)  # path

    def __init__(self, devices: DevicesSection, *, printer: PrinterAdapter | None = None,
                 card_reader: CardReaderAdapter | None = None,
                 camera: CameraAdapter | None = None, config_path: Path | None = None,
                 center_name: str = "", terminal_id: str = "",
                 discover: Callable[[], DiscoveryReport] = discover_all,
                 dead_letters: Callable[[], Sequence[DeadLetter]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TechnicianPanel")
        self.devices = devices
        self.printer, self.card_reader, self.camera = printer, card_reader, camera
        self.config_path = config_path
        self.center_name, self.terminal_id = center_name, terminal_id
        self._discover = discover
        self._discovering = False
        self._diagnosing = False
        self._last_print = ""

        self._title = QLabel()
        self._title.setProperty("role", "title")
        self._cards = {
            "printer": DeviceCard(_kinds(PrinterSection),
                                  devices.printer.kind, devices.printer.address),
            "card_reader": DeviceCard(
                _kinds(CardReaderSection),
                devices.card_reader.kind,
                devices.card_reader.port or devices.card_reader.reader),
            "camera": DeviceCard(
                _kinds(CameraSection),
                devices.camera.kind,
                str(devices.camera.path or "") if devices.camera.kind in ("file", "folder")
                else str(devices.camera.index)),
        }
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)
        self.policy = QComboBox()
        self.policy.setObjectName("unknownStatusPolicy")
        self.policy.setMinimumHeight(64)
        for policy in UnknownStatusPolicy:
            self.policy.addItem("", policy.value)
        self.policy.setCurrentIndex(self.policy.findData(devices.printer.unknown_status))
        self.policy.currentIndexChanged.connect(self._policy_chosen)
        self._cards["printer"].add_row(self.policy_label, self.policy)
        self.face_label = QLabel()
        self.face_label.setWordWrap(True)
        self.face_threshold = QDoubleSpinBox()
        self.face_threshold.setObjectName("faceMatchThreshold")
        self.face_threshold.setMinimumHeight(64)
        self.face_threshold.setRange(0.30, 0.90)
        self.face_threshold.setSingleStep(0.01)
        self.face_threshold.setDecimals(2)
        self.face_threshold.setValue(devices.passport.face_match_threshold)
        self._cards["camera"].add_row(self.face_label, self.face_threshold)
        self.face_note = QLabel()
        self.face_note.setObjectName("faceMatchNote")
        self.face_note.setWordWrap(True)
        self._cards["camera"].add_row(self.face_note)
        self.chinese = ChineseFontCheck(devices.printer.chinese_mode)
        self.chinese.chosen.connect(self._chinese_chosen)
        self._cards["printer"].add_row(self.chinese.state)
        self._gb18030_test = False  # a GB18030 test slip is on its way
        self.preview = PreviewLabel()
        self.output = QLabel()
        self.output.setWordWrap(True)
        self.output.setTextFormat(Qt.TextFormat.PlainText)
        self.output.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.output.setProperty("role", "subtitle")
        self.output.setMinimumHeight(120)
        self.output.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.buttons = {name: QPushButton() for name in
                        ("print", "card", "camera", "discover", "diagnose", "save",
                         "close")}
        for button in self.buttons.values():
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.buttons["close"].setProperty("role", "secondary")
        self.buttons["print"].clicked.connect(self.test_print)
        self.buttons["card"].clicked.connect(self.test_card_read)
        self.buttons["camera"].clicked.connect(self.toggle_preview)
        self.buttons["discover"].clicked.connect(self.run_discovery)
        self.buttons["diagnose"].clicked.connect(self.write_diagnostics)
        self.buttons["save"].clicked.connect(self.save_configuration)
        self.buttons["close"].clicked.connect(self.close_panel)
        self.buttons["print"].setEnabled(printer is not None)
        self.buttons["card"].setEnabled(card_reader is not None)
        self.buttons["camera"].setEnabled(camera is not None)
        self.buttons["save"].setEnabled(config_path is not None)
        self.buttons["diagnose"].setEnabled(config_path is not None)

        device_column = QVBoxLayout()
        device_column.setSpacing(16)
        for card in self._cards.values():
            device_column.addWidget(card)
        device_column.addStretch(1)
        side = QVBoxLayout()
        side.setSpacing(16)
        side.addWidget(self.preview, 3)
        side.addWidget(self.output, 2)
        side.addWidget(self.chinese)
        self.dead_letters = DeadLetterList(dead_letters) if dead_letters is not None else None
        if self.dead_letters is not None:
            side.addWidget(self.dead_letters)
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.setSpacing(24)
        self._body.addLayout(device_column, 5)
        self._body.addLayout(side, 4)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self._columns = 0
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 24)
        root.setSpacing(20)
        root.addWidget(self._title)
        root.addLayout(self._body, 1)
        root.addLayout(self._grid)
        self._arrange(landscape=True)

        # The adapters outlive the panel: every link is undone in shutdown().
        self._links: list[tuple[Any, Callable[..., None]]] = []
        for key, adapter in self._adapters().items():
            self._link(adapter.healthChanged, lambda _h, k=key: self._show_device(k))
            self._link(adapter.errorRecorded, lambda _e, k=key: self._show_device(k))
        if printer is not None:
            self._link(printer.printed, self._printed)
            self._link(printer.printFailed, self._print_failed)
        if card_reader is not None:
            self._link(card_reader.cardRead, self._card_read)
            self._link(card_reader.noCard, self._no_card)
            self._link(card_reader.cardRejected, self._card_rejected)
        if camera is not None:
            self._link(camera.frameReady, self.preview.show_frame)
            self._link(camera.analysed, self.preview.set_analysis)
        self._retranslate()

    # ---- layout --------------------------------------------------------------------
    def _arrange(self, landscape: bool) -> None:
        columns = 7 if landscape else 3
        self._body.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                else QBoxLayout.Direction.TopToBottom)
        # side by side the columns share the width; stacked, the cards take what they need
        self._body.setStretch(0, 5 if landscape else 0)
        self._body.setStretch(1, 4 if landscape else 1)
        if columns == self._columns:
            return
        self._columns = columns
        for i, button in enumerate(self.buttons.values()):
            self._grid.removeWidget(button)
            self._grid.addWidget(button, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(landscape=event.size().width() >= event.size().height())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Technician panel"))
        self._cards["printer"].title.setText(self.tr("Receipt printer"))
        self._cards["card_reader"].title.setText(self.tr("ID card reader"))
        self._cards["camera"].title.setText(self.tr("Camera"))
        self._cards["printer"].value.setPlaceholderText(self.tr("Address, e.g. 10.0.0.9:9100"))
        self._cards["card_reader"].value.setPlaceholderText(self.tr("Serial port or reader"))
        self._cards["camera"].value.setPlaceholderText(self.tr("Index or path"))
        self.policy_label.setText(self.tr("When the printer cannot report its status:"))
        self.face_label.setText(self.tr("Face match threshold (lower is stricter):"))
        self.face_note.setText(self.tr(
            "Face match compares the camera with a passport chip's photo. ID cards, "
            "residence permits and foreigners' cards give their photo only as WLT data, "
            "which no open decoder reads: those residents are not face-matched here."))
        names = {UnknownStatusPolicy.PRINT_AND_WARN: self.tr("Print and warn"),
                 UnknownStatusPolicy.TREAT_AS_FAILED: self.tr("Treat as failed (slip on screen)")}
        for index in range(self.policy.count()):
            self.policy.setItemText(index, names[UnknownStatusPolicy(self.policy.itemData(index))])
        self.buttons["print"].setText(self.tr("Test print"))
        self.buttons["card"].setText(self.tr("Test card read"))
        self.buttons["discover"].setText(self.tr("Discover devices"))
        self.buttons["diagnose"].setText(self.tr("Diagnostics"))
        self.buttons["save"].setText(self.tr("Save configuration"))
        self.buttons["close"].setText(self.tr("Close"))
        self._update_camera_button()
        if not self.preview.frames:
            self.preview.setText(self.tr("Camera preview"))
        for key in self._cards:
            self._show_device(key)

    # ---- device states -------------------------------------------------------------
    def _adapters(self) -> dict[str, DeviceAdapter]:
        pairs = {"printer": self.printer, "card_reader": self.card_reader, "camera": self.camera}
        return {key: adapter for key, adapter in pairs.items() if adapter is not None}

    def _state_text(self, health: Health | None) -> str:
        if health is None:
            return self.tr("Not configured")
        return {HealthState.READY: self.tr("Ready"), HealthState.DEGRADED: self.tr("Degraded"),
                HealthState.UNKNOWN: self.tr("Status unknown"),
                HealthState.OFFLINE: self.tr("Offline")}[health.state]

    def _show_device(self, key: str) -> None:
        adapter = self._adapters().get(key)
        card = self._cards[key]
        health = adapter.health if adapter is not None else None
        card.show_health(self._state_text(health), health)
        card.show_errors(adapter.errors() if adapter is not None else [])

    def device_state(self, key: str) -> str:
        """The state text shown for "printer", "card_reader" or "camera"."""
        return self._cards[key].state.text()

    def refresh(self) -> None:
        """Ask every device for its health now."""
        for adapter in self._adapters().values():
            adapter.refresh_health()
        if self.dead_letters is not None:
            self.dead_letters.refresh()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # ---- actions -------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.output.setText(text)

    def test_print(self) -> None:
        if self.printer is None:
            return
        paper = paper_for(self.devices.printer.paper_mm)
        self._say(self.tr("Printing a test receipt…"))
        mode = self.chinese.test_mode()  # GB18030 while "auto" is unconfirmed
        self._gb18030_test = mode is not None
        self.printer.print_receipt(make_test_receipt(paper, self.center_name, self.terminal_id),
                                   mode)

    def _printed(self, receipt_id: str) -> None:
        self._last_print = receipt_id
        self._say(self.tr("Printed receipt %1.").replace("%1", receipt_id))
        if self._gb18030_test:
            self._gb18030_test = False
            self.chinese.ask()

    def _print_failed(self, receipt_id: str, resident: str, technician: str) -> None:
        self._gb18030_test = False
        self._say(self.tr("Not printed: %1\n%2").replace("%1", resident)
                  .replace("%2", technician))

    def _chinese_chosen(self, mode: str) -> None:
        """The technician judged the GB18030 test slip: use that mode now and keep it."""
        if self.printer is not None:
            self.printer.set_chinese_mode(mode)
        self.devices = self.devices.model_copy(update={
            "printer": self.devices.printer.model_copy(update={"chinese_mode": mode})})
        if self.config_path is None:
            self._say(self.tr("Used until the app restarts (no configuration file)."))
            return
        try:
            save_devices_config(self.config_path, self.devices)
        except OSError as error:
            self._say(self.tr("Not saved: %1").replace("%1", str(error)))
            return
        self._say(self.tr("Saved to %1.").replace("%1", str(self.config_path)))
        self.configSaved.emit(str(self.config_path))

    def _policy_chosen(self, _index: int) -> None:
        """Apply the unknown-status policy now; "Save configuration" keeps it."""
        if self.printer is not None:
            self.printer.set_unknown_policy(self.policy.currentData())

    def test_card_read(self) -> None:
        if self.card_reader is not None:
            self._say(self.tr("Reading the card…"))
            self.card_reader.read_once()

    def _card_read(self, record: IdentityRecord) -> None:
        self._say(self.tr("Card read: %1, %2\n%3").replace("%1", mask_name(record.name))
                  .replace("%2", mask_id_number(record.id_number))
                  .replace("%3", mask_address(record.address)))

    def _card_rejected(self, _resident: str, technician: str) -> None:
        self._say(self.tr("Card refused: %1").replace("%1", technician))

    def _no_card(self) -> None:
        health = self.card_reader.health if self.card_reader is not None else None
        if health is not None and health.state is not HealthState.READY:
            self._say(self.tr("Card reader problem: %1").replace("%1", health.reason))
        else:
            self._say(self.tr("No card on the reader."))

    def toggle_preview(self) -> None:
        if self.camera is None:
            return
        if self.camera.capturing:
            self.camera.stop(wait=False)
        else:
            self.camera.start()
        self._update_camera_button()

    def _update_camera_button(self) -> None:
        capturing = self.camera is not None and self.camera.capturing
        self.buttons["camera"].setText(self.tr("Stop preview") if capturing
                                       else self.tr("Camera preview"))

    def run_discovery(self) -> None:
        if self._discovering:
            return
        self._discovering = True
        self.buttons["discover"].setEnabled(False)
        self._say(self.tr("Looking for devices…"))
        run_in_background(self, self._discover, self._discovered, self._discovery_failed)

    def _discovered(self, report: DiscoveryReport) -> None:
        self._discovering = False
        self.buttons["discover"].setEnabled(True)
        self._say(self.tr("Found:") + "\n" + "\n".join(report.lines()))

    def _discovery_failed(self, message: str) -> None:  # it must never take the panel down
        log.warning("discovery failed: %s", message)
        self._discovering = False
        self.buttons["discover"].setEnabled(True)
        self._say(self.tr("Discovery failed: %1").replace("%1", message))

    def write_diagnostics(self) -> None:
        """The archive of `reception-sync diagnose`, with the devices' health as shown
        here, written off the GUI thread into the data folder's diagnostics/."""
        if self._diagnosing or self.config_path is None:
            return
        self._diagnosing = True
        self.buttons["diagnose"].setEnabled(False)
        self._say(self.tr("Writing the diagnostics archive…"))
        config_dir, logs = self.config_path.parent, log_dir()
        report = device_report(self._adapters())
        run_in_background(self, lambda: diagnose(config_dir, None, logs, report),
                          self._diagnosed, self._diagnostics_failed)

    def _diagnosed(self, path: Path) -> None:
        self._diagnosing = False
        self.buttons["diagnose"].setEnabled(True)
        log.info("diagnostics archive written to %s", path)
        self._say(self.tr("Diagnostics archive written (no personal data in it):\n%1")
                  .replace("%1", str(path)))

    def _diagnostics_failed(self, message: str) -> None:
        log.warning("diagnostics archive failed: %s", message)
        self._diagnosing = False
        self.buttons["diagnose"].setEnabled(True)
        self._say(self.tr("Diagnostics archive not written: %1").replace("%1", message))

    def edited_devices(self) -> DevicesSection:
        """The devices section with the kinds and addresses entered (ValueError if invalid)."""
        printer, reader, camera = (self._cards[k] for k in ("printer", "card_reader", "camera"))
        d = self.devices
        reader_kind = reader.kind.currentText()
        camera_kind = camera.kind.currentText()
        camera_value = camera.value.text().strip()
        camera_update: dict[str, object] = {"kind": camera_kind}
        if camera_kind == "device":
            camera_update["index"] = camera_value or "0"
        elif camera_kind in ("file", "folder"):
            camera_update["path"] = camera_value or None
        reader_update: dict[str, object] = {"kind": reader_kind}
        if reader_kind == "ga467":
            reader_update["port"] = reader.value.text().strip()
        elif reader_kind == "pcsc":
            reader_update["reader"] = reader.value.text().strip()
        try:
            return DevicesSection(
                printer=PrinterSection.model_validate(
                    {**d.printer.model_dump(), "kind": printer.kind.currentText(),
                     "address": printer.value.text().strip(),
                     "unknown_status": self.policy.currentData()}),
                card_reader=CardReaderSection.model_validate(
                    {**d.card_reader.model_dump(), **reader_update}),
                camera=CameraSection.model_validate({**d.camera.model_dump(), **camera_update}),
                passport=PassportSection.model_validate(
                    {**d.passport.model_dump(),
                     "face_match_threshold": round(self.face_threshold.value(), 2)}),
            )
        except ValidationError as error:
            raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                       for e in error.errors())) from error

    def save_configuration(self) -> None:
        if self.config_path is None:
            return
        try:
            devices = self.edited_devices()
            save_devices_config(self.config_path, devices)
        except (ValueError, OSError) as error:
            self._say(self.tr("Not saved: %1").replace("%1", str(error)))
            return
        self.devices = devices
        self._say(self.tr("Saved to %1. Restart the app to use the new devices.")
                  .replace("%1", str(self.config_path)))
        self.configSaved.emit(str(self.config_path))

    def close_panel(self) -> None:
        """Stop the preview (without waiting) and leave."""
        if self.camera is not None and self.camera.capturing:
            self.camera.stop(wait=False)
            self._update_camera_button()
        self.closed.emit()

    def _link(self, signal: Any, slot: Callable[..., None]) -> None:
        signal.connect(slot)
        self._links.append((signal, slot))

    def shutdown(self) -> None:
        """Detach from the devices and wait for a running discovery."""
        while self._links:
            signal, slot = self._links.pop()
            signal.disconnect(slot)
        wait_for_background()


def _kinds(section: type[PrinterSection | CardReaderSection | CameraSection]) -> list[str]:
    return list(get_args(section.model_fields["kind"].annotation))


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


__all__ = ["DeviceCard", "PreviewLabel", "TechnicianPanel", "make_test_receipt"]
