"""The kiosk's core screens: home, identify, notices, status, help, and the
touch keypad; with simulated devices and a real platform."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.context import KioskContext, KioskDevices
from kiosk.screens.base import KioskScreen
from kiosk.screens.home import TILES
from kiosk.screens.identify import IdentifyScreen
from kiosk.screens.identify import Page as IdPage
from kiosk.screens.status import Page as StatusPage
from kiosk.screens.status import StatusScreen, local_time
from kiosk.screens.status_lookup import Source, look_up
from sync.caches import CATALOG
from sync.protocol.models import Matter
from tests.helpers.artefacts import artefact_dir
from tests.helpers.shells import cache_shell, not_found
from tests.kiosk.conftest import DEMO_DIR, KioskUi, Online, put_demo_notices

VALID_ID = "11010519491231002X"
NEXT = {"next": "help", "next_args": {"from": "test"}, "purpose": "To take a number"}


def tap(qtbot: QtBot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_digits(qtbot: QtBot, keypad: Any, digits: str) -> None:
    for key in digits:
        tap(qtbot, keypad.buttons[key])


def wipe_id(qtbot: QtBot, screen: IdentifyScreen) -> None:
    while screen.id_number:
        tap(qtbot, screen.id_keypad.buttons["back"])


# ---- home ----------------------------------------------------------------------------

def test_home_tiles_navigate(qtbot: QtBot, kiosk: KioskUi) -> None:
    for target in TILES:  # the other flows' screens (built by their own tests) stand empty
        if target not in kiosk.screens:
            kiosk.navigator.register(target, KioskScreen())
    kiosk.navigator.go("home")
    home = kiosk.screen("home")
    asked: list[str] = []
    home.navigate.connect(lambda name, _args: asked.append(name))
    for target in TILES:
        tile = home.tiles[target]
        assert tile.height() >= 96
        tap(qtbot, tile)
        assert kiosk.navigator.current == target
        tap(qtbot, kiosk.window.navigation.home_button)
    assert asked == list(TILES)
    assert kiosk.navigator.current == "home"


# ---- identify --------------------------------------------------------------------------

@pytest.mark.slow
def test_identify_by_the_simulated_card_reader(qtbot: QtBot, kiosk: KioskUi,
                                               context: KioskContext, online: Online) -> None:
    context.shell, context.devices = online.shell, online.devices
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    assert context.devices.card_reader is not None and context.devices.card_reader.polling
    qtbot.waitUntil(lambda: context.session.identity is not None, timeout=15_000)
    assert screen.page() is IdPage.DONE
    shown = screen.done_identity.text()
    assert "张*丰" in shown and "110105********002X" in shown
    assert "三" not in shown and "19491231" not in shown
    assert kiosk.navigator.current == "identify"  # no going on before the resident says so
    tap(qtbot, screen.continue_button)
    assert kiosk.navigator.current == "help"
    assert not context.devices.card_reader.polling  # stopped on leave
    assert context.session.applicant_id_number == VALID_ID


def test_identify_by_keypad_checks_the_number_and_the_phone(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext) -> None:
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    # no card reader: the typed path, with a plain sentence why
    assert screen.page() is IdPage.ID_NUMBER
    assert "no card reader" in screen.reason_label.text()
    assert screen.purpose_label.text() == "To take a number"
    keypad = screen.id_keypad
    assert not keypad.buttons["X"].isEnabled()
    assert not screen.id_next.isEnabled()
    for wrong, words in (("110105194912310021", "last character"),
                         ("990105194912310021", "province"),
                         ("110105194913310021", "date of birth")):
        type_digits(qtbot, keypad, wrong)
        assert screen.id_display.text() == f"{wrong[:6]} {wrong[6:14]} {wrong[14:]}"
        tap(qtbot, screen.id_next)
        assert words in screen.id_error.text()
        assert screen.page() is IdPage.ID_NUMBER
        wipe_id(qtbot, screen)
        assert screen.id_error.text() == ""
    type_digits(qtbot, keypad, VALID_ID[:17])
    assert keypad.buttons["X"].isEnabled()
    tap(qtbot, keypad.buttons["X"])
    assert not keypad.buttons["5"].isEnabled()  # 18 characters: full
    tap(qtbot, screen.id_next)
    assert screen.page() is IdPage.PHONE
    assert "X" not in screen.phone_keypad.buttons

    type_digits(qtbot, screen.phone_keypad, "1381234567")
    assert not screen.phone_next.isEnabled()  # ten digits
    type_digits(qtbot, screen.phone_keypad, "8")
    assert screen.phone_display.text() == "138 1234 5678"
    for _ in range(11):
        tap(qtbot, screen.phone_keypad.buttons["back"])
    type_digits(qtbot, screen.phone_keypad, "12345678901")
    tap(qtbot, screen.phone_next)
    assert "13 to 19" in screen.phone_error.text()
    for _ in range(11):
        tap(qtbot, screen.phone_keypad.buttons["back"])
    type_digits(qtbot, screen.phone_keypad, "13812345678")
    with qtbot.waitSignal(screen.navigate, timeout=5_000) as asked:
        tap(qtbot, screen.phone_next)
        assert screen.page() is IdPage.DONE
        assert screen.done_identity.text() == "110105********002X\n138****5678"
        tap(qtbot, screen.continue_button)
    assert asked.args == ["help", {"from": "test"}]
    assert (context.session.id_number, context.session.phone) == (VALID_ID, "13812345678")


@pytest.mark.log_warnings(r"card-reader offline")
def test_a_reader_that_fails_leads_to_typed_entry(qtbot: QtBot, kiosk: KioskUi,
                                                  context: KioskContext,
                                                  tmp_path: Path) -> None:
    from hardware.idcard.serial_reader import SerialIdCardReader
    from terminal.devices.workers import CardReaderAdapter

    reader = CardReaderAdapter(SerialIdCardReader(str(tmp_path / "no-such-port")),
                               backoff_initial=0.1)
    context.devices = KioskDevices(card_reader=reader)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)  # card first, typed entry once it fails
        qtbot.waitUntil(lambda: screen.page() is IdPage.ID_NUMBER, timeout=10_000)
        assert "not working right now" in screen.reason_label.text()
        assert "Traceback" not in screen.reason_label.text()
    finally:
        reader.stop()


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "This card cannot be used here. Please ask staff for help."),
    ("zh_CN", "此卡无法在这里使用，请向工作人员求助。"),
])
@pytest.mark.log_warnings(r"rejected: its data disagree")
def test_a_card_that_disagrees_with_its_number_is_refused(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, language: str,
        expected: str) -> None:
    """GA 467 simulator on a pty: the card's birth date and sex disagree with its ID
    number; the resident is sent to staff, nothing from the card is kept."""
    import dataclasses
    from datetime import date

    from hardware.idcard.ga467_sim import Ga467Simulator, demo_identity
    from hardware.idcard.serial_reader import SerialIdCardReader
    from hardware.identity import Sex
    from terminal.devices.workers import CardReaderAdapter

    forged = dataclasses.replace(demo_identity(), birth_date=date(1959, 12, 31), sex=Sex.MALE)
    context.gui.language.set_language(language)
    with Ga467Simulator(forged) as sim:
        reader = CardReaderAdapter(SerialIdCardReader(sim.port), poll_interval=0.1)
        rejected: list[str] = []
        reader.cardRejected.connect(lambda _resident, technician: rejected.append(technician))
        context.devices = KioskDevices(card_reader=reader)
        try:
            screen: IdentifyScreen = kiosk.screen("identify")
            kiosk.navigator.go("identify", NEXT)
            qtbot.waitUntil(lambda: screen.card_error.isVisible(), timeout=10_000)
            assert screen.card_error.text() == expected
            assert screen.page() is IdPage.CARD and context.session.identity is None
            technician = rejected[0]
            assert "110105********002X" in technician
            assert "birth date" in technician and "year (card 1959, number 1949)" in technician
            assert "sex on the card is male" in technician
            assert "19591231" not in technician and "1959-12-31" not in technician
            polls = len(sim.commands)
            qtbot.waitUntil(lambda: len(sim.commands) >= polls + 6, timeout=10_000)
            assert len(rejected) == 1  # once per card, not on every poll
            kiosk.window.grab().save(
                str(artefact_dir("kiosk-core") / f"identify-card-refused-{language}.png"))
        finally:
            reader.stop()


def test_the_session_wipe_clears_the_identify_screen(qtbot: QtBot, kiosk: KioskUi,
                                                     context: KioskContext) -> None:
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    type_digits(qtbot, screen.id_keypad, VALID_ID[:17])
    tap(qtbot, screen.id_keypad.buttons["X"])
    tap(qtbot, screen.id_next)
    type_digits(qtbot, screen.phone_keypad, "13812")
    kiosk.navigator.end_session()
    assert (screen.id_number, screen.phone, screen.next_screen) == ("", "", "")
    assert screen.id_display.text() == "—" and screen.phone_display.text() == "—"
    assert screen.page() is IdPage.CARD
    assert not context.session.identified and context.session.phone == ""
    kiosk.navigator.go("identify", NEXT)
    assert screen.page() is IdPage.ID_NUMBER and screen.id_number == ""


def test_exit_in_the_bar_ends_an_identified_session(qtbot: QtBot, kiosk: KioskUi,
                                                   context: KioskContext) -> None:
    """Identified, the resident can leave at once: "Exit" wipes their name and
    number instead of the idle countdown a minute and a half later."""
    bar = kiosk.window.navigation
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    assert not bar.exit_button.isVisible()  # nothing of theirs yet
    type_digits(qtbot, screen.id_keypad, VALID_ID[:17])
    tap(qtbot, screen.id_keypad.buttons["X"])
    tap(qtbot, screen.id_next)
    assert screen.page() is IdPage.PHONE and context.session.identified
    assert bar.exit_button.isVisible()  # on the same screen, as soon as identified
    tap(qtbot, bar.home_button)
    assert kiosk.navigator.current == "home"
    ended: list[None] = []
    kiosk.navigator.sessionEnded.connect(lambda: ended.append(None))
    tap(qtbot, bar.exit_button)  # nothing typed and unsent here: one touch
    assert ended and kiosk.navigator.current is None
    assert not context.session.identified and screen.id_number == ""
    kiosk.navigator.go("home")
    assert not bar.exit_button.isVisible()


def test_the_bar_shows_its_title_only_beside_its_buttons(kiosk: KioskUi) -> None:
    """Home (and the ticket, the done screens) have no back, home or exit: a title
    alone at the bottom, under the screen's own headline, read as a stray label."""
    bar = kiosk.window.navigation
    kiosk.navigator.go("home")
    assert not bar.title_label.isVisibleTo(bar) and bar.title_label.text()
    kiosk.navigator.go("identify", NEXT)
    assert bar.back_button.isVisibleTo(bar) and bar.title_label.isVisibleTo(bar)


