"""The clerk's case desk on a real platform over loopback: the center's cases by
deadline with overdue and due-soon warnings, a case moved to in progress, then
completed with its notice printed while the platform is down, delivered
through the outbox when it is back; both languages, at the counter's sizes."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from counter.cases.desk import CaseDesk
from sync.protocol.cases import CaseState
from terminal.slips import check_code, status_url
from tests.counter import acceptance_fixtures
from tests.counter.acceptance_fixtures import CounterEnv
from tests.counter.conftest import Counter, counter_terminal, sign_in
from tests.helpers.artefacts import artefact_dir

counter_env = acceptance_fixtures.counter_env  # the fixture, used by name below
FRESH, LATE, WAITING = "RC-20261205-C3-00001", "RC-20261105-C3-00002", "RC-20261205-K1-00003"


def _acceptance(number: str, at: datetime, outcome: str = "accepted") -> dict[str, object]:
    return {"id": str(uuid.uuid4()), "seq": 1, "created_at": at.isoformat(),
            "payload": {"kind": "acceptance", "tracking_number": number, "matter_code": "MZ-003",
                        "outcome": outcome, "applicant": {"name": "王小明"},
                        "staff_no": "S001", "window": "3",
                        "materials_promised": ["HARDSHIP"] if number == FRESH else []}}


@pytest.fixture
def link() -> dict[str, bool]:
    """Whether the desk is told the platform is reachable (the composition's link)."""
    return {"up": True}


@pytest.fixture
def desk(counter_env: CounterEnv, qtbot: QtBot, link: dict[str, bool]) -> Iterator[CaseDesk]:
    runtime = counter_env.shell.services.runtime
    now = datetime.now(UTC)
    items = [_acceptance(FRESH, now), _acceptance(LATE, now - timedelta(days=40)),
             {"id": str(uuid.uuid4()), "seq": 1, "created_at": now.isoformat(),
              "payload": {"kind": "application", "tracking_number": WAITING,
                          "matter_code": "MZ-003", "channel": "counter",
                          "applicant": {"name": "李四"}}}]
    answer = runtime.client.post_batch(json.dumps({"items": items}).encode())
    assert [result.status.value for result in answer.results] == ["accepted"] * 3
    desk = CaseDesk(
        counter_env.shell.bridge, platform=lambda: runtime.client if link["up"] else None,
        catalog=counter_env.workbench._catalog, printer=counter_env.adapters[0],
        center_name=lambda language: "测试服务中心" if language == "zh_CN" else "Test hall",
        window="3", staff_no=lambda: "S001", clock=lambda: datetime.now().astimezone())
    qtbot.addWidget(desk)
    desk.resize(820, 700)
    desk.show()
    yield desk
    desk.reads.wait()


def _row_of(desk: CaseDesk, number: str) -> list[str]:
    for row in range(desk.table.rowCount()):
        cells = [desk.table.item(row, column).text() for column in range(desk.table.columnCount())]
        if cells[0] == number:
            return cells
    raise AssertionError(f"{number} is not listed")


def _loaded(desk: CaseDesk, qtbot: QtBot) -> None:
    desk.loaded_at = None
    desk.load()
    qtbot.waitUntil(lambda: desk.loaded_at is not None and not desk.reads.busy, timeout=10_000)


def test_the_desk_lists_by_deadline_and_moves_a_case_on_offline_too(
        desk: CaseDesk, counter_env: CounterEnv, qtbot: QtBot, link: dict[str, bool]) -> None:
    _loaded(desk, qtbot)
    assert [case.tracking_number for case in desk.cases] == [LATE, FRESH]  # by deadline
    late, fresh = _row_of(desk, LATE), _row_of(desk, FRESH)
    assert late[1] == "Apply for temporary assistance"  # the matter's name from the catalog
    assert late[4].startswith("⚠") and late[4].endswith(" overdue")
    assert fresh[2] == "Accepted, materials to follow" and fresh[4] == "10 left"
    assert desk.summary.text() == "2 cases: 1 overdue, 0 due within 3 working days."
    desk.show_filter("waiting")
    qtbot.waitUntil(lambda: [c.tracking_number for c in desk.cases] == [WAITING],
                    timeout=10_000)
    assert not desk.start_button.isEnabled()
    desk.show_filter("open")
    qtbot.waitUntil(lambda: len(desk.cases) == 2, timeout=10_000)

    desk.select(FRESH)
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    assert desk.timeline.count() == 1 and "Accepted, materials to follow" in \
        desk.timeline.item(0).text()
    assert desk.start_button.isEnabled() and not desk.collected_button.isEnabled()
    with qtbot.waitSignal(desk.recorded, timeout=10_000) as step:
        desk.start_button.click()
    assert step.args == [FRESH, "in_progress"]
    assert _row_of(desk, FRESH)[2] == "In progress (not yet delivered)"
    assert counter_env.drain() == 1
    _loaded(desk, qtbot)
    assert _row_of(desk, FRESH)[2] == "In progress" and not desk.pending

    counter_env.platform.stop()  # the link goes down: the step is kept and printed
    link["up"] = False
    desk.load()
    assert desk.offline and "Offline" in desk.message.text()
    assert _row_of(desk, FRESH)[2] == "In progress"  # the last list stays
    desk.result.setCurrentIndex(desk.result.findData("approved"))
    desk.note.setText("Certificate KN-0042 issued")
    before = len(counter_env.printer_sim.received)
    with qtbot.waitSignal(desk.recorded, timeout=10_000):
        desk.complete_button.click()
    qtbot.waitUntil(lambda: len(counter_env.printer_sim.received) > before, timeout=10_000)
    qtbot.waitUntil(lambda: "KN-0042" in counter_env.printed(), timeout=10_000)
    printed = counter_env.printed()
    assert FRESH in printed and "Approved" in printed and "KN-0042" in printed
    assert _row_of(desk, FRESH)[2] == "Completed (not yet delivered)"
    assert desk.collected_button.isEnabled() and not desk.complete_button.isEnabled()

    counter_env.restart_platform()
    link["up"] = True
    assert counter_env.drain() == 1
    desk.filter_buttons["done"].click()
    qtbot.waitUntil(lambda: [c.tracking_number for c in desk.cases] == [FRESH], timeout=10_000)
    assert _row_of(desk, FRESH)[2] == "Completed" and not desk.pending
    view = counter_env.shell.services.runtime.client.case(FRESH)
    assert view is not None and view.state is CaseState.COMPLETED and view.result == "approved"
    assert [(e.kind.value, e.receipt) for e in view.events] == [
        ("accepted_pending", "acceptance_receipt"), ("in_progress", None),
        ("completed", "completion_notice")]
    assert view.events[2].note == "Certificate KN-0042 issued" and view.events[2].window == "3"
    status = counter_env.shell.services.runtime.client.application(FRESH)
    assert status is not None and status.status == "completed"
    # the notice's QR opens the platform's status page with the code printed beside it
    code = check_code(FRESH)
    assert f"Check code: {code}" in printed
    assert status_url(FRESH) == f"{counter_env.url}/a/{FRESH}?c={code}"
    page = httpx.get(status_url(FRESH), headers={"Accept-Language": "en"}, timeout=10)
    assert page.status_code == 200 and "Completed" in page.text and "KN-0042" not in page.text
    desk.select(FRESH)
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    assert desk.collected_button.isEnabled() and desk.reprint_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_case_desk_in_the_counter_window(tmp_path: Path, qtbot: QtBot, language: str) -> None:
    """Ctrl+K opens the desk beside the queue; screenshots at the counter's sizes."""
    with counter_terminal(tmp_path, qtbot, language=language) as counter:
        case_desk_in_the_window(counter, qtbot, language)


def case_desk_in_the_window(counter: Counter, qtbot: QtBot, language: str) -> None:
    from PySide6.QtCore import Qt

    runtime = counter.shell.services.runtime
    now = datetime.now(UTC)
    items = [_acceptance(FRESH, now), _acceptance(LATE, now - timedelta(days=40))]
    runtime.client.post_batch(json.dumps({"items": items}).encode())
    window = counter.ui.window
    assert not window.cases_button.isVisible()  # signed out: no desk
    sign_in(qtbot, counter)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    desk = counter.ui.case_desk
    assert window.cases_button.isChecked() and window.right.currentWidget() is desk
    qtbot.waitUntil(lambda: len(desk.cases) == 2, timeout=10_000)
    desk.select(FRESH)
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    overdue = "1 项逾期" if language == "zh_CN" else "1 overdue"
    assert overdue in desk.summary.text()
    shots = artefact_dir("case-desk")
    for size, (width, height) in {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}.items():
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=5_000)
        assert window.grab().save(str(shots / f"case-desk-{language}-{size}.png"))
    repair = {"id": str(uuid.uuid4()), "seq": 1, "created_at": now.isoformat(),
              "payload": {"kind": "repair", "tracking_number": "RC-20261206-K01-00009",
                          "repair_kind": "water", "location": "3-501", "description": "leak",
                          "reporter": {"name": "王五"}}}
    counter.kiosk.post_batch(json.dumps({"items": [repair]}).encode())
    desk.show_filter("waiting")
    qtbot.waitUntil(lambda: len(desk.cases) == 1, timeout=10_000)
    desk.select("RC-20261206-K01-00009")
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    assert desk.dispatch_button.isVisible() and desk.dispatch_button.isEnabled()
    assert not desk.complete_button.isVisible()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=5_000)
    shot = artefact_dir("case-desk") / f"case-desk-repair-{language}-1366x768.png"
    assert window.grab().save(str(shot))
    window.figures_button.click()  # the figures take the page; the desk's button lets go
    assert not window.cases_button.isChecked() and window.right.currentWidget() is not desk


