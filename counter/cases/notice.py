"""The completion notice: the slip a clerk prints when a case is completed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from hardware.printer import Receipt, Row
from sync.protocol.models import CaseResult, Matter
from terminal.slips import check_code, status_url

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def result_text(result: CaseResult) -> str:
    return {
        CaseResult.APPROVED: translate("CompletionNotice", "Approved"),
        CaseResult.NOT_APPROVED: translate("CompletionNotice", "Not approved"),
    }[result]


def completion_notice(tracking_number: str, matter_code: str, matter: Matter | None,
                      result: CaseResult, note: str, when: datetime, center_name: str,
                      window: str, *, chinese: bool) -> Receipt:
    """The notice in the resident's language; `note` is the reason of a refusal or
    what was issued, printed as the clerk wrote it."""
    subject = matter_code if matter is None else (matter.name_zh if chinese else matter.name_en)
    rows = [
        Row(translate("CompletionNotice", "Tracking number"), tracking_number),
        Row(translate("CompletionNotice", "Check code"), check_code(tracking_number)),
        Row(translate("CompletionNotice", "Matter"), subject),
        Row(translate("CompletionNotice", "Result"), result_text(result)),
        Row(translate("CompletionNotice", "Completed"), f"{when:%Y-%m-%d %H:%M}"),
    ]
    if window:
        rows.append(Row(translate("CompletionNotice", "Window"), window))
    paragraphs = [note] if note else []
    paragraphs.append(
        translate("CompletionNotice",
                  "Please collect the result at any window with this notice and your ID card.")
        if result is CaseResult.APPROVED else
        translate("CompletionNotice",
                  "You may ask at any window how to apply for a review of this decision."))
    return Receipt(
        center_name=center_name,
        title=translate("CompletionNotice", "Completion notice"),
        rows=rows,
        paragraphs=paragraphs,
        qr_payload=status_url(tracking_number),
        footer=translate("CompletionNotice", "Please keep this notice."),
    )
