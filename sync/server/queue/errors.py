"""What the queue's rules refuse, as domain errors the HTTP layer maps to answers.

The services (calls, issue, bookings, core) raise `QueueError` with a
`Reason` from the table below and know nothing of HTTP;
`sync.server.queue.routes` turns each refusal's `Kind` into its status code and
the platform's ErrorBody (`code`, English `message`).
"""

from __future__ import annotations

from enum import Enum


class Kind(Enum):
    """The kinds of refusal, each one HTTP status."""

    NOT_FOUND = "what the request names does not exist at this center (today)"
    CONFLICT = "the request does not fit the state it meets"
    INVALID = "the request contradicts itself"


class Reason(Enum):
    """Every refusal of the queue's rules: the code clients see, and its kind."""

    UNKNOWN_CATEGORY = ("unknown_category", Kind.NOT_FOUND)
    UNKNOWN_TICKET = ("unknown_ticket", Kind.NOT_FOUND)
    UNKNOWN_BOOKING = ("unknown_booking", Kind.NOT_FOUND)
    UNKNOWN_MATTER = ("unknown_matter", Kind.NOT_FOUND)
    NO_APPOINTMENT = ("no_appointment", Kind.CONFLICT)
    BAD_TRANSITION = ("bad_transition", Kind.CONFLICT)
    NUMBERS_EXHAUSTED = ("numbers_exhausted", Kind.CONFLICT)
    BOOKING_NOT_TODAY = ("booking_not_today", Kind.CONFLICT)
    BOOKING_USED = ("booking_used", Kind.CONFLICT)
    BAD_TRANSFER = ("bad_transfer", Kind.INVALID)
    #: The center's opening rules (sync.server.admin.setup): outside the hours or
    #: after the cut-off, and a category's numbers of the day all given.
    CENTER_CLOSED = ("center_closed", Kind.CONFLICT)
    QUOTA_REACHED = ("quota_reached", Kind.CONFLICT)

    def __init__(self, code: str, kind: Kind) -> None:
        self.code = code
        self.kind = kind


class QueueError(Exception):
    """A request the queue's rules refuse, with the English message for clients."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    @property
    def code(self) -> str:
        return self.reason.code
