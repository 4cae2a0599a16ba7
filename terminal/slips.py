"""What every printed slip shares, kiosk or counter: the status QR's address
and the applicant shown masked (personal data is masked here, once)."""

from __future__ import annotations

from hardware.identity import mask_id_number, mask_name, mask_phone

#: Where the status QR on slips and screens points; the tracking number is appended.
STATUS_URL_BASE = "https://status.example/a/"


def status_url(tracking_number: str) -> str:
    return STATUS_URL_BASE + tracking_number


def masked_person(name: str = "", id_number: str = "", phone: str = "") -> str:
    """`张*丰 110105********002X`, or the masked phone when that is all we have."""
    parts = [mask_name(name) if name else "", mask_id_number(id_number) if id_number else ""]
    shown = " ".join(part for part in parts if part)
    return shown or (mask_phone(phone) if phone else "")
