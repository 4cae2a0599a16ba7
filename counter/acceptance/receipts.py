"""The slips of the four outcomes, built from an `AcceptancePayload`.

acceptance receipt (accepted: promised date, items to supply later), on the
spot receipt, one-time notice of missing materials (EVERY missing item, and
only those), not-accepted notice (the reason). All carry the tracking number,
the matter, the masked applicant, the time and the status QR.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from hardware.printer import Receipt, Row
from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Matter
from sync.workdays import add_working_days
from terminal.slips import check_code, masked_person, status_url

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def titles() -> dict[AcceptanceOutcome, str]:
    return {
        AcceptanceOutcome.ACCEPTED: translate("AcceptanceReceipt", "Acceptance receipt"),
        AcceptanceOutcome.ON_THE_SPOT: translate("AcceptanceReceipt", "Handled on the spot"),
        AcceptanceOutcome.MISSING_MATERIALS: translate(
            "AcceptanceReceipt", "One-time notice of missing materials"
        ),
        AcceptanceOutcome.NOT_ACCEPTED: translate("AcceptanceReceipt", "Notice of non-acceptance"),
    }


def material_names(matter: Matter | None, codes: list[str], chinese: bool) -> list[str]:
    """Catalog names of material codes (the code itself when the catalog lacks it)."""
    names = (
        {m.code: (m.name_zh if chinese else m.name_en) for m in matter.materials} if matter else {}
    )
    return [names.get(code, code) for code in codes]


def acceptance_receipt(
    payload: AcceptancePayload,
    matter: Matter | None,
    when: datetime,
    center_name: str,
    *,
    chinese: bool,
) -> Receipt:
    """The slip for one recorded outcome, in the resident's language."""
    outcome = payload.outcome
    subject = (
        payload.matter_code if matter is None else (matter.name_zh if chinese else matter.name_en)
    )
    person = masked_person(
        payload.applicant.name or "",
        payload.applicant.id_number or "",
        payload.applicant.phone or "",
        payload.applicant.document_kind,
    )
    rows = [
        Row(translate("AcceptanceReceipt", "Tracking number"), payload.tracking_number),
        Row(translate("AcceptanceReceipt", "Check code"), check_code(payload.tracking_number)),
        Row(translate("AcceptanceReceipt", "Matter"), subject),
    ]
    if person:
        rows.append(Row(translate("AcceptanceReceipt", "Applicant"), person))
    rows.append(Row(translate("AcceptanceReceipt", "Time"), f"{when:%Y-%m-%d %H:%M}"))
    if payload.window:
        rows.append(Row(translate("AcceptanceReceipt", "Window"), payload.window))
    if payload.promised_date is not None:
        estimated = (
            matter is not None and add_working_days(when.date(), matter.time_limit_days).estimated
        )
        shown = f"{payload.promised_date:%Y-%m-%d}"
        rows.append(
            Row(
                translate("AcceptanceReceipt", "Done by"),
                shown + (" " + translate("AcceptanceReceipt", "(estimated)") if estimated else ""),
            )
        )
    paragraphs = _paragraphs(payload, matter, chinese)
    paragraphs.append(translate("AcceptanceReceipt", "Scan the code to check the progress."))
    return Receipt(
        center_name=center_name,
        title=titles()[outcome],
        rows=rows,
        paragraphs=paragraphs,
        qr_payload=status_url(payload.tracking_number),
        footer=translate("AcceptanceReceipt", "Please keep this slip."),
    )


def _paragraphs(payload: AcceptancePayload, matter: Matter | None, chinese: bool) -> list[str]:
    outcome = payload.outcome
    if outcome is AcceptanceOutcome.MISSING_MATERIALS:
        missing = material_names(matter, payload.materials_missing, chinese)
        return [
            translate("AcceptanceReceipt", "Please bring these materials, all of them, next time:")
        ] + [f"{index}. {name}" for index, name in enumerate(missing, 1)]
    if outcome is AcceptanceOutcome.NOT_ACCEPTED:
        return [
            translate("AcceptanceReceipt", "Your application was not accepted because:"),
            payload.reason or "",
        ]
    if payload.materials_promised:
        promised = material_names(matter, payload.materials_promised, chinese)
        return [translate("AcceptanceReceipt", "Accepted now; please supply these later:")] + [
            f"{index}. {name}" for index, name in enumerate(promised, 1)
        ]
    return []
