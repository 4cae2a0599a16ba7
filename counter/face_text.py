"""A recorded face check (人证比对) in words, for the case desk and the workbench:
the outcome, the distance and the threshold it was held to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication


def face_check_text(facts: Mapping[str, Any]) -> str:
    """`facts`: face_match, and face_distance and face_threshold when known."""
    outcomes = {
        "matched": QCoreApplication.translate(
            "FaceCheck", "face matched the document photo"),
        "not_matched": QCoreApplication.translate(
            "FaceCheck", "face did NOT match the document photo"),
        "no_live_face": QCoreApplication.translate(
            "FaceCheck", "no face in front of the camera"),
        "no_document_face": QCoreApplication.translate(
            "FaceCheck", "document photo could not be compared"),
    }
    outcome = str(facts.get("face_match", ""))
    text = outcomes.get(outcome, outcome)
    distance, threshold = facts.get("face_distance"), facts.get("face_threshold")
    if threshold is None:
        return text
    figures = QCoreApplication.translate("FaceCheck", "distance %1, threshold %2").replace(
        "%1", f"{float(distance):.2f}" if distance is not None else "—").replace(
        "%2", f"{float(threshold):.2f}")
    return f"{text} ({figures})"
