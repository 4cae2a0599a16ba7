"""The application being accepted, and the rules of the four outcomes.

Plain Python (no Qt): `Draft` is what the clerk has gathered so far;
`problems` says why an outcome cannot be recorded yet; `build_payload`
turns a draft into the `AcceptancePayload` that goes through the outbox.
Materials travel by their catalog codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sync.protocol.models import (
    AcceptanceOutcome,
    AcceptancePayload,
    FieldValue,
    HandlingType,
    Matter,
    Person,
)
from sync.workdays import WorkdayResult, add_working_days


class MaterialState(StrEnum):
    RECEIVED = "received"
    MISSING = "missing"
    PROMISED = "promised"  # 容缺受理: accepted now, supplied later
    NOT_NEEDED = "not_needed"  # an optional material that does not apply


class Problem(StrEnum):
    NO_MATTER = "no_matter"
    NO_APPLICANT = "no_applicant"
    FORM_INCOMPLETE = "form_incomplete"
    MATERIALS_MISSING = "materials_missing"  # accepted / on the spot with items missing
    NOTHING_MISSING = "nothing_missing"  # a one-time notice with nothing to list
    PROMISED_ON_THE_SPOT = "promised_on_the_spot"
    NO_REASON = "no_reason"


@dataclass
class Draft:
    """One application at the window, as gathered so far."""

    matter: Matter | None = None
    applicant: Person = field(default_factory=Person)
    fields: dict[str, FieldValue] = field(default_factory=dict)
    materials: dict[str, MaterialState] = field(default_factory=dict)
    documents: list[bytes] = field(default_factory=list)  # JPEG, perspective-corrected
    tracking_number: str | None = None  # a kiosk pre-application keeps its number
    form_complete: bool = True
    face_match: str | None = None  # the clerk's face check's outcome, never an image
    face_distance: float | None = None  # and its distance and threshold
    face_threshold: float | None = None

    def start_matter(self, matter: Matter) -> None:
        """Choose the matter: required materials start missing, optional ones not needed."""
        self.matter = matter
        self.materials = {m.code: MaterialState.MISSING if m.required else
                          MaterialState.NOT_NEEDED for m in matter.materials}

    def codes(self, state: MaterialState) -> list[str]:
        """Material codes in `state`, in the catalog's order."""
        order = [m.code for m in self.matter.materials] if self.matter else []
        return [code for code in order if self.materials.get(code) is state]


def promise(matter: Matter, today: date) -> WorkdayResult | None:
    """The promised completion date of a committed matter (working days)."""
    if matter.handling is not HandlingType.COMMITTED:
        return None
    return add_working_days(today, matter.time_limit_days)


def suggested_outcome(draft: Draft) -> AcceptanceOutcome:
    if draft.codes(MaterialState.MISSING):
        return AcceptanceOutcome.MISSING_MATERIALS
    if draft.matter is not None and draft.matter.handling is HandlingType.IMMEDIATE:
        return AcceptanceOutcome.ON_THE_SPOT
    return AcceptanceOutcome.ACCEPTED


def problems(draft: Draft, outcome: AcceptanceOutcome, reason: str = "") -> list[Problem]:
    """Why `outcome` cannot be recorded for `draft` yet (empty: it can)."""
    found: list[Problem] = []
    if draft.matter is None:
        return [Problem.NO_MATTER]
    if outcome is AcceptanceOutcome.NOT_ACCEPTED:
        return [] if reason.strip() else [Problem.NO_REASON]
    if not (draft.applicant.id_number or draft.applicant.name):
        found.append(Problem.NO_APPLICANT)
    missing = draft.codes(MaterialState.MISSING)
    if outcome is AcceptanceOutcome.MISSING_MATERIALS:
        if not missing:
            found.append(Problem.NOTHING_MISSING)
        return found
    if not draft.form_complete:
        found.append(Problem.FORM_INCOMPLETE)
    if missing:
        found.append(Problem.MATERIALS_MISSING)
    if outcome is AcceptanceOutcome.ON_THE_SPOT and draft.codes(MaterialState.PROMISED):
        found.append(Problem.PROMISED_ON_THE_SPOT)
    return found


def build_payload(draft: Draft, outcome: AcceptanceOutcome, tracking_number: str, *,
                  today: date, reason: str = "", ticket: str | None = None,
                  staff_no: str | None = None, window: str | None = None
                  ) -> AcceptancePayload:
    """The transaction of one outcome; raises ValueError when `problems` are left."""
    left = problems(draft, outcome, reason)
    if left or draft.matter is None:
        raise ValueError(f"outcome {outcome.value} not possible: {[p.value for p in left]}")
    promised = promise(draft.matter, today) if outcome is AcceptanceOutcome.ACCEPTED else None
    return AcceptancePayload(
        tracking_number=tracking_number, matter_code=draft.matter.code, outcome=outcome,
        applicant=draft.applicant, fields=dict(draft.fields),
        materials_received=draft.codes(MaterialState.RECEIVED),
        materials_missing=draft.codes(MaterialState.MISSING),
        materials_promised=draft.codes(MaterialState.PROMISED),
        promised_date=promised.date if promised else None,
        reason=reason.strip() or None, ticket_number=ticket, staff_no=staff_no, window=window,
        face_match=draft.face_match, face_distance=draft.face_distance,
        face_threshold=draft.face_threshold)
