"""Queue numbers, appointments and check-in at the kiosk, end to end against
a real reference platform on loopback (stopped and brought back for the
offline paths), plus the attract screen's "now serving" poller."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from hardware.identity import DocumentKind, IdentityRecord
from kiosk.receipts import IssuedTicket
from tests.kiosk import queue_fixtures
from tests.kiosk.apply_fixtures import identify_as
from tests.kiosk.queue_fixtures import QueueEnv, QueueKiosk, save_shot
from tests.terminal.late_commit import commit_before_submit_returns

queue_env = queue_fixtures.queue_env  # the fixture, used by name below
BOOKABLE = "WJ-006"  # free health check for seniors: needs an appointment, kiosk allowed
ID_NUMBER = "11010519491231002X"
WAIT_MS = 15_000


def open_take_number(kiosk: QueueKiosk, qtbot: QtBot, online: bool = True) -> Any:
    kiosk.navigator.go("take_number")
    screen = kiosk.screen("take_number")
    qtbot.waitUntil(lambda: "A" in screen.tiles and (not online or not screen.estimated),
                    timeout=WAIT_MS)
    if online:  # the state read is kept and the leases topped up on the view's own lane
        assert kiosk.queue_view.top_ups.wait()
    return screen


def take(kiosk: QueueKiosk, qtbot: QtBot, category: str = "A") -> IssuedTicket:
    kiosk.screen("take_number").tiles[category].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
    ticket = kiosk.screen("queue_ticket").item
    assert isinstance(ticket, IssuedTicket)
    return ticket


def finish(kiosk: QueueKiosk, qtbot: QtBot) -> None:
    with qtbot.waitSignal(kiosk.navigator.sessionEnded):
        kiosk.navigator.screens[kiosk.navigator.current].finish.click()


def leased(kiosk: QueueKiosk, category: str = "A") -> set[str]:
    with kiosk.shell.services.runtime.database.read() as connection:
        return {row[0] for row in connection.execute(
            text("SELECT number FROM ticket_leases WHERE category = :c"), {"c": category})}


def card(birth: date) -> IdentityRecord:
    """A card that agrees with itself: its ID number encodes `birth` (sequence 002: female)."""
    from hardware.identity import Sex, check_digit

    first17 = f"110105{birth:%Y%m%d}002"
    return IdentityRecord(name="张三丰", sex=Sex.FEMALE, ethnicity="汉", birth_date=birth,
                          address="北京市东城区", id_number=first17 + check_digit(first17),
                          source="ga467")


# ---- taking a number -------------------------------------------------------------------
def test_take_a_number_online(queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    open_take_number(kiosk, qtbot)
    first = take(kiosk, qtbot)
    # the first of the day, though the kiosk leased numbers for offline use on the way
    assert not first.offline and first.people_ahead == 0 and first.number == "A001"
    ticket_screen = kiosk.screen("queue_ticket")
    assert ticket_screen.number.text() == first.number
    assert "0 people ahead" in ticket_screen.details.text()
    qtbot.waitUntil(lambda: any(kiosk.slips.glob("*.png")), timeout=WAIT_MS)
    finish(kiosk, qtbot)
    open_take_number(kiosk, qtbot)
    assert kiosk.screen("take_number").tiles["A"].hint_label.text() == "1 waiting"
    second = take(kiosk, qtbot)
    assert second.people_ahead == 1 and second.number == "A002"
    rows = [(t.number, t.category, t.offline) for t in queue_env.tickets()]
    assert rows == [(first.number, "A", False), (second.number, "A", False)]
    # the online visit leased numbers for every category, for later offline use
    remaining = kiosk.leases().remaining(datetime.now(UTC))
    assert set(remaining) == {"A", "B", "C", "D"} and min(remaining.values()) >= 10


def test_offline_numbers_come_from_leases_never_repeat_and_join_once(
        queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosks = [queue_env.kiosk, queue_env.add_kiosk()]
    for kiosk in kiosks:
        open_take_number(kiosk, qtbot)  # online: the queue state is cached, leases taken
    port = queue_env.stop_platform()
    taken: dict[int, list[str]] = {0: [], 1: []}
    for _round in range(3):
        for index, kiosk in enumerate(kiosks):
            open_take_number(kiosk, qtbot, online=False)
            ticket = take(kiosk, qtbot)
            assert ticket.offline
            assert ticket.people_ahead is not None and ticket.ahead_estimated
            assert "About" in kiosk.screen("queue_ticket").details.text()
            taken[index].append(ticket.number)
            finish(kiosk, qtbot)
    numbers = taken[0] + taken[1]
    assert len(set(numbers)) == 6
    assert all(int(number[1:]) >= 700 for number in numbers)  # the leased range
    assert set(taken[0]) <= leased(kiosks[0]) and set(taken[1]) <= leased(kiosks[1])
    assert not leased(kiosks[0]) & leased(kiosks[1])
    queue_env.restart_platform(port)
    for kiosk in kiosks:
        kiosk.drain()
        kiosk.drain()  # nothing is delivered twice
    offline = [(t.number, t.offline) for t in queue_env.tickets()]
    assert sorted(offline) == sorted((number, True) for number in numbers)
    state = kiosks[0].shell.services.runtime.client.queue_state()
    assert next(c.waiting for c in state.categories if c.code == "A") == 6


def test_out_of_leased_numbers_offline_asks_for_the_front_desk(queue_env: QueueEnv,
                                                                qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    open_take_number(kiosk, qtbot)
    store = kiosk.leases()
    while store.take("A", datetime.now(UTC)) is not None:
        pass
    queue_env.stop_platform()
    screen = open_take_number(kiosk, qtbot, online=False)
    screen.tiles["A"].click()
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=WAIT_MS)
    assert "ask at the front desk" in screen.message.text()
    assert kiosk.navigator.current == "take_number"
    assert kiosk.shell.bridge.outbox.backlog() == 0  # nothing half-issued was stored
    save_shot(kiosk.window, "en-1080x1920-take-number-no-numbers")


def test_elderly_priority_from_the_card_birth_date(queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    screen = open_take_number(kiosk, qtbot)
    assert screen.elderly.isVisible() and "Show your ID card" in screen.elderly.text()
    kiosk.context.session.identity = card(date(1990, 5, 1))
    kiosk.navigator.go("take_number")
    assert not screen.elderly.isVisible() and screen.priority() is None
    kiosk.context.session.identity = card(date(1950, 5, 1))
    kiosk.navigator.go("take_number")
    assert screen.elderly.isVisible() and screen.elderly.isChecked()
    assert screen.priority() == "elderly"
    ticket = take(kiosk, qtbot)
    assert ticket.priority == "elderly"
    assert "65" in kiosk.screen("queue_ticket").details.text()
    assert [(t.number, t.priority) for t in queue_env.tickets()] == [(ticket.number, "elderly")]


def test_elderly_priority_comes_from_the_id_number_card_or_typed(queue_env: QueueEnv,
                                                                 qtbot: QtBot) -> None:
    """The same number gives the same answer whether typed or on a card, even if the
    card's own birth-date field (which the reader refuses when it disagrees) says else."""
    kiosk = queue_env.kiosk
    screen = open_take_number(kiosk, qtbot)
    kiosk.context.session.id_number = ID_NUMBER  # typed: born 1949
    kiosk.navigator.go("take_number")
    typed = (screen.elderly.isChecked(), screen.priority())
    kiosk.context.session.id_number = ""
    kiosk.context.session.identity = dataclasses.replace(card(date(1990, 5, 1)),
                                                         id_number=ID_NUMBER)
    kiosk.navigator.go("take_number")
    assert (screen.elderly.isChecked(), screen.priority()) == typed == (True, "elderly")


