"""The counter window: top bar, the sign-in or the queue panel on the left,
the work area on the right, a status line at the bottom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter.queue_panel import QueuePanel
from counter.sign_in import SignInScreen
from terminal.sync_badge import SyncBadge
from terminal.widgets.labels import ElidedLabel

SIGN_OUT_KEY = "F12"
FIGURES_KEY = "F10"
CASES_KEY = "Ctrl+K"
MANAGE_KEY = "Ctrl+M"


class CounterWindow(QWidget):
    signOutRequested = Signal()
    figuresToggled = Signal(bool)
    casesToggled = Signal(bool)
    manageToggled = Signal(bool)

    def __init__(self, badge: SyncBadge, sign_in: SignInScreen, queue_panel: QueuePanel,
                 work_area: QWidget, figures: QWidget) -> None:
        super().__init__()
        self.setObjectName("counterWindow")
        self.setMinimumSize(1280, 720)
        self.badge, self.sign_in, self.queue_panel = badge, sign_in, queue_panel
        self.work_area, self.figures = work_area, figures
        self.center = ElidedLabel()  # gives way in a full bar
        self.center.setObjectName("centerName")
        self.center.setProperty("role", "strong")
        self.window_label = QLabel(objectName="windowNumber")
        self.clerk_label = QLabel(objectName="clerkName")
        self.figures_button = QPushButton(objectName="figuresButton", checkable=True)
        self.figures_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.figures_button.toggled.connect(self.show_figures)
        self.cases_button = QPushButton(objectName="casesButton", checkable=True)
        self.cases_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cases_button.toggled.connect(self.show_cases)
        self.cases_button.hide()
        self.case_desk: QWidget | None = None
        self.manage_button = QPushButton(objectName="manageButton", checkable=True)
        self.manage_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.manage_button.toggled.connect(self.show_manager_pages)
        self.manage_button.hide()
        self.manager_pages: QWidget | None = None
        self.is_manager = False
        self.sign_out_button = QPushButton(objectName="signOutButton")
        self.sign_out_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_out_button.clicked.connect(self.signOutRequested)
        self.status = QLabel(objectName="statusLine")
        self._status_text: str | Callable[[], str] = ""
        self.pages = QStackedWidget()
        self.right = QStackedWidget()
        self.right.addWidget(work_area)
        self.right.addWidget(figures)
        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        queue_panel.setMinimumWidth(520)
        row.addWidget(queue_panel, 2)
        row.addWidget(self.right, 3)
        self.pages.addWidget(sign_in)
        self.pages.addWidget(work)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar())
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        for key, slot in ((SIGN_OUT_KEY, self.signOutRequested.emit),
                          (FIGURES_KEY, self.figures_button.toggle)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        self.window_number = ""
        self.clerk_name = ""
        self.center_name = ""
        self.set_signed_in(None)

    def _top_bar(self) -> QFrame:
        bar = QFrame(objectName="topBar")
        row = self.top_row = QHBoxLayout(bar)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(20)
        row.addWidget(self.center)
        row.addWidget(self.window_label)
        row.addStretch(1)
        row.addWidget(self.clerk_label)
        row.addWidget(self.badge)
        for button in self._bar_buttons():
            row.addWidget(button)
        return bar

    def _bar_buttons(self) -> tuple[QPushButton, ...]:
        return (self.manage_button, self.cases_button, self.figures_button,
                self.sign_out_button)

    def add_alerts(self, bar: QWidget) -> None:
        """A bar between the top bar and the work (the help alerts)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, bar)

    def set_identity(self, center_name: str, window: str) -> None:
        self.center_name, self.window_number = center_name, window
        self._retranslate()

    def set_signed_in(self, clerk_name: str | None, *, manager: bool = False) -> None:
        """Who is signed in (None: nobody); `manager`: a manager of the center with
        a session, who may open the manager's pages."""
        self.clerk_name = clerk_name or ""
        signed_in = clerk_name is not None
        self.is_manager = signed_in and manager
        self.manage_button.setVisible(self.is_manager and self.manager_pages is not None)
        crowded = self.manage_button.isVisibleTo(self)  # one button more in the bar
        self.top_row.setSpacing(6 if crowded else 20)
        self.top_row.setContentsMargins(8 if crowded else 16, 6, 8 if crowded else 16, 6)
        if not self.is_manager:
            self.manage_button.setChecked(False)
        self.pages.setCurrentIndex(
            0 if not signed_in else 2 if self.manage_button.isChecked() else 1)
        self.sign_out_button.setVisible(signed_in)
        self.figures_button.setVisible(signed_in)
        self.cases_button.setVisible(signed_in and self.case_desk is not None)
        if not signed_in:
            self.figures_button.setChecked(False)
            self.cases_button.setChecked(False)
        self._retranslate()

    def show_figures(self, on: bool) -> None:
        if self.figures_button.isChecked() != on:
            self.figures_button.setChecked(on)
            return
        if on:
            self.cases_button.setChecked(False)
        self.right.setCurrentWidget(self.figures if on else self._work_page())
        self.figuresToggled.emit(on)

    def set_case_desk(self, desk: QWidget) -> None:
        """Add the case desk as a page of the work area, shown by its button (Ctrl+K)."""
        self.case_desk = desk
        self.right.addWidget(desk)
        shortcut = QShortcut(QKeySequence(CASES_KEY), self)
        shortcut.activated.connect(
            lambda: self.cases_button.toggle() if self.cases_button.isVisible() else None)
        self.set_signed_in(self.clerk_name or None, manager=self.is_manager)

    def set_manager_pages(self, pages: QWidget) -> None:
        """Add the manager's pages (the whole window below the top bar, Ctrl+M)."""
        self.manager_pages = pages
        self.pages.addWidget(pages)
        shortcut = QShortcut(QKeySequence(MANAGE_KEY), self)
        shortcut.activated.connect(
            lambda: self.manage_button.toggle() if self.manage_button.isVisible() else None)
        self.set_signed_in(self.clerk_name or None, manager=self.is_manager)

    def show_manager_pages(self, on: bool) -> None:
        if self.manager_pages is None:
            return
        if on and not self.is_manager:
            self.manage_button.setChecked(False)
            return
        if self.clerk_name:
            self.pages.setCurrentIndex(2 if on else 1)
        self.manageToggled.emit(on)

    def show_cases(self, on: bool) -> None:
        if self.case_desk is None:
            return
        if self.cases_button.isChecked() != on:
            self.cases_button.setChecked(on)
            return
        if on:
            self.figures_button.setChecked(False)
        self.right.setCurrentWidget(self._work_page())
        self.casesToggled.emit(on)

    def _work_page(self) -> QWidget:
        if self.case_desk is not None and self.cases_button.isChecked():
            return self.case_desk
        return self.work_area

    def set_work_area(self, widget: QWidget) -> None:
        """Swap in the acceptance workbench (or any widget) as the work area."""
        index = self.right.indexOf(self.work_area)
        self.right.removeWidget(self.work_area)
        self.work_area.deleteLater()
        self.work_area = widget
        self.right.insertWidget(index, widget)
        if not self.figures_button.isChecked():
            self.right.setCurrentWidget(self._work_page())

    def show_status(self, text: str | Callable[[], str]) -> None:
        """A line for the clerk; a callable is asked again when the language changes."""
        self._status_text = text
        self.status.setText(text() if callable(text) else text)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Window terminal"))
        if callable(self._status_text):
            self.status.setText(self._status_text())
        self.center.set_whole_text(self.center_name)
        self.window_label.setText(self.tr("Window %1").replace("%1", self.window_number))
        self.clerk_label.setText(self.tr("Clerk: %1").replace("%1", self.clerk_name)
                                 if self.clerk_name else "")
        self.figures_button.setText(self.tr("Figures (%1)").replace("%1", FIGURES_KEY))
        self.cases_button.setText(self.tr("Cases (%1)").replace("%1", CASES_KEY))
        self.manage_button.setText(self.tr("Manage (%1)").replace("%1", MANAGE_KEY))
        self.sign_out_button.setText(self.tr("Sign out (%1)").replace("%1", SIGN_OUT_KEY))
        for button in self._bar_buttons():  # never cut: the center's name gives way instead
            button.setMinimumWidth(button.sizeHint().width())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class WorkAreaPlaceholder(QFrame):
    """Stands where the acceptance workbench goes when it is not installed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workArea")
        self.ticket = ""
        self.label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True,
                            objectName="workAreaText")
        self.label.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self._retranslate()

    def set_ticket(self, number: str | None) -> None:
        self.ticket = number or ""
        self._retranslate()

    def _retranslate(self) -> None:
        text = self.tr("Acceptance workbench: not installed on this terminal.")
        if self.ticket:
            text += "\n" + self.tr("Current ticket: %1").replace("%1", self.ticket)
        self.label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
