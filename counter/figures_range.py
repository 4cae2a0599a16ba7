"""The center's figures over a chosen range of days, for the center manager
signed in on this counter: served, no-shows, waiting and service times and the
rating distribution per window and per clerk, a chart of each, and a CSV
export (the same rows as the platform's `/v1/figures.csv`).

`RangeFiguresPage(manager, exports_dir, today)`: `manager()` is the manager's
`RatingsClient` or None (the page then says only the manager sees it);
`today()` is the center's date. Calls run off the GUI thread.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QMargins, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import set_state
from counter.admin.common import busy_text, problem_of, slow_text
from counter.figures import chart_view, minutes
from counter.runner import Runner
from sync.protocol.ratings import LEVELS, FigureLine, RangeFigures, csv_rows
from sync.ratings_client import RatingsClient

#: The range shown first: the last week, today included.
FIRST_DAYS = 7
MAX_DAYS = 366
COLUMNS = 9


def write_csv(figures: RangeFigures, folder: Path) -> Path:
    """figures-<center>-<start>-<end>.csv in `folder` (created), UTF-8 with a BOM
    so that Excel reads it; the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (f"figures-{figures.center}-{figures.start.isoformat()}-"
                     f"{figures.end.isoformat()}.csv")
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(csv_rows(figures))
    return path


