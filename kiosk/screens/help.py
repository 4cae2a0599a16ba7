"""Help: in plain words, what this machine does, how to type and to make it
easier to see and hear, where the windows are and how to ask a member of
staff. args: none."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from terminal.widgets.labels import role_label, touch_scroll_area


class HelpScreen(KioskScreen):
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpScreen")
        self.context = context
        self.heading = role_label("title")
        self.sections: list[tuple[QLabel, QLabel]] = []
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 16, 0)
        column.setSpacing(12)
        for _ in range(5):
            head, body = role_label("subtitle-strong"), role_label("body")
            column.addWidget(head)
            column.addWidget(body)
            column.addSpacing(12)
            self.sections.append((head, body))
        column.addStretch(1)
        self.home_button = QPushButton()
        self.home_button.clicked.connect(self.goHome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(touch_scroll_area(content, "helpText"), 1)
        layout.addWidget(self.home_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title = self.tr("Help")
        self.heading.setText(self.tr("How can we help?"))
        texts = (
            (self.tr("What this machine does"),
             self.tr("Here you can take a queue number, book an appointment or check in, "
                     "apply for some services by yourself, report a repair, read community "
                     "notices and see how an earlier application is going. It is open day "
                     "and night. Touch the big buttons to choose. Where you need to write "
                     "something, such as an address, a keyboard appears on the screen: for "
                     "Chinese, type the pinyin, then touch the character you want, or touch "
                     "“Handwriting” and write the characters with your finger.")),
            (self.tr("Easier to see and to hear"),
             self.tr("The switches at the top of every screen help: “Large text” makes the "
                     "writing bigger, “High contrast” shows light writing on a dark screen, "
                     "and “Voice guidance” reads each screen aloud. A switch that is on is "
                     "filled in and ticked; touch it again to turn it off. They turn off by "
                     "themselves when you leave.")),
            (self.tr("Where the windows are"),
             self.tr("The service windows are the numbered counters in the hall. When your "
                     "queue number is called, the screens in the hall show it together with "
                     "the number of the window to go to.")),
            (self.tr("Asking a member of staff"),
             self.tr("During opening hours, ask at any window or any member of staff in "
                     "the hall: they are glad to help. Outside opening hours, call the "
                     "community duty phone shown at the entrance.")),
            (self.tr("Your personal details"),
             self.tr("Your ID number and phone number are shown only partly. When you "
                     "leave, or after a short time without a touch, this machine forgets "
                     "everything you entered. Touch Home to start again at any time.")),
        )
        for (head, body), (head_text, body_text) in zip(self.sections, texts, strict=True):
            head.setText(head_text)
            body.setText(body_text)
        self.home_button.setText(self.tr("Back to the start"))
