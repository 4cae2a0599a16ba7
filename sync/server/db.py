"""Database of the reference platform: engine set-up and tables.

Everything the platform knows lives here (nonces and dedup included), so any
number of processes can serve from one database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool

from sync.server.migrate import upgrade

#: Counter row numbering application status changes (the status feed cursor).
STATUS_COUNTER = "status"

#: Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE.
WRITE = {"sqlite_immediate": True}

#: PostgreSQL connections each platform process keeps open (the hot paths' threads
#: hold some of them, sync.server.hot_paths), and how many more it may open at a peak
#: (closed again when returned). A process holds at most their sum plus one for the
#: hall stream's LISTEN (sync.server.queue.hall_push), so N worker processes need
#: N x (size + overflow + 1) of PostgreSQL's max_connections.
POOL_SIZE_ENV = "RECEPTION_PLATFORM_DB_POOL_SIZE"
POOL_OVERFLOW_ENV = "RECEPTION_PLATFORM_DB_POOL_OVERFLOW"
#: Seconds a request waits for a free connection before it fails (a 500).
POOL_TIMEOUT_ENV = "RECEPTION_PLATFORM_DB_POOL_TIMEOUT"
POOL_DEFAULTS = {POOL_SIZE_ENV: 10, POOL_OVERFLOW_ENV: 0, POOL_TIMEOUT_ENV: 10}


class Base(DeclarativeBase):
    pass


class EnrollCode(Base):
    """A one-time enrollment code; only its SHA-256 is stored."""

    __tablename__ = "enroll_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[float] = mapped_column(Float)
    used_at: Mapped[float | None] = mapped_column(Float)
    terminal_id: Mapped[str | None] = mapped_column(String(40))
    #: A renewal code: enrolling with it gives this existing terminal a new key.
    renews: Mapped[str | None] = mapped_column(String(40), default=None)


class Terminal(Base):
    __tablename__ = "terminal"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    key: Mapped[bytes] = mapped_column(LargeBinary(32))
    hostname: Mapped[str] = mapped_column(String(200), default="")
    enrolled_at: Mapped[float] = mapped_column(Float)
    #: Withdrawn: its signed requests get `terminal_revoked` until it is renewed.
    revoked_at: Mapped[float | None] = mapped_column(Float, default=None)


class SeenNonce(Base):
    __tablename__ = "seen_nonce"
    __table_args__ = (UniqueConstraint("terminal_id", "nonce"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(40))
    nonce: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[float] = mapped_column(Float, index=True)


class StoredTransaction(Base):
    """One accepted transaction; (terminal_id, tx_id) is the idempotency key."""

    __tablename__ = "stored_transaction"
    terminal_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("terminal.id"), primary_key=True
    )
    tx_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)  # a terminal's seq may use all 63 bits
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[float] = mapped_column(Float)


class Attachment(Base):
    """Uploaded bytes, kept per center: a terminal sees only its center's."""

    __tablename__ = "attachment"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[float] = mapped_column(Float)


class Document(Base):
    """Reference data served with an ETag: `catalog`, `notices`, `staff`."""

    __tablename__ = "document"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    etag: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[float] = mapped_column(Float)


class CatalogMatter(Base):
    """Matter codes of the current catalog, for checking transactions."""

    __tablename__ = "catalog_matter"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class ApplicationState(Base):
    """Latest status of an application of a center; `change_seq` orders the
    status feed."""

    __tablename__ = "application_state"
    __table_args__ = (Index("ix_application_state_feed", "center", "change_seq"),)
    tracking_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    matter_code: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[float] = mapped_column(Float)
    change_seq: Mapped[int] = mapped_column(unique=True)


class StaffLockout(Base):
    """Wrong PINs in a row for one member (or one terminal's technician pad)."""

    __tablename__ = "staff_lockout"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int]
    lockouts: Mapped[int]
    locked_until: Mapped[float] = mapped_column(Float)


class SignInAttempt(Base):
    """One staff sign-in attempt of a terminal (kept a minute, for throttling)."""

    __tablename__ = "sign_in_attempt"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)


class Operator(Base):
    """A person who signs in to the platform (see `sync.server.operators`)."""

    __tablename__ = "operator"
    username: Mapped[str] = mapped_column(String(120), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    center: Mapped[str | None] = mapped_column(String(64))
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[float] = mapped_column(Float)


class OperatorSession(Base):
    """A signed-in browser: the SHA-256 of its cookie and its CSRF token."""

    __tablename__ = "operator_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(120), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[float] = mapped_column(Float)
    last_seen: Mapped[float] = mapped_column(Float)


class LoginAttempt(Base):
    """One login attempt (kept for the throttling window)."""

    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(120), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)
    ok: Mapped[bool]