class RangeFiguresPage(QWidget):
    def __init__(self, manager: Callable[[], RatingsClient | None], exports_dir: Path,
                 today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rangeFigures")
        self._manager = manager
        self._today = today
        self.exports_dir = exports_dir
        self.reads = Runner(self)
        self.figures: RangeFigures | None = None
        self.problem = ""
        self.last_export: Path | None = None

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.start_label, self.end_label = QLabel(), QLabel()
        self.start = QDateEdit(objectName="figuresStart", calendarPopup=True)
        self.end = QDateEdit(objectName="figuresEnd", calendarPopup=True)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd")
        last = today()
        self.end.setDate(QDate(last.year, last.month, last.day))
        first = last - timedelta(days=FIRST_DAYS - 1)
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.show_button = QPushButton(objectName="figuresShow")
        self.show_button.setProperty("role", "action")
        self.show_button.clicked.connect(self.load)
        self.export_button = QPushButton(objectName="figuresExport")
        self.export_button.clicked.connect(self.export)
        self.message = QLabel(objectName="figuresMessage", wordWrap=True)
        self.table = QTableWidget(0, COLUMNS, objectName="figuresTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.served_chart = chart_view("servedChart", 180)
        self.rating_chart = chart_view("ratingChart", 180)

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for widget in (self.start_label, self.start, self.end_label, self.end,
                       self.show_button, self.export_button):
            bar.addWidget(widget)
        charts = QHBoxLayout()
        charts.addWidget(self.served_chart, 1)
        charts.addWidget(self.rating_chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 3)
        layout.addLayout(charts, 2)
        self._retranslate()

    # ------------------------------------------------------------ data
    def range(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def load(self) -> None:
        """Ask the platform for the figures of the chosen range (off the GUI thread)."""
        first, last = self.range()
        if first > last or (last - first).days >= MAX_DAYS:
            self.problem = "range"
            self._retranslate()
            return
        client = self._manager()
        if client is None:
            self.problem = "manager"
            self._retranslate()
            return
        self.show_button.setEnabled(False)
        self.reads.run(lambda: client.figures(first, last), self._loaded, self._failed)

    def _loaded(self, figures: RangeFigures) -> None:
        self.figures, self.problem = figures, ""
        self.show_button.setEnabled(True)
        self._retranslate()

    def _failed(self, error: Exception) -> None:
        self.show_button.setEnabled(True)
        self.problem = problem_of(error)
        self._retranslate()

    def export(self) -> Path | None:
        if self.figures is None:
            return None
        try:
            self.last_export = write_csv(self.figures, self.exports_dir)
        except OSError as error:
            self.problem, self.last_export = "disk:" + str(error), None
            self._retranslate()
            return None
        self.problem = "saved"
        self._retranslate()
        return self.last_export

    # ------------------------------------------------------------ drawing
    def _rows(self) -> list[tuple[str, FigureLine]]:
        figures = self.figures
        if figures is None:
            return []
        return ([(self.tr("Center"), figures.total)]
                + [(self.tr("Window %1").replace("%1", line.key or ""), line)
                   for line in figures.windows]
                + [(self.tr("Clerk %1").replace("%1", line.key or ""), line)
                   for line in figures.clerks])

    def _fill(self) -> None:
        rows = self._rows()
        self.table.setRowCount(len(rows))
        for row, (name, line) in enumerate(rows):
            average = line.average_rating
            values = [name, str(line.served), str(line.no_shows),
                      minutes(line.average_wait_seconds), minutes(line.longest_wait_seconds),
                      minutes(line.average_service_seconds), str(sum(line.ratings)),
                      "–" if average is None else f"{average:.2f}",
                      " / ".join(str(count) for count in line.ratings)]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)

    def _fonts(self) -> tuple[QFont, QFont]:
        small, heading = QFont(self.font()), QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.75)
        heading.setPointSizeF(self.font().pointSizeF() * 0.85)
        heading.setBold(True)
        return small, heading

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        small, heading = self._fonts()
        chart.setTitle(title)
        chart.setTitleFont(heading)
        chart.legend().setFont(small)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        return chart

    def _axes(self, chart: QChart, series: QBarSeries | QHorizontalStackedBarSeries,
              categories: list[str], top: int, horizontal: bool) -> None:
        small, _ = self._fonts()
        names = QBarCategoryAxis()
        names.append(categories or ["–"])
        names.setLabelsFont(small)
        values = QValueAxis()
        values.setRange(0, max(top, 1))
        values.setTickCount(min(max(top, 1), 5) + 1)
        values.setLabelFormat("%d")
        values.setLabelsFont(small)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal
                      else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal
                      else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)

    def _draw(self) -> None:
        figures = self.figures
        clerks = figures.clerks if figures else []
        served = self._chart(self.tr("Served per clerk"))
        series = QBarSeries()
        for name, values in ((self.tr("Served"), [line.served for line in clerks]),
                             (self.tr("No-shows"), [line.no_shows for line in clerks])):
            bars = QBarSet(name)
            bars.append([float(value) for value in values])
            series.append(bars)
        served.addSeries(series)
        top = max([line.served for line in clerks] + [line.no_shows for line in clerks] + [1])
        self._axes(served, series, [line.key or "" for line in clerks], top, False)
        self.served_chart.setChart(served)

        lines = [(self.tr("Window %1").replace("%1", line.key or ""), line)
                 for line in (figures.windows if figures else [])]
        ratings = self._chart(self.tr("Ratings per window (1 very poor … 5 very good)"))
        stacked = QHorizontalStackedBarSeries()
        for index, level in enumerate(LEVELS):
            bars = QBarSet(str(level))
            bars.setObjectName(f"level{level}")
            bars.append([float(line.ratings[index]) for _, line in lines])
            stacked.append(bars)
        ratings.addSeries(stacked)
        top = max([sum(line.ratings) for _, line in lines] + [1])
        self._axes(ratings, stacked, [name for name, _ in lines], top, True)
        self.rating_chart.setChart(ratings)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Figures of the center"))
        self.start_label.setText(self.tr("From"))
        self.end_label.setText(self.tr("to"))
        self.show_button.setText(self.tr("Show"))
        self.export_button.setText(self.tr("Export CSV"))
        self.export_button.setEnabled(self.figures is not None)
        self.table.setHorizontalHeaderLabels([
            "", self.tr("Served"), self.tr("No-shows"), self.tr("Avg wait (min)"),
            self.tr("Longest wait (min)"), self.tr("Avg service (min)"), self.tr("Ratings"),
            self.tr("Avg rating"), self.tr("Ratings 1/2/3/4/5")])
        problem = self.problem
        texts = {
            "manager": self.tr("Only the center manager signed in on this counter sees the "
                               "center's figures."),
            "offline": self.tr("The platform cannot be reached; try again later."),
            "busy": busy_text(),
            "slow": slow_text(),
            "refused": self.tr("The platform refused the request; see the log."),
            "range": self.tr("Choose a start on or before the end, at most a year apart."),
            "saved": self.tr("Saved: %1").replace("%1", str(self.last_export)),
        }
        if problem.startswith("disk:"):
            text = self.tr("Could not write the file: %1").replace("%1", problem[5:])
        elif problem:
            text = texts[problem]
        elif self.figures is not None:
            text = self.tr("%1 to %2; exports go to %3").replace(
                "%1", self.figures.start.isoformat()).replace(
                "%2", self.figures.end.isoformat()).replace("%3", str(self.exports_dir))
        else:
            text = self.tr("Choose the days and press Show.")
        self.message.setText(text)
        set_state(self.message, "attention" if problem and problem != "saved" else "")
        self._fill()
        self._draw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.FontChange:  # large text, a theme: the charts too
            self._draw()
        super().changeEvent(event)
