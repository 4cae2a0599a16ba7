"""When the 24-hour kiosk gives numbers: the hours of a working day and of a
rest day (the calendar says which a day is), the cut-off before closing, and
each queue's daily quota. The platform refuses a number outside them."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from counter.admin.common import ClientSource, ManagerPage
from sync.protocol.center import (
    MAX_CUTOFF_MINUTES,
    MAX_DAILY_QUOTA,
    CenterSetup,
    Hours,
    OpeningRules,
    SetupView,
)
from sync.protocol.queue import QueueCategory


class DayHours(QWidget):
    """Open or closed, and from when until when."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open = QCheckBox(objectName=f"{name}Open")
        self.opens = QTimeEdit(objectName=f"{name}Opens", displayFormat="HH:mm")
        self.closes = QTimeEdit(objectName=f"{name}Closes", displayFormat="HH:mm")
        self.open.toggled.connect(self._enable)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open)
        row.addWidget(self.opens)
        row.addWidget(QLabel("–"))
        row.addWidget(self.closes)
        row.addStretch(1)
        self.set(None)

    def _enable(self, on: bool) -> None:
        self.opens.setEnabled(on)
        self.closes.setEnabled(on)

    def set(self, hours: Hours | None) -> None:
        self.open.setChecked(hours is not None)
        opens, closes = (hours.opens, hours.closes) if hours else ("09:00", "17:00")
        self.opens.setTime(QTime.fromString(opens, "HH:mm"))
        self.closes.setTime(QTime.fromString(closes, "HH:mm"))
        self._enable(hours is not None)

    def hours(self) -> Hours | None:
        if not self.open.isChecked():
            return None
        return Hours(opens=self.opens.time().toString("HH:mm"),
                     closes=self.closes.time().toString("HH:mm"))


class HoursPage(ManagerPage):
    def __init__(self, client: ClientSource, language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setObjectName("managerHours")
        self.language = language
        self.categories: list[QueueCategory] = []
        self.limited = QCheckBox(objectName="hoursLimited")
        self.limited.toggled.connect(self._enable)
        self.rules = QGroupBox(objectName="hoursRules")
        self.working = DayHours("working")
        self.rest = DayHours("rest")
        self.cutoff = QSpinBox(objectName="hoursCutoff", minimum=0, maximum=MAX_CUTOFF_MINUTES,
                               singleStep=5)
        self.labels = [QLabel() for _ in range(3)]
        self.form = QFormLayout(self.rules)
        for label, field in zip(self.labels, (self.working, self.rest, self.cutoff),
                                strict=True):
            self.form.addRow(label, field)
        self.quota_box = QGroupBox(objectName="hoursQuotas")
        self.quota_form = QFormLayout(self.quota_box)
        self.quotas: dict[str, QSpinBox] = {}
        self.save_button = QPushButton(objectName="hoursSave")
        self.save_button.setProperty("role", "action")
        self.save_button.clicked.connect(self.save)
        self.body.addWidget(self.limited)
        row = QHBoxLayout()
        row.addWidget(self.rules, 3)
        row.addWidget(self.quota_box, 2)
        self.body.addLayout(row)
        self.body.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.body.addLayout(buttons)
        self.retranslate()
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.rules.setEnabled(on)
        self.quota_box.setEnabled(on)

    def load(self) -> None:
        self.call(lambda client: client.setup(), self._shown)

    def _shown(self, view: SetupView) -> None:
        self.categories = list(view.categories)
        rules = view.setup.opening
        self.limited.setChecked(rules is not None)
        self._enable(rules is not None)
        shown = rules or OpeningRules()
        self.working.set(shown.working_day)
        self.rest.set(shown.rest_day)
        self.cutoff.setValue(shown.cutoff_minutes)
        while self.quota_form.rowCount():
            self.quota_form.removeRow(0)
        self.quotas = {}
        for category in self.categories:
            spin = QSpinBox(objectName=f"quota_{category.code}", minimum=0,
                            maximum=MAX_DAILY_QUOTA)
            spin.setSpecialValueText(self.tr("no limit"))
            spin.setValue(shown.quotas.get(category.code, 0))
            self.quotas[category.code] = spin
            self.quota_form.addRow(self._category_name(category), spin)

    def _category_name(self, category: QueueCategory) -> str:
        name = category.name_zh if self.language == "zh_CN" else category.name_en
        return f"{category.code} {name}"

    def opening(self) -> OpeningRules | None:
        if not self.limited.isChecked():
            return None
        for day in (self.working, self.rest):
            hours = (day.opens.time(), day.closes.time())
            if day.open.isChecked() and hours[1] <= hours[0]:
                self.tell(self.tr("A day closes after it opens."), error=True)
                raise ValueError("closes before it opens")
        return OpeningRules(
            working_day=self.working.hours(), rest_day=self.rest.hours(),
            cutoff_minutes=self.cutoff.value(),
            quotas={code: spin.value() for code, spin in self.quotas.items() if spin.value()})

    def save(self) -> None:
        try:
            opening = self.opening()
        except ValueError:
            return
        self.call(lambda client: client.put_opening(opening), self._saved)

    def _saved(self, setup: CenterSetup) -> None:
        self.tell(self.tr("Saved. The platform applies it to the next number the kiosk asks for."))
        self._shown(SetupView(setup=setup, categories=self.categories))

    def set_language(self, language: str) -> None:
        self.language = language
        for row, category in enumerate(self.categories):
            label = self.quota_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(self._category_name(category))  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Opening hours and daily quotas of the kiosk"))
        self.limited.setText(self.tr("The kiosk gives numbers only in these hours "
                                     "(unticked: at any time)"))
        self.rules.setTitle(self.tr("Hours"))
        labels = [self.tr("Working day"), self.tr("Rest day or holiday"),
                  self.tr("Last number, minutes before closing")]
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        for day in (self.working, self.rest):
            day.open.setText(self.tr("open"))
        self.cutoff.setSuffix(self.tr(" min"))
        self.quota_box.setTitle(self.tr("Numbers a day, per queue"))
        for spin in self.quotas.values():
            spin.setSpecialValueText(self.tr("no limit"))
        self.save_button.setText(self.tr("Save"))
