"""Community notices from the local cache (so they show offline too):
a list of big rows, newest first, and one notice in full.

args: {"id": notice id} opens that notice directly; {} shows the list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from terminal.center_time import in_center
from terminal.widgets.labels import role_label, touch_scroll_area


def notice_date(when: datetime, language: str, zone: ZoneInfo) -> str:
    """The center's calendar date of `when`, written out in `language`."""
    return QLocale(language).toString(in_center(when, zone).date(),
                                      QLocale.FormatType.LongFormat)


class NoticeRow(QPushButton):
    """One notice in the list: its title and date, the whole row tappable."""

    def __init__(self, notice_id: str, title: str, date: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice_id = notice_id
        self.setProperty("role", "row")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.title_label = role_label("row-title")
        self.title_label.setText(title)
        self.date_label = role_label("row-hint")
        self.date_label.setText(date)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 16)
        layout.addWidget(self.title_label)
        layout.addWidget(self.date_label)
        for label in (self.title_label, self.date_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(title)


class NoticesScreen(KioskScreen):
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticesScreen")
        self.context = context
        self.rows: list[NoticeRow] = []
        self.current_id = ""

        self.heading = role_label("title")
        self.empty_label = role_label("subtitle", name="noticesEmpty")
        self.list_content = QWidget()
        self.list_layout = QVBoxLayout(self.list_content)
        self.list_layout.setContentsMargins(0, 0, 16, 0)
        self.list_layout.setSpacing(16)
        list_page = QWidget()
        list_column = QVBoxLayout(list_page)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.empty_label)
        list_column.addWidget(touch_scroll_area(self.list_content, "noticeList"), 1)

        self.detail_title = role_label("title", name="noticeTitle")
        self.detail_date = role_label("subtitle", name="noticeDate")
        self.detail_body = role_label("body", name="noticeBody")
        self.detail_body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        body_box = QWidget()
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 16, 0)
        body_layout.addWidget(self.detail_body)
        body_layout.addStretch(1)
        self.all_button = QPushButton()
        self.all_button.setProperty("role", "secondary")
        self.all_button.clicked.connect(self.show_list)
        detail_page = QWidget()
        detail_column = QVBoxLayout(detail_page)
        detail_column.setContentsMargins(0, 0, 0, 0)
        detail_column.setSpacing(16)
        detail_column.addWidget(self.detail_title)
        detail_column.addWidget(self.detail_date)
        detail_column.addWidget(touch_scroll_area(body_box, "noticeBodyArea"), 1)
        detail_column.addWidget(self.all_button)

        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self.promptChanged)
        self.pages.addWidget(list_page)
        self.pages.addWidget(detail_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    # ---- data ------------------------------------------------------------------
    def notices(self) -> list[Any]:
        """The cached notices, newest first (empty before phase two or a first sync)."""
        if self.context.shell is None:
            return []
        from sync.caches import NOTICES
        from sync.protocol.models import NoticeList

        cached = self.context.cached(NOTICES, NoticeList)
        if cached is None:
            return []
        now = self.context.clock()
        return sorted((n for n in cached.value.notices if n.showing(now)),
                      key=lambda n: n.published_at, reverse=True)

    # ---- navigation ---------------------------------------------------------------
    def enter(self, args: dict[str, Any]) -> None:
        self._fill_list()
        wanted = str(args.get("id", "")) if args else ""
        if wanted and self.show_notice(wanted):
            return
        if not args and self.current_id and self.pages.currentIndex() == 1:
            self.show_notice(self.current_id)  # back navigation: stay where they were
            return
        self.show_list()

    def reset(self) -> None:
        self.current_id = ""
        self.pages.setCurrentIndex(0)

    def show_list(self) -> None:
        self.current_id = ""
        self.pages.setCurrentIndex(0)

    def show_notice(self, notice_id: str) -> bool:
        language = self.context.language
        for notice in self.notices():
            if notice.id == notice_id:
                self.current_id = notice_id
                self.detail_title.setText(self.context.localized(notice.title_zh,
                                                                 notice.title_en))
                self.detail_date.setText(notice_date(notice.published_at, language,
                                                     self.context.zone))
                self.detail_body.setText(self.context.localized(notice.body_zh, notice.body_en))
                self.pages.setCurrentIndex(1)
                return True
        return False

    def _fill_list(self) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows.clear()
        while self.list_layout.count():  # the old trailing stretch
            self.list_layout.takeAt(0)
        language = self.context.language
        for notice in self.notices():
            row = NoticeRow(notice.id, self.context.localized(notice.title_zh, notice.title_en),
                            notice_date(notice.published_at, language, self.context.zone))
            row.clicked.connect(lambda _=False, i=notice.id: self.show_notice(i))
            self.list_layout.addWidget(row)
            self.rows.append(row)
        self.list_layout.addStretch(1)
        self.empty_label.setVisible(not self.rows)

    # ---- text ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title = self.tr("Community notices")
        self.heading.setText(self.tr("Community notices"))
        self.empty_label.setText(self.tr(
            "There are no notices at the moment. Notices from the community appear here."))
        self.all_button.setText(self.tr("‹ All notices"))
        # the notices' own texts too, once the switcher has recorded the new language
        QTimer.singleShot(0, self, self._refresh_content)

    def _refresh_content(self) -> None:
        if not self.rows and not self.current_id:
            return
        current = self.current_id
        self._fill_list()
        if current:
            self.show_notice(current)
