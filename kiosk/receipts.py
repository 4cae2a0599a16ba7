"""What a resident is promised after a submission, and the slip that says it.

`Outcome` holds the facts shown on the done screen and printed on the slip;
`application_receipt` / `repair_receipt` turn it into a `hardware.printer.Receipt`
in the resident's language. Personal data is masked here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from PySide6.QtCore import QCoreApplication

from hardware.identity import mask_id_number, mask_name, mask_phone
from hardware.printer import Receipt, Row

#: Where the status QR on slips and screens points; the tracking number is appended.
STATUS_URL_BASE = "https://status.example/a/"

OutcomeKind = Literal["application", "repair"]


def status_url(tracking_number: str) -> str:
    return STATUS_URL_BASE + tracking_number


def _tr(text: str) -> str:
    return QCoreApplication.translate("Receipt", text)


def masked_person(name: str = "", id_number: str = "", phone: str = "") -> str:
    """`张*丰 110105********002X`, or the masked phone when that is all we have."""
    parts = [mask_name(name) if name else "", mask_id_number(id_number) if id_number else ""]
    shown = " ".join(part for part in parts if part)
    return shown or (mask_phone(phone) if phone else "")


@dataclass(frozen=True)
class Outcome:
    """One committed submission as the resident sees it."""

    kind: OutcomeKind
    record_id: str
    tracking_number: str
    subject: str  # matter name or repair kind, in the resident's language
    person: str  # already masked
    submitted_at: datetime
    promised_date: date | None = None
    promised_estimated: bool = False
    location: str = ""  # repairs
    delivered: bool = False

    @property
    def qr_payload(self) -> str:
        return status_url(self.tracking_number)


def delivery_text(delivered: bool) -> str:
    return _tr("Sent to the platform") if delivered else _tr("Saved; will be sent")


def promised_text(outcome: Outcome) -> str:
    if outcome.promised_date is None:
        return ""
    text = f"{outcome.promised_date:%Y-%m-%d}"
    if outcome.promised_estimated:
        text += " " + _tr("(estimated)")
    return text


def rows(outcome: Outcome) -> list[Row]:
    """The key-value lines shared by the slip and the done screen."""
    subject_key = _tr("Matter") if outcome.kind == "application" else _tr("Repair")
    person_key = _tr("Applicant") if outcome.kind == "application" else _tr("Reported by")
    lines = [Row(_tr("Tracking number"), outcome.tracking_number),
             Row(subject_key, outcome.subject)]
    if outcome.location:
        lines.append(Row(_tr("Location"), outcome.location))
    if outcome.person:
        lines.append(Row(person_key, outcome.person))
    lines.append(Row(_tr("Time"), f"{outcome.submitted_at:%Y-%m-%d %H:%M}"))
    promised = promised_text(outcome)
    if promised:
        lines.append(Row(_tr("Done by"), promised))
    lines.append(Row(_tr("Status"), delivery_text(outcome.delivered)))
    return lines


def build_receipt(outcome: Outcome, center_name: str) -> Receipt:
    """The slip for an application or a repair request."""
    title = (_tr("Application receipt") if outcome.kind == "application"
             else _tr("Repair request receipt"))
    return Receipt(
        center_name=center_name,
        title=title,
        rows=rows(outcome),
        paragraphs=[_tr("Scan the code to check the progress.")],
        qr_payload=outcome.qr_payload,
        footer=_tr("Please keep this slip."),
    )


def application_receipt(outcome: Outcome, center_name: str) -> Receipt:
    return build_receipt(outcome, center_name)


def repair_receipt(outcome: Outcome, center_name: str) -> Receipt:
    return build_receipt(outcome, center_name)
