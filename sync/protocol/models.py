"""Pydantic models of everything that crosses the wire."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

PROTOCOL_VERSION = 1
MAX_BATCH_ITEMS = 1000
MAX_BATCH_BYTES = 4 * 1024 * 1024
SHA256_PATTERN = r"^[0-9a-f]{64}$"
#: Largest sequence number: what a signed 64-bit database column holds.
MAX_SEQ = 2**63 - 1
#: Dates and times a terminal may send lie in [EARLIEST, LATEST).
EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)

Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]
Code = Annotated[str, Field(max_length=64)]
ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=4000)]


def _text_only(value: Any) -> Any:
    """Dates and times travel as ISO 8601 text, never as numbers."""
    if isinstance(value, str | date):
        return value
    raise ValueError("expected an ISO 8601 string")


def _time_in_range(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not EARLIEST <= aware < LATEST:
        raise ValueError(f"must lie between {EARLIEST.year} and {LATEST.year - 1}")
    return value


def _date_in_range(value: date) -> date:
    if not EARLIEST.date() <= value < LATEST.date():
        raise ValueError(f"must lie between {EARLIEST.year} and {LATEST.year - 1}")
    return value


#: A date-time a terminal sends: ISO 8601 text, years 2000-2099.
WireTime = Annotated[datetime, BeforeValidator(_text_only), AfterValidator(_time_in_range)]
#: A date a terminal sends: ISO 8601 text, years 2000-2099.
WireDate = Annotated[date, BeforeValidator(_text_only), AfterValidator(_date_in_range)]


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(StrEnum):
    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"  # the hall display: reads the queue, posts nothing


# --------------------------------------------------------------------------
# Personal data: encrypted at rest on the terminal, purged after delivery.
# --------------------------------------------------------------------------
#: The document a person identified with (`hardware.identity.DocumentKind`'s values).
DocumentKindCode = Literal["resident_id", "hmt_permit", "foreign_pr_2017", "foreign_pr_2023",
                           "passport"]
#: An issuing country or nationality as ICAO 9303 writes it (ISO 3166-1 alpha-3, `D<<`).
Nationality = Annotated[str, Field(pattern=r"^[A-Z<]{3}$")]


def document_key(id_number: str, document_kind: str | None = None,
                 nationality: str | None = None) -> str:
    """What tells one person's document from every other's: the number alone for
    a resident ID card or a Hong Kong/Macao/Taiwan permit (unique nationally),
    else kind, issuing country and number, so that two countries' passports with
    the same number are two people."""
    number = id_number.strip().upper()
    if document_kind in (None, "resident_id", "hmt_permit"):
        return number
    return f"{document_kind}:{nationality or ''}:{number}"


class Person(WireModel):
    """`document_kind` None is a resident ID card (what terminals sent before
    documents had kinds); `nationality` is the passport's issuing country or
    the foreigner's card's nationality."""

    id_number: Annotated[str, Field(max_length=32)] | None = None
    name: Annotated[str, Field(max_length=100)] | None = None
    phone: Annotated[str, Field(max_length=32)] | None = None
    address: Annotated[str, Field(max_length=200)] | None = None
    document_kind: DocumentKindCode | None = None
    nationality: Nationality | None = None

    @property
    def document_key(self) -> str:
        return document_key(self.id_number or "", self.document_kind, self.nationality)


FieldKey = Annotated[str, Field(min_length=1, max_length=64)]
FieldValue = (
    Annotated[str, Field(max_length=2000)]
    | Annotated[int, Field(ge=-(2**53), le=2**53)]
    | Annotated[float, Field(allow_inf_nan=False)]
    | bool
    | None
)
#: A form's answers: at most 100 fields.
Fields = Annotated[dict[FieldKey, FieldValue], Field(max_length=100)]
Codes = Annotated[list[Code], Field(max_length=100)]


class Channel(StrEnum):
    KIOSK = "kiosk"
    COUNTER = "counter"


#: a face check's outcome (人证比对): the live face against the document's photo
FaceMatch = Literal["matched", "not_matched", "no_live_face", "no_document_face"]
#: dlib's descriptor distance between the two faces, and the threshold it was held to
FaceDistance = Annotated[float, Field(ge=0.0, le=4.0)]
FaceThreshold = Annotated[float, Field(gt=0.0, lt=2.0)]


class ApplicationPayload(WireModel):
    kind: Literal["application"] = "application"
    tracking_number: Annotated[str, Field(min_length=4, max_length=40)]
    matter_code: Annotated[str, Field(min_length=1, max_length=40)]
    channel: Channel
    applicant: Person
    fields: Fields = Field(default_factory=dict)
    promised_date: WireDate | None = None
    #: the kiosk's face check of a passport holder against the chip's photo: the
    #: outcome, the distance and the threshold, never an image
    face_match: FaceMatch | None = None
    face_distance: FaceDistance | None = None
    face_threshold: FaceThreshold | None = None


class TicketPayload(WireModel):
    kind: Literal["ticket"] = "ticket"
    number: Annotated[str, Field(min_length=2, max_length=12)]
    category: Annotated[str, Field(min_length=1, max_length=8)]
    priority: Literal["elderly", "disabled", "booked"] | None = None
    issued_offline: bool = False
    booking_code: Annotated[str, Field(max_length=40)] | None = None


class BookingPayload(WireModel):
    kind: Literal["booking"] = "booking"
    booking_code: Annotated[str, Field(min_length=4, max_length=40)]
    matter_code: Annotated[str, Field(min_length=1, max_length=40)]
    slot_start: WireTime
    slot_end: WireTime
    applicant: Person


class CheckInPayload(WireModel):
    kind: Literal["check_in"] = "check_in"
    booking_code: Annotated[str, Field(min_length=4, max_length=40)]
    ticket_number: Annotated[str, Field(min_length=2, max_length=12)]


class RepairPayload(WireModel):
    kind: Literal["repair"] = "repair"
    tracking_number: Annotated[str, Field(min_length=4, max_length=40)]
    repair_kind: ShortText
    location: ShortText
    description: LongText
    reporter: Person


class RatingPayload(WireModel):
    """The resident's rating of a case (`tracking_number`) or of a service at a
    window without one (the served ticket: `ticket_number` on `ticket_day`)."""

    kind: Literal["rating"] = "rating"
    tracking_number: Annotated[str, Field(min_length=4, max_length=40)] | None = None
    ticket_number: Annotated[str, Field(min_length=2, max_length=12)] | None = None
    ticket_day: WireDate | None = None
    level: Annotated[int, Field(ge=1, le=5)]
    reasons: list[ShortText] = Field(default_factory=list, max_length=20)
    comment: LongText | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> RatingPayload:
        if (self.tracking_number is None) == (self.ticket_number is None):
            raise ValueError("a rating names a case (tracking_number) or a ticket "
                             "(ticket_number), not both or neither")
        if (self.ticket_number is None) != (self.ticket_day is None):
            raise ValueError("a ticket's rating names the ticket's day (ticket_day)")
        return self


class AcceptanceOutcome(StrEnum):
    ACCEPTED = "accepted"
    ON_THE_SPOT = "on_the_spot"
    MISSING_MATERIALS = "missing_materials"
    NOT_ACCEPTED = "not_accepted"


class AcceptancePayload(WireModel):
    kind: Literal["acceptance"] = "acceptance"
    tracking_number: Annotated[str, Field(min_length=4, max_length=40)]
    matter_code: Annotated[str, Field(min_length=1, max_length=40)]
    outcome: AcceptanceOutcome
    applicant: Person
    fields: Fields = Field(default_factory=dict)
    materials_received: Codes = Field(default_factory=list)
    materials_missing: Codes = Field(default_factory=list)
    materials_promised: Codes = Field(default_factory=list)
    promised_date: WireDate | None = None
    reason: LongText | None = None
    ticket_number: Annotated[str, Field(max_length=12)] | None = None
    staff_no: Annotated[str, Field(max_length=32)] | None = None
    window: Annotated[str, Field(max_length=16)] | None = None
    #: the clerk's face check against the passport chip's photo: the outcome, the
    #: distance and the threshold, never an image
    face_match: FaceMatch | None = None
    face_distance: FaceDistance | None = None
    face_threshold: FaceThreshold | None = None


class ServedPayload(WireModel):
    """A ticket a window finished: served (`done`) or not there (`no_show`).

    The counter records every ticket it closes. One served while the platform
    was unreachable is still open there and gets closed on arrival; one closed
    online is kept as a record only. `number` is None for a walk-in served
    offline, numbered by the platform on arrival. Times are the window's own;
    `issued_at` when the window knew it (for waiting times).
    """

    kind: Literal["served"] = "served"
    number: Annotated[str, Field(min_length=2, max_length=12)] | None = None
    category: Annotated[str, Field(min_length=1, max_length=8)]
    window: Annotated[str, Field(min_length=1, max_length=16)]
    staff_no: Annotated[str, Field(min_length=1, max_length=32)]
    outcome: Literal["done", "no_show"] = "done"
    issued_at: WireTime | None = None
    called_at: WireTime
    ended_at: WireTime


class HelpRequestPayload(WireModel):
    """A resident at a kiosk asked for a member of staff ("call staff").

    The platform shows it on its center's counters and hall display until a
    clerk acknowledges it. `screen` is the kiosk screen's name ("attract" for
    the start screen), `screen_title` its title as the resident saw it, in the
    resident's `language`."""

    kind: Literal["help_request"] = "help_request"
    kiosk: Annotated[str, Field(min_length=1, max_length=16)]
    screen: Annotated[str, Field(min_length=1, max_length=40)]
    screen_title: Annotated[str, Field(max_length=100)] = ""
    language: Literal["zh_CN", "en"] = "zh_CN"