@pytest.mark.parametrize("kind", [DocumentKind.PASSPORT, DocumentKind.FOREIGN_PR_2017])
def test_elderly_priority_from_a_passports_or_cards_birth_date(queue_env: QueueEnv,
                                                               qtbot: QtBot,
                                                               kind: DocumentKind) -> None:
    """Numbers that do not encode the birth date: the document's own birth date counts."""
    kiosk = queue_env.kiosk
    screen = open_take_number(kiosk, qtbot)
    number = "L898902C" if kind is DocumentKind.PASSPORT else "USA123456789012"
    for born, elderly in ((date(1990, 5, 1), False), (date(1950, 5, 1), True)):
        kiosk.context.session.identity = dataclasses.replace(
            card(born), kind=kind, id_number=number, nationality="USA")
        kiosk.navigator.go("take_number")
        assert (screen.elderly.isVisible(), screen.elderly.isChecked()) == (elderly, elderly)
        assert screen.priority() == ("elderly" if elderly else None)


@pytest.mark.log_warnings(r"printer offline")
def test_printer_out_of_paper_shows_the_ticket_on_screen(queue_env: QueueEnv,
                                                         qtbot: QtBot) -> None:
    from hardware.printer.status import PaperState

    kiosk = queue_env.kiosk
    kiosk.shell.services.devices.printer.set_faults(paper=PaperState.OUT)
    open_take_number(kiosk, qtbot)
    take(kiosk, qtbot)
    screen = kiosk.screen("queue_ticket")
    qtbot.waitUntil(screen.slip_shown, timeout=WAIT_MS)
    assert "printer is not working" in screen.slip_message.text()
    assert not list(kiosk.slips.glob("*.png"))


