"""The center manager's pages on the counter (issue 11, Deliver 4), against a
real platform on loopback: only a signed-in manager reaches them; what is
saved there is on the platform and reaches the center's terminals."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from counter.admin.common import ManagerPage
from counter.admin.notices_page import NoticesPage
from sync.protocol.center import CenterSetup
from sync.protocol.models import NoticeList
from sync.protocol.pin_hash import verify_pin
from sync.protocol.staff import SignInPurpose
from tests.counter.conftest import Counter, sign_in
from tests.helpers.artefacts import artefact_dir

MANAGER, MANAGER_PIN = "8001", "135246"
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


def loaded(qtbot: QtBot, page: ManagerPage, ready: object) -> None:
    """Wait for the page's platform calls, then for `ready()`."""
    qtbot.waitUntil(lambda: not page.runner.busy and bool(ready()), timeout=10_000)  # type: ignore[operator]


def shoot(qtbot: QtBot, counter: Counter, name: str, language: str) -> None:
    window = counter.ui.window
    for size, (width, height) in SIZES.items():
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=5_000)
        path = artefact_dir("manager") / \
            f"manager-{name}-{language}-{size}.png"
        assert window.grab().save(str(path))
    window.resize(1366, 768)


def test_a_clerk_never_sees_the_manager_pages(counter: Counter, qtbot: QtBot) -> None:
    window = counter.ui.window
    sign_in(qtbot, counter)
    assert not window.manage_button.isVisible() and counter.ui.manager is None
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == 1 and not window.manage_button.isChecked()
    window.show_manager_pages(True)  # even asked directly
    assert window.pages.currentIndex() == 1


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_manager_keeps_the_centers_data(counter: Counter, qtbot: QtBot,
                                            language: str) -> None:
    window, ui = counter.ui.window, counter.ui
    sign_in(qtbot, counter, MANAGER, MANAGER_PIN)
    counter.shell.gui.language.set_language(language)
    assert window.manage_button.isVisible() and ui.manager is not None
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    pages = ui.manager_pages
    assert pages is not None and window.pages.currentWidget() is pages

    # notices: written here, on this center's kiosk feed, then expired
    notices = pages.notices
    loaded(qtbot, notices, lambda: True)
    notices.title_zh.setText("周五停水通知")
    notices.title_en.setText("Water off on Friday")
    notices.body_zh.setPlainText("周五 9:00-12:00 大厅停水。")
    notices.body_en.setPlainText("No water in the hall on Friday 9:00-12:00.")
    notices.save_button.click()
    loaded(qtbot, notices, lambda: notices.notices)
    kiosk_feed, _ = counter.kiosk.fetch("/v1/notices", NoticeList, None)
    assert "Water off on Friday" in [n.title_en for n in kiosk_feed.notices]
    notices.new()
    notices.title_zh.setText("下周接种流感疫苗")
    notices.title_en.setText("Flu shots next week")
    later = datetime.now(notices.zone) + timedelta(days=3)
    notices.starts.setDateTime(notices._qt(later))
    notices.no_end.setChecked(True)
    notices.save_button.click()
    loaded(qtbot, notices, lambda: len(notices.notices) == 2)
    states = [notices.table.item(row, 3).text() for row in range(2)]
    assert states == (["已排期", "展示中"] if language == "zh_CN" else ["scheduled", "showing"])
    shoot(qtbot, counter, "notices", language)

    # staff: add, reset the PIN, bind a card, deactivate
    pages.show_page(pages.staff)
    staff = pages.staff
    loaded(qtbot, staff, lambda: staff.staff)
    staff.new_no.setText("1010")
    staff.new_name.setText("孙悦")
    staff.new_pin.setText("424242")
    staff.add_button.click()
    loaded(qtbot, staff, lambda: any(m.staff_no == "1010" for m in staff.staff))
    assert staff.chosen is not None and staff.chosen.staff_no == "1010"
    runtime = counter.shell.services.runtime
    assert runtime.staff.sign_in(SignInPurpose.COUNTER, "424242", staff_no="1010") \
        .member is not None
    staff.pin.setText("737373")
    staff.pin_button.click()
    loaded(qtbot, staff, lambda: not staff.pin.text())
    staff.card.setText("04 AA BB CC")
    staff.card_button.click()
    loaded(qtbot, staff, lambda: staff.chosen and staff.chosen.card_bound)
    by_card = runtime.staff.sign_in(SignInPurpose.COUNTER, "737373", card_uid="04AABBCC")
    assert by_card.member is not None and by_card.member.staff_no == "1010"
    staff.active_button.click()
    loaded(qtbot, staff, lambda: staff.chosen and not staff.chosen.active)
    assert runtime.staff.sign_in(SignInPurpose.COUNTER, "737373", staff_no="1010") \
        .member is None
    shoot(qtbot, counter, "staff", language)

    # windows and the queues they call
    pages.show_page(pages.windows)
    windows = pages.windows
    loaded(qtbot, windows, lambda: windows.categories)
    windows.add_button.click()
    windows.table.item(0, 0).setText("3")  # this counter's window
    windows.table.item(0, 1).setText("综合窗口")
    windows.table.item(0, 2).setText("General")
    windows.table.item(0, 4).setCheckState(Qt.CheckState.Checked)  # the first category
    windows.add_button.click()
    windows.save_button.click()
    loaded(qtbot, windows, lambda: "Saved" in windows.message.text()
           or "已保存" in windows.message.text())
    served, _ = counter.kiosk.fetch("/v1/center", CenterSetup, None)
    first = windows.categories[0].code
    assert [(w.number, w.categories) for w in served.windows] == [("3", [first]), ("2", [])]
    assert ui.desk.categories == ["A", "B"]  # as configured, until the refresh
    runtime.synchronizer.refresh()
    assert ui.reference is not None
    ui.reference.check()
    qtbot.waitUntil(lambda: ui.desk.categories == [first], timeout=10_000)
    shoot(qtbot, counter, "windows", language)

    # hours, cut-off and quotas: the platform refuses the kiosk's number over the quota
    pages.show_page(pages.hours)
    hours = pages.hours
    loaded(qtbot, hours, lambda: hours.quotas)
    hours.limited.setChecked(True)
    for day in (hours.working, hours.rest):
        day.open.setChecked(True)
        day.opens.setTime(day.opens.time().fromString("00:00", "HH:mm"))
        day.closes.setTime(day.closes.time().fromString("23:59", "HH:mm"))
    hours.cutoff.setValue(0)
    hours.quotas[first].setValue(1)
    hours.save_button.click()
    loaded(qtbot, hours, lambda: hours.message.text())
    counter.issue(first)
    from sync.client import RequestRefused

    with pytest.raises(RequestRefused) as refused:
        counter.issue(first)
    assert refused.value.code == "quota_reached"
    shoot(qtbot, counter, "hours", language)

    # the calendar: next year's arrangement published for the center
    pages.show_page(pages.calendar)
    calendar = pages.calendar
    year = date.today().year + 5
    calendar.year.setValue(year)
    loaded(qtbot, calendar, lambda: calendar.shown and calendar.shown.year == year)
    calendar.day.setDate(QDate(year, 1, 1) if date(year, 1, 1).weekday() < 5
                         else QDate(year, 1, 2 if date(year, 1, 2).weekday() < 5 else 3))
    calendar.kind.setCurrentIndex(0)
    calendar.name.setText("元旦")
    calendar.add_button.click()
    assert len(calendar.days) == 1
    calendar.publish_button.click()
    loaded(qtbot, calendar, lambda: calendar.shown and calendar.shown.own)
    assert calendar.shown is not None and calendar.shown.published_by == f"manager:{MANAGER}"
    runtime.synchronizer.refresh()
    from sync.caches import CALENDAR
    from sync.protocol.work_calendar import WorkCalendar

    cached = runtime.cache.get(CALENDAR, WorkCalendar)
    assert cached is not None and year in cached.value.years
    calendar.year.setValue(date.today().year)
    loaded(qtbot, calendar, lambda: calendar.shown and calendar.shown.year == date.today().year)
    shoot(qtbot, counter, "calendar", language)

    # the follow-ups of poor ratings and the range figures, read with the manager's session
    followups, figures = (page for page, _title in pages.extra)
    pages.show_page(followups)
    qtbot.waitUntil(lambda: not followups.reads.busy and followups.listing is not None,
                    timeout=10_000)
    assert followups.problem == ""
    pages.show_page(figures)
    qtbot.waitUntil(lambda: not figures.reads.busy and figures.figures is not None,
                    timeout=10_000)
    assert pages.tabs.count() == 7

    # signing out ends the session at the platform too
    session = ui.manager
    window.signOutRequested.emit()
    assert ui.manager is None and not window.manage_button.isVisible()
    qtbot.waitUntil(lambda: not ui.reads.busy, timeout=10_000)
    from sync.client import AuthError

    with pytest.raises(AuthError) as ended:
        session.staff()
    assert ended.value.code == "manager_required"
    assert verify_pin(MANAGER_PIN, _hash_of(counter, MANAGER))