class AuditEntry(Base):
    """One entry of the audit log's hash chain (see `sync.server.audit`)."""

    __tablename__ = "audit_entry"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(130))
    center: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(40))
    object: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Counter(Base):
    """Named counters; the row lock makes `change_seq` follow commit order."""

    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int]


class HeartbeatRecord(Base):
    """Latest heartbeat per terminal, as the Heartbeat JSON."""

    __tablename__ = "heartbeat"
    terminal_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("terminal.id"), primary_key=True
    )
    received_at: Mapped[float] = mapped_column(Float)
    body: Mapped[str] = mapped_column(Text)



# --------------------------------------------------------------------------
# Queue and bookings (sync.server.queue_*). Center "*" holds the defaults.
# --------------------------------------------------------------------------
class QueueCategoryRow(Base):
    """A queue category of a center; center "*" lists the default categories."""

    __tablename__ = "queue_category"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(1))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]


class QueuePolicyRow(Base):
    """Fairness policy of a center; center "*" is the default."""

    __tablename__ = "queue_policy"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    priority_weight: Mapped[int]
    interleave: Mapped[int]


class QueueCounter(Base):
    """Last number given out per center, category and day (row-locked when used)."""

    __tablename__ = "queue_counter"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[int]


class QueueLease(Base):
    """Numbers first..last reserved for one terminal's offline tickets of a day."""

    __tablename__ = "queue_lease"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(40), ForeignKey("terminal.id"), index=True)
    center: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(8))
    day: Mapped[str] = mapped_column(String(10))
    first: Mapped[int]
    last: Mapped[int]
    created_at: Mapped[float] = mapped_column(Float)


class QueueTicket(Base):
    """A ticket; `queued_at` (its issue time) orders the queue."""

    __tablename__ = "queue_ticket"
    __table_args__ = (
        UniqueConstraint("center", "day", "number"),
        UniqueConstraint("terminal_id", "client_ref"),
        Index("ix_queue_ticket_waiting", "center", "day", "status", "category"),
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    center: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(12))
    category: Mapped[str] = mapped_column(String(8))
    priority: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[float] = mapped_column(Float)
    queued_at: Mapped[float] = mapped_column(Float)
    terminal_id: Mapped[str] = mapped_column(String(40))
    client_ref: Mapped[str | None] = mapped_column(String(36))
    offline: Mapped[bool] = mapped_column(default=False)
    booking_code: Mapped[str | None] = mapped_column(String(40))
    target_window: Mapped[str | None] = mapped_column(String(16))
    window: Mapped[str | None] = mapped_column(String(16))
    called_at: Mapped[float | None] = mapped_column(Float)
    recalls: Mapped[int] = mapped_column(default=0)


class QueueEvent(Base):
    """Every change of a ticket; statistics are computed from these rows."""

    __tablename__ = "queue_event"
    __table_args__ = (Index("ix_queue_event_day", "center", "day", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("queue_ticket.id"), index=True)
    center: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(16))
    window: Mapped[str | None] = mapped_column(String(16))
    staff_no: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[float] = mapped_column(Float)


class BookingRow(Base):
    """An appointment; the applicant is kept only as a keyed hash of the id number."""

    __tablename__ = "booking"
    __table_args__ = (Index("ix_booking_slot", "center", "matter_code", "slot_start"),)
    booking_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    matter_code: Mapped[str] = mapped_column(String(40))
    slot_start: Mapped[float] = mapped_column(Float)
    slot_end: Mapped[float] = mapped_column(Float)
    id_hash: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    ticket_number: Mapped[str | None] = mapped_column(String(12))
    checked_in_at: Mapped[float | None] = mapped_column(Float)


