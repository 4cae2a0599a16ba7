"""Getting a ticket: online from the platform, offline from a leased number.

`obtain` runs off the GUI thread and decides; `TicketIssuer` (GUI thread)
stores an offline ticket (and a check-in) through the sync bridge, so the
platform learns of it when the link returns, and only then says `issued`.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.context import KioskContext
from kiosk.local_bookings import LocalBooking, LocalBookings
from kiosk.receipts import IssuedTicket, Names
from kiosk.ticket_leases import LeaseStore, top_up
from sync.client import AuthError, RequestRefused, TransientError
from sync.protocol.center import OpeningRules, last_number_at
from sync.protocol.models import CheckInPayload, Person, TicketPayload
from sync.protocol.queue import (
    BookingSlots,
    BookingStatus,
    CategoryState,
    Priority,
    QueueState,
)
from sync.queue_cache import get_slots, get_state, put_slots, put_state
from sync.runtime import SyncRuntime
from terminal.background import Latest, Token, run_in_background
from terminal.center_time import in_center

log = logging.getLogger("kiosk.queue")
# Errors after which the kiosk goes on offline (the request did not succeed).
OFFLINE_ERRORS = (TransientError, AuthError)
Failure = Literal["empty", "refused", "error"]


def ask_at_desk() -> str:
    """What a resident is told when no number can be given here (taking or checking in)."""
    return QCoreApplication.translate(
        "QueueFlow", "Sorry, a number cannot be given here right now. "
        "Please ask at the front desk.")


def not_giving_numbers(code: str, opening: OpeningRules | None) -> str | None:
    """What a resident is told when the center's rules refuse a number now
    (`center_closed`, `quota_reached`), with the hours when they are known; None
    for any other refusal."""
    if code == "quota_reached":
        return QCoreApplication.translate(
            "QueueFlow", "Today's numbers for this service have all been given. "
            "Please come back on the next working day, or ask at the front desk.")
    if code != "center_closed":
        return None
    text = QCoreApplication.translate(
        "QueueFlow", "The center is not giving numbers at this time.")
    hours = opening.working_day if opening is not None else None
    if opening is not None and hours is not None:
        text += " " + QCoreApplication.translate(
            "QueueFlow", "On working days numbers are given from %1 to %2.") \
            .replace("%1", hours.opens).replace("%2", last_number_at(opening, hours))
    return text


def closed_offline(runtime: SyncRuntime, at: datetime) -> bool:
    """Offline, by the center's rules as last received: no number now (`at`: the
    center's time). The day's quota is the platform's to count."""
    from sync.caches import CALENDAR, CENTER
    from sync.protocol.center import CenterSetup, gives_numbers
    from sync.protocol.work_calendar import WorkCalendar, WorkingDays

    setup = runtime.cache.get(CENTER, CenterSetup)
    opening = setup.value.opening if setup is not None else None
    if opening is None:
        return False
    calendar = runtime.cache.get(CALENDAR, WorkCalendar)
    working = WorkingDays(calendar.value).is_working_day(at.date()) if calendar is not None \
        else at.weekday() < 5
    return not gives_numbers(opening, working, at.time())


def remember_state(runtime: SyncRuntime, state: QueueState) -> None:
    """Cache a state the platform sent (for offline estimates) and top up the
    leases of its categories (blocking; the platform is asked only for
    categories running low)."""
    now = datetime.now(UTC)
    put_state(runtime.cache, state, now)
    try:
        top_up(LeaseStore(runtime.database), runtime.client,
               [category.code for category in state.categories], now)
    except Exception as error:  # leasing is best effort; the state is what was asked
        log.warning("could not top up the leases: %s", error)


@dataclass(frozen=True)
class Obtained:
    kind: Literal["online", "offline", "empty", "refused"]
    number: str = ""
    people_ahead: int | None = None
    estimated: bool = False
    refusal: str = ""  # the platform's error code


def obtain(runtime: SyncRuntime, category: str, priority: Priority | None,
           booking_code: str | None, try_online: bool, at: datetime | None = None) -> Obtained:
    """A number for `category`: the platform's, else the next leased one (not
    outside the center's hours, `at` being the center's time now)."""
    if try_online:
        try:
            ticket = runtime.client.issue_ticket(category, uuid.uuid4(), priority, booking_code)
        except OFFLINE_ERRORS as error:
            log.info("issuing offline: %s", error)
        except RequestRefused as error:
            return Obtained("refused", refusal=error.code)
        else:
            if booking_code:
                LocalBookings(runtime.database).checked_in(booking_code, ticket.number)
            # no top-up here: the resident's number does not wait on leasing (the
            # state this ticket changes tops the leases up, `kiosk.queue_view`)
            return Obtained("online", ticket.number, ticket.people_ahead)
    if booking_code is None and at is not None and closed_offline(runtime, at):
        return Obtained("refused", refusal="center_closed")
    number = LeaseStore(runtime.database).take(category, datetime.now(UTC))
    if number is None:
        return Obtained("empty")
    if booking_code:
        LocalBookings(runtime.database).checked_in(booking_code, number)
    cached = get_state(runtime.cache)
    waiting = next((c.waiting for c in cached.value.categories if c.code == category),
                   None) if cached is not None else None
    return Obtained("offline", number, waiting, estimated=waiting is not None)