def _hash_of(counter: Counter, staff_no: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from sync.protocol.models import StaffRoster
    from sync.server.db import Document

    engine = create_engine(f"sqlite:///{counter.tmp / 'platform.db'}")
    try:
        with Session(engine) as session:
            stored = session.get(Document, "staff")
            assert stored is not None
            roster = StaffRoster.model_validate_json(stored.body)
    finally:
        engine.dispose()
    return next(m.pin_hash for m in roster.staff if m.staff_no == staff_no)


def test_an_offline_page_changes_nothing_and_says_so(counter: Counter, qtbot: QtBot) -> None:
    pages = NoticesPage(lambda: None, counter.shell.gui.settings.zone)
    qtbot.addWidget(pages)
    pages.title_zh.setText("停电")
    pages.title_en.setText("Power cut")
    pages.save_button.click()
    assert "cannot be reached" in pages.message.text()
    assert not pages.runner.busy


def test_a_staff_card_held_on_the_reader_is_bound(counter: Counter, qtbot: QtBot) -> None:
    from counter.staff_card import StaffCardWatcher

    on_reader: list[str] = []
    ui, window = counter.ui, counter.ui.window
    ui.watch_cards(StaffCardWatcher(lambda: on_reader[-1] if on_reader else None, poll=0.05,
                                    parent=window))
    sign_in(qtbot, counter, MANAGER, MANAGER_PIN)
    watcher = ui.card_watcher
    assert watcher is not None and watcher._thread is None  # signed in: not for sign-in
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    pages = ui.manager_pages
    assert pages is not None and watcher._thread is not None
    pages.show_page(pages.staff)
    staff = pages.staff
    loaded(qtbot, staff, lambda: staff.staff)
    staff.select(MANAGER)
    on_reader.append("04C0FFEE")
    qtbot.waitUntil(lambda: staff.card.text() == "04C0FFEE", timeout=5_000)
    staff.card_button.click()
    loaded(qtbot, staff, lambda: staff.chosen and staff.chosen.card_bound)
    window.manage_button.click()  # back to the window: the reader is left alone
    assert watcher._thread is None
    window.signOutRequested.emit()
    assert watcher._thread is not None  # signed out: cards sign in again
    runtime = counter.shell.services.runtime
    by_card = runtime.staff.sign_in(SignInPurpose.COUNTER, MANAGER_PIN, card_uid="04C0FFEE")
    assert by_card.member is not None and by_card.member.staff_no == MANAGER


def test_the_calendar_opens_on_the_centers_today_whatever_the_machines_zone(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine zone 26 hours behind the center's: their dates always differ, and
    the calendar opened on the machine's (a Beijing morning on a machine left on UTC
    showed yesterday, and on New Year's morning last year's calendar)."""
    import time
    from zoneinfo import ZoneInfo

    from counter.admin.pages import ManagerPages

    center = ZoneInfo("Pacific/Kiritimati")  # UTC+14
    monkeypatch.setenv("TZ", "Etc/GMT+12")  # UTC-12
    time.tzset()
    try:
        pages = ManagerPages(lambda: None, center, lambda: "en")
        qtbot.addWidget(pages)
        today = datetime.now(center).date()
        assert date.today() != today
        assert pages.calendar.day.date().toPython() == today
        assert pages.calendar.year.value() == today.year
    finally:
        monkeypatch.setenv("TZ", "Asia/Shanghai")
        time.tzset()


def test_a_busy_platform_is_told_apart_from_an_unreachable_one() -> None:
    from counter.admin.common import busy_text, explain, offline_text, problem_of
    from sync.client import AuthError, RequestRefused, ServerError, TransientError, Unreachable

    cases = [(Unreachable("platform unreachable: ConnectError"), "offline"),
             (ServerError("platform failed: HTTP 503", 503), "busy"),
             (TransientError("garbled reply from the platform"), "busy"),
             (AuthError("manager_required", "sign in"), "manager"),
             (RequestRefused(422, "bad_range", "no"), "refused")]
    assert [problem_of(error) for error, _ in cases] == [problem for _, problem in cases]
    assert explain(cases[0][0]) == offline_text()
    assert explain(cases[1][0]) == explain(cases[2][0]) == busy_text() != offline_text()
