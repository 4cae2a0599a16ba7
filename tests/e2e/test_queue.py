"""Taking a number, from the attract screen to the ticket from the printer,
online and with the platform gone; and the elderly priority proved by the
ID card on the reader."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import (
    choose,
    finish,
    go_offline,
    go_online,
    identify_by_card,
    label_text,
    start_session,
)
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import wait_until

LINKS = ["online", "offline"]


def issued_now(rig: Rig, text: str) -> bool:
    """`text` says the center's present time (to the minute, give or take two)."""
    now = rig.platform.clock.now()
    return any(f"{now + timedelta(minutes=m):%Y-%m-%d %H:%M}" in text for m in range(-2, 3))


def _ticket(rig: Rig, number: str) -> object:
    tickets = [t for t in rig.platform.rows("QueueTicket") if t.number == number]
    return tickets[0] if tickets else None


@pytest.mark.parametrize("link", LINKS)
def test_take_a_number(kiosk: Kiosk, rig: Rig, link: str) -> None:
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "take_number")
    kiosk.begin("take_number: the first service")
    kiosk.tap(name="tile_category_A")
    kiosk.wait_screen("queue_ticket")
    number = label_text(kiosk, "ticketNumber")
    assert number.startswith("A") and number[1:].isdigit(), number
    kiosk.wait_text(kiosk.tr("SlipScreen", "Please take your slip from the printer."))
    kiosk.screenshot(f"{rig.setup.name}-{link}-ticket")
    printed = rig.printer.printed(mark)
    assert number in printed.text
    assert any(number in payload for payload in printed.qr_payloads)
    assert issued_now(rig, printed.text), printed.text  # the center's time, whatever TZ says
    finish(kiosk, "SlipScreen")

    if link == "offline":
        go_online(kiosk, rig.platform)
    ticket = wait_until(lambda: _ticket(rig, number), 60, f"ticket {number} on the platform")
    assert ticket.category == "A"
    assert ticket.priority is None
    assert ticket.offline is (link == "offline")


@pytest.mark.parametrize("link", LINKS)
def test_elderly_priority_by_id_card(kiosk: Kiosk, rig: Rig, link: str) -> None:
    """"Aged 65 or over?" asks for the card; the card's birth date (1949) gives the priority."""
    if link == "offline":
        go_offline(kiosk, rig.platform)
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "take_number")
    kiosk.begin("take_number: aged 65 or over")
    kiosk.tap(name="elderlyButton")
    identify_by_card(kiosk, rig.reader, "take_number")
    kiosk.begin("take_number: with priority")
    kiosk.wait(lambda state: (kiosk.find(state, name="elderlyButton") or {}).get("checked"),
               "the elderly priority chosen")
    kiosk.tap(name="tile_category_B")
    kiosk.wait_screen("queue_ticket")
    number = label_text(kiosk, "ticketNumber")
    priority = kiosk.tr("Receipt", "Aged 65 or over")
    kiosk.wait_text(kiosk.tr("SlipScreen", "Please take your slip from the printer."))
    printed = rig.printer.printed(mark)
    assert number in printed.text
    assert priority in printed.text
    finish(kiosk, "SlipScreen")

    if link == "offline":
        go_online(kiosk, rig.platform)
    ticket = wait_until(lambda: _ticket(rig, number), 60, f"ticket {number} on the platform")
    assert ticket.category == "B"
    assert ticket.priority == "elderly"
