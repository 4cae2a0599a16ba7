"""The acceptance workbench end to end: a counter terminal's real shell and the
reference platform on loopback, a network printer on a loopback simulator
(its ESC/POS bytes read back as text), the simulated card reader, a folder
camera."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from counter.acceptance.model import Draft, MaterialState, Problem, build_payload, problems
from counter.acceptance.preapplication import ScanLineEdit, tracking_number_in
from counter.acceptance.workbench import (
    APPLICANT,
    DOCUMENTS,
    FORM,
    HISTORY,
    MATERIALS,
    OUTCOME,
)
from hardware.camera.synthetic import page_scene
from sync.protocol.models import (
    AcceptanceOutcome,
    ApplicationPayload,
    Channel,
    HandlingType,
    Material,
    Matter,
    Person,
)
from sync.workdays import add_working_days
from terminal.slips import status_url
from tests.counter import acceptance_fixtures
from tests.counter.acceptance_fixtures import CounterEnv, KioskTerminal, save_shot

counter_env = acceptance_fixtures.counter_env  # fixtures, used by name below
kiosk_terminal = acceptance_fixtures.kiosk_terminal
ID_NUMBER = "11010519491231002X"  # valid check digit
MZ = "MZ-001"  # committed, 20 working days: ID_CARD HUKOU INCOME BANK (+ DIAGNOSIS optional)
ON_THE_SPOT = "GA-003"  # immediate


# ---- the rules, without Qt ---------------------------------------------------------
def test_outcome_rules() -> None:
    matter = Matter(code="X", name_zh="事项", name_en="Matter", department="D", category="c",
                    handling=HandlingType.COMMITTED, time_limit_days=5,
                    materials=[Material(code="A", name_zh="甲", name_en="A"),
                               Material(code="B", name_zh="乙", name_en="B"),
                               Material(code="C", name_zh="丙", name_en="C", required=False)])
    draft = Draft(applicant=Person(id_number=ID_NUMBER))
    draft.start_matter(matter)
    assert draft.codes(MaterialState.MISSING) == ["A", "B"]
    assert draft.codes(MaterialState.NOT_NEEDED) == ["C"]
    assert Problem.MATERIALS_MISSING in problems(draft, AcceptanceOutcome.ACCEPTED)
    assert problems(draft, AcceptanceOutcome.NOT_ACCEPTED) == [Problem.NO_REASON]
    draft.materials.update(A=MaterialState.RECEIVED, B=MaterialState.PROMISED)
    assert problems(draft, AcceptanceOutcome.MISSING_MATERIALS) == [Problem.NOTHING_MISSING]
    assert problems(draft, AcceptanceOutcome.ON_THE_SPOT) == [Problem.PROMISED_ON_THE_SPOT]
    payload = build_payload(draft, AcceptanceOutcome.ACCEPTED, "RC-20261125-C3-00001",
                            today=date(2026, 11, 25), ticket="A012", window="3")
    assert payload.promised_date == add_working_days(date(2026, 11, 25), 5).date
    assert (payload.materials_received, payload.materials_promised) == (["A"], ["B"])
    with pytest.raises(ValueError):
        build_payload(draft, AcceptanceOutcome.ON_THE_SPOT, "RC-20261125-C3-00002",
                      today=date(2026, 11, 25))


def test_scanner_line_edit_tells_scans_from_typing(qtbot: QtBot) -> None:
    edit = ScanLineEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.entered) as blocker:
        qtbot.keyClicks(edit, "RC-20261125-K01-00042")
        qtbot.keyClick(edit, "\r")
    text, fast = blocker.args
    assert text == "RC-20261125-K01-00042" and fast  # keyClicks types like a scanner
    assert edit.text() == ""
    assert tracking_number_in(status_url(text)) == text
    assert tracking_number_in("rc-20261125-k01-00042") == text
    assert tracking_number_in("hello") is None


# ---- helpers ---------------------------------------------------------------------------
def printed_text(data: bytes) -> str:
    """The slip's text read back from its ESC/POS bytes, line wraps undone."""
    from hardware.printer.escpos_text import extract_text

    return " ".join(extract_text(data).split())


def choose(env: CounterEnv, qtbot: QtBot, query: str, code: str) -> None:
    workbench = env.workbench
    workbench.new_application()
    qtbot.keyClicks(workbench.matter_step.search, query)
    qtbot.waitUntil(lambda: workbench.matter_step.results.count() > 0)
    item = workbench.matter_step.results.item(0)
    assert item.text().startswith(code), item.text()
    qtbot.keyClick(workbench.matter_step.search, "\r")
    assert workbench.draft.matter is not None and workbench.draft.matter.code == code