class HelpRequestRow(Base):
    """A kiosk's "call staff" request, shown on its center's counters and hall
    display until a counter acknowledges it (`sync.server.help_requests`);
    `raised_at` is when the resident asked, `day` its center day."""

    __tablename__ = "help_request"
    __table_args__ = (
        UniqueConstraint("terminal_id", "tx_id"),
        Index("ix_help_request_board", "center", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    center: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(10))
    terminal_id: Mapped[str] = mapped_column(String(40), ForeignKey("terminal.id"))
    tx_id: Mapped[str] = mapped_column(String(36))
    kiosk: Mapped[str] = mapped_column(String(16))
    screen: Mapped[str] = mapped_column(String(40))
    screen_title: Mapped[str] = mapped_column(String(100), default="")
    language: Mapped[str] = mapped_column(String(8))
    raised_at: Mapped[float] = mapped_column(Float)
    acknowledged_at: Mapped[float | None] = mapped_column(Float)
    window: Mapped[str | None] = mapped_column(String(16))
    staff_no: Mapped[str | None] = mapped_column(String(32))


# --------------------------------------------------------------------------
# Cases and the working-day calendar (sync.server.cases). Center "*" of the
# calendar is the city-wide one, seeded from chinesecalendar.
# --------------------------------------------------------------------------
class CaseRow(Base):
    """One case per application or repair: its state, deadline, and what hangs on it
    (ticket, window, clerk, rating); its story is in `case_event`."""

    __tablename__ = "case_record"
    __table_args__ = (Index("ix_case_record_desk", "center", "state", "due_day"),)
    tracking_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # application | repair
    matter_code: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))  # kiosk | counter
    state: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[float] = mapped_column(Float)
    accepted_at: Mapped[float | None] = mapped_column(Float)
    time_limit_days: Mapped[int] = mapped_column(default=0)
    #: The statutory deadline (center day, YYYY-MM-DD) counted on the center's calendar.
    due_day: Mapped[str | None] = mapped_column(String(10))
    due_estimated: Mapped[bool] = mapped_column(default=False)
    #: The date printed on the resident's slip.
    promised_day: Mapped[str | None] = mapped_column(String(10))
    ticket_number: Mapped[str | None] = mapped_column(String(12))
    ticket_day: Mapped[str | None] = mapped_column(String(10))
    window: Mapped[str | None] = mapped_column(String(16))
    staff_no: Mapped[str | None] = mapped_column(String(32))
    result: Mapped[str | None] = mapped_column(String(20))
    rating: Mapped[int | None]
    check_code: Mapped[str | None] = mapped_column(String(12))
    updated_at: Mapped[float] = mapped_column(Float)


class CaseEventRow(Base):
    """One step of a case's timeline; `note` is sealed (free text may be personal)."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tracking_number: Mapped[str] = mapped_column(
        String(40), ForeignKey("case_record.tracking_number"), index=True)
    center: Mapped[str] = mapped_column(String(64))
    at: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(24))
    terminal_id: Mapped[str] = mapped_column(String(40))
    tx_id: Mapped[str] = mapped_column(String(36))
    staff_no: Mapped[str | None] = mapped_column(String(32))
    window: Mapped[str | None] = mapped_column(String(16))
    #: The slip this step printed for the resident, if any.
    receipt: Mapped[str | None] = mapped_column(String(24))
    #: Non-personal facts as JSON (material codes, result, promised date, rating level).
    detail: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")


class StatusLookup(Base):
    """One look-up of the public status page (kept a minute, for rate limiting)."""

    __tablename__ = "status_lookup"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)


class CalendarYearRow(Base):
    """A year whose working-day calendar was published for a center ("*": all)."""

    __tablename__ = "calendar_year"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    published_at: Mapped[float] = mapped_column(Float)
    published_by: Mapped[str] = mapped_column(String(130))


class CalendarDayRow(Base):
    """A holiday on a weekday or a worked weekend of a published year."""

    __tablename__ = "calendar_day"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(String(100), default="")



class RatingRow(Base):
    """A resident's rating of a case or of a served ticket of the center, with the
    window and clerk it rates (for the figures)."""

    __tablename__ = "rating_record"
    __table_args__ = (UniqueConstraint("terminal_id", "tx_id"),
                      Index("ix_rating_record_day", "center", "day"))
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    center: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(40))
    tx_id: Mapped[str] = mapped_column(String(36))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    ticket_number: Mapped[str | None] = mapped_column(String(12))
    ticket_day: Mapped[str | None] = mapped_column(String(10))
    #: The center day the rating was given on.
    day: Mapped[str] = mapped_column(String(10))
    at: Mapped[float] = mapped_column(Float)
    level: Mapped[int]
    #: Reason codes as a JSON list.
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    window: Mapped[str | None] = mapped_column(String(16))
    staff_no: Mapped[str | None] = mapped_column(String(32))


class FollowUpRow(Base):
    """A poor rating the center manager must answer by `due_day` (working days on the
    center's calendar); the answer is sealed free text."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_desk", "center", "state", "due_day"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating_record.id"), unique=True)
    center: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[float] = mapped_column(Float)
    due_day: Mapped[str] = mapped_column(String(10))
    due_estimated: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(12))  # open | answered
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[float | None] = mapped_column(Float)


