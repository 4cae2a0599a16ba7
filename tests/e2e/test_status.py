"""Checking an application by typing its tracking number: the platform's
status (a window accepted it), or offline the kiosk's saved copy "as of"
when it was fetched. Nothing is printed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, go_offline, start_session
from tests.e2e.keyboard import type_latin
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import CounterPeer

MATTER = "GA-003"
MATTER_NAME = {"zh_CN": "户籍证明开具", "en": "Issue a household registration certificate"}


@pytest.fixture
def accepted(rig: Rig) -> Iterator[str]:
    """An application a window accepted today (before the kiosk starts, so the
    kiosk's first pull of the status feed brings it)."""
    counter = CounterPeer(rig.platform)
    today = rig.platform.clock.now()
    prefix = f"RC-{today:%Y%m%d}-W03-"
    earlier = [row for row in rig.platform.rows("ApplicationState")
               if row.tracking_number.startswith(prefix)]
    number = f"{prefix}{len(earlier) + 1:05d}"
    counter.accept(number, MATTER, f"{today.date() + timedelta(days=7)}")
    counter.close()
    yield number


@pytest.mark.fresh_kiosk  # its first sync pass brings the acceptance (then offline)
@pytest.mark.parametrize("link", ["online", "offline"])
def test_check_an_application_by_typed_number(accepted: str, kiosk: Kiosk, rig: Rig,
                                              link: str) -> None:
    state = next(row for row in rig.platform.rows("ApplicationState")
                 if row.tracking_number == accepted)
    assert state.status == "accepted"
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "status")
    kiosk.begin("status: type the number instead of scanning")
    kiosk.tap(kiosk.tr("StatusScreen", "Type the number instead"), exact=True)
    kiosk.wait(lambda s: any(w["kind"] == "field" and w["text"] == "RC-"
                             for w in s["widgets"]), "the number field, ready with RC-")
    type_latin(kiosk, accepted.removeprefix("RC-"), "trackingNumber")
    kiosk.tap(kiosk.tr("StatusScreen", "Check"), exact=True)
    kiosk.begin("status: the answer")
    words = kiosk.tr("StatusScreen", "Accepted: your application is complete and is being "
                                     "handled.")
    kiosk.wait_text(words)
    kiosk.wait_text(accepted, timeout=5)
    kiosk.wait_text(MATTER_NAME[kiosk.language], timeout=5)
    source = kiosk.wait_for(name="resultSource", kind="label")["text"]
    offline_words = kiosk.tr("StatusScreen", "We cannot reach the service system right now. "
                                             "This is the status saved on this machine, as of "
                                             "%1.").split("%1")[0]
    assert (offline_words in source) is (link == "offline"), source
    kiosk.screenshot(f"{rig.setup.name}-{link}-status")
    kiosk.tap(kiosk.tr("StatusScreen", "Done"), exact=True)
    kiosk.wait_screen("home")
    assert rig.printer.sent_besides_status_queries(mark) == b""  # nothing printed
