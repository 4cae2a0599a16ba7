"""The center's notices: write one in Chinese and English, schedule when it
shows (from, until or no end), change it, expire it. They show on this
center's kiosk ticker and hall display only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter.admin.common import ClientSource, ManagerPage
from sync.protocol.center import CenterNotice, CenterNotices, NoticeDraft

FORMAT = "yyyy-MM-dd HH:mm"


def state_of(notice: CenterNotice, now: datetime) -> str:
    """"expired", "ended", "scheduled" or "showing"."""
    draft = notice.draft
    if notice.expired:
        return "expired"
    if draft.ends_at is not None and draft.ends_at <= now:
        return "ended"
    return "scheduled" if draft.starts_at > now else "showing"


class NoticesPage(ManagerPage):
    def __init__(self, client: ClientSource, zone: ZoneInfo,
                 clock: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setObjectName("managerNotices")
        self.zone = zone
        self._clock = clock or (lambda: datetime.now(zone))
        self.notices: list[CenterNotice] = []
        self.editing: str | None = None  # the id of the notice in the form
        self.table = QTableWidget(0, 4, objectName="noticeTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.title_zh = QLineEdit(objectName="noticeTitleZh", maxLength=100)
        self.title_en = QLineEdit(objectName="noticeTitleEn", maxLength=100)
        self.body_zh = QPlainTextEdit(objectName="noticeBodyZh")
        self.body_en = QPlainTextEdit(objectName="noticeBodyEn")
        for body in (self.body_zh, self.body_en):
            body.setMaximumHeight(90)
        self.starts = QDateTimeEdit(objectName="noticeStarts", calendarPopup=True)
        self.ends = QDateTimeEdit(objectName="noticeEnds", calendarPopup=True)
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat(FORMAT)
        self.no_end = QCheckBox(objectName="noticeNoEnd")
        self.no_end.toggled.connect(lambda on: self.ends.setEnabled(not on))
        self.new_button = QPushButton(objectName="noticeNew")
        self.new_button.clicked.connect(self.new)
        self.save_button = QPushButton(objectName="noticeSave")
        self.save_button.setProperty("role", "action")
        self.save_button.clicked.connect(self.save)
        self.expire_button = QPushButton(objectName="noticeExpire")
        self.expire_button.clicked.connect(self.expire)
        self.labels = [QLabel() for _ in range(5)]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.title_zh, self.title_en, self.body_zh,
                                              self.body_en), strict=False):
            self.form.addRow(label, field)
        when = QHBoxLayout()
        when.addWidget(self.starts)
        when.addWidget(QLabel("–"))
        when.addWidget(self.ends)
        when.addWidget(self.no_end)
        when.addStretch(1)
        self.form.addRow(self.labels[4], when)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.expire_button)
        buttons.addWidget(self.save_button)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        editor = QWidget()
        column = QFormLayout(editor)
        column.addRow(self.form)
        column.addRow(buttons)
        row.addWidget(editor, 1)
        self.body.addLayout(row)
        self.new()
        self.retranslate()

    # ------------------------------------------------------------ the list
    def load(self) -> None:
        self.call(lambda client: client.notices(), self._listed)

    def _listed(self, listed: CenterNotices) -> None:
        self.notices = list(listed.notices)
        now = self._clock()
        self.table.setRowCount(len(self.notices))
        for row, notice in enumerate(self.notices):
            draft = notice.draft
            cells = [f"{draft.title_zh} / {draft.title_en}",
                     self._at(draft.starts_at),
                     self._at(draft.ends_at) if draft.ends_at else self.tr("no end"),
                     self._state_text(state_of(notice, now))]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if self.editing is not None:
            self._show_form(self.editing)

    def _at(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def _state_text(self, state: str) -> str:
        return {"expired": self.tr("expired"), "ended": self.tr("ended"),
                "scheduled": self.tr("scheduled"), "showing": self.tr("showing")}[state]

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show_form(self.notices[rows[0].row()].id)

    def select(self, notice_id: str) -> None:
        for row, notice in enumerate(self.notices):
            if notice.id == notice_id:
                self.table.selectRow(row)
                return

    def _show_form(self, notice_id: str) -> None:
        notice = next((n for n in self.notices if n.id == notice_id), None)
        if notice is None:
            self.new()
            return
        self.editing = notice.id
        draft = notice.draft
        self.title_zh.setText(draft.title_zh)
        self.title_en.setText(draft.title_en)
        self.body_zh.setPlainText(draft.body_zh)
        self.body_en.setPlainText(draft.body_en)
        self.starts.setDateTime(self._qt(draft.starts_at))
        self.no_end.setChecked(draft.ends_at is None)
        self.ends.setDateTime(self._qt(draft.ends_at or draft.starts_at + timedelta(days=7)))
        for widget in (self.save_button, self.expire_button):
            widget.setEnabled(not notice.expired)

    # ------------------------------------------------------------ the form
    def new(self) -> None:
        """An empty form for a new notice, showing from now for a week."""
        self.editing = None
        self.table.clearSelection()
        for field in (self.title_zh, self.title_en):
            field.clear()
        for body in (self.body_zh, self.body_en):
            body.clear()
        now = self._clock().replace(second=0, microsecond=0)
        self.starts.setDateTime(self._qt(now))
        self.ends.setDateTime(self._qt(now + timedelta(days=7)))
        self.no_end.setChecked(False)
        self.save_button.setEnabled(True)
        self.expire_button.setEnabled(False)

    def _qt(self, moment: datetime) -> QDateTime:
        local = moment.astimezone(self.zone)
        return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)

    def _aware(self, edit: QDateTimeEdit) -> datetime:
        value = edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                        tzinfo=self.zone)

    def draft(self) -> NoticeDraft | None:
        """The form as a notice, or None (and a message) when it is not complete."""
        if not self.title_zh.text().strip() or not self.title_en.text().strip():
            self.tell(self.tr("Write the title in both Chinese and English."), error=True)
            return None
        starts = self._aware(self.starts)
        ends = None if self.no_end.isChecked() else self._aware(self.ends)
        if ends is not None and ends <= starts:
            self.tell(self.tr("The notice must end after it starts."), error=True)
            return None
        return NoticeDraft(title_zh=self.title_zh.text().strip(),
                           title_en=self.title_en.text().strip(),
                           body_zh=self.body_zh.toPlainText().strip()[:2000],
                           body_en=self.body_en.toPlainText().strip()[:2000],
                           starts_at=starts, ends_at=ends)

    def save(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        editing = self.editing
        if editing is None:
            self.call(lambda client: client.write_notice(draft), self._saved)
        else:
            self.call(lambda client: client.change_notice(editing, draft), self._saved)

    def _saved(self, notice: CenterNotice) -> None:
        self.editing = notice.id
        self.tell(self.tr("Saved. It shows on this center's kiosks and hall display "
                          "from %1.").replace("%1", self._at(notice.draft.starts_at)))
        self.load()

    def expire(self) -> None:
        editing = self.editing
        if editing is not None:
            self.call(lambda client: client.expire_notice(editing), self._expired)

    def _expired(self, notice: CenterNotice) -> None:
        self.tell(self.tr("The notice was withdrawn from the kiosks and the hall display."))
        self.editing = notice.id
        self.load()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Notices of this center"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("From"), self.tr("Until"), self.tr("State")])
        labels = [self.tr("Title (Chinese)"), self.tr("Title (English)"),
                  self.tr("Text (Chinese)"), self.tr("Text (English)"), self.tr("Shown")]
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.no_end.setText(self.tr("No end"))
        self.new_button.setText(self.tr("New notice"))
        self.save_button.setText(self.tr("Save"))
        self.expire_button.setText(self.tr("Expire now"))
        if self.notices:
            self._listed(CenterNotices(notices=self.notices))
