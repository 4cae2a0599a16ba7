"""Applying for a service at the kiosk: catalog, matter, ID card, the form
(keypad and choices), review, submit, and the receipt from the printer;
online, and with the platform gone (saved, then delivered when it is back)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import (
    choose,
    finish,
    go_offline,
    go_online,
    identify_by_card,
    start_session,
    type_digits,
)
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import wait_until

TRACKING = re.compile(r"RC-\d{8}-[A-Z][A-Z0-9]{1,7}-\d{5}")
PHONE = "13700001111"
#: support for people in extreme poverty: a phone number and two choices
MATTER = {"code": "MZ-002", "zh_CN": "特困人员救助供养申请",
          "en": "Apply for support for people in extreme poverty"}
DEPARTMENT = {"zh_CN": "民政", "en": "Civil Affairs"}
CATEGORY = {"zh_CN": "社会救助", "en": "Social assistance"}
SUPPORT = {"zh_CN": "集中供养", "en": "In a care home"}
SELF_CARE = {"zh_CN": "部分自理", "en": "Partly"}


def next_step(kiosk: Kiosk, last: bool = False) -> None:
    kiosk.tap(kiosk.tr("StepForm", "Check my answers ›" if last else "Next ›"), exact=True)


def tracking_number_of(text: str) -> str:
    found = TRACKING.search(text)
    assert found is not None, f"no tracking number in {text!r}"
    return found.group(0)


@pytest.mark.parametrize("link", ["online", "offline"])
def test_apply_by_id_card(kiosk: Kiosk, rig: Rig, link: str) -> None:
    language = kiosk.language
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "apply")
    kiosk.begin("catalog: office, topic, service")
    kiosk.tap(DEPARTMENT[language])
    kiosk.tap(CATEGORY[language])
    kiosk.tap(MATTER[language])
    kiosk.wait_screen("matter")
    kiosk.begin("matter: start")
    kiosk.tap(kiosk.tr("MatterScreen", "Start ›"), exact=True)
    identify_by_card(kiosk, rig.reader, "apply_form")

    kiosk.begin("form: phone")
    type_digits(kiosk, PHONE, "keypadDisplay")
    next_step(kiosk)
    kiosk.begin("form: how support is given")
    kiosk.tap(SUPPORT[language])
    next_step(kiosk)
    kiosk.begin("form: looking after oneself")
    kiosk.tap(SELF_CARE[language])
    next_step(kiosk, last=True)

    kiosk.wait_screen("apply_review")
    kiosk.begin("review: submit")
    kiosk.wait_text(MATTER[language], timeout=10)
    kiosk.wait_text(SUPPORT[language], timeout=10)
    kiosk.tap(kiosk.tr("ReviewScreen", "Submit"), exact=True)
    kiosk.wait_screen("apply_done")
    kiosk.wait_text(kiosk.tr("DoneScreen", "Please take your slip from the printer."))
    kiosk.screenshot(f"{rig.setup.name}-{link}-application")
    printed = rig.printer.printed(mark)
    number = tracking_number_of(printed.text)
    assert kiosk.tr("Receipt", "Application receipt") in printed.text
    assert any(number in payload for payload in printed.qr_payloads)
    assert rig.reader.identity.id_number not in printed.text  # masked on paper
    kiosk.wait_text(number, timeout=5)  # the screen says the same number
    finish(kiosk, "DoneScreen")

    if link == "offline":
        go_online(kiosk, rig.platform)
    stored = wait_until(
        lambda: next((p for p in rig.platform.transactions("application")
                      if p["tracking_number"] == number), None), 60,
        f"application {number} on the platform")
    assert stored["matter_code"] == MATTER["code"]
    assert stored["applicant"]["id_number"] == rig.reader.identity.id_number
    assert stored["fields"]["phone"] == PHONE
    assert stored["fields"]["support_mode"].startswith(SUPPORT["zh_CN"])
    assert stored["fields"]["self_care"].startswith(SELF_CARE["zh_CN"])