def test_a_kiosk_repair_is_dispatched_noted_and_closed(desk: CaseDesk, counter_env: CounterEnv,
                                                       qtbot: QtBot) -> None:
    from sync.protocol.models import Role
    from tests.counter.conftest import enroll_client

    kiosk = enroll_client(counter_env.url, counter_env.platform.enroll_code(
        acceptance_fixtures.CENTER, Role.KIOSK))
    number = "RC-20261206-K01-00009"
    repair = {"id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
              "payload": {"kind": "repair", "tracking_number": number, "repair_kind": "water",
                          "location": "Building 3, flat 501", "description": "A leaking pipe",
                          "reporter": {"name": "王五"}}}
    try:
        assert kiosk.post_batch(json.dumps({"items": [repair]}).encode()).results[0] \
            .status.value == "accepted"
        desk.show_filter("waiting")
        qtbot.waitUntil(lambda: number in [c.tracking_number for c in desk.cases],
                        timeout=10_000)
        assert _row_of(desk, number)[1:3] == ["Property repair", "Reported"]
        desk.select(number)
        qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
        assert desk.dispatch_button.isVisible() and not desk.complete_button.isVisible()
        desk.dispatch_button.click()  # no handler named: nothing recorded
        assert "handler" in desk.message.text() and not desk.pending
        desk.note.setText("Property water team")
        with qtbot.waitSignal(desk.recorded, timeout=10_000):
            desk.dispatch_button.click()
        desk.note.setText("Plumber booked for 14:00")
        with qtbot.waitSignal(desk.recorded, timeout=10_000):
            desk.note_button.click()
        desk.note.setText("Pipe replaced")
        with qtbot.waitSignal(desk.recorded, timeout=10_000) as closed:
            desk.close_button.click()
        assert closed.args == [number, "closed"]
        assert counter_env.drain() == 3
        view = counter_env.shell.services.runtime.client.case(number)
        assert view is not None and view.state is CaseState.CLOSED
        assert [(e.kind.value, e.note) for e in view.events] == [
            ("submitted", ""), ("dispatched", ""), ("note", "Plumber booked for 14:00"),
            ("closed", "Pipe replaced")]
        assert view.events[1].detail == {"handler": "Property water team"}
        status = kiosk.application(number)  # what the kiosk's status screen shows
        assert status is not None and status.status == "completed"
    finally:
        kiosk.close()