def test_a_kiosk_without_a_printer_shows_the_ticket_and_says_so(queue_env: QueueEnv,
                                                                qtbot: QtBot) -> None:
    """`[devices.printer] kind = "none"` (the package's default until a technician
    sets one): the ticket on screen, "no printer" rather than "take your slip"."""
    kiosk = queue_env.add_kiosk(printer_kind="none")
    open_take_number(kiosk, qtbot)
    ticket = take(kiosk, qtbot)
    screen = kiosk.screen("queue_ticket")
    qtbot.waitUntil(screen.slip_shown, timeout=WAIT_MS)
    assert screen.slip_message.text() == (
        "This kiosk has no printer. Please take a photo of this ticket, "
        "or remember your number.")
    slip = screen.pages.slip_page.slip  # an image: its words for a screen reader
    assert slip.accessibleName().splitlines()[1] == ticket.number
    assert f"Number: {ticket.number}" in slip.accessibleName()
    assert "from the printer" not in screen.print_status.text()
    assert not kiosk.slips.exists() or not list(kiosk.slips.iterdir())
    save_shot(kiosk.window, "ticket-no-printer-en-1080x1920")


@pytest.mark.log_warnings(r"printer offline")
def test_ticket_printer_running_out_during_the_job_shows_it_on_screen(queue_env: QueueEnv,
                                                                      qtbot: QtBot) -> None:
    """A network printer (loopback simulator, real DLE EOT) reports paper out only after
    the ticket was sent: the resident gets the ticket on screen, kept for reprint."""
    from hardware.printer import create_printer
    from hardware.printer.simulator import PrinterSimulator
    from terminal.devices.workers import PrinterAdapter

    kiosk = queue_env.kiosk
    with PrinterSimulator() as sim:
        adapter = PrinterAdapter(create_printer({
            "transport": {"type": "network", "host": "127.0.0.1", "port": sim.port},
            "status_timeout": 2.0}))
        kiosk.context.devices.printer = adapter
        try:
            sim.fault_after(100)
            open_take_number(kiosk, qtbot)
            ticket = take(kiosk, qtbot)
            screen = kiosk.screen("queue_ticket")
            qtbot.waitUntil(screen.slip_shown, timeout=WAIT_MS)
            assert ticket.number.encode() in sim.received  # it was sent, but not printed
            assert kiosk.context.session.pending_prints == adapter.pending() != []
        finally:
            adapter.stop()


