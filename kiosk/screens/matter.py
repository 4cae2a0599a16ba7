"""The "matter" screen: what a service is, how long it takes, what to bring.

Args: {"matter": code}. "Start" goes through identification to the form;
a matter that needs an appointment points to booking; a matter a kiosk may
not take says "please go to a window".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from sync.protocol.models import HandlingType, Matter

IDENTIFY, FORM, BOOK = "identify", "apply_form", "book"


class MatterScreen(KioskScreen):
    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source = source
        self.code = ""
        self.matter: Matter | None = None
        self.name = QLabel()
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setProperty("role", "subtitle")
        self.facts.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.materials_title = QLabel()
        self.materials_title.setProperty("role", "subtitle-strong")
        self.materials = QLabel()
        self.materials.setWordWrap(True)
        self.materials.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setProperty("state", "attention")
        self.action = QPushButton()
        self.action.clicked.connect(self._act)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(20)
        for widget in (self.name, self.facts, self.description, self.materials_title,
                       self.materials):
            inner.addWidget(widget)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.action)
        self.retranslate()

    def enter(self, args: dict[str, Any]) -> None:
        self.code = str(args.get("matter", self.code))
        self.source.when_ready(self._show)
        self._show()

    def reset(self) -> None:
        self.code, self.matter = "", None

    def retranslate(self) -> None:
        self.title = self.tr("About this service")
        self._show()

    def _show(self) -> None:
        self.matter = self.source.matter(self.code) if self.code else None
        matter = self.matter
        if matter is None:
            self.name.setText(self.tr("One moment…"))
            for label in (self.facts, self.description, self.materials_title, self.materials,
                          self.notice):
                label.clear()
            self.action.hide()
            return
        loc = self.context.localized
        self.name.setText(loc(matter.name_zh, matter.name_en))
        if matter.handling is HandlingType.IMMEDIATE:
            handling = self.tr("Done on the spot.")
        else:
            handling = self.tr("Done within %n working day(s).", "", matter.time_limit_days)
        self.facts.setText(f"{self.source.department_name(matter.department)}\n{handling}")
        self.description.setText(loc(matter.description_zh, matter.description_en))
        self.materials_title.setText(self.tr("What to have ready:") if matter.materials else "")
        lines = []
        for material in matter.materials:
            note = "" if material.required else "  " + self.tr("(if it applies to you)")
            lines.append(f"☐  {loc(material.name_zh, material.name_en)}{note}")
        self.materials.setText("\n".join(lines))
        self.action.show()
        if not matter.kiosk_allowed:
            self.notice.setText(self.tr("This service cannot be done at the kiosk. "
                                        "Please take a number and go to a window."))
            self.action.setText(self.tr("Back to the start"))
        elif matter.needs_appointment:
            self.notice.setText(self.tr("This service needs an appointment."))
            self.action.setText(self.tr("Book an appointment"))
        else:
            self.notice.clear()
            self.action.setText(self.tr("Start ›"))
        self.notice.setVisible(bool(self.notice.text()))

    def _act(self) -> None:
        matter = self.matter
        if matter is None:
            return
        if not matter.kiosk_allowed:
            self.goHome.emit()
        elif matter.needs_appointment:
            self.navigate.emit(BOOK, {"matter": matter.code})
        elif self.context.session.identified:
            self.navigate.emit(FORM, {"matter": matter.code})
        else:
            self.navigate.emit(IDENTIFY, {
                "next": FORM, "next_args": {"matter": matter.code},
                "purpose": lambda: self.tr("The application is made in the name on the document "
                                           "you identify yourself with.")})