def test_a_material_to_follow_is_recorded_as_it_arrives(desk: CaseDesk, counter_env: CounterEnv,
                                                        qtbot: QtBot) -> None:
    _loaded(desk, qtbot)
    desk.select(FRESH)
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    assert desk.supplied_button.isVisible() and desk.owed.count() == 1
    assert desk.owed.currentData() == ["HARDSHIP"]
    with qtbot.waitSignal(desk.recorded, timeout=10_000) as step:
        desk.supplied_button.click()
    assert step.args == [FRESH, "materials_supplied"]
    assert not desk.supplied_button.isVisible()  # nothing is owed any more
    assert _row_of(desk, FRESH)[2] == "Accepted (not yet delivered)"
    assert counter_env.drain() == 1
    _loaded(desk, qtbot)
    assert _row_of(desk, FRESH)[2] == "Accepted" and not desk.pending
    view = counter_env.shell.services.runtime.client.case(FRESH)
    assert view is not None and view.events[-1].detail == {"materials": ["HARDSHIP"]}


def test_a_kiosk_application_goes_from_the_desk_to_the_workbench(counter: Counter,
                                                                  qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    number = "RC-20261206-K01-00031"
    application = {"id": str(uuid.uuid4()), "seq": 1,
                   "created_at": datetime.now(UTC).isoformat(),
                   "payload": {"kind": "application", "tracking_number": number,
                               "matter_code": "MZ-003", "channel": "kiosk",
                               "applicant": {"name": "李四", "id_number": "110101195001011237"},
                               "face_match": "not_matched", "face_distance": 0.71,
                               "face_threshold": 0.55}}
    assert counter.kiosk.post_batch(json.dumps({"items": [application]}).encode()) \
        .results[0].status.value == "accepted"
    sign_in(qtbot, counter)
    window, desk = counter.ui.window, counter.ui.case_desk
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    desk.filter_buttons["waiting"].click()
    qtbot.waitUntil(lambda: [c.tracking_number for c in desk.cases] == [number], timeout=10_000)
    desk.select(number)
    qtbot.waitUntil(lambda: desk.view is not None, timeout=10_000)
    # the kiosk's face check is in the case's story: outcome, distance and threshold
    story = [desk.timeline.item(i).text() for i in range(desk.timeline.count())]
    assert any("face did NOT match the document photo (distance 0.71, threshold 0.55)"
               in line for line in story), story
    window.grab().save(str(artefact_dir("case-desk", override="PASSPORT_RENDER_DIR")
                           / "passport-face-case-desk-en-1366x768.png"))
    assert desk.precheck_button.isVisible() and not desk.start_button.isEnabled()
    desk.precheck_button.click()
    workbench = counter.ui.workbench
    assert not window.cases_button.isChecked() and window.right.currentWidget() is workbench
    qtbot.waitUntil(lambda: workbench.draft.tracking_number == number, timeout=10_000)
    assert "At the kiosk: face did NOT match the document photo (distance 0.71, threshold " \
           "0.55)." in workbench.message.text()
