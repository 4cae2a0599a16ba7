"""Reading the community notices: the newest in full, as the platform
published it; from the kiosk's saved copy when the platform is gone; a notice
the center's manager writes on a counter, on the attract ticker. Nothing is
printed."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, go_offline, start_session
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import CenterNotice, TerminalPeer


def published(rig: Rig) -> list[dict]:
    """The notices as the platform holds them, newest first."""
    documents = [row for row in rig.platform.rows("Document") if row.name == "notices"]
    notices = json.loads(documents[0].body)["notices"]
    return sorted(notices, key=lambda notice: notice["published_at"], reverse=True)


@pytest.mark.parametrize("link", ["online", "offline"])
def test_read_the_newest_notice(kiosk: Kiosk, rig: Rig, link: str) -> None:
    suffix = "zh" if kiosk.language == "zh_CN" else "en"
    newest = published(rig)[0]
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "notices")
    kiosk.begin("notices: the list, newest first")
    titles = {notice[f"title_{suffix}"] for notice in published(rig)}
    rows = kiosk.wait(lambda state: [w for w in state["widgets"] if w["kind"] == "button"
                                     and w["accessible"] in titles], "the notices listed")
    assert min(rows, key=lambda row: row["rect"][1])["accessible"] == newest[f"title_{suffix}"]
    kiosk.tap(newest[f"title_{suffix}"])
    kiosk.begin("notices: the newest in full")
    body = kiosk.wait_for(name="noticeBody", kind="label")
    assert body["text"] == newest[f"body_{suffix}"]
    title = kiosk.wait_for(name="noticeTitle", kind="label")
    assert title["text"] == newest[f"title_{suffix}"]
    kiosk.screenshot(f"{rig.setup.name}-{link}-notice")
    kiosk.tap(kiosk.tr("NoticesScreen", "‹ All notices"), exact=True)
    kiosk.wait_for(newest[f"title_{suffix}"])
    kiosk.begin("notices: home")
    kiosk.tap(kiosk.tr("NavigationBar", "Home"), exact=True)
    kiosk.wait_screen("home")
    assert rig.printer.sent_besides_status_queries(mark) == b""  # nothing printed


def test_a_notice_the_manager_writes_reaches_the_attract_ticker(kiosk: Kiosk, rig: Rig) -> None:
    """Written on the manager's notices page of a counter of this center (the same
    signed requests), shown on the kiosk's attract ticker at its next refresh."""
    titles = {"zh_CN": "周六上午停电检修", "en": "Power cut on Saturday morning"}
    counter = TerminalPeer(rig.platform, "counter")
    notice = CenterNotice(counter.client, rig.platform, titles["zh_CN"], titles["en"])
    try:
        kiosk.begin("the attract ticker shows the manager's notice")
        kiosk.wait_screen(None)
        shown = kiosk.tr("AttractScreen", "Notice: %1").replace("%1", titles[kiosk.language])
        kiosk.wait(lambda state: any(w.get("text") == shown for w in state["widgets"]),
                   f"the ticker saying {shown!r}", timeout=90)
        kiosk.screenshot(f"{rig.setup.name}-center-notice", doc=True)
    finally:
        notice.withdraw()
        counter.close()