class UnsentForm(KioskScreen):
    unsent_work = True


def test_exit_over_unsent_work_asks_for_a_second_touch(qtbot: QtBot, kiosk: KioskUi,
                                                       context: KioskContext) -> None:
    bar = kiosk.window.navigation
    kiosk.navigator.register("unsent", UnsentForm())
    context.session.id_number = VALID_ID
    kiosk.navigator.go("unsent")
    ended: list[None] = []
    kiosk.navigator.sessionEnded.connect(lambda: ended.append(None))
    kiosk.navigator._exit_warning.setInterval(1_000)  # the test's patience, not 10 s
    tap(qtbot, bar.exit_button)
    assert not ended and context.session.identified
    assert bar.countdown_label.isVisible()
    assert "Touch “Exit” again" in bar.countdown_label.text()
    kiosk.window.grab().save(str(artefact_dir("kiosk-core") / "exit-warning-en.png"))
    tap(qtbot, bar.home_button)  # went on elsewhere: the warning goes, no touch awaited
    assert not bar.countdown_label.isVisible()
    kiosk.navigator.go("unsent")
    tap(qtbot, bar.exit_button)
    qtbot.waitUntil(lambda: not bar.countdown_label.isVisible(), timeout=15_000)  # unanswered
    tap(qtbot, bar.exit_button)
    assert not ended  # warned afresh: the first touch's time was over
    tap(qtbot, bar.exit_button)
    assert ended and not context.session.identified and not bar.countdown_label.isVisible()


