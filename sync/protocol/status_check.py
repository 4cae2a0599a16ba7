"""The check code printed beside a slip's status QR: six letters and digits
derived from the tracking number under the printing terminal's key, which
the platform shares, so the public status page can tell a real slip's link
from a guessed tracking number, and a terminal prints it offline."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date

CODE_LENGTH = 6


def check_code(terminal_key: bytes, tracking_number: str) -> str:
    digest = hmac.new(terminal_key, b"status check\n" + tracking_number.encode("utf-8"),
                      hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]


def ticket_subject(day: date, number: str) -> str:
    """What a queue ticket's check code is derived from: its center day and number."""
    return f"ticket/{day:%Y%m%d}/{number}"


def booking_subject(booking_code: str) -> str:
    """What a booking's check code is derived from."""
    return f"booking/{booking_code}"
