"""The window's queue work: one current ticket, parked tickets, pause.

`Desk` is the counter's model of the queue, without widgets. Every platform
call goes through a `Runner` (off the GUI thread); the answer updates the
state and `changed` fires, so views redraw themselves. When the platform is
unreachable the desk keeps serving: a walk-in or the number typed from a
resident's slip becomes the current ticket locally. Every ticket the window
closes (online or not) is recorded as a `served` transaction, which the
platform reconciles when the link returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from counter.runner import Runner
from terminal.pushed_cadence import PushedCadence

if TYPE_CHECKING:
    from sync.client import PlatformClient
    from sync.protocol.queue import QueueState, Ticket

log = logging.getLogger("counter.desk")
REFRESH_MS = 5000
#: Between queue reads while the platform's event stream pushes the state (its
#: `state` events come when counts or calls change; the reads keep waits ageing).
PUSHED_REFRESH_MS = 60_000


class PauseReason(StrEnum):
    BREAK = "break"
    MEETING = "meeting"
    SYSTEM = "system"


@dataclass(frozen=True)
class Clerk:
    staff_no: str
    name: str


@dataclass(frozen=True)
class CurrentTicket:
    number: str | None  # None: a walk-in served offline, numbered by the platform later
    category: str
    status: str  # "called", "serving" or "parked"
    called_at: datetime
    issued_at: datetime | None = None
    recalls: int = 0
    local: bool = False  # served without the platform


def utc_now() -> datetime:
    return datetime.now(UTC)


def category_of(number: str, prefixes: dict[str, str]) -> str | None:
    """The category code of a typed ticket number such as "A012"."""
    number = number.strip().upper()
    if len(number) != 4 or not number[1:].isdigit():
        return None
    return prefixes.get(number[0])


class Desk(QObject):
    changed = Signal()
    message = Signal(str)
    stateLoaded = Signal(object)  # QueueState
    onlineChanged = Signal(bool)
    ticketClosed = Signal(object)  # ServedPayload, once recorded

    def __init__(self, window: str, categories: list[str], recalls_before_no_show: int,
                 *, clock: Callable[[], datetime] = utc_now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.categories = list(categories)
        self.recalls_before_no_show = recalls_before_no_show
        self.clock = clock
        self.client: PlatformClient | None = None
        self.record: Callable[[Any], None] = lambda payload: None
        # Where the answers of platform calls go as evidence (the terminal's link, whose
        # verdict comes back through `set_online`); None: the desk decides alone.
        self.report: Callable[[bool], None] | None = None
        self.clerk: Clerk | None = None
        self.current: CurrentTicket | None = None
        self.parked: list[CurrentTicket] = []
        self.paused: PauseReason | None = None
        self.online: bool | None = None
        self.state: QueueState | None = None
        self.prefixes: dict[str, str] = {code[:1].upper(): code for code in categories}
        self.actions = Runner(self)
        self.reads = Runner(self)
        self.actions.busyChanged.connect(lambda _busy: self.changed.emit())
        self.cadence = PushedCadence(REFRESH_MS, PUSHED_REFRESH_MS, self)
        self.cadence.due.connect(self.refresh)

    # ------------------------------------------------------------ session
    def sign_in(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.paused = None
        self.cadence.start()
        self.refresh()
        self.changed.emit()

    def sign_out(self) -> None:
        """Parked and current tickets stay on the platform; the desk forgets them."""
        self.clerk = None
        self.current = None
        self.parked = []
        self.paused = None
        self.cadence.stop()
        self.changed.emit()

    @property
    def busy(self) -> bool:
        return self.actions.busy

    # ------------------------------------------------------------ what is allowed
    def can(self, action: str) -> bool:
        if self.clerk is None or self.busy:
            return False
        current = self.current
        free = current is None and self.paused is None
        status = current.status if current else None
        return {
            "call": free and self.client is not None,
            "serve": status == "called",
            "recall": status == "called",
            "no_show": status == "called" and current is not None
            and current.recalls >= self.recalls_before_no_show,
            "park": status in ("called", "serving"),
            "resume": free and bool(self.parked),
            "transfer": status in ("called", "serving") and current is not None
            and not current.local and self.online is not False,
            "walk_in": free,
            "end": status in ("called", "serving"),
            "pause": current is None,
            "serve_number": free and self.online is False,
        }.get(action, False)

    # ------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Queue state off the GUI thread; skipped while one is on its way."""
        if self.client is None or self.reads.busy:
            return
        client = self.client
        self.reads.run(client.queue_state, self._state_loaded, self._failed)

    def take_pushed_state(self, state: QueueState) -> None:
        """A queue state the event stream pushed: shown like one the desk read."""
        if self.clerk is not None:
            self._show_state(state)

    def set_pushed(self, pushed: bool) -> None:
        """While the event stream is connected the desk reads the queue once a
        minute instead of every REFRESH_MS; without it, as often as before."""
        self.cadence.set_pushed(pushed)

    def _state_loaded(self, state: QueueState) -> None:
        self._show_state(state)
        self._reached(True)

    def _show_state(self, state: QueueState) -> None:
        self.state = state
        self.prefixes.update({c.prefix: c.code for c in state.categories})
        self.stateLoaded.emit(state)

    def _reached(self, reachable: bool) -> None:
        """A platform call answered (True) or could not reach the platform (False)."""
        if self.report is not None:
            self.report(reachable)
        else:
            self.set_online(reachable)

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.onlineChanged.emit(online)
            self.changed.emit()

    # ------------------------------------------------------------ actions
    def call_next(self) -> None:
        if not self.can("call") or self.clerk is None or self.client is None:
            return
        client, staff = self.client, self.clerk.staff_no
        self._call(lambda: client.call_next(self.window, staff, self.categories),
                   self._called)

    def _called(self, ticket: Ticket | None) -> None:
        self._reached(True)
        if ticket is None:
            self.message.emit(self.tr("Nobody is waiting."))
        else:
            self.current = self._from_ticket(ticket)
            self.message.emit(self.tr("Called %1.").replace("%1", ticket.number))
        self.changed.emit()
        self.refresh()

    def serve(self) -> None:
        self._act("serve", "serve", lambda t: replace(t, status="serving"))

    def recall(self) -> None:
        self._act("recall", "recall", lambda t: replace(t, recalls=t.recalls + 1))

    def no_show(self) -> None:
        self._act("no_show", "no-show", None, outcome="no_show")

    def end(self) -> None:
        self._act("end", "end", None, outcome="done")

    def park(self) -> None:
        def parked(ticket: CurrentTicket) -> None:
            self.parked.append(replace(ticket, status="parked"))

        self._act("park", "park", None, after=parked)

    def resume(self, number: str | None = None) -> None:
        """Resume a parked ticket (the first one when `number` is None)."""
        if not self.can("resume"):
            return
        ticket = next((t for t in self.parked if number in (None, t.number)), None)
        if ticket is None or self.clerk is None:
            return

        def resumed(_answer: Ticket | None = None) -> None:
            if ticket in self.parked:
                self.parked.remove(ticket)
            self.current = replace(ticket, status="serving")
            self.changed.emit()
            self.refresh()

        if ticket.local or ticket.number is None or self.client is None:
            resumed()
            return
        client, staff, parked_number = self.client, self.clerk.staff_no, ticket.number
        self._call(lambda: client.ticket_action(parked_number, "resume", self.window, staff),
                   resumed, offline=resumed)

    def transfer(self, to_category: str | None, to_window: str | None) -> None:
        if not self.can("transfer") or (to_category is None and to_window is None):
            return
        target = to_category or self.tr("window %1").replace("%1", to_window or "")
        self._act("transfer", "transfer", None, to_category=to_category, to_window=to_window,
                  done_message=self.tr("%1 transferred to %2."), target=target)

    def walk_in(self, category: str) -> None:
        if not self.can("walk_in") or self.clerk is None:
            return
        if self.online is False or self.client is None:
            self._walk_in_locally(category)
            return
        client, staff = self.client, self.clerk.staff_no

        def issued(ticket: Ticket) -> None:
            self._reached(True)
            self.current = self._from_ticket(ticket)
            self.message.emit(self.tr("Walk-in %1 is being served.").replace("%1", ticket.number))
            self.changed.emit()
            self.refresh()

        self._call(lambda: client.walk_in(category, self.window, staff), issued,
                   offline=lambda: self._walk_in_locally(category))

    def _walk_in_locally(self, category: str) -> None:
        now = self.clock()
        self.current = CurrentTicket(None, category, "serving", now, issued_at=now, local=True)
        self.message.emit(self.tr("Offline walk-in: it gets its number when the link returns."))
        self.changed.emit()

    def serve_number(self, number: str) -> bool:
        """Offline: serve the number from a resident's slip; False if it is not one."""
        if not self.can("serve_number"):
            return False
        number = number.strip().upper()
        category = category_of(number, self.prefixes)
        if category is None:
            self.message.emit(self.tr("%1 is not a ticket number of this window.")
                              .replace("%1", number))
            return False
        self.current = CurrentTicket(number, category, "serving", self.clock(), local=True)
        self.message.emit(self.tr("Serving %1 offline.").replace("%1", number))
        self.changed.emit()
        return True

    def pause(self, reason: PauseReason) -> None:
        if self.can("pause"):
            self.paused = reason
            self.changed.emit()

    def unpause(self) -> None:
        self.paused = None
        self.changed.emit()

    # ------------------------------------------------------------ plumbing
    def _from_ticket(self, ticket: Ticket) -> CurrentTicket:
        status = ticket.status.value
        return CurrentTicket(ticket.number, ticket.category,
                             status if status in ("called", "serving") else "serving",
                             ticket.called_at or self.clock(), ticket.issued_at,
                             ticket.recalls)

    def _act(self, check_name: str, action: str,
             update: Callable[[CurrentTicket], CurrentTicket] | None, *,
             outcome: str | None = None, after: Callable[[CurrentTicket], None] | None = None,
             check: bool = True, to_category: str | None = None, to_window: str | None = None,
             done_message: str = "", target: str = "") -> None:
        """One ticket action: on the platform, or locally for a local ticket or
        when the platform cannot be reached."""
        ticket = self.current
        if ticket is None or self.clerk is None or (check and not self.can(check_name)):
            return

        def apply(answer: Ticket | None = None) -> None:
            if answer is not None:
                self._reached(True)
            if update is not None:
                new = update(ticket)
                if answer is not None:
                    new = replace(new, recalls=answer.recalls)
                self.current = new
            else:
                self.current = None
            if outcome is not None:
                self._close(ticket, outcome)
            if after is not None:
                after(ticket)
            if done_message:
                self.message.emit(done_message.replace("%1", ticket.number or "")
                                  .replace("%2", target))
            self.changed.emit()
            self.refresh()

        if ticket.local or self.client is None or ticket.number is None:
            apply()
            return
        offline = None if action == "transfer" else apply
        client, staff, number = self.client, self.clerk.staff_no, ticket.number
        self._call(lambda: client.ticket_action(number, action, self.window, staff,
                                                to_category=to_category, to_window=to_window),
                   apply, offline=offline)

    def _call(self, call: Callable[[], Any], done: Callable[[Any], None], *,
              offline: Callable[[], None] | None = None) -> None:
        def failed(error: Exception) -> None:
            from sync.client import RequestRefused, TransientError, Unreachable

            if isinstance(error, TransientError):
                self._failed(error)
                if offline is not None:
                    offline()
                    return
                self.message.emit(self.tr("The platform cannot be reached. Serve the "
                                          "numbers residents show, or issue a walk-in.")
                                  if isinstance(error, Unreachable) else
                                  self.tr("The platform is busy or has a fault right now. "
                                          "Serve the numbers residents show, or try again "
                                          "in a minute."))
            elif isinstance(error, RequestRefused):
                self.message.emit(self.tr("The platform refused: %1").replace("%1", error.message))
                self.refresh()
            else:
                self.message.emit(self.tr("The platform refused: %1").replace("%1", str(error)))
            self.changed.emit()

        self.actions.run(call, done, failed)

    def _failed(self, error: Exception) -> None:
        from sync.client import Unreachable

        if isinstance(error, Unreachable):  # an answer, even a bad one, says reachable
            self._reached(False)

    def _close(self, ticket: CurrentTicket, outcome: str) -> None:
        """Record the closed ticket as a `served` transaction."""
        from sync.protocol.models import ServedPayload

        if self.clerk is None:
            return
        payload = ServedPayload(number=ticket.number, category=ticket.category,
                                window=self.window, staff_no=self.clerk.staff_no,
                                outcome=outcome,  # type: ignore[arg-type]
                                issued_at=ticket.issued_at, called_at=ticket.called_at,
                                ended_at=self.clock())
        self.record(payload)
        self.ticketClosed.emit(payload)