# ---- notices ------------------------------------------------------------------------------

def test_notices_list_and_detail_from_the_cache(qtbot: QtBot, kiosk: KioskUi,
                                                context: KioskContext, local_cache: Any) -> None:
    put_demo_notices(local_cache)
    context.shell = cache_shell(local_cache)
    screen = kiosk.screen("notices")
    kiosk.navigator.go("notices")
    notices = screen.notices()
    assert len(screen.rows) == len(notices) >= 2
    dates = [n.published_at for n in notices]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert all(row.height() >= 96 for row in screen.rows)
    newest = notices[0]
    assert screen.rows[0].title_label.text() == newest.title_en
    tap(qtbot, screen.rows[0])
    assert screen.detail_title.text() == newest.title_en
    assert screen.detail_body.text() == newest.body_en
    context.gui.language.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.detail_title.text() == newest.title_zh)
    assert screen.rows[0].title_label.text() == newest.title_zh
    tap(qtbot, screen.all_button)
    assert screen.pages.currentIndex() == 0


def test_notices_without_a_cache_say_so(kiosk: KioskUi) -> None:
    screen = kiosk.screen("notices")
    kiosk.navigator.go("notices")
    assert screen.rows == [] and screen.empty_label.isVisible()


# ---- status ----------------------------------------------------------------------------------

