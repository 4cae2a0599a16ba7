"""Applying for a service at the kiosk: catalog, matter, ID card, the form
(keypad and choices), review, submit, and the receipt from the printer;
online, and with the platform gone (saved, then delivered when it is back)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import (
    apply_for,
    choose,
    delivered,
    next_step,
    start_on,
    submit_for_slip,
    tracking_number_of,
    type_digits,
)
from tests.e2e.keyboard import LETTERS_KEY, SYMBOLS_KEY, field_text, tap_below, type_pinyin
from tests.e2e.kiosk import Kiosk, centre

PHONE = "13700001111"
#: support for people in extreme poverty: a phone number and two choices
MATTER = {"code": "MZ-002", "zh_CN": "特困人员救助供养申请",
          "en": "Apply for support for people in extreme poverty"}
DEPARTMENT = {"zh_CN": "民政", "en": "Civil Affairs"}
CATEGORY = {"zh_CN": "社会救助", "en": "Social assistance"}
SUPPORT = {"zh_CN": "集中供养", "en": "In a care home"}
SELF_CARE = {"zh_CN": "部分自理", "en": "Partly"}


def fill_the_support_form(kiosk: Kiosk) -> None:
    """MATTER's form, from the phone number to its last step."""
    language = kiosk.language
    kiosk.begin("form: phone")
    type_digits(kiosk, PHONE, "keypadDisplay")
    next_step(kiosk)
    kiosk.begin("form: how support is given")
    kiosk.tap(SUPPORT[language])
    next_step(kiosk)
    kiosk.begin("form: looking after oneself")
    kiosk.tap(SELF_CARE[language])
    next_step(kiosk, last=True)


@pytest.mark.parametrize("link", ["online", "offline"])
def test_apply_by_id_card(kiosk: Kiosk, rig: Rig, link: str) -> None:
    language = kiosk.language
    start_on(kiosk, rig.platform, link)
    mark = rig.printer.mark()
    apply_for(kiosk, rig.reader, DEPARTMENT[language], CATEGORY[language], MATTER[language])

    fill_the_support_form(kiosk)

    kiosk.wait_screen("apply_review")
    kiosk.begin("review: submit")
    kiosk.wait_text(MATTER[language], timeout=10)
    kiosk.wait_text(SUPPORT[language], timeout=10)
    printed = submit_for_slip(kiosk, rig.printer, mark)
    kiosk.screenshot(f"{rig.setup.name}-{link}-application")
    number = tracking_number_of(printed.text)
    assert kiosk.tr("Receipt", "Application receipt") in printed.text
    assert any(number in payload for payload in printed.qr_payloads)
    assert rig.reader.identity.id_number not in printed.text  # masked on paper
    kiosk.wait_text(number, timeout=5)  # the screen says the same number

    stored = delivered(kiosk, rig.platform, link, "application", number)
    assert stored["matter_code"] == MATTER["code"]
    assert stored["applicant"]["id_number"] == rig.reader.identity.id_number
    assert stored["fields"]["phone"] == PHONE
    assert stored["fields"]["support_mode"].startswith(SUPPORT["zh_CN"])
    assert stored["fields"]["self_care"].startswith(SELF_CARE["zh_CN"])