class CaseAction(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    MATERIALS_SUPPLIED = "materials_supplied"
    COLLECTED = "collected"
    # repairs: sent to a handler, progress notes, closed (with an optional photo)
    DISPATCHED = "dispatched"
    NOTE = "note"
    CLOSED = "closed"


class CaseResult(StrEnum):
    APPROVED = "approved"  # done as asked: the certificate, the benefit, the record
    NOT_APPROVED = "not_approved"  # decided against the resident, with the reason in `note`


class CaseProgressPayload(WireModel):
    """A clerk moved an accepted case on: work started, completed with a result,
    promised materials supplied, or the result collected by the resident; or a
    repair: dispatched to `handler` (a named service or person), a progress
    note, closed (`photo`: the sha256 of an attachment of the transaction)."""

    kind: Literal["case_progress"] = "case_progress"
    tracking_number: Annotated[str, Field(min_length=4, max_length=40)]
    action: CaseAction
    result: CaseResult | None = None
    materials: Codes = Field(default_factory=list)
    note: LongText | None = None
    handler: ShortText | None = None
    photo: Sha256 | None = None
    staff_no: Annotated[str, Field(max_length=32)] | None = None
    window: Annotated[str, Field(max_length=16)] | None = None


Payload = Annotated[
    ApplicationPayload
    | TicketPayload
    | BookingPayload
    | CheckInPayload
    | RepairPayload
    | RatingPayload
    | AcceptancePayload
    | ServedPayload
    | HelpRequestPayload
    | CaseProgressPayload,
    Field(discriminator="kind"),
]
# Payload keys that may hold personal data, free text included (a repair's
# location and description, a rating's comment, a refusal's reason, a case's
# progress note): sealed at
# rest on the terminal and purged after delivery plus the retention period.
PERSONAL_KEYS = ("applicant", "reporter", "fields", "location", "description", "comment",
                 "reason", "note")


class TransactionItem(WireModel):
    """One transaction as delivered; `id` is the idempotency key."""

    id: UUID
    seq: Annotated[int, Field(ge=1, le=MAX_SEQ)]
    created_at: WireTime
    corrects: UUID | None = None
    attachments: list[Sha256] = Field(default_factory=list, max_length=20)
    payload: Payload
    checksum: Sha256 | None = Field(
        None, description="SHA-256 (hex) of `payload` as canonical JSON (UTF-8, keys sorted, "
                          "no whitespace, non-ASCII kept), taken when the record was "
                          "submitted; an item whose payload does not match is rejected "
                          "with code `checksum_mismatch`")


class BatchRequest(WireModel):
    items: list[dict[str, Any]] = Field(max_length=MAX_BATCH_ITEMS)


class ItemStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class ItemResult(WireModel):
    id: str
    status: ItemStatus
    code: str | None = None
    reason: str | None = None


class BatchResponse(WireModel):
    results: list[ItemResult]


class AttachmentQuery(WireModel):
    sha256: list[Sha256] = Field(max_length=MAX_BATCH_ITEMS)


class AttachmentQueryResponse(WireModel):
    missing: list[Sha256]


# --------------------------------------------------------------------------
# Enrollment, errors, heartbeat
# --------------------------------------------------------------------------
class EnrollRequest(WireModel):
    code: Annotated[str, Field(min_length=6, max_length=64)]
    hostname: ShortText = ""


class EnrollResponse(WireModel):
    terminal_id: str
    center: str
    role: Role
    key: str  # urlsafe base64 of the 32-byte HMAC key


class ErrorBody(WireModel):
    code: str
    message: str
    server_time: float | None = None


class DeviceState(StrEnum):
    READY = "ready"
    DEGRADED = "degraded"
    UNKNOWN = "unknown"  # reachable, but it cannot say whether it works (printer status)
    OFFLINE = "offline"


class DeviceHealth(WireModel):
    state: DeviceState
    reason: Annotated[str, Field(max_length=300)] = ""


class Heartbeat(WireModel):
    version: Annotated[str, Field(max_length=64)]
    role: Role
    backlog: Annotated[int, Field(ge=0, le=MAX_SEQ)]
    dead_letters: Annotated[int, Field(ge=0, le=MAX_SEQ)]
    damaged_records: int = Field(
        0, ge=0, le=MAX_SEQ, description="dead letters damaged on the terminal itself "
                                         "(unreadable, undecryptable or failing their "
                                         "checksum); also counted in dead_letters")
    free_disk_bytes: Annotated[int, Field(ge=0, le=MAX_SEQ)]
    devices: dict[Annotated[str, Field(max_length=40)], DeviceHealth] = Field(
        default_factory=dict, max_length=20)
    last_delivery_at: WireTime | None = None


# --------------------------------------------------------------------------
# Reference data pulled into local caches
# --------------------------------------------------------------------------
class Department(WireModel):
    code: str
    name_zh: str
    name_en: str


class Material(WireModel):
    code: str
    name_zh: str
    name_en: str
    required: bool = True


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    PHOTO = "photo"
    DOCUMENT = "document"


class FormField(WireModel):
    key: str
    label_zh: str
    label_en: str
    type: FieldType
    required: bool = True
    choices: list[str] = Field(default_factory=list)


class HandlingType(StrEnum):
    IMMEDIATE = "immediate"
    COMMITTED = "committed"


class Matter(WireModel):
    code: str
    name_zh: str
    name_en: str
    department: str
    category: str
    handling: HandlingType
    time_limit_days: Annotated[int, Field(ge=0)] = 0
    description_zh: str = ""
    description_en: str = ""
    materials: list[Material] = Field(default_factory=list)
    fields: list[FormField] = Field(default_factory=list)
    kiosk_allowed: bool = True
    needs_appointment: bool = False
    queue_category: str = "A"


class Catalog(WireModel):
    departments: list[Department]
    matters: list[Matter]


class Notice(WireModel):
    id: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    published_at: datetime
    #: A center's own notice shows from `starts_at` until `ends_at` (None: no end);
    #: terminals hold it back or drop it by their clock, offline too.
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def showing(self, now: datetime) -> bool:
        """Whether the notice is to be shown at `now`."""
        return (self.starts_at is None or self.starts_at <= now) and \
            (self.ends_at is None or now < self.ends_at)


class NoticeList(WireModel):
    notices: list[Notice]


class StaffMember(WireModel):
    """A member in the platform's staff file; terminals never receive this."""

    staff_no: str
    name: str
    role: Literal["clerk", "supervisor", "technician", "manager"] = "clerk"
    pin_hash: str  # "scrypt$n$r$p$salt_b64$hash_b64"
    card_uid: str | None = None
    center: str | None = None  # None: serves every center
    active: bool = True  # a deactivated member cannot sign in and is not listed


class StaffRoster(WireModel):
    staff: list[StaffMember]


class ApplicationStatus(WireModel):
    tracking_number: str
    matter_code: str
    status: Literal["received", "accepted", "in_progress", "completed", "rejected", "missing"]
    note: str = ""
    updated_at: datetime


class StatusStep(WireModel):
    """One step of an application's public timeline: when, and which (a case event
    kind such as "accepted" or "completed"), with a completion's `result`."""

    at: datetime
    step: Annotated[str, Field(max_length=32)]
    result: Annotated[str, Field(max_length=32)] | None = None


class ApplicationStory(WireModel):
    """An application's status with its public timeline and, while it is open, the
    date its statutory deadline falls on (`due_estimated`: no published working-day
    calendar covers it yet). Nothing personal: no names, clerks or case notes."""

    status: ApplicationStatus
    steps: list[StatusStep] = Field(default_factory=list)
    due_date: date | None = None
    due_estimated: bool = False
    materials_owed: list[Code] = Field(
        default_factory=list, description="codes of the matter's materials the resident "
        "still has to bring (a one-time notice, or promised at acceptance and not yet supplied)")


class StatusPage(WireModel):
    items: list[ApplicationStatus]
    cursor: str
