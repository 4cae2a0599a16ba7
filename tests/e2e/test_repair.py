"""Reporting a repair: what, where (keys, and one character by handwriting),
the problem in words (pinyin in Chinese), no photo, a phone number; the
receipt from the printer and the request on the platform; online and with
the platform gone."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import (
    choose,
    delivered,
    next_step,
    start_on,
    submit_for_slip,
    tracking_number_of,
    type_digits,
)
from tests.e2e.keyboard import type_latin, type_pinyin, write_by_hand
from tests.e2e.kiosk import Kiosk

KIND = {"zh_CN": "水管漏水", "en": "Water"}
#: typed on the keys, then one character written by hand: 室 (room)
LOCATION = ("3-401", "室")
#: the problem in the resident's words: by pinyin in Chinese
PROBLEM = {"zh_CN": ("loushui", "漏水"), "en": (None, "pipe leaks")}
PHONE = "13600002222"


@pytest.mark.parametrize("link", ["online", "offline"])
def test_report_a_repair(kiosk: Kiosk, rig: Rig, link: str) -> None:
    start_on(kiosk, rig.platform, link)
    mark = rig.printer.mark()
    choose(kiosk, "repair")
    kiosk.begin("repair: what")
    kiosk.tap(KIND[kiosk.language])
    next_step(kiosk)
    kiosk.begin("repair: where")
    type_latin(kiosk, LOCATION[0], "text_location")
    write_by_hand(kiosk, LOCATION[1], "text_location")
    location = "".join(LOCATION)
    next_step(kiosk)
    kiosk.begin("repair: the problem")
    syllables, problem = PROBLEM[kiosk.language]
    if syllables:
        type_pinyin(kiosk, syllables, problem)
    else:
        type_latin(kiosk, problem, "text_description")
    next_step(kiosk)
    kiosk.begin("repair: no photo")
    next_step(kiosk)
    kiosk.begin("repair: phone")
    type_digits(kiosk, PHONE, "keypadDisplay")
    next_step(kiosk, last=True)
    kiosk.begin("repair: check and submit")
    kiosk.wait_text(location, timeout=10)
    kiosk.wait(lambda state: any((w.get("text") or "").casefold() == problem.casefold()
                                 for w in state["widgets"]), f"{problem!r} in the summary",
               timeout=10)  # the keyboard may have capitalised its first letter
    printed = submit_for_slip(kiosk, rig.printer, mark, "RepairScreen")
    kiosk.screenshot(f"{rig.setup.name}-{link}-repair")
    number = tracking_number_of(printed.text)
    assert kiosk.tr("Receipt", "Repair request receipt") in printed.text
    assert location in printed.text
    assert PHONE not in printed.text  # masked on paper

    stored = delivered(kiosk, rig.platform, link, "repair", number)
    assert stored["repair_kind"] == "water"
    assert stored["location"] == location
    assert stored["description"].casefold() == problem.casefold()
    assert stored["reporter"]["phone"] == PHONE