class TicketIssuer(QObject):
    """One ticket at a time: `issued(IssuedTicket)` or `failed(reason)`."""

    issued = Signal(object)
    failed = Signal(str)  # Failure

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self._latest = Latest()

    def cancel(self) -> None:
        self._latest.cancel()
        self.busy = False

    def issue(self, category: str, category_name: Names, priority: Priority | None,
              booking_code: str | None = None) -> None:
        shell = self.context.shell
        if self.busy:
            return
        if shell is None:
            self.failed.emit("error")
            return
        self.busy = True
        token = self._latest.next()
        runtime = shell.services.runtime
        online = not self.context.link_down()
        issued_at = self.context.clock()

        def obtained(result: Obtained) -> None:
            if result.kind in ("empty", "refused"):
                self._fail(result.refusal or result.kind)
                return
            ticket = IssuedTicket(
                number=result.number, category=category_name,
                priority="booked" if booking_code else priority, issued_at=issued_at,
                people_ahead=result.people_ahead, ahead_estimated=result.estimated,
                offline=result.kind == "offline", booking_code=booking_code)
            if result.kind == "online":
                self._done(ticket)
                return
            payloads: list[Any] = [TicketPayload(
                number=result.number, category=category,
                priority="booked" if booking_code else priority, issued_offline=True,
                booking_code=booking_code)]
            if booking_code:
                payloads.append(CheckInPayload(booking_code=booking_code,
                                               ticket_number=result.number))
            self._store(token, payloads, ticket)

        run_in_background(
            self, lambda: obtain(runtime, category, priority, booking_code, online, issued_at),
            obtained,
            lambda _message: self._fail("error"), token=token)

    def _store(self, token: Token, payloads: list[Any], ticket: IssuedTicket) -> None:
        """Submit the payloads in order (the bridge keeps it), then report."""
        shell = self.context.shell
        if shell is None:
            self._fail("error")
            return
        for index, payload in enumerate(payloads, 1):
            done = (lambda _stored: self._done(ticket)) if index == len(payloads) else None
            shell.bridge.submit(self, payload, done, lambda _message: self._fail("error"),
                                token=token)

    def _done(self, ticket: IssuedTicket) -> None:
        self.busy = False
        self.issued.emit(ticket)

    def _fail(self, reason: Failure | str) -> None:
        self._latest.cancel()  # a later payload's answer must not say "issued"
        self.busy = False
        self.failed.emit(reason)


# ---- bookings -----------------------------------------------------------------------
@dataclass(frozen=True)
class SlotsFound:
    slots: BookingSlots | None
    offline: bool  # from the cache: availability may have changed
    fetched_at: datetime | None = None


def fetch_slots(runtime: SyncRuntime, matter_code: str, day: date,
                try_online: bool) -> SlotsFound:
    """The day's slots from the platform (and cached), else from the cache."""
    if try_online:
        try:
            slots = runtime.client.booking_slots(matter_code, day)
        except OFFLINE_ERRORS as error:
            log.info("slots from the cache: %s", error)
        except RequestRefused:
            return SlotsFound(None, offline=False)
        else:
            put_slots(runtime.cache, slots, datetime.now(UTC))
            return SlotsFound(slots, offline=False)
    cached = get_slots(runtime.cache, matter_code, day)
    if cached is None:
        return SlotsFound(None, offline=True)
    return SlotsFound(cached.value, offline=True, fetched_at=cached.fetched_at)


def slot_still_free(runtime: SyncRuntime, matter_code: str, start: datetime,
                    try_online: bool) -> bool:
    """False only when the platform says the slot is gone or full."""
    if not try_online:
        return True
    try:
        slots = runtime.client.booking_slots(matter_code, start.date())
    except OFFLINE_ERRORS:
        return True
    except RequestRefused:
        return False
    put_slots(runtime.cache, slots, datetime.now(UTC))
    return any(slot.start == start and slot.remaining > 0 for slot in slots.slots)


@dataclass(frozen=True)
class TodaysBookings:
    bookings: list[LocalBooking]
    offline: bool  # only this kiosk's own bookings were searched
    categories: dict[str, CategoryState]


def todays_bookings(runtime: SyncRuntime, person: Person, today: date,
                    try_online: bool, zone: ZoneInfo) -> TodaysBookings:
    """The person's bookings of today not checked in yet (platform, else local)."""
    cached = get_state(runtime.cache)
    categories = {c.code: c for c in cached.value.categories} if cached else {}
    found: list[LocalBooking] | None = None
    if try_online:
        try:
            answer = runtime.client.bookings_for(person)
        except OFFLINE_ERRORS as error:
            log.info("bookings from this kiosk only: %s", error)
        else:
            found = [LocalBooking(b.booking_code, b.matter_code, b.slot_start, b.slot_end)
                     for b in answer.bookings if b.status is BookingStatus.BOOKED]
    offline = found is None
    if found is None:
        found = LocalBookings(runtime.database).not_checked_in(person.document_key)
    today_only = [b for b in found if in_center(b.slot_start, zone).date() == today]
    return TodaysBookings(today_only, offline, categories)
