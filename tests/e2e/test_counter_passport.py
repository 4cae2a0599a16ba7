"""A passport holder identified at the counter on a real display (Xvfb 1366x768,
xcb), the clerk by real clicks and keys (XTest): the camera (a camera process
over a folder) sees the demo passport's data page and reads its MRZ, the chip
(the simulated demo passport, valid today) opens to that key, the camera then
sees the applicant and the face is matched against the chip's photo in the
camera process by the technician's threshold; the application is accepted and
reaches the platform with the passport holder's identity and the face check's
outcome. An applicant whose face does not match is told to the clerk, who
checks by hand and still accepts. In both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from hardware.passport.specimen import demo_lines
from tests.e2e.center import WINDOW, Counter, Desk, running_counter
from tests.e2e.kiosk import Widget, centre
from tests.e2e.passports import OCR_B, applicant, data_page, show_camera
from tests.e2e.peers import DEMO_DATA, wait_until
from tests.e2e.texts import lead, tr

CLERK, PIN, CLERK_NAME = "1001", "246810", "王丽"
MATTER = "MZ-001"  # 最低生活保障金申请: "dbsq" by its pinyin initials
REQUIRED = [material["code"] for matter in json.loads(
    (DEMO_DATA / "catalog.json").read_text("utf-8"))["matters"] if matter["code"] == MATTER
    for material in matter["materials"] if material["required"]]
HOLDER, NUMBER, COUNTRY = "ANNA MARIA ERIKSSON", "D23145890", "UTO"
#: the technician's face-match threshold (the default is 0.6): the demo passport's
#: holder is ~0.25 from her chip photo, Grace Hopper ~0.66
THRESHOLD = 0.5
PASSPORT = ("[devices.passport]\n"
            'kind = "simulated"\n'
            'simulated_passport = "demo"\n'
            f"face_match_threshold = {THRESHOLD}\n")
#: the camera process loads OpenCV, tesseract's MRZ reading and dlib's models on first use
CAMERA_TIMEOUT = 180.0
#: MZ-001's form as the clerk types it: phone, household size, monthly income, address
FORM = ("13812345678", "3", "1200", "No. 1 Xingfu Lane")
#: the cause chosen, as its button says it in each language
CAUSE = {"zh_CN": "疾病", "en": "Illness"}
#: over the workbench's step, right of its list of steps (1366x768): the wheel scrolls it
STEP_AREA = (1060, 400)

pytestmark = pytest.mark.skipif(not OCR_B.exists(), reason="fonts-ocr-b is not installed "
                                "(the data page's MRZ is drawn in OCR-B)")


@pytest.fixture(params=["zh_CN", "en"])
def counter(request: pytest.FixtureRequest) -> Iterator[Counter]:
    with running_counter(request.param, PASSPORT) as running:
        yield running


@pytest.mark.parametrize(("person", "matched"), [("collins", True), ("hopper", False)],
                         ids=["face-matched", "face-not-matched"])
def test_a_passport_holder_identified_at_the_counter(counter: Counter, person: str,
                                                     matched: bool) -> None:
    desk, platform = counter.desk, counter.platform
    language = desk.language
    tag = "matched" if matched else "not-matched"
    number = counter.issue("A")

    desk.begin("sign in, F1 calls the number, F9: the resident arrives")
    sign_in(desk)
    desk.serve_next(number)

    desk.begin("Ctrl+N, the matter by its pinyin initials")
    desk.open_matter("dbsq", MATTER)

    desk.begin("the document menu: Passport (the last kind)")
    desk.tap(name="documentKind", kind="widget")  # its list pops up
    desk.keys("End", "Return")

    desk.begin("the data page under the camera: its MRZ read, then the chip")
    show_camera(counter.camera, data_page(demo_lines(platform.clock.now().date()),
                                          "ERIKSSON", "ANNA MARIA"))
    desk.tap(tr(language, "ApplicantStep", "Read MRZ by camera"), name="scanMrz")
    # the step scrolls to the chip's verdict (the number read goes out of view above)
    passed = lead(language, "ApplicantStep",
                  "Chip read. Passive authentication passed: the data is signed by %1, "
                  "issued by a configured country signing CA.")
    desk.wait(lambda state: desk.find(state, passed, name="chipResult", kind="label"),
              "the MRZ read, the chip opened to it, passive authentication passed",
              timeout=CAMERA_TIMEOUT)
    desk.wait_text(HOLDER)
    desk.wait(lambda state: desk.find(state, name="documentFace", kind="label"),
              "the chip photo shown")
    desk.shot("counter", f"passport-chip-{language}-1366x768")

    desk.begin("the applicant faces the camera: compare with the chip photo")
    show_camera(counter.camera, applicant(person))
    desk.tap(name="compareFace")
    outcome = ("The face matches the chip photo (%1)." if matched else
               "The face does NOT match the chip photo (%1): check the applicant and the "
               "passport by hand.")
    said = desk.wait(lambda state: desk.find(state, lead(language, "FaceCompare", outcome),
                                             name="faceResult", kind="label"),
                     f"the face check: {tag}", timeout=CAMERA_TIMEOUT)
    assert f"{THRESHOLD:.2f}" in said["text"]  # the technician's threshold, told
    desk.shot("counter", f"passport-face-{tag}-{language}-1366x768")

    desk.begin("Ctrl+PgDn to the form: each field clicked and typed")
    desk.keys("ctrl+Next")
    desk.wait(lambda state: state.get("step") == 2, "the form step")
    desk.wheel_at = STEP_AREA
    fill_form(desk)

    desk.begin("Ctrl+PgDn to the materials: all received")
    desk.keys("ctrl+Next")
    desk.wait(lambda state: state.get("step") == 3, "the materials step")
    desk.tap(tr(language, "MaterialsStep", "All received"))
    desk.wait(lambda state: all(checked(state, f"material-{code}-received")
                                for code in REQUIRED), "every material received")

    desk.begin("Ctrl+PgDn to the outcome: accepted, Ctrl+Enter records and prints")
    desk.keys("ctrl+Next", "ctrl+Next")
    desk.wait(lambda state: state.get("step") == 5, "the outcome step")
    desk.wait(lambda state: checked(state, "outcome-accepted"), "acceptance suggested")
    desk.shot("counter", f"passport-outcome-{tag}-{language}-1366x768")
    mark = counter.printer.mark()
    desk.keys("ctrl+Return")
    receipt = tr(language, "AcceptanceReceipt", "Acceptance receipt")
    printed = wait_until(lambda: slip(counter, mark, receipt), 20, "the receipt")

    desk.begin("the resident rates, F7: done")
    desk.wait(lambda state: state.get("rating_page") == 1, "the rating levels shown")
    desk.tap(name="level5")
    desk.wait(lambda state: state.get("rating_page") == 3, "the thanks")
    desk.point_at_window("counterWindow")
    desk.keys("F7")
    desk.wait(lambda state: state.get("current") is None, "the desk free again")

    accepted = wait_until(lambda: platform.transactions("acceptance"), 30,
                          "the acceptance on the platform")[-1]
    assert accepted["matter_code"] == MATTER and accepted["outcome"] == "accepted"
    assert accepted["ticket_number"] == number and accepted["window"] == WINDOW
    assert accepted["materials_received"] == REQUIRED and accepted["materials_missing"] == []
    assert accepted["applicant"]["document_kind"] == "passport"
    assert accepted["applicant"]["id_number"] == NUMBER
    assert accepted["applicant"]["nationality"] == COUNTRY
    assert accepted["applicant"]["name"] == HOLDER
    assert accepted["face_threshold"] == THRESHOLD  # the technician's, not the default
    if matched:
        assert accepted["face_match"] == "matched" and accepted["face_distance"] < THRESHOLD
    else:
        assert accepted["face_match"] == "not_matched"
        assert accepted["face_distance"] >= THRESHOLD
    assert accepted["tracking_number"] in flat(printed.text)
    served = wait_until(lambda: [s for s in platform.transactions("served")
                                 if s.get("number") == number], 30, f"{number} served")
    assert served[-1]["outcome"] == "done"


def fill_form(desk: Desk) -> None:
    """MZ-001's form: the applicant's number came from the chip; the phone, the
    household's size and income typed, the cause chosen, the address typed."""
    fields = desk.wait(lambda state: form_fields(state)[:4] if len(form_fields(state)) >= 4
                       else None, "the form's typed fields")
    assert fields[0]["text"] == NUMBER  # the passport's number, as read
    for widget, text in zip(fields[1:4], FORM[:3], strict=True):
        desk.tap_at(*centre(widget))
        desk.type_text(text)
    desk.wait(lambda state: [w["text"] for w in form_fields(state)[1:4]] == list(FORM[:3]),
              "phone, household size and income typed")
    desk.tap(CAUSE[desk.language])
    desk.tap(name="text_address", kind="field")
    desk.type_text(FORM[3])
    desk.wait(lambda state: desk.find(state, FORM[3], name="text_address", kind="field"),
              "the address typed")


