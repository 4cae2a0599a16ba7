"""The self-service application and repair flows, end to end against a real
reference platform on loopback, plus the parts (search, inputs, tracking)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.receipts import rows as receipt_rows
from sync.protocol.models import Catalog, FieldType, FormField
from terminal.form_fields import (
    CaptureInput,
    ChoiceInput,
    DateInput,
    IdNumberInput,
    NumberInput,
    PhoneInput,
    TextInput,
    build_input,
)
from terminal.matter_search import SearchIndex
from tests.kiosk import apply_fixtures
from tests.kiosk.apply_fixtures import (
    DEMO_DIR,
    ApplyEnv,
    identify_as,
    save_shot,
    start_platform,
)
from tests.terminal.late_commit import commit_before_submit_returns

apply_env = apply_fixtures.apply_env  # the fixture, used by name below
MATTER = "MZ-001"  # committed, 20 working days, kiosk allowed, no picture needed


def demo_catalog() -> Catalog:
    return Catalog.model_validate_json((DEMO_DIR / "catalog.json").read_text("utf-8"))


# ---- search --------------------------------------------------------------------------
def test_pinyin_initials_and_names_find_matters() -> None:
    index = SearchIndex(demo_catalog().matters)
    assert index.search("dbsq")[0].code == MATTER  # 居民低保申请
    assert index.search("jmzd")[0].code == MATTER  # initials from the start
    assert index.search("低保")[0].code == MATTER
    assert index.search("minimum living")[0].code == MATTER
    assert index.search("") == []
    assert index.search("zzzzqqq") == []


@pytest.mark.parametrize("composed", ["dbsq", "d b s q", "d'b's'q"])
def test_initials_still_being_composed_as_pinyin_find_matters(apply_env: ApplyEnv,
                                                              qtbot: QtBot,
                                                              composed: str) -> None:
    """In Chinese mode the keyboard holds the letters as pinyin being composed
    (not yet text): the search counts them."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    apply_env.navigator.go("apply")
    catalog = apply_env.screen("apply")
    qtbot.waitUntil(lambda: catalog.source.catalog is not None)
    QApplication.sendEvent(catalog.search_box, QInputMethodEvent(composed, []))
    assert catalog.search_box.text() == ""
    assert f"matter:{MATTER}" in catalog.tiles.buttons
    QApplication.sendEvent(catalog.search_box, QInputMethodEvent("", []))  # dropped
    assert f"matter:{MATTER}" not in catalog.tiles.buttons


