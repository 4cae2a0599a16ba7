"""The center manager's follow-ups and range figures on the counter, against the
reference platform on loopback: served tickets rated at two windows, a poor
rating's follow-up listed with its due date and answered from the page, the
figures per window and clerk shown with charts and exported as CSV, and a
counter without its manager signed in shown only why; screenshots of both pages
at the counter's sizes in both languages."""

from __future__ import annotations

import base64
import csv
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.figures_range import RangeFiguresPage
from counter.followups.page import FollowUpsPage
from sync.client import PlatformClient
from sync.protocol.models import Role, StaffMember, StaffRoster
from sync.protocol.pin_hash import hash_pin
from sync.protocol.staff import MANAGER, SignInPurpose, StaffSignInRequest
from sync.ratings_client import RatingsClient
from sync.server import documents
from sync.server.db import FollowUpRow
from sync.server.queue.core import ZONE, local_day
from terminal.i18n import LanguageSwitcher
from terminal.local_platform import LocalPlatform
from tests.helpers.artefacts import artefact_dir

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
PIN = "135790"
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


@dataclass
class Hall:
    platform: LocalPlatform
    counter: PlatformClient
    kiosk: PlatformClient
    manager: RatingsClient


def _client(platform: LocalPlatform, url: str, role: Role) -> PlatformClient:
    answer = PlatformClient.enroll(url, platform.enroll_code("C001", role))
    return PlatformClient(url, answer.terminal_id, base64.urlsafe_b64decode(answer.key))


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO)
    url = platform.start()
    roster = StaffRoster.model_validate_json((DEMO / "staff.json").read_bytes())
    manager = StaffMember(staff_no="8001", name="周主任", role=MANAGER,
                          pin_hash=hash_pin(PIN, n=2**10), center="C001")
    documents.put_document(platform.app.state.engine, "staff",
                           StaffRoster(staff=[*roster.staff, manager]))
    counter, kiosk = _client(platform, url, Role.COUNTER), _client(platform, url, Role.KIOSK)
    session = counter.staff_sign_in(StaffSignInRequest(
        purpose=SignInPurpose.COUNTER, staff_no="8001", pin=PIN)).manager_session
    assert session
    try:
        yield Hall(platform, counter, kiosk, RatingsClient(counter, session))
    finally:
        counter.close()
        kiosk.close()
        platform.stop()


def _serve_and_rate(hall: Hall, window: str, staff_no: str, level: int,
                    reasons: list[str]) -> str:
    number = hall.kiosk.issue_ticket("A", uuid.uuid4()).number
    called = hall.counter.call_next(window, staff_no)
    assert called is not None and called.number == number
    for action in ("serve", "end"):
        hall.counter.ticket_action(number, action, window, staff_no)
    rating = {"id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
              "payload": {"kind": "rating", "ticket_number": number, "level": level,
                          "ticket_day": local_day(datetime.now(UTC).timestamp()),
                          "reasons": reasons}}
    answer = hall.counter.post_batch(json.dumps({"items": [rating]}).encode())
    assert [result.status.value for result in answer.results] == ["accepted"]
    return number


@pytest.fixture
def rated(hall: Hall) -> Hall:
    _serve_and_rate(hall, "1", "1001", 5, [])
    _serve_and_rate(hall, "2", "1002", 1, ["attitude", "long_wait"])
    _serve_and_rate(hall, "2", "1002", 4, [])
    return hall


