"""The day's figures: served, waits and handling for this window and the
center, outcomes by matter, ratings; bar charts and a CSV export.

`load_figures` (blocking: run it off the GUI thread) asks the platform for
`queue_stats` and falls back to this terminal's own `served` records when it
cannot be reached; outcomes and ratings always come from local records.
`FiguresView` shows a `DayFigures` and writes it to CSV in an exports folder.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.local_records import LocalRecords, today_records

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sync.protocol.queue import WindowStats

OUTCOMES = ("accepted", "on_the_spot", "missing_materials", "not_accepted")


def chart_view(name: str, minimum_height: int) -> QChartView:
    """An antialiased chart view (the day's figures and the manager's range figures)."""
    view = QChartView(objectName=name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(minimum_height)
    return view


@dataclass(frozen=True)
class Line:
    """Figures of one window, or of the whole center."""

    served: int = 0
    no_shows: int = 0
    average_wait: float | None = None  # seconds
    longest_wait: float | None = None
    average_handling: float | None = None


@dataclass
class DayFigures:
    day: date
    window: str
    this_window: Line
    center: Line | None  # None offline: only this window's records are known
    source: str  # "platform" or "local"
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)  # matter -> outcome -> n
    ratings: Counter[int] = field(default_factory=Counter)  # level -> n

    @property
    def average_rating(self) -> float | None:
        total = sum(self.ratings.values())
        return sum(k * n for k, n in self.ratings.items()) / total if total else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def line_from_stats(stats: WindowStats) -> Line:
    return Line(stats.served, stats.no_shows, stats.average_wait_seconds,
                stats.longest_wait_seconds, stats.average_handling_seconds)


def line_from_served(served: list[dict[str, Any]]) -> Line:
    waits, handling = [], []
    done = no_shows = 0
    for record in served:
        called = datetime.fromisoformat(record["called_at"])
        if record.get("issued_at"):
            waits.append(max(0.0, (called - datetime.fromisoformat(record["issued_at"]))
                             .total_seconds()))
        if record.get("outcome") == "no_show":
            no_shows += 1
            continue
        done += 1
        handling.append(max(0.0, (datetime.fromisoformat(record["ended_at"]) - called)
                            .total_seconds()))
    return Line(done, no_shows, _mean(waits), round(max(waits), 1) if waits else None,
                _mean(handling))


def figures_from(records: LocalRecords, window: str, day: date, stats: Any = None) -> DayFigures:
    """`stats` is the platform's QueueStats, or None to use local records."""
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for acceptance in records.acceptances:
        outcomes[acceptance["matter_code"]][acceptance["outcome"]] += 1
    ratings = Counter(int(r["level"]) for r in records.ratings)
    if stats is not None:
        mine = next((w for w in stats.windows if w.window == window), None)
        return DayFigures(day, window, line_from_stats(mine) if mine else Line(),
                          line_from_stats(stats.total), "platform", dict(outcomes), ratings)
    served = [r for r in records.served if r.get("window") == window]
    return DayFigures(day, window, line_from_served(served), None, "local", dict(outcomes),
                      ratings)


def load_figures(client: Any, database: Any, window: str, zone: ZoneInfo) -> DayFigures:
    """Blocking: platform figures when reachable, else local ones (the center's
    day in `zone`)."""
    from sync.client import PlatformError

    records = today_records(database, zone)
    day = datetime.now(zone).date()
    stats = None
    if client is not None:
        try:
            stats = client.queue_stats()
            day = stats.day
        except PlatformError:
            stats = None
    return figures_from(records, window, day, stats)


