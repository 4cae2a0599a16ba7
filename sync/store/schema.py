"""Typed tables of the terminal's local store.

`records` holds every transaction (the domain record) and `outbox` its
delivery state; both rows are written in one database transaction. Personal
data lives only in `records.personal`, encrypted, and is purged after the
platform acknowledged the record and the retention passed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Record(Base):
    __tablename__ = "records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[str] = mapped_column(String(40))
    corrects: Mapped[str | None] = mapped_column(String(36), nullable=True)
    payload: Mapped[str] = mapped_column(Text)
    personal: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    purged_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    checksum: Mapped[str | None] = mapped_column(String(64), nullable=True)


class OutboxEntry(Base):
    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(ForeignKey("records.seq"), primary_key=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    size: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    delivered_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    result: Mapped[str | None] = mapped_column(String(12), nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    error_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)


class Attachment(Base):
    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(60))
    uploaded_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    purged_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class RecordAttachment(Base):
    __tablename__ = "record_attachments"

    seq: Mapped[int] = mapped_column(ForeignKey("records.seq"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)


class CacheEntry(Base):
    """A pulled reference document (catalog, notices, roster) and its validator."""

    __tablename__ = "caches"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    validator: Mapped[str | None] = mapped_column(String(200), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[str] = mapped_column(String(40))


class CachedStatus(Base):
    """An application's status as last pulled from the platform."""

    __tablename__ = "application_statuses"

    tracking_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[str] = mapped_column(String(40))


class StoreMeta(Base):
    """Small facts about the store itself (e.g. one-time upgrade tasks still due)."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def utc_text(moment: datetime) -> str:
    """Timestamps are stored as ISO 8601 text in UTC (sortable, portable)."""
    return moment.isoformat(timespec="microseconds")
