"""The center's working-day calendar of a year: the holidays that fall on
weekdays and the weekend days worked instead, as the State Council publishes
them. A year starts from the platform's (seeded from chinesecalendar); the
manager edits it and publishes it, and every terminal of the center counts
deadlines on it from its next refresh."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter.admin.common import ClientSource, ManagerPage
from sync.protocol.center import CalendarYear
from sync.protocol.work_calendar import CalendarDay


class CalendarPage(ManagerPage):
    def __init__(self, client: ClientSource, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setObjectName("managerCalendar")
        today = today or date.today()
        self.days: list[CalendarDay] = []
        self.shown: CalendarYear | None = None
        self.year = QSpinBox(objectName="calendarYear", minimum=2000, maximum=2099)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(lambda _year: self.load())
        self.source = QLabel(objectName="calendarSource", wordWrap=True)
        self.table = QTableWidget(0, 3, objectName="calendarTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.day = QDateEdit(objectName="calendarDay", calendarPopup=True,
                             displayFormat="yyyy-MM-dd")
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox(objectName="calendarKind")
        self.name = QLineEdit(objectName="calendarName", maxLength=100)
        self.add_button = QPushButton(objectName="calendarAdd")
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(objectName="calendarRemove")
        self.remove_button.clicked.connect(self.remove_days)
        self.publish_button = QPushButton(objectName="calendarPublish")
        self.publish_button.setProperty("role", "action")
        self.publish_button.clicked.connect(self.publish)
        self.year_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.source, 1)
        edit = QHBoxLayout()
        for widget in (self.day, self.kind, self.name):
            edit.addWidget(widget)
        edit.addWidget(self.add_button)
        edit.addWidget(self.remove_button)
        edit.addStretch(1)
        edit.addWidget(self.publish_button)
        self.body.addLayout(top)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(edit)
        self.retranslate()

    def load(self) -> None:
        year = self.year.value()
        self.call(lambda client: client.calendar(year), self._shown)

    def _shown(self, calendar: CalendarYear) -> None:
        if calendar.year != self.year.value():
            return  # an answer for a year no longer chosen
        self.shown = calendar
        self.days = sorted(calendar.days, key=lambda entry: entry.day)
        self._fill()

    def _holiday_name(self, name: str) -> str:
        """The names chinesecalendar gives, in the page's language; others as written."""
        known = {"New Year's Day": self.tr("New Year's Day"),
                 "Spring Festival": self.tr("Spring Festival"),
                 "Tomb-sweeping Day": self.tr("Tomb-sweeping Day"),
                 "Labour Day": self.tr("Labour Day"),
                 "Dragon Boat Festival": self.tr("Dragon Boat Festival"),
                 "Mid-autumn Festival": self.tr("Mid-autumn Festival"),
                 "National Day": self.tr("National Day"),
                 "Anti-Fascist 70th Day": self.tr("Victory Day (70th anniversary)")}
        return known.get(name, name)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.days))
        for row, entry in enumerate(self.days):
            kind = self.tr("worked weekend day") if entry.working else self.tr("holiday")
            name = self._holiday_name(entry.name)
            for column, text in enumerate((entry.day.isoformat(), kind, name)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._describe()

    def _describe(self) -> None:
        shown = self.shown
        if shown is None:
            self.source.clear()
        elif not shown.published_by:
            self.source.setText(self.tr("No calendar of this year yet: only weekends are "
                                        "days off until one is published."))
        elif shown.published_by == "chinesecalendar":
            self.source.setText(self.tr("The city's calendar, from chinesecalendar."))
        elif shown.own:
            self.source.setText(self.tr("This center's own calendar, published by %1.")
                                .replace("%1", shown.published_by.removeprefix("manager:")))
        else:
            self.source.setText(self.tr("The city's calendar."))

    def add_day(self) -> None:
        picked = self.day.date()
        day = date(picked.year(), picked.month(), picked.day())
        if day.year != self.year.value():
            self.tell(self.tr("The day is not in %1.").replace("%1", str(self.year.value())),
                      error=True)
            return
        working = self.kind.currentIndex() == 1
        if working == (day.weekday() < 5):
            self.tell(self.tr("A holiday is a weekday and a worked day is a weekend day; "
                              "other days need no entry."), error=True)
            return
        self.days = sorted([entry for entry in self.days if entry.day != day]
                           + [CalendarDay(day=day, working=working,
                                          name=self.name.text().strip()[:100])],
                           key=lambda entry: entry.day)
        self._fill()
        self.tell(self.tr("Not published yet: press Publish when the year is complete."))

    def remove_days(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.days = [entry for row, entry in enumerate(self.days) if row not in rows]
        self._fill()

    def publish(self) -> None:
        year = CalendarYear(year=self.year.value(), days=self.days)
        self.call(lambda client: client.publish_calendar(year), self._published)

    def _published(self, calendar: CalendarYear) -> None:
        self.tell(self.tr("Published. Every terminal of this center counts deadlines "
                          "on it from its next refresh."))
        self._shown(calendar)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Working-day calendar"))
        self.year_label.setText(self.tr("Year"))
        self.table.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Kind"),
                                              self.tr("Name")])
        index = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItems([self.tr("holiday"), self.tr("worked weekend day")])
        self.kind.setCurrentIndex(max(0, index))
        self.name.setPlaceholderText(self.tr("e.g. Spring Festival"))
        self.add_button.setText(self.tr("Add or change"))
        self.remove_button.setText(self.tr("Remove"))
        self.publish_button.setText(self.tr("Publish"))
        if self.shown is not None:
            self._fill()