def write_csv(figures: DayFigures, folder: Path) -> Path:
    """figures-<day>-window-<n>.csv in `folder` (created); the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"figures-{figures.day.isoformat()}-window-{figures.window}.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel reads UTF-8
        out = csv.writer(handle)
        out.writerow(["section", "key", "served", "no_shows", "average_wait_s",
                      "longest_wait_s", "average_handling_s"])
        lines = [("window", figures.window, figures.this_window)]
        if figures.center is not None:
            lines.append(("center", "all", figures.center))
        for section, key, line in lines:
            out.writerow([section, key, line.served, line.no_shows, _cell(line.average_wait),
                          _cell(line.longest_wait), _cell(line.average_handling)])
        out.writerow([])
        out.writerow(["matter", *OUTCOMES])
        for matter, counts in sorted(figures.outcomes.items()):
            out.writerow([matter, *(counts.get(outcome, 0) for outcome in OUTCOMES)])
        out.writerow([])
        out.writerow(["rating", "count"])
        for level in range(1, 6):
            out.writerow([level, figures.ratings.get(level, 0)])
        out.writerow(["source", figures.source])
    return path


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def minutes(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds / 60:.1f}"


class FiguresView(QWidget):
    """Figures table, two bar charts, and the CSV export."""

    refreshRequested = Signal()

    def __init__(self, exports_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figures")
        self.exports_dir = exports_dir
        self.figures: DayFigures | None = None
        self.last_export: Path | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "subtitle-strong")
        self.source = QLabel(wordWrap=True)
        self.source.setProperty("role", "hint")
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(24)
        self.cells: dict[tuple[int, int], QLabel] = {}
        for row in range(3):
            for column in range(6):
                cell = QLabel(alignment=Qt.AlignmentFlag.AlignRight
                              if column else Qt.AlignmentFlag.AlignLeft)
                cell.setWordWrap(row == 0)  # headers may take two lines
                self.cells[row, column] = cell
                self.table.addWidget(cell, row, column)
        self.outcome_chart = chart_view("outcomeChart", 160)
        self.rating_chart = chart_view("ratingChart", 160)
        self.export_button = QPushButton(objectName="exportButton")
        self.export_button.clicked.connect(self.export)
        self.refresh_button = QPushButton(objectName="refreshFigures")
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.export_path = QLabel(wordWrap=True, objectName="exportPath")
        self.export_path.setProperty("role", "hint")
        self.export_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        charts = QHBoxLayout()
        charts.addWidget(self.outcome_chart, 3)
        charts.addWidget(self.rating_chart, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.export_path, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.source)
        layout.addLayout(self.table)
        layout.addLayout(charts, 1)
        layout.addLayout(buttons)
        self._retranslate()

    def show_figures(self, figures: DayFigures) -> None:
        self.figures = figures
        self._retranslate()

    def export(self) -> Path | None:
        if self.figures is None:
            return None
        try:
            self.last_export = write_csv(self.figures, self.exports_dir)
        except OSError as error:
            self.export_path.setText(self.tr("Could not write the file: %1")
                                     .replace("%1", str(error)))
            return None
        self.export_path.setText(self.tr("Saved: %1").replace("%1", str(self.last_export)))
        return self.last_export

    # ------------------------------------------------------------ drawing
    def _retranslate(self) -> None:
        self.export_button.setText(self.tr("Export CSV"))
        self.refresh_button.setText(self.tr("Refresh"))
        if self.last_export is None:
            self.export_path.setText(self.tr("Exports go to %1").replace(
                "%1", str(self.exports_dir)))
        figures = self.figures
        self.heading.setText(self.tr("Figures of %1").replace(
            "%1", figures.day.isoformat() if figures else "…"))
        if figures is None:
            self.source.setText(self.tr("Loading…"))
        elif figures.source == "platform":
            self.source.setText(self.tr("From the platform; outcomes and ratings from this "
                                        "terminal's records."))
        else:
            self.source.setText(self.tr("Offline: from this window's own records only."))
        headers = ["", self.tr("Served"), self.tr("No-shows"), self.tr("Avg wait (min)"),
                   self.tr("Longest wait (min)"), self.tr("Avg handling (min)")]
        for column, text in enumerate(headers):
            self.cells[0, column].setText(text)
        rows = [(self.tr("This window"), figures.this_window if figures else None),
                (self.tr("Center"), figures.center if figures else None)]
        for row, (name, line) in enumerate(rows, start=1):
            values = ([str(line.served), str(line.no_shows), minutes(line.average_wait),
                       minutes(line.longest_wait), minutes(line.average_handling)]
                      if line else ["–"] * 5)
            self.cells[row, 0].setText(name)
            for column, value in enumerate(values, start=1):
                self.cells[row, column].setText(value)
        self._draw_outcomes()
        self._draw_ratings()

    def _bar_chart(self, title: str, categories: list[str],
                   sets: list[tuple[str, list[int]]]) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        small, heading = QFont(self.font()), QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.75)
        heading.setPointSizeF(self.font().pointSizeF() * 0.85)
        heading.setBold(True)
        chart.setTitleFont(heading)
        chart.legend().setFont(small)
        chart.setMargins(QMargins(4, 4, 4, 4))
        series = QBarSeries()
        for name, values in sets:
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            series.append(bar_set)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.setLabelsFont(small)
        x_axis.append(categories or ["–"])
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x_axis)
        y_axis = QValueAxis()
        top = max([v for _, values in sets for v in values] + [1])
        y_axis.setRange(0, top)
        y_axis.setTickCount(min(top, 5) + 1)
        y_axis.setLabelFormat("%d")
        y_axis.setLabelsFont(small)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y_axis)
        chart.legend().setVisible(len(sets) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def _draw_outcomes(self) -> None:
        outcomes = self.figures.outcomes if self.figures else {}
        matters = sorted(outcomes)[:8]
        names = {"accepted": self.tr("Accepted"), "on_the_spot": self.tr("On the spot"),
                 "missing_materials": self.tr("Missing materials"),
                 "not_accepted": self.tr("Not accepted")}
        sets = [(names[o], [outcomes[m].get(o, 0) for m in matters]) for o in OUTCOMES]
        self.outcome_chart.setChart(self._bar_chart(self.tr("Outcomes by matter"), matters,
                                                    sets))

    def _draw_ratings(self) -> None:
        ratings = self.figures.ratings if self.figures else Counter()
        average = self.figures.average_rating if self.figures else None
        title = self.tr("Ratings") + (f" · {average:.1f}" if average is not None else "")
        self.rating_chart.setChart(self._bar_chart(
            title, ["1", "2", "3", "4", "5"],
            [(self.tr("Ratings"), [ratings.get(level, 0) for level in range(1, 6)])]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