def submit_applications(online: Online, numbers: list[str]) -> None:
    from sync.protocol.models import ApplicationPayload, Channel, Person

    runtime = online.shell.services.runtime
    for number in numbers:
        runtime.outbox.submit(ApplicationPayload(
            tracking_number=number, matter_code="MZ-001", channel=Channel.KIOSK,
            applicant=Person(id_number=VALID_ID, name="张三丰", phone="13812345678",
                             address="北京市东城区幸福里1号")))
    runtime.synchronizer.drain()
    assert runtime.outbox.backlog() == 0


@pytest.mark.slow
def test_status_online_typed_scanned_then_offline(qtbot: QtBot, kiosk: KioskUi,
                                                  context: KioskContext,
                                                  online: Online) -> None:
    numbers = [f"RC-20261125-K01-{n:05d}" for n in range(42, 48)]  # the camera's receipts
    submit_applications(online, numbers)
    context.shell, context.devices = online.shell, online.devices
    camera = context.devices.camera
    assert camera is not None
    # every frame shows a receipt: no scanning until the typed part is done
    rate, camera.analysis_fps = camera.analysis_fps, 0
    screen: StatusScreen = kiosk.screen("status")
    kiosk.window.resize(1920, 1080)  # before any screen took the portrait shape
    kiosk.navigator.go("status")
    assert screen.page() is StatusPage.SCAN
    for width, height in ((1920, 1080), (1080, 1920)):
        kiosk.window.resize(width, height)
        save(kiosk, f"status-scan-en-{width}x{height}")
    # typed (the on-screen keyboard sends key events like these)
    tap(qtbot, screen.type_instead)
    assert screen.page() is StatusPage.TYPE and screen.number_edit.isVisible()
    assert screen.number_edit.text() == "RC-"
    qtbot.keyClicks(screen.number_edit, "20261125-k01-00043")
    assert screen.number_edit.text() == "RC-20261125-K01-00043"
    with qtbot.waitSignal(screen.lookup.answered, timeout=10_000):
        tap(qtbot, screen.check_button)
    assert screen.page() is StatusPage.RESULT
    assert screen.answer is not None and screen.answer.source is Source.ONLINE
    assert screen.answer.status is not None and screen.answer.status.status == "received"
    assert "Received" in screen.result_status.text()
    assert "Checked just now" in screen.result_source.text()
    # scanned by the camera
    camera.analysis_fps = rate
    tap(qtbot, screen.another_button)
    assert screen.page() is StatusPage.SCAN
    qtbot.waitUntil(lambda: screen.page() is StatusPage.RESULT, timeout=20_000)
    assert screen.answer is not None and screen.answer.tracking_number in numbers
    assert screen.answer.source is Source.ONLINE and screen.answer.status is not None
    assert not camera.capturing
    # offline: the cached feed, "as of"
    online.shell.services.runtime.synchronizer.refresh()
    online.platform.stop()
    kiosk.navigator.go("home")
    kiosk.navigator.go("status", {"tracking_number": numbers[0]})
    qtbot.waitUntil(lambda: screen.page() is StatusPage.RESULT, timeout=15_000)
    assert screen.answer is not None and screen.answer.source is Source.CACHE
    assert screen.answer.status is not None and screen.answer.as_of is not None
    assert "as of" in screen.result_source.text()


