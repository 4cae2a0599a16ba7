"""The status QR code printed on receipts: its payload to a tracking number.

Plain text parsing, no OpenCV (the kiosk's GUI process parses what its camera
process decoded).
"""

from __future__ import annotations

import re
from datetime import date

#: Tracking number: RC-<YYYYMMDD>-<terminal id>-<5-digit sequence>, e.g. RC-20261125-K01-00042.
TRACKING_RE = re.compile(r"RC-(?P<day>\d{8})-(?P<terminal>[A-Z][A-Z0-9]{1,7})-(?P<seq>\d{5})")
_URL_RE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?/a/(?P<tn>[^/?#\s]+)/?"
                     r"(?:[?#]\S*)?", re.IGNORECASE)


class ParseError(ValueError):
    """The scanned text is not one of our status QR codes."""


def parse_status_qr(text: str) -> str:
    """Return the tracking number in a status QR payload, or raise `ParseError`.

    Accepts `https://<host>/a/RC-20261125-K01-00042` (host free, an optional
    trailing slash, query or fragment) and the bare tracking number.
    """
    if not isinstance(text, str):
        raise ParseError("QR content is not text")
    candidate = text.strip()
    if len(candidate) > 200:
        raise ParseError("QR content too long for a status code")
    url = _URL_RE.fullmatch(candidate)
    if url:
        candidate = url["tn"]
    elif "/" in candidate or ":" in candidate:
        raise ParseError(f"not a status link: {candidate[:60]!r}")
    match = TRACKING_RE.fullmatch(candidate)
    if not match:
        raise ParseError(f"not a tracking number: {candidate[:60]!r}")
    day = match["day"]
    try:
        date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise ParseError(f"tracking number has an invalid date: {day}") from None
    if int(match["seq"]) == 0:
        raise ParseError("tracking number has sequence 00000")
    return match.group(0)