# ---- booking and checking in -----------------------------------------------------------
def choose_a_free_slot(kiosk: QueueKiosk, qtbot: QtBot) -> None:
    book = kiosk.screen("book")
    for day in list(book.day_buttons):
        book.choose_day(day)
        qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
        free = [button for button in book.slot_buttons if button.isEnabled()]
        if free:
            free[0].click()
            return
    pytest.fail("no free slot in the next working days")


def book_online(kiosk: QueueKiosk, qtbot: QtBot) -> Any:
    kiosk.navigator.go("book", {"matter": BOOKABLE})
    book = kiosk.screen("book")
    qtbot.waitUntil(lambda: book.pages.currentIndex() == 1 and book.found is not None,
                    timeout=WAIT_MS)
    no_times = book.tr("No times are left on this day. Please choose another day.")
    assert not book.offline_note.isVisible() or book.offline_note.text() == no_times
    identify_as(kiosk.context, ID_NUMBER)
    choose_a_free_slot(kiosk, qtbot)
    assert kiosk.navigator.current == "book_confirm"
    kiosk.screen("book_confirm").confirm.click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "booking_done", timeout=WAIT_MS)
    return kiosk.screen("booking_done").item


def move_booking_to_now(env: QueueEnv, code: str) -> None:
    """The day of the appointment has come (today's slots may be over, or a weekend)."""
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from sync.server.db import BookingRow

    now = time.time()
    with Session(env.engine()) as session, session.begin():
        session.execute(update(BookingRow).where(BookingRow.booking_code == code)
                        .values(slot_start=now + 60, slot_end=now + 1860))


