"""The manager's pages in one place: notices, staff, windows, hours and
quotas, and the calendar, as tabs; the page shown is read from the platform
each time it is opened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QTabWidget, QVBoxLayout, QWidget

from counter.admin.calendar_page import CalendarPage
from counter.admin.common import ClientSource, ManagerPage
from counter.admin.hours_page import HoursPage
from counter.admin.notices_page import NoticesPage
from counter.admin.staff_page import StaffPage
from counter.admin.windows_page import WindowsPage


class ManagerPages(QFrame):
    def __init__(self, client: ClientSource, zone: ZoneInfo,
                 language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managerPages")
        self._language = language
        self.manager_name = ""
        self.heading = QLabel(objectName="managerHeading")
        self.heading.setProperty("role", "subtitle-strong")
        self.notices = NoticesPage(client, zone)
        self.staff = StaffPage(client)
        self.windows = WindowsPage(client, language())
        self.hours = HoursPage(client, language())
        self.calendar = CalendarPage(client, today=datetime.now(zone).date())  # the center's
        self.tabs = QTabWidget(objectName="managerTabs")
        for page in self.pages:
            self.tabs.addTab(page, "")
        self.extra: list[tuple[QWidget, Callable[[], str]]] = []
        self.tabs.currentChanged.connect(lambda _index: self.load())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    @property
    def pages(self) -> tuple[ManagerPage, ...]:
        return (self.notices, self.staff, self.windows, self.hours, self.calendar)

    def add_page(self, page: QWidget, title: Callable[[], str]) -> None:
        """Another page of the manager's (with `load()` and a `reads` runner)."""
        self.extra.append((page, title))
        self.tabs.addTab(page, title())

    def show_page(self, page: QWidget) -> None:
        if self.tabs.currentWidget() is page:
            self.load()
        else:
            self.tabs.setCurrentWidget(page)

    def load(self) -> None:
        """Read the page shown from the platform."""
        page = self.tabs.currentWidget()
        load = getattr(page, "load", None)
        if callable(load):
            load()

    def set_manager(self, name: str) -> None:
        self.manager_name = name
        for page in self.pages:
            page.message.clear()
        self.retranslate()

    def wait(self) -> None:
        """Tests and shutdown: let every page's platform call finish."""
        for page in self.pages:
            page.runner.wait()
        for extra, _title in self.extra:
            reads = getattr(extra, "reads", None)
            if reads is not None:
                reads.wait()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Center management · %1").replace("%1", self.manager_name))
        names = [self.tr("Notices"), self.tr("Staff"), self.tr("Windows"),
                 self.tr("Hours and quotas"), self.tr("Calendar")]
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
        for extra, title in self.extra:
            self.tabs.setTabText(self.tabs.indexOf(extra), title())
        language = self._language()
        self.windows.set_language(language)
        self.hours.set_language(language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