def test_status_offline_uses_the_cache_with_its_time(qtbot: QtBot, kiosk: KioskUi,
                                                     context: KioskContext,
                                                     local_cache: Any) -> None:
    from sync.protocol.models import ApplicationStatus

    fetched = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    local_cache.put_statuses([ApplicationStatus(
        tracking_number="RC-20261125-K01-00007", matter_code="MZ-001", status="missing",
        note="Bring the household register.", updated_at=fetched)], "c1", fetched)
    context.shell = cache_shell(local_cache)
    screen: StatusScreen = kiosk.screen("status")
    kiosk.navigator.go("status")
    assert screen.page() is StatusPage.TYPE  # no camera: typed, and why
    assert "no camera" in screen.reason_label.text()
    screen.number_edit.setText("rc-20261125-k01-00007")
    with qtbot.waitSignal(screen.lookup.answered, timeout=5_000):
        tap(qtbot, screen.check_button)
    assert screen.answer is not None and screen.answer.source is Source.CACHE
    assert "Documents missing" in screen.result_status.text()
    assert screen.result_note.text() == "Bring the household register."
    assert "as of" in screen.result_source.text()
    assert str(fetched.astimezone().minute) in screen.result_source.text()
    # unknown and offline: plain words
    tap(qtbot, screen.another_button)
    screen.number_edit.setText("RC-20261125-K01-00999")
    with qtbot.waitSignal(screen.lookup.answered, timeout=5_000):
        tap(qtbot, screen.check_button)
    assert screen.result_status.text() == "Not found yet"
    assert "cannot reach" in screen.result_note.text()
    # not a tracking number at all
    tap(qtbot, screen.another_button)
    screen.number_edit.setText("RC-12")
    tap(qtbot, screen.check_button)
    assert screen.page() is StatusPage.TYPE and "not a tracking number" in \
        screen.type_error.text()


def test_status_not_found_online(qtbot: QtBot, kiosk: KioskUi, context: KioskContext,
                                 local_cache: Any) -> None:
    context.shell = cache_shell(local_cache, not_found)
    screen: StatusScreen = kiosk.screen("status")
    with qtbot.waitSignal(screen.lookup.answered, timeout=5_000):
        kiosk.navigator.go("status", {"tracking_number": "RC-20261125-K01-00001"})
    assert screen.result_status.text() == "Not found yet"
    assert "few minutes" in screen.result_note.text()
    # in the colour of "not yet" (amber), not the green of good news, and no empty box
    ink = screen.result_status.palette().color(QPalette.ColorRole.WindowText).name()
    assert ink == "#8a4b00"
    assert not screen.result_source.isVisible()


def _story(request: Any) -> Any:
    """The platform's story of one completed application (as the real client reads it)."""
    import httpx

    number = "RC-20261125-K01-00042"
    if request.url.path != f"/v1/applications/{number}/story":
        return not_found(request)
    at = "2026-11-2{}T0{}:30:00Z"
    return httpx.Response(200, json={
        "status": {"tracking_number": number, "matter_code": "MZ-001", "status": "completed",
                   "note": "", "updated_at": at.format(7, 8)},
        "steps": [{"at": at.format(5, 1), "step": "submitted"},
                  {"at": at.format(5, 2), "step": "accepted_pending"},
                  {"at": at.format(6, 3), "step": "materials_supplied"},
                  {"at": at.format(6, 4), "step": "in_progress"},
                  {"at": at.format(7, 8), "step": "completed", "result": "approved"}],
        "due_date": None, "due_estimated": False})