def read_card(env: CounterEnv, qtbot: QtBot) -> None:
    workbench = env.workbench
    workbench.go(APPLICANT)
    workbench.applicant_step.read_button.click()
    qtbot.waitUntil(lambda: workbench.applicant_step.id_number.text() != "", timeout=10_000)
    assert workbench.applicant_step.problem() == ""


def fill_form(env: CounterEnv, values: dict[str, Any]) -> None:
    workbench = env.workbench
    workbench.go(FORM)
    workbench.form_step.set_values(values)
    assert workbench.form_step.problems() == []


def set_materials(env: CounterEnv, states: dict[str, MaterialState]) -> None:
    workbench = env.workbench
    workbench.go(MATERIALS)
    workbench.materials_step.all_received.click()
    for code, state in states.items():
        workbench.materials_step.set(code, state)


def record(env: CounterEnv, qtbot: QtBot, outcome: AcceptanceOutcome,
           reason: str = "") -> tuple[str, str]:
    """Record through the outcome step's own button; (tracking number, printed text)."""
    workbench = env.workbench
    before = len(env.printer_sim.received)
    workbench.go(OUTCOME)
    workbench.outcome_step.choose(outcome)
    if reason:
        workbench.outcome_step.set_reason(reason)
    assert workbench.outcome_step.record.isEnabled(), workbench.outcome_step.problems.text()
    with qtbot.waitSignal(workbench.outcomeRecorded, timeout=10_000) as blocker:
        workbench.outcome_step.record.click()
    number, recorded = blocker.args
    assert recorded == outcome.value
    cut = b"\x1dV"  # GS V: the slip is complete, in any language
    qtbot.waitUntil(lambda: cut in env.printer_sim.received[before:], timeout=10_000)
    return number, printed_text(env.printer_sim.received[before:])


MZ_FORM = {"phone": "13812345678", "household_size": 3, "monthly_income": 1200,
           "reason": "疾病 Illness", "address": "北京市东城区某街道1号"}


# ---- the four outcomes -----------------------------------------------------------------
@pytest.mark.log_warnings(r"camera offline")
def test_one_time_notice_lists_exactly_the_missing_item(counter_env: CounterEnv,
                                                        qtbot: QtBot) -> None:
    env = counter_env
    env.workbench.set_ticket("A012")
    choose(env, qtbot, "dbsq", MZ)
    read_card(env, qtbot)
    fill_form(env, MZ_FORM)
    set_materials(env, {"INCOME": MaterialState.MISSING, "BANK": MaterialState.PROMISED})
    env.workbench.go(DOCUMENTS)  # a perspective-corrected scan, attached
    env.workbench.documents_step.capture_frame(page_scene(np.random.default_rng(5)).frame)
    qtbot.waitUntil(lambda: len(env.workbench.documents_step.documents) == 1, timeout=10_000)
    with qtbot.waitSignal(env.workbench.ratingRequested) as rating:
        number, printed = record(env, qtbot, AcceptanceOutcome.MISSING_MATERIALS)
    assert rating.args == [number]
    assert "One-time notice of missing materials" in printed
    assert number in printed
    assert "1. Proof of household income" in printed
    assert "bank card" not in printed.lower()  # promised later: not on the notice
    assert "Household register" not in printed  # received
    assert "2." not in printed.split("Proof of household income")[1].split("Scan")[0]
    assert ID_NUMBER not in printed  # the applicant is masked (CJK lines print as raster)
    assert env.drain() == 1
    env.drain()
    rows = [row for row in env.platform_rows("acceptance") if row["tracking_number"] == number]
    assert len(rows) == 1
    row = rows[0]
    assert row["outcome"] == "missing_materials"
    assert row["materials_missing"] == ["INCOME"] and row["materials_promised"] == ["BANK"]
    assert (row["ticket_number"], row["window"], row["staff_no"]) == ("A012", "3", "S001")
    assert row["applicant"]["id_number"] == ID_NUMBER and row["fields"]["household_size"] == 3
    items = [item for item in env.platform_items("acceptance")
             if item["payload"]["tracking_number"] == number]
    assert len(items[0]["attachments"]) == 1