def _shoot(widget: FollowUpsPage | RangeFiguresPage, qtbot: QtBot, name: str,
           language: str) -> None:
    """The page as the counter's window shows it (its theme, its object name)."""
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from terminal.theme import ThemeMode, apply_theme

    app = QApplication.instance()
    font = app.font()
    frame = QWidget(objectName="counterWindow")
    qtbot.addWidget(frame)
    QVBoxLayout(frame).addWidget(widget)
    apply_theme(app, ThemeMode())
    frame.show()
    folder = artefact_dir("manager-pages", "RECEPTION_SCREENSHOTS")
    try:
        for size, (width, height) in SIZES.items():
            frame.resize(width, height)
            qtbot.waitUntil(lambda w=width: frame.width() == w, timeout=5_000)
            assert frame.grab().save(str(folder / f"{name}-{language}-{size}.png"))
    finally:
        app.setStyleSheet("")
        app.setFont(font)
        widget.setParent(None)  # the test goes on with the page; the frame goes
        widget.show()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_manager_answers_a_poor_rating_from_the_counter(
        rated: Hall, qtbot: QtBot, language: str) -> None:
    from PySide6.QtWidgets import QApplication

    LanguageSwitcher(QApplication.instance()).set_language(language)
    page = FollowUpsPage(lambda: rated.manager, ZONE)
    qtbot.addWidget(page)
    page.show()
    page.load()
    qtbot.waitUntil(lambda: page.listing is not None, timeout=10_000)
    assert page.table.rowCount() == 1 and page.listing.open == 1
    [item] = page.listing.items
    assert (item.window, item.staff_no, item.level) == ("2", "1002", 1)
    page.select(item.id)
    assert page.selected == item.id and page.answer.isVisible()
    reasons = "服务态度不好" if language == "zh_CN" else "Unfriendly service"
    assert reasons in page.table.item(0, 3).text()
    assert ("个工作日" if language == "zh_CN" else "working days") in page.table.item(0, 0).text()
    _shoot(page, qtbot, "manager-followups", language)

    page.answer.setPlainText("已电话回访，窗口 2 已整改。" if language == "zh_CN"
                             else "Called back; window 2 was briefed.")
    with qtbot.waitSignal(page.answered, timeout=10_000):
        page.save_button.click()
    qtbot.waitUntil(lambda: page.listing is not None and page.listing.open == 0,
                    timeout=10_000)
    with rated.platform.app.state.engine.connect() as connection:
        from sqlalchemy import select

        state, by = connection.execute(select(FollowUpRow.state, FollowUpRow.answered_by)).one()
    assert (state, by) == ("answered", "8001")
    page.select(item.id)
    assert not page.answer.isVisible() and "8001" in page.detail.text()
    LanguageSwitcher(QApplication.instance()).set_language("en")


def test_without_a_signed_in_manager_the_pages_say_why(
        hall: Hall, qtbot: QtBot, tmp_path: Path) -> None:
    followups = FollowUpsPage(lambda: None, ZONE)
    figures = RangeFiguresPage(lambda: None, tmp_path, lambda: date(2026, 12, 6))
    stale = FollowUpsPage(lambda: RatingsClient(hall.counter, "not-a-session"), ZONE)
    for widget in (followups, figures, stale):
        qtbot.addWidget(widget)
    followups.load()
    figures.load()
    stale.load()
    qtbot.waitUntil(lambda: stale.problem == "manager", timeout=10_000)
    for widget in (followups, figures, stale):
        assert "center manager" in widget.message.text()
    assert followups.table.rowCount() == 0 and figures.figures is None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_figures_per_window_and_clerk_with_charts_and_csv(
        rated: Hall, qtbot: QtBot, tmp_path: Path, language: str) -> None:
    from PySide6.QtWidgets import QApplication

    LanguageSwitcher(QApplication.instance()).set_language(language)
    today = datetime.now(ZONE).date()
    page = RangeFiguresPage(lambda: rated.manager, tmp_path / "exports", lambda: today)
    qtbot.addWidget(page)
    page.show()
    assert page.range()[1] == today and (today - page.range()[0]).days == 6
    page.load()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    names = [page.table.item(row, 0).text() for row in range(page.table.rowCount())]
    expected = (["1 号窗口", "2 号窗口", "工作人员 1001", "工作人员 1002"]
                if language == "zh_CN" else ["Window 1", "Window 2", "Clerk 1001", "Clerk 1002"])
    assert names[1:] == expected
    assert page.table.item(4, 1).text() == "2"  # clerk 1002 served two
    assert page.table.item(4, 8).text() == "1 / 0 / 0 / 1 / 0"
    assert page.table.item(4, 7).text() == "2.50"
    served = page.served_chart.chart().series()[0]
    assert [bars.at(1) for bars in served.barSets()][:1] == [2.0]  # clerk 1002's bar
    levels = page.rating_chart.chart().series()[0].barSets()
    assert [bars.at(1) for bars in levels] == [1.0, 0.0, 0.0, 1.0, 0.0]  # window 2
    _shoot(page, qtbot, "manager-figures", language)

    path = page.export()
    assert path is not None and path.name == f"figures-C001-{page.range()[0]}-{today}.csv"
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    assert rows[-1][:4] == ["clerk", "1002", "2", "0"]
    assert str(path) in page.message.text()
    LanguageSwitcher(QApplication.instance()).set_language("en")
