"""The cases a batch of transactions touches, inside the batch's own database
transaction: a kiosk or counter application opens a case, a counter's
acceptance decides it (and opens it for a walk-in), a rating hangs on it, a
repair opens one of its own. Each step adds a timeline event; free text is
sealed with the platform key like the transaction it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.cases import OPEN_STATES, CaseEventKind, CaseState
from sync.protocol.models import (
    AcceptanceOutcome,
    AcceptancePayload,
    ApplicationPayload,
    CaseAction,
    CaseProgressPayload,
    Catalog,
    HandlingType,
    Matter,
    RatingPayload,
    RepairPayload,
    TransactionItem,
)
from sync.server import sealing
from sync.server.cases.calendar import working_days
from sync.server.db import CaseEventRow, CaseRow, Document
from sync.server.queue.core import local_day

#: Matter code of repair cases (the repair's kind is in its first event).
REPAIR = "repair"

_DECISIONS: dict[AcceptanceOutcome, tuple[CaseEventKind, CaseState, str | None]] = {
    AcceptanceOutcome.ACCEPTED: (CaseEventKind.ACCEPTED, CaseState.ACCEPTED,
                                 "acceptance_receipt"),
    AcceptanceOutcome.MISSING_MATERIALS: (CaseEventKind.ONE_TIME_NOTICE,
                                          CaseState.MISSING_MATERIALS, "one_time_notice"),
    AcceptanceOutcome.NOT_ACCEPTED: (CaseEventKind.REFUSED, CaseState.REFUSED,
                                     "refusal_notice"),
    AcceptanceOutcome.ON_THE_SPOT: (CaseEventKind.ON_THE_SPOT, CaseState.COMPLETED,
                                    "acceptance_receipt"),
}


#: The decisions after which nothing is owed (others than a notice or 容缺).
_DECIDED = frozenset({CaseEventKind.ACCEPTED.value, CaseEventKind.REFUSED.value,
                      CaseEventKind.ON_THE_SPOT.value})

#: The states each progress step may start from.
_MOVES: dict[CaseAction, frozenset[CaseState]] = {
    CaseAction.IN_PROGRESS: frozenset({CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING}),
    CaseAction.COMPLETED: OPEN_STATES,
    CaseAction.MATERIALS_SUPPLIED: frozenset({CaseState.ACCEPTED_PENDING,
                                              CaseState.IN_PROGRESS}),
    CaseAction.COLLECTED: frozenset({CaseState.COMPLETED}),
    CaseAction.DISPATCHED: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
    CaseAction.NOTE: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
    CaseAction.CLOSED: frozenset({CaseState.SUBMITTED, CaseState.DISPATCHED}),
}
#: The steps of repairs (the others are of applications).
REPAIR_ACTIONS = frozenset({CaseAction.DISPATCHED, CaseAction.NOTE, CaseAction.CLOSED})
#: The state after a step (materials supplied keeps it, or ends "to follow").
_AFTER = {CaseAction.IN_PROGRESS: CaseState.IN_PROGRESS,
          CaseAction.COMPLETED: CaseState.COMPLETED,
          CaseAction.COLLECTED: CaseState.COLLECTED, CaseAction.DISPATCHED: CaseState.DISPATCHED,
          CaseAction.CLOSED: CaseState.CLOSED}
#: Application status shown to the resident after a step.
PROGRESS_STATUS = {CaseAction.IN_PROGRESS: "in_progress", CaseAction.COMPLETED: "completed",
                   CaseAction.DISPATCHED: "in_progress", CaseAction.CLOSED: "completed"}


def note_binding(tracking_number: str, tx_id: str) -> bytes:
    return f"case note\n{tracking_number}\n{tx_id}".encode()


def owed_materials(events: Iterable[tuple[str, dict[str, Any]]]) -> list[str]:
    """The materials a case still waits for, from its events (kind, detail) in order:
    those of its last one-time notice, or promised at its acceptance (容缺), less
    those supplied since; none after any other decision."""
    owed: list[str] = []
    for kind, detail in events:
        if kind == CaseEventKind.ONE_TIME_NOTICE.value:
            owed = list(detail.get("missing", []))
        elif kind == CaseEventKind.ACCEPTED_PENDING.value:
            owed = list(detail.get("promised", []))
        elif kind == CaseEventKind.MATERIALS_SUPPLIED.value:
            supplied = set(detail.get("materials", []))
            owed = [code for code in owed if code not in supplied]
        elif kind in _DECIDED:
            owed = []
    return owed


def _timestamp(item: TransactionItem) -> float:
    return item.created_at.timestamp()


class CaseBook:
    """Cases of one center as one batch changes them."""

    def __init__(self, session: Session, keys: sealing.Keys, center: str,
                 terminal_id: str) -> None:
        self.session = session
        self.keys = keys
        self.center = center
        self.terminal_id = terminal_id
        self._matters: dict[str, Matter] | None = None

    def refusal(self, item: TransactionItem) -> tuple[str, str] | None:
        """Why this item may not be recorded against its case, or None."""
        payload = item.payload
        if isinstance(payload, RatingPayload) and payload.tracking_number is not None:
            case = self.session.get(CaseRow, payload.tracking_number)
            if case is None or case.center != self.center:
                return "unknown_case", (
                    f"No case of this center has number {payload.tracking_number}: a rating "
                    "is recorded only for a real case of the center.")
        if isinstance(payload, CaseProgressPayload):
            case = self.session.get(CaseRow, payload.tracking_number)
            kind = "repair" if payload.action in REPAIR_ACTIONS else "application"
            if case is None or case.center != self.center or case.kind != kind:
                return "unknown_case", (
                    f"No {kind} of this center has number {payload.tracking_number}.")
            if CaseState(case.state) not in _MOVES[payload.action]:
                return "bad_transition", (
                    f"Case {payload.tracking_number} is {case.state}: it cannot be moved to "
                    f"{payload.action.value}.")
            if (payload.action is CaseAction.COMPLETED) != (payload.result is not None):
                return "invalid", "A result is given with completion, and only then."
            if (payload.action is CaseAction.DISPATCHED) != bool(payload.handler):
                return "invalid", "A handler is named with dispatching, and only then."
            if payload.photo is not None and (payload.action is not CaseAction.CLOSED
                                              or payload.photo not in item.attachments):
                return "invalid", "A photo closes a repair, as one of the item's attachments."
        return None

    def matter_code(self, tracking_number: str) -> str:
        case = self.session.get(CaseRow, tracking_number)
        return case.matter_code if case is not None else ""

    def apply(self, item: TransactionItem, now: float) -> None:
        payload = item.payload
        if isinstance(payload, ApplicationPayload):
            self._application(item, payload, now)
        elif isinstance(payload, AcceptancePayload):
            self._acceptance(item, payload, now)
        elif isinstance(payload, RatingPayload):
            self._rating(item, payload, now)
        elif isinstance(payload, RepairPayload):
            self._repair(item, payload, now)
        elif isinstance(payload, CaseProgressPayload):
            self._progress(item, payload, now)

    # -- the kinds ---------------------------------------------------------------------
    def _application(self, item: TransactionItem, payload: ApplicationPayload,
                     now: float) -> None:
        at = _timestamp(item)
        case = self.session.get(CaseRow, payload.tracking_number)
        if case is None:
            case = self._open(payload.tracking_number, "application", payload.matter_code,
                              payload.channel.value, at, now)
            case.promised_day = _iso(payload.promised_date)
        else:  # the counter decided before the kiosk's copy arrived
            case.channel = payload.channel.value
            case.submitted_at = min(case.submitted_at, at)
        self._event(item, case, CaseEventKind.SUBMITTED, at,
                    detail={"channel": payload.channel.value, **_face_check(payload)})

    def _acceptance(self, item: TransactionItem, payload: AcceptancePayload,
                    now: float) -> None:
        at = _timestamp(item)
        case = self.session.get(CaseRow, payload.tracking_number)
        if case is None:  # a walk-in at the counter
            case = self._open(payload.tracking_number, "application", payload.matter_code,
                              "counter", at, now)
        precheck = case.channel == "kiosk" and case.state == CaseState.SUBMITTED.value
        kind, state, receipt = _DECISIONS[payload.outcome]
        if payload.outcome is AcceptanceOutcome.ACCEPTED and payload.materials_promised:
            kind, state = CaseEventKind.ACCEPTED_PENDING, CaseState.ACCEPTED_PENDING
        case.state = state.value
        case.matter_code = payload.matter_code
        case.window, case.staff_no = payload.window, payload.staff_no
        if payload.ticket_number:
            case.ticket_number = payload.ticket_number
            case.ticket_day = local_day(at)
        if payload.promised_date is not None:
            case.promised_day = payload.promised_date.isoformat()
        if state in (CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING):
            self._start_deadline(case, at)
        elif state is CaseState.COMPLETED:
            case.accepted_at, case.result = at, "done"
        case.updated_at = now
        detail: dict[str, Any] = {
            "received": list(payload.materials_received),
            "missing": list(payload.materials_missing),
            "promised": list(payload.materials_promised),
        }
        if case.due_day is not None and state is not CaseState.COMPLETED:
            detail["due_date"] = case.due_day
        detail.update(_face_check(payload))
        self._event(item, case, kind, at, detail={k: v for k, v in detail.items() if v},
                    note=payload.reason or "", receipt=receipt, precheck=precheck,
                    staff_no=payload.staff_no, window=payload.window)

    def _rating(self, item: TransactionItem, payload: RatingPayload, now: float) -> None:
        if payload.tracking_number is None:  # a service without a case
            return
        case = self.session.get(CaseRow, payload.tracking_number)
        if case is None:  # refused before
            return
        case.rating, case.updated_at = payload.level, now
        self._event(item, case, CaseEventKind.RATED, _timestamp(item),
                    detail={"level": payload.level, "reasons": list(payload.reasons)},
                    note=payload.comment or "")

    def _progress(self, item: TransactionItem, payload: CaseProgressPayload,
                  now: float) -> None:
        case = self.session.get(CaseRow, payload.tracking_number)
        if case is None:  # refused before
            return
        action = payload.action
        detail: dict[str, Any] = {}
        if action is CaseAction.COMPLETED and payload.result is not None:
            case.result = payload.result.value
            detail["result"] = payload.result.value
        if payload.materials:
            detail["materials"] = list(payload.materials)
        if payload.handler:
            detail["handler"] = payload.handler
        if payload.photo:
            detail["photo"] = payload.photo
        if action in _AFTER:
            case.state = _AFTER[action].value
        case.updated_at = now
        self._event(item, case, CaseEventKind(action.value), _timestamp(item), detail=detail,
                    note=payload.note or "",
                    receipt="completion_notice" if action is CaseAction.COMPLETED else None,
                    staff_no=payload.staff_no, window=payload.window)
        if action is CaseAction.MATERIALS_SUPPLIED and \
                case.state == CaseState.ACCEPTED_PENDING.value and not self._still_owed(case):
            case.state = CaseState.ACCEPTED.value

    def _still_owed(self, case: CaseRow) -> list[str]:
        """Materials promised at acceptance (容缺) and not supplied since."""
        self.session.flush()
        return owed_materials(
            (kind, json.loads(text)) for kind, text in self.session.execute(
                select(CaseEventRow.kind, CaseEventRow.detail)
                .where(CaseEventRow.tracking_number == case.tracking_number)
                .order_by(CaseEventRow.at, CaseEventRow.id)))

    def _repair(self, item: TransactionItem, payload: RepairPayload, now: float) -> None:
        at = _timestamp(item)
        case = self.session.get(CaseRow, payload.tracking_number)
        if case is None:
            case = self._open(payload.tracking_number, "repair", REPAIR, "kiosk", at, now)
        self._event(item, case, CaseEventKind.SUBMITTED, at,
                    detail={"repair_kind": payload.repair_kind})

    # -- pieces ------------------------------------------------------------------------
    def _open(self, number: str, kind: str, matter_code: str, channel: str, at: float,
              now: float) -> CaseRow:
        case = CaseRow(tracking_number=number, center=self.center, kind=kind,
                       matter_code=matter_code, channel=channel,
                       state=CaseState.SUBMITTED.value, submitted_at=at, updated_at=now,
                       time_limit_days=0, due_estimated=False)
        self.session.add(case)
        self.session.flush()  # before its events (no ORM relationship orders them)
        return case

    def _start_deadline(self, case: CaseRow, at: float) -> None:
        matter = self._catalog().get(case.matter_code)
        case.accepted_at = at
        limit = matter.time_limit_days if matter is not None and \
            matter.handling is HandlingType.COMMITTED else 0
        case.time_limit_days = limit
        if limit <= 0:
            case.due_day, case.due_estimated = None, False
            return
        counted = working_days(self.session, self.center).add(
            date.fromisoformat(local_day(at)), limit)
        case.due_day, case.due_estimated = counted.date.isoformat(), counted.estimated

    def _catalog(self) -> dict[str, Matter]:
        if self._matters is None:
            stored = self.session.get(Document, "catalog")
            matters = Catalog.model_validate_json(stored.body).matters if stored else []
            self._matters = {matter.code: matter for matter in matters}
        return self._matters

    def _event(self, item: TransactionItem, case: CaseRow, kind: CaseEventKind, at: float,
               *, detail: dict[str, Any] | None = None, note: str = "",
               receipt: str | None = None, precheck: bool = False,
               staff_no: str | None = None, window: str | None = None) -> None:
        tx_id = str(item.id)
        facts = dict(detail or {})
        if precheck:
            facts["precheck"] = True
        self.session.add(CaseEventRow(
            tracking_number=case.tracking_number, center=self.center, at=at, kind=kind.value,
            terminal_id=self.terminal_id, tx_id=tx_id, staff_no=staff_no, window=window,
            receipt=receipt, detail=json.dumps(facts, ensure_ascii=False, sort_keys=True),
            note=sealing.seal_text(self.keys, note,
                                   note_binding(case.tracking_number, tx_id))))


def _face_check(payload: ApplicationPayload | AcceptancePayload) -> dict[str, Any]:
    """The face check's outcome, distance and threshold, for the case's story."""
    facts = {"face_match": payload.face_match, "face_distance": payload.face_distance,
             "face_threshold": payload.face_threshold}
    return {key: value for key, value in facts.items() if value is not None}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