def test_accepted_on_the_spot_and_not_accepted(counter_env: CounterEnv, qtbot: QtBot) -> None:
    env = counter_env
    env.workbench.set_ticket("A013")
    choose(env, qtbot, "dbsq", MZ)
    read_card(env, qtbot)
    fill_form(env, MZ_FORM)
    set_materials(env, {"BANK": MaterialState.PROMISED})
    env.workbench.go(OUTCOME)
    assert env.workbench.outcome_step.outcome() is AcceptanceOutcome.ACCEPTED  # suggested
    accepted, printed = record(env, qtbot, AcceptanceOutcome.ACCEPTED)
    promised = add_working_days(datetime.now().astimezone().date(), 20).date
    assert "Acceptance receipt" in printed and f"{promised:%Y-%m-%d}" in printed
    assert "Own bank card or passbook" in printed  # to supply later

    choose(env, qtbot, "hjzm", ON_THE_SPOT)
    read_card(env, qtbot)
    choices = {key: widget.field.choices[0]
               for key, widget in env.workbench.form_step.inputs.items() if widget.field.choices}
    fill_form(env, {"phone": "13812345678", **choices})
    set_materials(env, {})
    env.workbench.go(OUTCOME)
    assert env.workbench.outcome_step.outcome() is AcceptanceOutcome.ON_THE_SPOT
    spot, printed = record(env, qtbot, AcceptanceOutcome.ON_THE_SPOT)
    assert "Handled on the spot" in printed

    choose(env, qtbot, "dbsq", MZ)
    env.workbench.go(OUTCOME)
    env.workbench.outcome_step.choose(AcceptanceOutcome.NOT_ACCEPTED)
    env.workbench.outcome_step.set_reason("")
    assert not env.workbench.outcome_step.record.isEnabled()  # a reason is needed
    refused, printed = record(env, qtbot, AcceptanceOutcome.NOT_ACCEPTED,
                              "Household income above the local minimum")
    assert "Notice of non-acceptance" in printed
    assert "Household income above the local minimum" in printed

    assert env.drain() == 3
    rows = env.platform_rows("acceptance")
    by_number = {row["tracking_number"]: row for row in rows}
    assert len(rows) == len(by_number) == 3  # each delivered exactly once
    assert by_number[accepted]["promised_date"] == promised.isoformat()
    assert by_number[accepted]["materials_promised"] == ["BANK"]
    assert by_number[spot]["outcome"] == "on_the_spot" and by_number[spot]["promised_date"] is None
    assert by_number[refused]["reason"] == "Household income above the local minimum"

    env.workbench.go(HISTORY)  # today's outcomes, newest first, with reprint
    qtbot.waitUntil(lambda: len(env.workbench.history.entries) == 3)
    assert [e.payload.tracking_number for e in env.workbench.history.entries] == \
        [refused, spot, accepted]
    assert all(entry.delivered for entry in env.workbench.history.entries)
    env.workbench.history.list.setCurrentRow(2)
    before = len(env.printer_sim.received)
    env.workbench.history.reprint.click()
    cut = b"\x1dV"  # GS V: the slip is complete, in any language
    qtbot.waitUntil(lambda: cut in env.printer_sim.received[before:], timeout=10_000)
    assert accepted in printed_text(env.printer_sim.received[before:])


def test_a_typed_id_number_needs_its_check_digit(counter_env: CounterEnv,
                                                 qtbot: QtBot) -> None:
    step = counter_env.workbench.applicant_step
    counter_env.workbench.go(APPLICANT)
    qtbot.keyClicks(step.id_number, "110105194912310021")
    assert "not valid" in step.problem()
    step.id_number.clear()
    qtbot.keyClicks(step.id_number, "11010519491231002x")
    assert step.id_number.text() == ID_NUMBER and step.problem() == ""