def _open_story(request: Any) -> Any:
    """An application accepted with two materials to follow (容缺), whose deadline falls
    in a year no calendar covers yet."""
    import httpx

    return httpx.Response(200, json={
        "status": {"tracking_number": "RC-20261125-K01-00043", "matter_code": "MZ-001",
                   "status": "accepted", "note": "", "updated_at": "2026-11-25T02:30:00Z"},
        "steps": [{"at": "2026-11-25T02:30:00Z", "step": "accepted_pending"}],
        "due_date": "2027-01-08", "due_estimated": True,
        "materials_owed": [MZ_001_MATERIALS[0]["code"], MZ_001_MATERIALS[1]["code"]]})


MZ_001_MATERIALS = next(matter["materials"] for matter in json.loads(
    (DEMO_DIR / "catalog.json").read_text("utf-8"))["matters"] if matter["code"] == "MZ-001")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_status_shows_the_timeline_and_the_promised_date(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, local_cache: Any,
        language: str) -> None:
    context.gui.language.set_language(language)
    context.shell = cache_shell(local_cache, _story)
    screen: StatusScreen = kiosk.screen("status")
    with qtbot.waitSignal(screen.lookup.answered, timeout=5_000):
        kiosk.navigator.go("status", {"tracking_number": "RC-20261125-K01-00042"})
    steps = screen.result_steps.text().splitlines()
    words = {"zh_CN": ("已提交", "容缺受理", "已办结 · 准予办理", "办理经过"),
             "en": ("Submitted", "Accepted, documents to follow", "Completed · approved",
                    "What happened so far")}[language]
    assert len(steps) == 5
    assert steps[0].endswith(words[0]) and steps[1].endswith(words[1])
    completed = local_time(datetime(2026, 11, 27, 8, 30, tzinfo=UTC), language,
                           context.gui.settings.time_zone)
    assert steps[4] == f"{completed}   {words[2]}"
    assert screen.result_steps_heading.text() == words[3]
    assert screen.result_steps.isVisible() and not screen.result_due.isVisible()
    for width, height in ((1080, 1920), (1920, 1080)):
        kiosk.window.resize(width, height)
        # wholly on the screen: the buttons not scrolled away (the window's own bottom bar
        # is below them)
        qtbot.waitUntil(lambda h=height: screen.done_button.mapTo(
            kiosk.window, screen.done_button.rect().bottomLeft()).y() < h - 100)
        save(kiosk, f"status-timeline-{language}-{width}x{height}")
    # an open one: the date it is promised by, said to be estimated, and what is owed by
    # its names in the catalog
    local_cache.put(CATALOG, (DEMO_DIR / "catalog.json").read_text("utf-8"), None,
                    datetime.now(UTC))
    context.shell = cache_shell(local_cache, _open_story)
    tap(qtbot, screen.another_button)
    screen.number_edit.setText("RC-20261125-K01-00043")
    with qtbot.waitSignal(screen.lookup.answered, timeout=5_000):
        tap(qtbot, screen.check_button)
    assert screen.result_due.isVisible() and "2027" in screen.result_due.text()
    assert ("预估" if language == "zh_CN" else "estimated") in screen.result_due.text()
    assert screen.result_steps.text().splitlines()[0].endswith(
        "容缺受理" if language == "zh_CN" else "Accepted, documents to follow")
    names = [m["name_zh" if language == "zh_CN" else "name_en"] for m in MZ_001_MATERIALS[:2]]
    assert screen.result_owed.isVisible()
    assert ("请带来" if language == "zh_CN" else "Please bring") in screen.result_status.text()
    assert screen.result_owed.text().endswith(("、" if language == "zh_CN" else ", ").join(names))
    save(kiosk, f"status-owed-{language}-1920x1080")


# ---- pictures ---------------------------------------------------------------------------------

def save(kiosk: KioskUi, name: str) -> None:
    QApplication.processEvents()
    assert kiosk.window.grab().save(str(artefact_dir("kiosk-core") / f"{name}.png"))


def fit(kiosk: KioskUi, width: int, height: int) -> None:
    """Resize, and let every screen take the new shape (a hidden screen only
    rearranges when shown; a kiosk's screen keeps its shape, a test flips it)."""
    kiosk.window.resize(width, height)
    for name in kiosk.screens:
        kiosk.navigator.go(name)
        QApplication.processEvents()
    kiosk.navigator.end_session()
    kiosk.window.resize(width, height)
    QApplication.processEvents()


