"""What the queue's rules refuse, as domain errors the HTTP layer maps to answers.

The services (calls, issue, bookings, core) raise these and know nothing of HTTP;
`sync.server.queue.routes` turns each into its status code and the platform's
ErrorBody (`code`, English `message`).
"""

from __future__ import annotations

from typing import ClassVar


class QueueError(Exception):
    """A request the queue's rules refuse; `code` names the rule for clients."""

    code: ClassVar[str] = "queue_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(QueueError):
    """What the request names does not exist at this center (today)."""


class Conflict(QueueError):
    """The request does not fit the state it meets."""


class Invalid(QueueError):
    """The request contradicts itself."""


class UnknownCategory(NotFound):
    code = "unknown_category"


class UnknownTicket(NotFound):
    code = "unknown_ticket"


class UnknownBooking(NotFound):
    code = "unknown_booking"


class UnknownMatter(NotFound):
    code = "unknown_matter"


class NoAppointment(Conflict):
    code = "no_appointment"


class BadTransition(Conflict):
    code = "bad_transition"


class NumbersExhausted(Conflict):
    code = "numbers_exhausted"


class BookingNotToday(Conflict):
    code = "booking_not_today"


class BookingUsed(Conflict):
    code = "booking_used"


class BadTransfer(Invalid):
    code = "bad_transfer"
