"""What a resident sees without scrolling: a form step's way on and way back
are on the screen, in both orientations."""

from __future__ import annotations

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, start_session
from tests.e2e.kiosk import Kiosk

KIND = {"zh_CN": "电梯", "en": "Lift"}


def test_step_buttons_are_on_screen_without_scrolling(kiosk: Kiosk, rig: Rig) -> None:
    start_session(kiosk)
    choose(kiosk, "repair")
    kiosk.begin("repair: the first step as it first shows")
    kiosk.wait_text(kiosk.tr("StepForm", "Step %1 of %2").split("%1")[0], timeout=10)
    state = kiosk.state()
    for text in (kiosk.tr("StepForm", "‹ Previous"), kiosk.tr("StepForm", "Next ›")):
        button = next((w for w in state["widgets"] if w["kind"] == "button"
                       and w["text"] == text), None)
        assert button is not None and button["rect"] == button["whole"], (
            f"{text!r} is not wholly on screen: {button}")
    assert KIND[kiosk.language] in kiosk.texts()