def test_book_online_then_check_in_for_a_booked_priority(queue_env: QueueEnv,
                                                        qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    booking = book_online(kiosk, qtbot)
    assert booking.booking_code.startswith("BK-") and "********" in booking.person
    qtbot.waitUntil(lambda: any(kiosk.slips.glob("*.png")), timeout=WAIT_MS)
    kiosk.drain()
    stored = queue_env.booking(booking.booking_code)
    assert stored is not None and stored.status == "booked"
    assert stored.slot_start == booking.slot_start.timestamp()
    finish(kiosk, qtbot)
    move_booking_to_now(queue_env, booking.booking_code)
    identify_as(kiosk.context, ID_NUMBER)
    kiosk.navigator.go("check_in")
    check_in = kiosk.screen("check_in")
    qtbot.waitUntil(lambda: booking.booking_code in check_in.tiles, timeout=WAIT_MS)
    check_in.tiles[booking.booking_code].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
    ticket = kiosk.screen("queue_ticket").item
    assert ticket.priority == "booked" and not ticket.offline and ticket.number.startswith("A")
    assert [(t.number, t.priority, t.booking_code) for t in queue_env.tickets()] == [
        (ticket.number, "booked", booking.booking_code)]
    assert queue_env.booking(booking.booking_code).status == "checked_in"


def test_a_booking_whose_commit_beats_the_screen_still_says_done(
        queue_env: QueueEnv, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = queue_env.kiosk
    commit_before_submit_returns(monkeypatch, kiosk.shell.bridge)
    booking = book_online(kiosk, qtbot)  # "Saving your appointment…" forever on the old main
    assert kiosk.shell.bridge.outbox.delivery(booking.record_id) is not None


def test_offline_check_in_of_a_booking_made_here(queue_env: QueueEnv, qtbot: QtBot) -> None:
    from kiosk.local_bookings import LocalBooking, LocalBookings

    kiosk = queue_env.kiosk
    booking = book_online(kiosk, qtbot)
    kiosk.drain()
    finish(kiosk, qtbot)
    open_take_number(kiosk, qtbot)  # leases for offline use
    move_booking_to_now(queue_env, booking.booking_code)
    start = datetime.now(UTC) + timedelta(minutes=1)  # and on this kiosk, too
    LocalBookings(kiosk.shell.services.runtime.database).add(
        LocalBooking(booking.booking_code, BOOKABLE, start, start + timedelta(minutes=30)),
        ID_NUMBER, datetime.now(UTC))
    port = queue_env.stop_platform()
    identify_as(kiosk.context, ID_NUMBER)
    kiosk.navigator.go("check_in")
    check_in = kiosk.screen("check_in")
    qtbot.waitUntil(lambda: booking.booking_code in check_in.tiles, timeout=WAIT_MS)
    assert "Offline" in check_in.message.text()
    check_in.tiles[booking.booking_code].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
    ticket = kiosk.screen("queue_ticket").item
    assert ticket.offline and ticket.priority == "booked" and ticket.number in leased(kiosk)
    queue_env.restart_platform(port)
    kiosk.drain()
    assert [(t.number, t.priority, t.offline) for t in queue_env.tickets()] == [
        (ticket.number, "booked", True)]
    stored = queue_env.booking(booking.booking_code)
    assert (stored.status, stored.ticket_number) == ("checked_in", ticket.number)


def test_booking_offline_shows_cached_slots_marked(queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    kiosk.navigator.go("book", {"matter": BOOKABLE})
    book = kiosk.screen("book")
    qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
    day = book.day
    queue_env.stop_platform()
    book.choose_matter(BOOKABLE)  # again, offline: today's slots from the cache
    qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
    assert book.day == day and book.found.offline
    assert "availability may have changed" in book.offline_note.text()
    later = list(book.day_buttons)[-1]
    book.choose_day(later)  # never fetched: no cache
    qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
    assert "needs the connection" in book.offline_note.text() and not book.slot_buttons


# ---- screenshots ---------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
@pytest.mark.log_warnings(r"printer offline")
def test_screens_render(queue_env: QueueEnv, qtbot: QtBot, language: str,
                        size: tuple[int, int]) -> None:
    from hardware.printer.status import PaperState

    kiosk = queue_env.kiosk
    kiosk.shell.gui.language.set_language(language)
    kiosk.window.resize(*size)
    tag = f"{language}-{size[0]}x{size[1]}"
    open_take_number(kiosk, qtbot)
    save_shot(kiosk.window, f"{tag}-take-number")
    kiosk.context.session.identity = card(date(1950, 5, 1))
    kiosk.navigator.go("take_number")
    save_shot(kiosk.window, f"{tag}-take-number-elderly")
    take(kiosk, qtbot, "B")
    save_shot(kiosk.window, f"{tag}-ticket")
    finish(kiosk, qtbot)
    kiosk.navigator.go("book")
    book = kiosk.screen("book")
    qtbot.waitUntil(lambda: bool(book.matter_tiles), timeout=WAIT_MS)
    save_shot(kiosk.window, f"{tag}-book")
    booking = book_online(kiosk, qtbot)
    save_shot(kiosk.window, f"{tag}-booking-done")
    kiosk.navigator.go("book", {"matter": BOOKABLE})
    qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
    save_shot(kiosk.window, f"{tag}-book-slots")
    kiosk.navigator.go("book_confirm", {})
    save_shot(kiosk.window, f"{tag}-book-confirm")
    kiosk.drain()
    move_booking_to_now(queue_env, booking.booking_code)
    kiosk.navigator.go("check_in")
    check_in = kiosk.screen("check_in")
    qtbot.waitUntil(lambda: booking.booking_code in check_in.tiles, timeout=WAIT_MS)
    save_shot(kiosk.window, f"{tag}-check-in")
    kiosk.shell.services.devices.printer.set_faults(paper=PaperState.OUT)
    check_in.tiles[booking.booking_code].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
    screen = kiosk.screen("queue_ticket")
    qtbot.waitUntil(screen.slip_shown, timeout=WAIT_MS)
    save_shot(kiosk.window, f"{tag}-ticket-slip")
    screen.pages.setCurrentIndex(0)
    save_shot(kiosk.window, f"{tag}-ticket-booked")
    finish(kiosk, qtbot)
    kiosk.navigator.go("check_in")
    save_shot(kiosk.window, f"{tag}-check-in-identify")