# ---- kiosk pre-applications ---------------------------------------------------------
def test_a_kiosk_pre_application_opens_prefilled_from_its_qr(
        counter_env: CounterEnv, kiosk_terminal: KioskTerminal, qtbot: QtBot) -> None:
    import cv2

    from hardware.camera.synthetic import receipt_scene

    env = counter_env
    number = "RC-20261125-K01-00042"
    kiosk_terminal.submit_application(ApplicationPayload(
        tracking_number=number, matter_code=MZ, channel=Channel.KIOSK,
        applicant=Person(id_number=ID_NUMBER, name="张三丰", phone="13812345678"),
        fields={"applicant_id_number": ID_NUMBER, "phone": "13812345678",
                "household_size": 4, "monthly_income": 900, "reason": "残疾 Disability",
                "address": "北京市东城区某街道2号"}))
    frame = receipt_scene(status_url(number), np.random.default_rng(3), qr_px=260)
    cv2.imwrite(str(env.camera_dir / "receipt.png"), frame)
    env.workbench.set_ticket("A020")
    env.workbench.scan_camera.click()
    qtbot.waitUntil(lambda: env.workbench.draft.tracking_number == number, timeout=20_000)
    workbench = env.workbench
    assert workbench.stack.currentIndex() == MATERIALS
    assert workbench.applicant_step.id_number.text() == ID_NUMBER
    assert workbench.form_step.inputs["household_size"].value() == 4
    assert workbench.form_step.inputs["reason"].value() == "残疾 Disability"
    assert workbench.form_step.problems() == []
    set_materials(env, {})
    same, printed = record(env, qtbot, AcceptanceOutcome.ACCEPTED)
    assert same == number and number in printed  # the kiosk's number is kept
    env.drain()
    rows = [r for r in env.platform_rows("acceptance") if r["tracking_number"] == number]
    assert len(rows) == 1 and rows[0]["fields"]["household_size"] == 4

    # a USB scanner types the same code into the scan box
    qtbot.keyClicks(workbench.scan, status_url(number))
    qtbot.keyClick(workbench.scan, "\r")
    qtbot.waitUntil(lambda: workbench.draft.tracking_number == number, timeout=10_000)
    # an unknown number says so
    workbench.open_receipt("RC-20261125-K01-09999")
    qtbot.waitUntil(lambda: "No kiosk application" in workbench.message.text(), timeout=10_000)


# ---- offline ---------------------------------------------------------------------------
def test_an_outcome_offline_is_saved_printed_and_delivered_later(
        counter_env: CounterEnv, qtbot: QtBot) -> None:
    from sync.client import TransientError

    env = counter_env
    env.platform.stop()
    env.workbench.open_receipt("RC-20261125-K01-00077")
    qtbot.waitUntil(lambda: "cannot be reached" in env.workbench.message.text(),
                    timeout=10_000)
    own = "RC-20261125-C3-00099"  # an application this terminal stored: opens offline
    env.shell.services.runtime.outbox.submit(ApplicationPayload(
        tracking_number=own, matter_code=MZ, channel=Channel.COUNTER,
        applicant=Person(id_number=ID_NUMBER), fields={"household_size": 2}))
    env.workbench.open_receipt(own)
    qtbot.waitUntil(lambda: env.workbench.draft.tracking_number == own, timeout=10_000)
    assert env.workbench.form_step.inputs["household_size"].value() == 2
    choose(env, qtbot, "dbsq", MZ)
    read_card(env, qtbot)
    fill_form(env, MZ_FORM)
    set_materials(env, {"HUKOU": MaterialState.MISSING, "INCOME": MaterialState.MISSING})
    number, printed = record(env, qtbot, AcceptanceOutcome.MISSING_MATERIALS)
    assert "1. Household register" in printed and "2. Proof of household income" in printed
    assert env.shell.services.runtime.outbox.backlog() == 2
    with pytest.raises(TransientError):
        env.drain()
    env.restart_platform()
    assert env.drain() == 2
    env.drain()
    rows = [r for r in env.platform_rows("acceptance") if r["tracking_number"] == number]
    assert len(rows) == 1 and rows[0]["materials_missing"] == ["HUKOU", "INCOME"]


# ---- how it looks ----------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.log_warnings(r"camera offline")
def test_render_the_steps(counter_env: CounterEnv, qtbot: QtBot, language: str) -> None:
    env = counter_env
    env.shell.gui.language.set_language(language)
    workbench = env.workbench
    workbench.set_ticket("A012")
    choose(env, qtbot, "dbsq", MZ)
    read_card(env, qtbot)
    fill_form(env, MZ_FORM)
    set_materials(env, {"INCOME": MaterialState.MISSING, "BANK": MaterialState.PROMISED})
    for width, height in ((1920, 1080), (1366, 768)):
        workbench.resize(width, height)
        for step, name in enumerate(("matter", "applicant", "form", "materials",
                                     "documents", "outcome")):
            workbench.go(step)
            if step == 0:
                workbench.matter_step.search.setText("bz")
            save_shot(workbench, f"{name}-{width}x{height}-{language}")
        workbench.go(OUTCOME)
    record(env, qtbot, AcceptanceOutcome.MISSING_MATERIALS)
    with qtbot.waitSignal(workbench.history.loaded):
        workbench.go(HISTORY)
    save_shot(workbench, f"history-1366x768-{language}")
