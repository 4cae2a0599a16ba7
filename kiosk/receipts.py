"""What a resident is promised after a submission, and the slip that says it.

`Outcome` holds the facts shown on the done screen and printed on the slip;
`build_receipt` turns it into a `hardware.printer.Receipt` in the resident's
language. Names (matter, repair kind, queue) are kept in both languages, so a
screen shows them in the language chosen now, not the one of the moment they
were taken. Times carry their zone (the center's). Personal data is masked
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from hardware.printer import Receipt, Row
from terminal.center_time import in_center
from terminal.slips import booking_url, check_code, status_url, ticket_url

OutcomeKind = Literal["application", "repair"]


@dataclass(frozen=True)
class Names:
    """A name in both languages."""

    zh: str
    en: str

    def pick(self, language: str) -> str:
        return self.zh if language == "zh_CN" else self.en


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass(frozen=True)
class Outcome:
    """One committed submission as the resident sees it."""

    kind: OutcomeKind
    record_id: str
    tracking_number: str
    subject: Names  # matter name or repair kind
    person: str  # already masked
    submitted_at: datetime  # aware, in the center's zone
    promised_date: date | None = None
    promised_estimated: bool = False
    location: str = ""  # repairs
    delivered: bool = False

    @property
    def qr_payload(self) -> str:
        return status_url(self.tracking_number)


def delivery_text(delivered: bool) -> str:
    return (
        translate("Receipt", "Sent to the platform")
        if delivered
        else translate("Receipt", "Saved; will be sent")
    )


def promised_text(outcome: Outcome) -> str:
    if outcome.promised_date is None:
        return ""
    text = f"{outcome.promised_date:%Y-%m-%d}"
    if outcome.promised_estimated:
        text += " " + translate("Receipt", "(estimated)")
    return text


def rows(outcome: Outcome, language: str) -> list[Row]:
    """The key-value lines shared by the slip and the done screen."""
    subject_key = (
        translate("Receipt", "Matter")
        if outcome.kind == "application"
        else translate("Receipt", "Repair")
    )
    person_key = (
        translate("Receipt", "Applicant")
        if outcome.kind == "application"
        else translate("Receipt", "Reported by")
    )
    lines = [
        Row(translate("Receipt", "Tracking number"), outcome.tracking_number),
        Row(translate("Receipt", "Check code"), check_code(outcome.tracking_number)),
        Row(subject_key, outcome.subject.pick(language)),
    ]
    if outcome.location:
        lines.append(Row(translate("Receipt", "Location"), outcome.location))
    if outcome.person:
        lines.append(Row(person_key, outcome.person))
    lines.append(Row(translate("Receipt", "Time"), f"{outcome.submitted_at:%Y-%m-%d %H:%M}"))
    promised = promised_text(outcome)
    if promised:
        lines.append(Row(translate("Receipt", "Done by"), promised))
    lines.append(Row(translate("Receipt", "Status"), delivery_text(outcome.delivered)))
    return lines


def build_receipt(outcome: Outcome, center_name: str, language: str) -> Receipt:
    """The slip for an application or a repair request."""
    title = (
        translate("Receipt", "Application receipt")
        if outcome.kind == "application"
        else translate("Receipt", "Repair request receipt")
    )
    return Receipt(
        center_name=center_name,
        title=title,
        rows=rows(outcome, language),
        paragraphs=[translate("Receipt", "Scan the code to check the progress.")],
        qr_payload=outcome.qr_payload,
        footer=translate("Receipt", "Please keep this slip."),
    )


# ---- queue tickets and bookings -------------------------------------------------------
@dataclass(frozen=True)
class IssuedTicket:
    """One queue ticket as the resident sees it."""

    number: str
    category: Names  # the queue category's name
    priority: str | None  # "elderly" | "disabled" | "booked"
    issued_at: datetime  # aware, in the center's zone
    people_ahead: int | None  # None: unknown
    ahead_estimated: bool = False  # from the cached queue state (offline)
    offline: bool = False
    booking_code: str | None = None

    @property
    def qr_payload(self) -> str:
        """The ticket's page on the platform (issued_at is in the center's zone, so its
        date is the center day the number belongs to)."""
        return ticket_url(self.issued_at.date(), self.number)


def priority_text(priority: str | None) -> str:
    """The short name of a priority ("Aged 65 or over"), "" for none."""
    texts = {"elderly": translate("Receipt", "Aged 65 or over"),
             "disabled": translate("Receipt", "Disability"),
             "booked": translate("Receipt", "Booked appointment")}
    return texts.get(priority or "", "")


def people_ahead_text(ticket: IssuedTicket) -> str:
    """"3 people ahead of you", "About 3 people ahead", or "" when unknown."""
    if ticket.people_ahead is None:
        return ""
    count = str(ticket.people_ahead)
    if ticket.ahead_estimated:
        return translate("Receipt", "About %1 people ahead of you").replace("%1", count)
    return translate("Receipt", "%1 people ahead of you").replace("%1", count)


def ticket_rows(ticket: IssuedTicket, language: str) -> list[Row]:
    lines = [Row(translate("Receipt", "Number"), ticket.number),
             Row(translate("Receipt", "Queue"), ticket.category.pick(language))]
    priority = priority_text(ticket.priority)
    if priority:
        lines.append(Row(translate("Receipt", "Priority"), priority))
    ahead = people_ahead_text(ticket)
    if ahead:
        lines.append(Row(translate("Receipt", "Waiting"), ahead))
    lines.append(Row(translate("Receipt", "Time"), f"{ticket.issued_at:%Y-%m-%d %H:%M}"))
    return lines


def ticket_receipt(ticket: IssuedTicket, center_name: str, language: str) -> Receipt:
    """The queue ticket slip: the number large, then queue, priority, time, QR."""
    return Receipt(
        center_name=center_name,
        title=ticket.number,
        rows=ticket_rows(ticket, language),
        paragraphs=[translate("Receipt", "Please wait until your number is shown and called.")],
        qr_payload=ticket.qr_payload,
        footer=translate("Receipt", "Valid today only. Please keep this slip."),
    )


@dataclass(frozen=True)
class BookingOutcome:
    """One booking made at the kiosk, committed to the local store."""

    record_id: str
    booking_code: str
    subject: Names  # the matter's name
    person: str  # already masked
    slot_start: datetime  # aware, in the center's zone
    slot_end: datetime
    delivered: bool = False

    @property
    def qr_payload(self) -> str:
        return booking_url(self.booking_code)


def slot_text(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`2026-03-02 09:00–09:30`, in the center's time (never the machine's)."""
    start, end = in_center(start, zone), in_center(end, zone)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def booking_rows(booking: BookingOutcome, language: str, zone: ZoneInfo) -> list[Row]:
    lines = [Row(translate("Receipt", "Booking code"), booking.booking_code),
             Row(translate("Receipt", "Matter"), booking.subject.pick(language)),
             Row(translate("Receipt", "Date and time"),
                 slot_text(booking.slot_start, booking.slot_end, zone))]
    if booking.person:
        lines.append(Row(translate("Receipt", "Applicant"), booking.person))
    lines.append(Row(translate("Receipt", "Status"), delivery_text(booking.delivered)))
    return lines


def booking_receipt(booking: BookingOutcome, center_name: str, language: str,
                    zone: ZoneInfo) -> Receipt:
    """The appointment slip: when, what, who (masked), the code, a QR."""
    return Receipt(
        center_name=center_name,
        title=translate("Receipt", "Appointment"),
        rows=booking_rows(booking, language, zone),
        paragraphs=[translate("Receipt", "On the day, check in at a kiosk with your ID card "
                        "15 minutes before your time.")],
        qr_payload=booking.qr_payload,
        footer=translate("Receipt", "Please keep this slip."),
    )