def small_buttons(root: QWidget) -> list[str]:
    return [f"{button.objectName() or button.text()!r}: {button.height()}"
            for button in root.findChildren(QPushButton)
            if button.isVisible() and button.height() < 96]


def typed_id(qtbot: QtBot, kiosk: KioskUi, digits: str) -> None:
    kiosk.navigator.go("identify", NEXT)
    screen: IdentifyScreen = kiosk.screen("identify")
    type_digits(qtbot, screen.id_keypad, digits)
    tap(qtbot, screen.id_next)


def typed_phone(qtbot: QtBot, screen: IdentifyScreen, digits: str) -> None:
    screen._show(IdPage.PHONE)
    type_digits(qtbot, screen.phone_keypad, digits)


def identified(context: KioskContext, screen: IdentifyScreen) -> None:
    context.session.id_number, context.session.phone = VALID_ID, "13812345678"
    screen._show_done(auto=False)


def test_render_every_screen(qtbot: QtBot, kiosk: KioskUi, context: KioskContext,
                             local_cache: Any) -> None:
    """PNGs under the test's tmp_path (artefacts/kiosk-core) to look at; every visible
    button at least 96 px high."""
    from sync.protocol.models import ApplicationStatus

    put_demo_notices(local_cache)
    now = datetime.now(UTC)
    local_cache.put_statuses([ApplicationStatus(
        tracking_number="RC-20261125-K01-00042", matter_code="MZ-001", status="accepted",
        note="", updated_at=now)], "c1", now)
    context.shell = cache_shell(local_cache)
    navigator = kiosk.navigator
    identify: IdentifyScreen = kiosk.screen("identify")
    status: StatusScreen = kiosk.screen("status")
    notices = kiosk.screen("notices")
    for language in ("zh_CN", "en"):
        context.gui.language.set_language(language)
        for width, height in ((1080, 1920), (1920, 1080)):
            fit(kiosk, width, height)
            tag = f"{language}-{width}x{height}"
            shots: list[tuple[str, Any]] = [
                ("home", lambda: navigator.go("home")),
                ("identify-id", lambda: typed_id(qtbot, kiosk, "110105194912310021")),
                ("identify-card", lambda: identify._show(IdPage.CARD)),
                ("identify-phone", lambda: typed_phone(qtbot, identify, "1381234")),
                ("identify-done", lambda: identified(context, identify)),
                ("notices", lambda: navigator.go("notices")),
                ("notice", lambda: notices.show_notice(notices.notices()[0].id)),
                ("status-type", lambda: navigator.go("status", {"new": True})),
                ("status-result", lambda: status._answered(look_up(
                    "RC-20261125-K01-00042", None, local_cache.status,
                    lambda code: Matter(code=code, name_zh="最低生活保障申请",
                                        name_en="Minimum living allowance", department="MZ",
                                        category="social", handling="committed")))),
                ("help", lambda: navigator.go("help")),
            ]
            for name, show in shots:
                show()
                save(kiosk, f"{name}-{tag}")
                current = kiosk.window.current_screen()
                assert not small_buttons(current), (name, tag, small_buttons(current))
            navigator.end_session()
    context.gui.language.set_language("en")


@pytest.mark.log_warnings(r"camera offline")
def test_a_camera_that_fails_leads_to_typed_entry(qtbot: QtBot, kiosk: KioskUi,
                                                  context: KioskContext,
                                                  tmp_path: Path) -> None:
    from hardware.camera import ImageFolderSource
    from terminal.devices.workers import CameraAdapter

    camera = CameraAdapter(ImageFolderSource(tmp_path / "no-pictures"), detect_faces=False)
    context.devices = KioskDevices(camera=camera)
    try:
        screen: StatusScreen = kiosk.screen("status")
        kiosk.navigator.go("status")
        assert screen.page() is StatusPage.SCAN  # worth a try
        qtbot.waitUntil(lambda: screen.page() is StatusPage.TYPE, timeout=10_000)
        assert "camera is not working" in screen.reason_label.text()
        assert screen.number_edit.isVisible()
    finally:
        camera.stop()
