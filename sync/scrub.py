"""Masking personal data that slipped into free text (log lines, error reasons)."""

from __future__ import annotations

import re

ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """Mask ID and mobile numbers that slipped into a message."""
    return PHONE.sub(r"\1****\2", ID_NUMBER.sub(r"\1********\2", text))