def test_a_result_pressed_while_pinyin_is_pending_opens_its_matter(
        apply_env: ApplyEnv, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The press moves the focus, and Qt shows then commits its own pick of the
    composition before the release: the results stay (the letters typed become
    the query) and the same tile gets the release."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from terminal.widgets.keyboard import QT_VIRTUAL_KEYBOARD, panel_input

    monkeypatch.setenv("QT_IM_MODULE", QT_VIRTUAL_KEYBOARD)
    apply_env.navigator.go("apply")
    catalog = apply_env.screen("apply")
    qtbot.waitUntil(lambda: catalog.source.catalog is not None)
    with panel_input():  # typed on the keyboard
        QApplication.sendEvent(catalog.search_box, QInputMethodEvent("d b s q", []))
    tile = catalog.tiles.buttons[f"matter:{MATTER}"]
    tile.setDown(True)  # the finger is on it; the focus moves, Qt shows and commits its pick
    QApplication.sendEvent(catalog.search_box, QInputMethodEvent("低保", []))
    assert catalog.tiles.buttons[f"matter:{MATTER}"] is tile
    dropped = QInputMethodEvent()
    dropped.setCommitString("低保")
    QApplication.sendEvent(catalog.search_box, dropped)
    assert catalog.search_box.text() == "dbsq"
    assert catalog.tiles.buttons[f"matter:{MATTER}"] is tile
    tile.click()
    assert apply_env.navigator.current == "matter"


# ---- inputs --------------------------------------------------------------------------
def field(kind: FieldType, required: bool = True, **extra: Any) -> FormField:
    return FormField(key=extra.pop("key", f"f_{kind.value}"), label_zh="字段", label_en="Field",
                     type=kind, required=required, **extra)


def test_an_input_for_every_field_type(qtbot: QtBot) -> None:
    expected = {FieldType.TEXT: TextInput, FieldType.NUMBER: NumberInput,
                FieldType.DATE: DateInput, FieldType.CHOICE: ChoiceInput,
                FieldType.ID_NUMBER: IdNumberInput, FieldType.PHONE: PhoneInput,
                FieldType.PHOTO: CaptureInput, FieldType.DOCUMENT: CaptureInput}
    for kind, cls in expected.items():
        extra = {"choices": ["疾病 Illness", "其他 Other"]} if kind is FieldType.CHOICE else {}
        widget = build_input(field(kind, **extra), language=lambda: "en",
                             today=lambda: date(2026, 3, 2))
        qtbot.addWidget(widget)
        assert type(widget) is cls
    number = NumberInput(field(FieldType.NUMBER))
    qtbot.addWidget(number)
    for key in "307":
        number.keypad.buttons[key].click()
    number.keypad.buttons["back"].click()
    assert number.value() == 30
    choice = ChoiceInput(field(FieldType.CHOICE), [], lambda: "en")
    qtbot.addWidget(choice)
    picker = build_input(field(FieldType.DATE), language=lambda: "en",
                         today=lambda: date(2026, 1, 31))
    qtbot.addWidget(picker)
    assert picker.value() is None
    picker.month.buttons[0].click()  # ▲ month: 31 January -> February, day clamped
    assert picker.value() == "2026-02-28"
    illness = build_input(field(FieldType.CHOICE, choices=["疾病 Illness", "其他 Other"]),
                          language=lambda: "zh_CN", today=lambda: date(2026, 3, 2))
    qtbot.addWidget(illness)
    assert [b.text() for b in illness.buttons] == ["疾病", "其他"]
    illness.buttons[1].click()
    assert illness.value() == "其他 Other"


def test_validation_speaks_plainly(qtbot: QtBot) -> None:
    text = TextInput(field(FieldType.TEXT))
    qtbot.addWidget(text)
    assert text.problem() == "Please fill this in."
    text.set_value("  5 Garden Road ")
    assert text.problem() == "" and text.value() == "5 Garden Road"
    id_input = IdNumberInput(field(FieldType.ID_NUMBER), lambda: date(2026, 3, 2))
    qtbot.addWidget(id_input)
    id_input.set_value("110105194912310021")
    assert "not right" in id_input.problem()
    id_input.set_value("11010519491231002X")
    assert id_input.problem() == ""
    phone = PhoneInput(field(FieldType.PHONE))
    qtbot.addWidget(phone)
    phone.set_value("1381234")
    assert "11 digits" in phone.problem()
    phone.set_value("13812345678")
    assert phone.problem() == ""
    optional = NumberInput(field(FieldType.NUMBER, required=False))
    qtbot.addWidget(optional)
    assert optional.problem() == ""
    date_input = DateInput(field(FieldType.DATE), lambda: date(2026, 3, 2))
    qtbot.addWidget(date_input)
    assert "▲ ▼" in date_input.problem()


def test_a_date_of_birth_starts_decades_ago(qtbot: QtBot) -> None:
    """A birth date starts at 1960-01-01 (not today: six "-10" presses away); a
    baby's birth date or any other date starts today."""
    today = date(2026, 12, 7)
    birth = DateInput(FormField(key="birth_date", label_zh="出生日期", label_en="Date of birth",
                                type=FieldType.DATE), today=lambda: today)
    baby = DateInput(FormField(key="baby_birth_date", label_zh="婴儿出生日期",
                               label_en="Baby's date of birth", type=FieldType.DATE),
                     today=lambda: today)
    for widget in (birth, baby):
        qtbot.addWidget(widget)
    assert birth.picked_date() == date(1960, 1, 1) and birth.value() is None
    assert baby.picked_date() == today
    birth.year.buttons[0].click()  # ▲ +10
    assert birth.value() == "1970-01-01"


def test_a_picture_without_a_camera(qtbot: QtBot) -> None:
    needed = CaptureInput(field(FieldType.PHOTO), None)
    qtbot.addWidget(needed)
    assert "go to a window" in needed.problem()
    assert not needed.take.isVisible()
    optional = CaptureInput(field(FieldType.DOCUMENT, required=False), None)
    qtbot.addWidget(optional)
    assert optional.problem() == ""
    assert "go on without" in optional.message.text()


def test_document_capture_flattens_the_page_off_the_gui_thread(qtbot: QtBot) -> None:
    import cv2
    import numpy as np

    frame = np.full((720, 1280, 3), 40, np.uint8)
    page = np.array([[400, 100], [900, 140], [880, 650], [380, 620]], np.int32)
    cv2.fillConvexPoly(frame, page, (245, 245, 245))
    capture = CaptureInput(field(FieldType.DOCUMENT), None)
    capture.available = True
    qtbot.addWidget(capture)
    with qtbot.waitSignal(capture.changed, timeout=10_000):
        capture.capture_frame(frame)
    data = capture.value()
    assert isinstance(data, bytes) and data[:2] == b"\xff\xd8"
    assert capture.problem() == ""


def test_the_repair_photo_is_an_ordinary_picture(qtbot: QtBot, context: Any) -> None:
    """A leaking pipe has no face: the repair's picture takes it, where the ID photo
    of an application refuses it; the repair photo says plainly that it may be skipped."""
    import cv2
    import numpy as np

    from kiosk.screens.form import field_label
    from kiosk.screens.repair import FIELDS

    frame = np.full((720, 1280, 3), (180, 190, 200), np.uint8)
    cv2.rectangle(frame, (100, 330), (1180, 390), (60, 70, 80), -1)  # a pipe
    cv2.circle(frame, (640, 420), 25, (200, 120, 40), -1)  # a drop
    portrait = CaptureInput(field(FieldType.PHOTO), None)
    picture = CaptureInput(FIELDS["repair_photo"], None, kind="picture")
    for capture in (portrait, picture):
        capture.available = True
        qtbot.addWidget(capture)
        with qtbot.waitSignal(capture.changed, timeout=10_000):
            capture.capture_frame(frame)
    assert portrait.value() is None and "face" in portrait.message.text()
    data = picture.value()
    assert isinstance(data, bytes) and data[:2] == b"\xff\xd8"
    assert picture.problem() == "" and picture.again.isVisibleTo(picture)
    assert field_label(context, FIELDS["repair_photo"]).endswith(
        "(optional: you may go on without a picture)")


# ---- tracking numbers ------------------------------------------------------------------
def test_tracking_numbers_are_unique_across_restarts(tmp_path: Path) -> None:
    from sync.store.database import open_database
    from sync.tracking import TRACKING_PATTERN, TrackingCounter, terminal_code

    assert terminal_code("K01") == "K01"
    code = terminal_code("T-3FA2B19C0D")
    assert code[0] == "T" and len(code) == 8 and code.isalnum() and code.isupper()
    day, seen = date(2026, 3, 2), set()
    for _restart in range(3):
        database = open_database(tmp_path / "terminal.db")
        counter = TrackingCounter(database, "T-3FA2B19C0D")
        seen.update(counter.next_number(day) for _ in range(4))
        database.close()
    assert len(seen) == 12
    assert all(TRACKING_PATTERN.fullmatch(number) for number in seen)
    assert f"RC-20260302-{code}-00012" in seen
    database = open_database(tmp_path / "terminal.db")
    assert TrackingCounter(database, "T-3FA2B19C0D").next_number(date(2026, 3, 3)).endswith(
        "-00001")
    database.close()


# ---- the whole path ---------------------------------------------------------------------
def fill_form(env: ApplyEnv, qtbot: QtBot) -> None:
    form = env.screen("apply_form")
    qtbot.waitUntil(lambda: form.form is not None)
    values = {FieldType.NUMBER: "3", FieldType.TEXT: "5 Garden Road, Room 302",
              FieldType.DATE: "2026-01-15"}
    for page in form.form.pages:
        widget = page.input
        if isinstance(widget, ChoiceInput):
            widget.buttons[0].click()
        elif widget.field.type in values and not widget.locked:
            widget.set_value(values[widget.field.type])
    while env.navigator.current == "apply_form":
        index = form.form.index
        form.form.next.click()
        assert form.form.index != index or env.navigator.current != "apply_form", \
            form.form.pages[index].error.text()


def apply_through_review(env: ApplyEnv, qtbot: QtBot, shots: str = "") -> Any:
    env.navigator.go("apply")
    catalog = env.screen("apply")
    qtbot.waitUntil(lambda: catalog.source.catalog is not None)
    if shots:
        save_shot(env.window, f"{shots}-apply")
    catalog.search_box.setText("dbsq")
    assert f"matter:{MATTER}" in catalog.tiles.buttons
    if shots:
        save_shot(env.window, f"{shots}-apply-search")
    catalog.tiles.buttons[f"matter:{MATTER}"].click()
    assert env.navigator.current == "matter"
    if shots:
        save_shot(env.window, f"{shots}-matter")
    identify_as(env.context)
    env.screen("matter").action.click()
    assert env.navigator.current == "apply_form"
    fill_form(env, qtbot)
    assert env.navigator.current == "apply_review"
    if shots:
        save_shot(env.window, f"{shots}-review")
    return env.screen("apply_review")


def submit_and_wait_done(env: ApplyEnv, qtbot: QtBot) -> Any:
    review = env.screen("apply_review")
    review.submit_button.click()
    assert not review.submit_button.isEnabled()  # busy until the commit
    assert env.navigator.current == "apply_review"
    qtbot.waitUntil(lambda: env.navigator.current == "apply_done", timeout=15_000)
    return env.screen("apply_done").outcome


def test_apply_online_prints_and_reaches_the_platform(apply_env: ApplyEnv,
                                                      qtbot: QtBot) -> None:
    env = apply_env
    review = apply_through_review(env, qtbot)
    assert "110105********002X" in [w.text() for w in review.table.findChildren(type(
        review.heading))]
    outcome = submit_and_wait_done(env, qtbot)
    record = env.shell.bridge.outbox.delivery(outcome.record_id)
    assert record is not None  # committed before "done"
    qtbot.waitUntil(lambda: any(env.slips.glob("*.png")), timeout=15_000)
    assert env.drain() >= 1
    stored = env.platform_rows("application")
    assert [row["tracking_number"] for row in stored] == [outcome.tracking_number]
    assert stored[0]["promised_date"] == f"{outcome.promised_date:%Y-%m-%d}"
    assert stored[0]["applicant"]["phone"] == "13812345678"
    done = env.screen("apply_done")
    env.shell.bridge.stateChanged.emit(None)  # the sync worker's news
    qtbot.waitUntil(lambda: done.outcome.delivered, timeout=10_000)
    with qtbot.waitSignal(env.navigator.sessionEnded):
        done.finish.click()
    assert not env.context.session.identified


def test_an_application_whose_commit_beats_the_screen_still_says_done(
        apply_env: ApplyEnv, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    env = apply_env
    commit_before_submit_returns(monkeypatch, env.shell.bridge)
    apply_through_review(env, qtbot)
    outcome = submit_and_wait_done(env, qtbot)  # "Saving…" until the idle wipe on the old main
    assert env.shell.bridge.outbox.delivery(outcome.record_id) is not None


def test_apply_offline_then_delivered_as_promised(apply_env: ApplyEnv, qtbot: QtBot) -> None:
    env = apply_env
    apply_through_review(env, qtbot)
    port = int(env.platform.url.rsplit(":", 1)[1])
    env.platform.stop()
    outcome = submit_and_wait_done(env, qtbot)
    done = env.screen("apply_done")
    qtbot.waitUntil(lambda: any(env.slips.glob("*.png")), timeout=15_000)
    shown = dict((row.key, row.value) for row in receipt_rows(done.outcome, "en"))
    assert shown["Status"] == "Saved; will be sent"
    assert done.receipt is not None
    assert "Saved; will be sent" in [row.value for row in done.receipt.rows]
    with pytest.raises(Exception):  # noqa: B017 - any network error: the platform is down
        env.drain()
    assert env.shell.bridge.outbox.delivery(outcome.record_id).state == "pending"
    env.platform = start_platform(env.platform_db, port)
    env.drain()
    assert env.shell.bridge.outbox.delivery(outcome.record_id).state == "delivered"
    stored = env.platform_rows("application")
    assert len(stored) == 1
    assert stored[0]["tracking_number"] == outcome.tracking_number
    assert stored[0]["promised_date"] == f"{outcome.promised_date:%Y-%m-%d}"
    assert (f"{outcome.promised_date:%Y-%m-%d}" in
            [row.value.split()[0] for row in done.receipt.rows if row.key == "Done by"])


@pytest.mark.log_warnings(r"printer offline")
def test_out_of_paper_shows_the_slip_and_keeps_the_application(apply_env: ApplyEnv,
                                                               qtbot: QtBot) -> None:
    from hardware.printer.status import PaperState

    env = apply_env
    env.shell.services.devices.printer.set_faults(paper=PaperState.OUT)
    apply_through_review(env, qtbot)
    outcome = submit_and_wait_done(env, qtbot)
    done = env.screen("apply_done")
    qtbot.waitUntil(done.slip_shown, timeout=15_000)
    assert "printer is not working" in done.slip_message.text()
    assert not list(env.slips.glob("*.png"))
    assert env.shell.bridge.outbox.delivery(outcome.record_id) is not None
    env.drain()
    assert [r["tracking_number"] for r in env.platform_rows("application")] == [
        outcome.tracking_number]


@pytest.mark.log_warnings(r"printer offline")
def test_paper_out_after_the_slip_was_sent_shows_it_on_screen(apply_env: ApplyEnv,
                                                               qtbot: QtBot) -> None:
    """A network printer (loopback simulator, real DLE EOT) that reports paper out
    right after the done slip was sent: the slip is shown on screen, kept for reprint."""
    from hardware.printer import create_printer
    from hardware.printer.simulator import PrinterSimulator
    from terminal.devices.workers import PrinterAdapter

    env = apply_env
    with PrinterSimulator() as sim:
        adapter = PrinterAdapter(create_printer({
            "transport": {"type": "network", "host": "127.0.0.1", "port": sim.port},
            "status_timeout": 2.0}))
        env.context.devices.printer = adapter
        try:
            sim.fault_after(100)
            apply_through_review(env, qtbot)
            outcome = submit_and_wait_done(env, qtbot)
            done = env.screen("apply_done")
            qtbot.waitUntil(done.slip_shown, timeout=15_000)
            assert outcome.tracking_number.encode() in sim.received  # sent, not printed
            assert env.context.session.pending_prints == adapter.pending() != []
        finally:
            adapter.stop()


def test_repair_request(apply_env: ApplyEnv, qtbot: QtBot) -> None:
    env = apply_env
    env.navigator.go("repair")
    repair = env.screen("repair")
    form = repair.form
    repair.inputs["kind"].buttons[2].click()  # lift
    repair.inputs["location"].set_value("Building 3, unit 2")
    repair.inputs["description"].set_value("The lift stops between floors.")
    repair.inputs["phone"].set_value("13900001111")
    for _step in range(5):
        form.next.click()
    assert repair.stack.currentIndex() == 1
    repair.submit_button.click()
    qtbot.waitUntil(lambda: env.navigator.current == "apply_done", timeout=15_000)
    outcome = env.screen("apply_done").outcome
    assert outcome.kind == "repair" and outcome.person == "139****1111"
    qtbot.waitUntil(lambda: any(env.slips.glob("*.png")), timeout=15_000)
    env.drain()
    stored = env.platform_rows("repair")
    assert [(r["tracking_number"], r["repair_kind"]) for r in stored] == [
        (outcome.tracking_number, "lift")]
    assert json.dumps(stored[0]["reporter"]).count("13900001111") == 1


# ---- screenshots --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
@pytest.mark.log_warnings(r"printer offline")
def test_screens_render(apply_env: ApplyEnv, qtbot: QtBot, language: str,
                        size: tuple[int, int]) -> None:
    from hardware.printer.status import PaperState

    env = apply_env
    env.shell.gui.language.set_language(language)
    env.window.resize(*size)
    tag = f"{language}-{size[0]}x{size[1]}"
    apply_through_review(env, qtbot, shots=tag)
    form = env.screen("apply_form").form
    env.navigator.go("apply_form", {})
    form.show_step(form.steps()[1])
    save_shot(env.window, f"{tag}-form-number")
    form.show_step(form.steps()[-1])
    save_shot(env.window, f"{tag}-form-text")
    choice = next(i for i, p in enumerate(form.pages) if isinstance(p.input, ChoiceInput))
    form.show_step(choice)
    save_shot(env.window, f"{tag}-form-choice")
    env.navigator.go("apply_review", {"matter": MATTER})
    env.shell.services.devices.printer.set_faults(paper=PaperState.OUT)
    submit_and_wait_done(env, qtbot)
    done = env.screen("apply_done")
    qtbot.waitUntil(done.slip_shown, timeout=15_000)
    save_shot(env.window, f"{tag}-done-slip")
    done.pages.setCurrentIndex(0)
    save_shot(env.window, f"{tag}-done")
    env.navigator.go("repair")
    save_shot(env.window, f"{tag}-repair")
    picker = DateInput(field(FieldType.DATE), lambda: date(2026, 3, 2))
    qtbot.addWidget(picker)
    picker.resize(size[0] - 96, 700)
    save_shot(picker, f"{tag}-date-picker")
    photo = CaptureInput(field(FieldType.PHOTO), None)
    qtbot.addWidget(photo)
    photo.resize(size[0] - 96, 700)
    save_shot(photo, f"{tag}-photo-no-camera")


@pytest.mark.parametrize("large_text", [False, True])
def test_review_labels_stay_on_one_line(qtbot: QtBot, qapp: Any, large_text: bool) -> None:
    """A label wraps only when it is longer than 40 % of the table, never every few
    characters (申请人身份证号 used to break after 5 characters, 2-3 in large text)."""
    from kiosk.widgets import SummaryTable
    from terminal.theme import ThemeMode, apply_theme

    apply_theme(qapp, ThemeMode(large_text=large_text))
    try:
        table = SummaryTable()
        qtbot.addWidget(table)
        table.resize(984, 1200)  # a portrait kiosk's table
        table.show()
        table.set_rows([("申请人身份证号", "110105********002X"),
                        ("家庭月收入（元）", "3200"),
                        ("居住地址", "北京市东城区幸福里社区3号楼2单元302室，靠近东门的那一栋，"
                                     "门口有一棵大槐树，请从北侧楼梯上楼")])
        qtbot.waitUntil(lambda: table.grid.itemAtPosition(0, 0).widget().isVisible())
        for row in range(3):
            label = table.grid.itemAtPosition(row, 0).widget()
            assert label.height() < 2 * label.fontMetrics().lineSpacing(), label.text()
    finally:
        apply_theme(qapp, ThemeMode())


def test_catalog_tiles_wrap_at_their_own_width(apply_env: ApplyEnv, qtbot: QtBot) -> None:
    """A matter's name fills its tile's width before it wraps (it was cut after 18
    characters, half of a landscape tile); the tile is tall enough for all of it."""
    env = apply_env
    env.window.resize(1920, 1080)
    env.navigator.go("apply")
    catalog = env.screen("apply")
    qtbot.waitUntil(lambda: catalog.source.catalog is not None)
    catalog.search_box.setText("dbsq")
    tile = catalog.tiles.buttons[f"matter:{MATTER}"]
    qtbot.waitUntil(lambda: tile.isVisible() and tile.width() > 500)
    name = tile.name_label
    assert "\n" not in name.text()
    one_line = name.fontMetrics().horizontalAdvance(name.text())
    lines = round(name.height() / name.fontMetrics().lineSpacing())
    assert lines <= one_line // name.width() + 1
    assert tile.height() >= tile.layout().heightForWidth(tile.width())


def test_landscape_repair_shows_back_and_next_without_scrolling(apply_env: ApplyEnv,
                                                                qtbot: QtBot) -> None:
    """At 1920x1080 the first repair step (six kinds) fits: Back and Next are on the
    screen, not below the fold behind a scroll bar."""
    env = apply_env
    env.window.resize(1920, 1080)
    env.navigator.go("repair", {"restart": True})
    repair = env.screen("repair")
    page = env.window.screens.currentWidget()
    qtbot.waitUntil(lambda: repair.form is not None and repair.form.next.isVisible())
    qtbot.waitUntil(lambda: repair.height() <= page.viewport().height())
    assert not page.verticalScrollBar().isVisible()
    for button in (repair.form.previous, repair.form.next):
        bottom = button.mapTo(page.viewport(), button.rect().bottomLeft()).y()
        assert 0 < bottom <= page.viewport().height(), button.text()


def test_a_catalog_that_arrives_after_the_screen_opened_shows_there(
        apply_env: ApplyEnv, qtbot: QtBot) -> None:
    """A fresh kiosk's first sync pass brings the catalog while the apply screen
    already says "loading": the screen fills in without the resident leaving."""
    from sqlalchemy import text

    from kiosk.catalog_source import CatalogSource
    from kiosk.screens.catalog import CatalogScreen
    from sync.worker import SyncState

    with apply_env.shell.services.runtime.database.write() as connection:
        connection.execute(text("DELETE FROM caches"))  # as before the first sync
    screen = CatalogScreen(apply_env.context, CatalogSource(apply_env.context))
    qtbot.addWidget(screen)
    screen.enter({"reset": True})
    qtbot.waitUntil(lambda: not screen.source._loading)
    assert screen.source.catalog is None and not screen.tiles.buttons
    def sync_pass() -> None:  # as the worker does: pull, then publish its state
        apply_env.shell.services.runtime.synchronizer.refresh()
        apply_env.shell.bridge.publish(SyncState(online=True, backlog=0, dead_letters=0,
                                                 last_success=datetime.now(UTC)))

    sync_pass()
    qtbot.waitUntil(lambda: bool(screen.tiles.buttons), timeout=20_000)
    assert any(key.startswith("department:") for key in screen.tiles.buttons)
    index = screen.source.index
    sync_pass()  # nothing new: the catalog is not parsed and indexed again
    qtbot.waitUntil(lambda: not screen.source._loading)
    assert screen.source.index is index