# --------------------------------------------------------------------------
# The center's own data, kept by its manager on the counter (sync.server.admin).
# --------------------------------------------------------------------------
class ManagerSession(Base):
    """A center manager signed in on one counter: the SHA-256 of the token the
    counter sends with its signed requests."""

    __tablename__ = "manager_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_no: Mapped[str] = mapped_column(String(32))
    center: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(40), ForeignKey("terminal.id"), index=True)
    issued_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class CenterNoticeRow(Base):
    """A notice of one center, shown on its kiosks and hall display from
    `starts_at` to `ends_at` unless `expired_at` withdrew it."""

    __tablename__ = "center_notice"
    __table_args__ = (Index("ix_center_notice_showing", "center", "expired_at", "ends_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    title_zh: Mapped[str] = mapped_column(String(100))
    title_en: Mapped[str] = mapped_column(String(100))
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[float] = mapped_column(Float)
    ends_at: Mapped[float | None] = mapped_column(Float)
    expired_at: Mapped[float | None] = mapped_column(Float)
    author: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


class CenterSetupRow(Base):
    """A center's windows and opening rules, as the `CenterSetup` JSON."""

    __tablename__ = "center_setup"
    center: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[float] = mapped_column(Float)
    updated_by: Mapped[str] = mapped_column(String(32))


class NotifyContact(Base):
    """How to reach the resident of a case or booking ("case:<number>",
    "booking:<code>"): the phone, sealed, given with the application or booking."""

    __tablename__ = "notify_contact"
    subject: Mapped[str] = mapped_column(String(60), primary_key=True)
    center: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, index=True)


class NotificationRow(Base):
    """A message to a resident, queued durably; `key` makes it once only (the
    gateway gets it as the idempotency key). `phone` and `text` are sealed."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_due", "state", "next_at"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    center: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    #: pending | sending (claimed until `next_at`) | sent | failed
    state: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(default=0)
    next_at: Mapped[float] = mapped_column(Float)
    created_at: Mapped[float] = mapped_column(Float)
    sent_at: Mapped[float | None] = mapped_column(Float)
    last_error: Mapped[str] = mapped_column(String(300), default="")


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas on connect; BEGIN IMMEDIATE for transactions opened with WRITE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=5000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(database_url: str) -> Engine:
    """An engine for an SQLite file (tuned for durability) or PostgreSQL."""
    if database_url.startswith("sqlite"):
        extra: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if database_url in ("sqlite://", "sqlite:///:memory:"):
            extra["poolclass"] = StaticPool
        engine = create_engine(database_url, **extra)
        _configure_sqlite(engine)
        return engine
    return create_engine(database_url, pool_pre_ping=True, **pool_settings())


def pool_settings() -> dict[str, int]:
    """The PostgreSQL pool bounds from the environment (see POOL_SIZE_ENV)."""
    try:
        values = {name: int(os.environ.get(name) or default)
                  for name, default in POOL_DEFAULTS.items()}
    except ValueError as error:
        raise ValueError(f"{', '.join(POOL_DEFAULTS)} must be whole numbers: {error}") from None
    if values[POOL_SIZE_ENV] < 3 or values[POOL_OVERFLOW_ENV] < 0:
        # 3: the hot paths hold at least two (sync.server.hot_paths), the routes the rest
        raise ValueError(f"{POOL_SIZE_ENV} must be at least 3, {POOL_OVERFLOW_ENV} at least 0")
    return {"pool_size": values[POOL_SIZE_ENV], "max_overflow": values[POOL_OVERFLOW_ENV],
            "pool_timeout": values[POOL_TIMEOUT_ENV]}


@contextmanager
def single_statements(engine: Engine) -> Iterator[Connection]:
    """A connection for statements that each stand alone: autocommit on PostgreSQL
    (one round trip each, no BEGIN nor COMMIT), a write transaction on SQLite."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            yield connection
    else:
        with engine.execution_options(**WRITE).begin() as connection:
            yield connection


def create_schema(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Migrate the schema to this version's (see sync.server.migrate) and add
    the status counter row; returns the backup taken before migrating, if any."""
    backup = upgrade(engine, backup_dir=backup_dir, metadata=Base.metadata)
    with engine.execution_options(**WRITE).begin() as conn:
        exists = conn.scalar(select(Counter.name).where(Counter.name == STATUS_COUNTER))
        if exists is None:
            conn.execute(insert(Counter).values(name=STATUS_COUNTER, value=0))
    return backup
