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

from hardware.printer import Receipt, Row
from terminal.slips import STATUS_URL_BASE, masked_person, status_url  # moved; re-exported

__all__ = ["STATUS_URL_BASE", "masked_person", "status_url"]

OutcomeKind = Literal["application", "repair"]


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


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


def rows(outcome: Outcome) -> list[Row]:
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
        Row(subject_key, outcome.subject),
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


def build_receipt(outcome: Outcome, center_name: str) -> Receipt:
    """The slip for an application or a repair request."""
    title = (
        translate("Receipt", "Application receipt")
        if outcome.kind == "application"
        else translate("Receipt", "Repair request receipt")
    )
    return Receipt(
        center_name=center_name,
        title=title,
        rows=rows(outcome),
        paragraphs=[translate("Receipt", "Scan the code to check the progress.")],
        qr_payload=outcome.qr_payload,
        footer=translate("Receipt", "Please keep this slip."),
    )


def application_receipt(outcome: Outcome, center_name: str) -> Receipt:
    return build_receipt(outcome, center_name)


def repair_receipt(outcome: Outcome, center_name: str) -> Receipt:
    return build_receipt(outcome, center_name)