def test_a_resident_who_exits_mid_form_takes_their_identity_along(
        kiosk: Kiosk, rig: Rig) -> None:
    """Identified by the card, half way through the form, the resident changes their
    mind: "Exit" in the bar, touched twice (the first warns that the form is not
    sent), ends the session at once (not the idle countdown a minute and a half
    later), and the next person finds nothing of theirs."""
    language = kiosk.language
    start_on(kiosk, rig.platform, "online")
    apply_for(kiosk, rig.reader, DEPARTMENT[language], CATEGORY[language], MATTER[language])
    type_digits(kiosk, PHONE, "keypadDisplay")
    assert kiosk.state()["identified"]
    kiosk.begin("the bar: exit, warned")
    exit_text = kiosk.tr("NavigationBar", "Exit")
    kiosk.tap(exit_text, exact=True)
    kiosk.wait_for(name="idleCountdown", kind="label")
    assert kiosk.state()["screen"] == "apply_form"
    kiosk.begin("the bar: exit again")
    kiosk.tap(exit_text, exact=True)
    kiosk.wait_screen(None)
    state = kiosk.state()
    assert not state["identified"]
    start_on(kiosk, rig.platform, "online")
    state = kiosk.state()
    assert not state["identified"]
    assert kiosk.find(state, exit_text, exact=True) is None
    choose(kiosk, "apply")
    kiosk.tap(DEPARTMENT[language])
    kiosk.tap(CATEGORY[language])
    kiosk.tap(MATTER[language])
    kiosk.wait_screen("matter")
    kiosk.tap(kiosk.tr("MatterScreen", "Start ›"), exact=True)
    kiosk.wait_screen("identify")  # asked for the card again: the last one went with them
    kiosk.wait_text(kiosk.tr("IdentifyScreen", "Place your ID card on the reader"))


#: registering as a temporary resident: a phone number, the address, the day of arrival
RESIDENT = {"code": "GA-002", "zh_CN": "流动人口居住登记", "en": "Register as a temporary resident"}
PUBLIC_SECURITY = {"zh_CN": "公安（户籍）", "en": "Public Security (Household Registration)"}
RESIDENCE = {"zh_CN": "户籍居住", "en": "Residence"}
ADDRESS = "幸福里3号楼"


def type_address(kiosk: Kiosk) -> None:
    """幸福里3号楼 by pinyin candidates, the digit from the keyboard's digit page."""
    type_pinyin(kiosk, "xingfuli", "幸福里")
    kiosk.tap_quick(SYMBOLS_KEY)
    kiosk.tap_quick("3")
    kiosk.tap_quick(LETTERS_KEY)
    type_pinyin(kiosk, "haolou", "号楼")
    kiosk.wait(lambda _state: field_text(kiosk, "text_address") == ADDRESS, repr(ADDRESS))


def the_day_before(kiosk: Kiosk) -> None:
    """The date picker starts at today: one touch on the day row's ▼ −1 (the rows
    are year, month and day, top to bottom)."""
    down = kiosk.wait(lambda state: sorted(
        (w for w in state["widgets"] if w["kind"] == "button" and w["text"] == "▼ −1"),
        key=lambda w: w["rect"][1]), "the date picker's ▼ −1 keys")
    kiosk.tap_at(*centre(down[-1]))


@pytest.mark.parametrize("link", ["online", "offline"])
def test_apply_with_an_address_typed_by_pinyin(kiosk: Kiosk, rig: Rig, link: str) -> None:
    language = kiosk.language
    start_on(kiosk, rig.platform, link)
    mark = rig.printer.mark()
    apply_for(kiosk, rig.reader, PUBLIC_SECURITY[language], RESIDENCE[language],
              RESIDENT[language])
    kiosk.begin("form: phone")
    type_digits(kiosk, PHONE, "keypadDisplay")
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
    kiosk.begin("form: the address by pinyin")
    type_address(kiosk)
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
    kiosk.begin("form: the day of arrival")
    the_day_before(kiosk)
    arrival = rig.platform.clock.now().date() - timedelta(days=1)
    kiosk.wait_text(f"{arrival:%Y-%m-%d}")
    tap_below(kiosk, kiosk.tr("StepForm", "Check my answers ›"))

    kiosk.wait_screen("apply_review")
    kiosk.begin("review: submit")
    printed = submit_for_slip(kiosk, rig.printer, mark)
    number = tracking_number_of(printed.text)
    assert RESIDENT["zh_CN" if language == "zh_CN" else "en"] in " ".join(printed.text.split())

    stored = delivered(kiosk, rig.platform, link, "application", number)
    assert stored["matter_code"] == RESIDENT["code"]
    assert stored["fields"]["address"] == ADDRESS
    assert stored["fields"]["arrival_date"] == arrival.isoformat()
