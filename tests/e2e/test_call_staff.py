"""Voice guidance and "call staff": the resident turns voice guidance on (the
screen is read aloud in the session's language), then asks for a member of
staff; the answer is shown and read, and the platform holds the help request
for the center's counters and hall display, online and with the platform
gone (saved, then delivered). Nothing is printed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, go_offline, go_online, start_session
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import wait_until


def said(state: dict[str, Any], text: str) -> bool:
    """Voice guidance started an utterance saying `text` (a line of it)."""
    return any(text in utterance.splitlines() for utterance in state.get("said", []))


def _delivered(rig: Rig) -> list[dict[str, Any]]:
    """Every help request the platform stored, in arrival order."""
    return rig.platform.transactions("help_request")


def _open_on_the_board(rig: Rig, kiosk_name: str) -> list[Any]:
    """The requests the counters and hall display show (one open request per kiosk:
    a second call before staff answer updates it)."""
    return [row for row in rig.platform.rows("HelpRequestRow")
            if row.kiosk == kiosk_name and row.acknowledged_at is None]


@pytest.mark.fresh_kiosk  # a second call within a minute of one records nothing
@pytest.mark.parametrize("link", ["online", "offline"])
def test_voice_guidance_then_call_staff(kiosk: Kiosk, rig: Rig, link: str) -> None:
    before = len(_delivered(rig))
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    kiosk.begin("voice guidance on")
    kiosk.tap(name="voiceButton")
    kiosk.wait(lambda state: (kiosk.find(state, name="voiceButton") or {}).get("checked"),
               "the voice guidance switch shown on")
    title = kiosk.tr("HomeScreen", "Home")
    kiosk.wait(lambda state: said(state, title), f"the home screen read aloud ({title!r})")
    choose(kiosk, "notices")
    notices = kiosk.tr("NoticesScreen", "Community notices")
    kiosk.wait(lambda state: said(state, notices), f"the next screen read aloud ({notices!r})")
    shape = f"{kiosk.language}-{rig.xserver.width}x{rig.xserver.height}"
    kiosk.screenshot(f"voice-guidance-{shape}", doc=link == "online")

    kiosk.begin("call staff")
    kiosk.tap(name="callStaffButton")
    answer = kiosk.tr("CallStaffButton",
                      "Staff have been called. Please wait here; someone will come to you.")
    kiosk.wait_for(answer, name="callStaffNotice", kind="label", exact=True)
    kiosk.wait(lambda state: said(state, answer), "the answer read aloud")
    kiosk.screenshot(f"call-staff-{shape}", doc=link == "online")
    assert rig.printer.sent_besides_status_queries(mark) == b""  # nothing printed

    if link == "offline":
        go_online(kiosk, rig.platform)
    request = wait_until(lambda: _delivered(rig)[before:], 60,
                         "the help request on the platform")
    assert len(request) == 1, request
    assert request[0]["screen"] == "notices"
    assert request[0]["screen_title"] == notices
    assert request[0]["language"] == kiosk.language
    board = _open_on_the_board(rig, request[0]["kiosk"])
    assert len(board) == 1, board
    assert (board[0].screen, board[0].screen_title) == ("notices", notices)
