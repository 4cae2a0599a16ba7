"""What every printed slip shares, kiosk or counter: the status QR's address
and the applicant shown masked (personal data is masked here, once)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hardware.documents import mask_document_number, mask_person_name
from hardware.identity import DocumentKind, mask_phone
from sync.protocol.status_check import booking_subject, ticket_subject

#: Where the status QR on slips and screens points, and this terminal's check codes
#: (`configure_status_links`, when the services are attached).
_links: dict[str, Any] = {"base": "http://127.0.0.1:8765/a/", "code": lambda _number: ""}


def configure_status_links(base: str, code: Callable[[str], str]) -> None:
    """`base` ends in /a/; `code(tracking_number)` is this terminal's check code."""
    _links["base"], _links["code"] = base, code


def check_code(tracking_number: str) -> str:
    """The code printed beside the QR (the status page asks for it)."""
    code: str = _links["code"](tracking_number)
    return code


def status_url(tracking_number: str) -> str:
    """The status page of `tracking_number`, with the check code, as the QR encodes it."""
    code = check_code(tracking_number)
    return f"{_links['base']}{tracking_number}" + (f"?c={code}" if code else "")


def _linked(path: str, subject: str) -> str:
    """`path` beside the status page (the base's /a/ replaced), with `subject`'s code."""
    root = _links["base"].removesuffix("a/")
    code = check_code(subject)
    return f"{root}{path}" + (f"?c={code}" if code else "")


def ticket_url(day: date, number: str) -> str:
    """The page of a queue ticket (its place in the queue), as the ticket's QR encodes it;
    `day` is the center day it was issued on."""
    return _linked(f"q/{day:%Y%m%d}/{number}", ticket_subject(day, number))


def booking_url(booking_code: str) -> str:
    """The page of a booking (its time and state), as the booking slip's QR encodes it."""
    return _linked(f"b/{booking_code}", booking_subject(booking_code))


def masked_person(name: str = "", id_number: str = "", phone: str = "",
                  document_kind: str | None = None) -> str:
    """`张*丰 110105********002X` (a passport `L*****2C`, by `document_kind`, the
    wire's code), or the masked phone when that is all we have."""
    kind = DocumentKind(document_kind or DocumentKind.RESIDENT_ID)
    parts = [mask_person_name(name) if name else "",
             mask_document_number(kind, id_number) if id_number else ""]
    shown = " ".join(part for part in parts if part)
    return shown or (mask_phone(phone) if phone else "")
