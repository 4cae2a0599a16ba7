"""The on-screen keyboard on a real display, met as a resident meets it.

The first text step of a fresh kiosk used to freeze it for good (the GUI
thread waited for the keyboard's QML, whose loader thread waited for the
GIL): the watchdog fails any step where the GUI thread does not answer
within 2 s. The keyboard is docked clear of Back, Next and Home, speaks the
kiosk's language and toggles only to the other one, drops pinyin the
resident did not pick, finds services by pinyin initials while they are
still being composed, and types 幸福里3号楼 by pinyin candidates into a
residence address that reaches the platform.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, identify_by_card, start_session, type_digits
from tests.e2e.keyboard import (
    bring_into_view,
    field_text,
    keyboard_items,
    keyboard_up,
    overlaps,
    pick,
    shown_by_keyboard,
    switch_keyboard_language,
    tap_below,
    type_keys,
    typing_in,
)
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import wait_until

#: a residence-permit endorsement: after the card, it asks a phone and the address
MATTER = "GA-007"
MATTER_NAME = {"zh_CN": "居住证签注", "en": "Annual endorsement"}
ADDRESS = "幸福里3号楼"


# ---- reading the keyboard ---------------------------------------------------------

def covered(kiosk: Kiosk, state: dict[str, Any], buttons: tuple[str, ...]) -> list[str]:
    """Which of `buttons` the keyboard covers, even in part."""
    keys = keyboard_items(state)
    found = []
    for text in buttons:
        button = kiosk.find(state, text, exact=True)
        if button is not None and any(overlaps(item["rect"], button["whole"]) for item in keys):
            found.append(text)
    return found


def wait_docked_clear_of(kiosk: Kiosk, *buttons: str) -> None:
    """Once the keyboard has come up (it slides in), it covers none of `buttons`,
    and each can be brought into view and tapped."""
    kiosk.wait(lambda state: keyboard_up(state) and not covered(kiosk, state, buttons),
               f"the keyboard clear of {buttons}", timeout=5)
    for text in buttons:
        bring_into_view(kiosk, text)


def shape(rig: Rig) -> str:
    return "landscape" if rig.setup.width > rig.setup.height else "portrait"


# ---- flows ----------------------------------------------------------------------------

def to_repair_location(kiosk: Kiosk) -> dict[str, Any]:
    """Repair, a kind, Next: the first text field this kiosk process ever focuses."""
    start_session(kiosk)
    choose(kiosk, "repair")
    kiosk.begin("repair: what needs fixing")
    kiosk.tap("电梯" if kiosk.language == "zh_CN" else "Lift", exact=True)
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
    kiosk.begin("repair: where (the first text field, the keyboard loads)")
    return kiosk.wait(lambda state: keyboard_up(state) and state, "the on-screen keyboard")


@pytest.mark.fresh_kiosk  # the freeze was a fresh kiosk's first text step
def test_first_text_step_keeps_answering_with_the_keyboard_docked(kiosk: Kiosk,
                                                                  rig: Rig) -> None:
    state = to_repair_location(kiosk)
    assert state["focus"] == "text_location"
    assert typing_in(state) == kiosk.language
    wait_docked_clear_of(kiosk, kiosk.tr("StepForm", "‹ Previous"),
                         kiosk.tr("StepForm", "Next ›"), kiosk.tr("NavigationBar", "Home"))

    kiosk.begin("repair: type a word, then go on")
    if kiosk.language == "zh_CN":
        type_keys(kiosk, "dianti")
        pick(kiosk, "电梯")
        word = "电梯"
    else:
        type_keys(kiosk, "lift")
        word = "Lift"  # the keyboard starts a field with a capital
    kiosk.wait(lambda _state: field_text(kiosk, "text_location") == word, f"{word!r} typed")
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
    kiosk.wait(lambda state: state["focus"] == "text_description" and keyboard_up(state),
               "the description field, keyboard up")

    switch_keyboard_language(kiosk, "en" if kiosk.language == "zh_CN" else "zh_CN")
    switch_keyboard_language(kiosk, kiosk.language)  # only two: back where it was

    kiosk.begin("repair: Home from a text step")
    kiosk.tap(kiosk.tr("NavigationBar", "Home"), exact=True)
    kiosk.wait(lambda state: state.get("screen") == "home" and not keyboard_up(state),
               "home, without the keyboard")


def test_pinyin_left_pending_is_dropped_not_committed(kiosk: Kiosk) -> None:
    to_repair_location(kiosk)
    if kiosk.language == "en":
        switch_keyboard_language(kiosk, "zh_CN")
    kiosk.begin("pinyin pending, no candidate picked")
    type_keys(kiosk, "aolou")
    kiosk.wait(lambda state: shown_by_keyboard(state, "奥楼"), "candidates for aolou")
    kiosk.begin("leave the field with pinyin pending")
    tap_below(kiosk, kiosk.tr("StepForm", "‹ Previous"))
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
    kiosk.wait(lambda state: state["focus"] == "text_location" and keyboard_up(state),
               "the location step again")
    assert field_text(kiosk, "text_location") == ""


def test_initials_search_and_an_address_typed_by_pinyin_candidates(kiosk: Kiosk,
                                                                   rig: Rig) -> None:
    start_session(kiosk)
    choose(kiosk, "apply")
    kiosk.begin("apply: search by pinyin initials while they are composed")
    kiosk.tap(name="catalogSearch", kind="field")
    kiosk.wait(keyboard_up, "the on-screen keyboard")
    if kiosk.language == "en":
        switch_keyboard_language(kiosk, "zh_CN")
    type_keys(kiosk, "jzzqz")  # 居住证签注's initials, still pinyin in the field
    kiosk.tap(MATTER_NAME[kiosk.language])
    kiosk.wait_screen("matter")
    kiosk.tap(kiosk.tr("MatterScreen", "Start ›"), exact=True)
    identify_by_card(kiosk, rig.reader, "apply_form")

    kiosk.begin("apply: the phone on the keypad")
    type_digits(kiosk, "13812345678", "keypadDisplay")
    tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))

    kiosk.begin("apply: the residence address by pinyin candidates")
    state = kiosk.wait(lambda state: state["focus"] == "text_address" and keyboard_up(state)
                       and state, "the address field, keyboard up")
    if typing_in(state) != "zh_CN":
        switch_keyboard_language(kiosk, "zh_CN")
    type_keys(kiosk, "xingfuli")
    pick(kiosk, "幸福里")
    kiosk.tap_quick("&123")
    kiosk.tap_quick("3")
    kiosk.tap_quick("ABC")
    type_keys(kiosk, "haolou")
    kiosk.wait(lambda state: shown_by_keyboard(state, "号楼"), "candidates for haolou")
    kiosk.screenshot(f"keyboard-pinyin-{kiosk.language}-{shape(rig)}")
    pick(kiosk, "号楼")
    kiosk.wait(lambda _state: field_text(kiosk, "text_address") == ADDRESS, repr(ADDRESS))

    kiosk.begin("apply: check and submit")
    tap_below(kiosk, kiosk.tr("StepForm", "Check my answers ›"))
    kiosk.wait_screen("apply_review")
    kiosk.wait_text(ADDRESS)
    kiosk.tap(kiosk.tr("ReviewScreen", "Submit"), exact=True)
    kiosk.wait_screen("apply_done")
    applications = wait_until(
        lambda: [payload for payload in rig.platform.transactions("application")
                 if payload["matter_code"] == MATTER], 60, "the application on the platform")
    assert applications[-1]["fields"]["address"] == ADDRESS