def form_fields(state: dict[str, Any]) -> list[Widget]:
    """The form step's unnamed line edits, top to bottom."""
    x = STEP_AREA[0] - 250
    return sorted((w for w in state["widgets"] if w["kind"] == "field" and not w["name"]
                   and w["rect"][0] > x), key=lambda w: w["rect"][1])


def sign_in(desk: Desk) -> None:
    """By staff number and PIN, once the counter has reached the platform."""
    desk.wait(lambda state: state.get("online"), "the counter online")
    desk.point_at_window("counterWindow")
    desk.wait(lambda state: state.get("focus") == "staffNo", "the staff number field focused")
    desk.type_text(CLERK)
    desk.keys("Return")
    desk.wait(lambda state: state.get("focus") == "pin", "on to the PIN")
    desk.type_text(PIN)
    desk.keys("Return")
    # the platform's answer may take up to the sign-in's own read timeout (30 s)
    desk.wait(lambda state: state.get("clerk") == CLERK, "the clerk signed in", timeout=40.0)
    desk.wait_text(CLERK_NAME)


def checked(state: dict[str, Any], name: str) -> bool:
    return any(w["name"] == name and w.get("checked") for w in state["widgets"])


def flat(text: str) -> str:
    """Printed text without the line breaks the slip's width put in."""
    return "".join(text.split())


def slip(counter: Counter, mark: int, title: str) -> Any:
    printed = counter.printer.printed(mark)
    return printed if flat(title) in flat(printed.text) else None
