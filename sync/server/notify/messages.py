"""The notifier: what the platform tells a resident, queued in the caller's
database transaction so a message exists exactly when the change that caused
it was committed.

A message goes to the phone the resident gave with the application or booking
(`remember`, sealed); without one nothing is queued. Each message has a key
naming its cause ("case:<number>:<status>", "ticket:<center>:<day>:<number>:near",
"booking:<code>:reminder"): a second cause with the same key queues nothing, and
the gateway gets the key as its idempotency key. Texts carry no personal data:
numbers and times the resident holds on a slip, in Chinese and English.
"""

from __future__ import annotations

import time
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import sealing
from sync.server.db import NotificationRow, NotifyContact


class Kind(StrEnum):
    CASE_MOVED = "case_moved"
    NUMBER_NEAR = "number_near"
    APPOINTMENT_REMINDER = "appointment_reminder"


#: The resident's status -> (Chinese, English) as a message says it.
CASE_STATES: dict[str, tuple[str, str]] = {
    "accepted": ("已受理", "accepted"),
    "missing": ("需补齐材料，请查看一次性告知单", "materials are missing; see your notice"),
    "rejected": ("不予受理", "not accepted"),
    "in_progress": ("正在办理", "in progress"),
    "completed": ("已办结", "completed"),
}


def contact_binding(subject: str) -> bytes:
    return f"notify contact\n{subject}".encode()


def message_binding(key: str) -> bytes:
    return f"notification\n{key}".encode()


def case_subject(tracking_number: str) -> str:
    return f"case:{tracking_number}"


def booking_subject(booking_code: str) -> str:
    return f"booking:{booking_code}"


class Notifier:
    """Queues messages inside `session`'s transaction (the caller commits)."""

    def __init__(self, session: Session, keys: sealing.Keys, now: float | None = None) -> None:
        self.session = session
        self.keys = keys
        self.now = time.time() if now is None else now

    def remember(self, subject: str, center: str, phone: str | None) -> None:
        """Keep how to reach the resident of `subject` (the first phone given wins)."""
        if not phone:
            return
        self.session.flush()  # a contact added earlier in this transaction counts
        if self.session.get(NotifyContact, subject) is not None:
            return
        self.session.add(NotifyContact(
            subject=subject, center=center, created_at=self.now,
            phone=sealing.seal_text(self.keys, phone, contact_binding(subject))))

    def case_moved(self, center: str, tracking_number: str, status: str) -> bool:
        """"Your case moved" to `status` (the resident's status); False: nothing queued."""
        words = CASE_STATES.get(status)
        if words is None:
            return False
        text = (f"【办件进度】您的办件 {tracking_number} {words[0]}。"
                f"Your application {tracking_number}: {words[1]}.")
        return self._queue(Kind.CASE_MOVED, f"case:{tracking_number}:{status}", center,
                           case_subject(tracking_number), text)

    def number_near(self, center: str, day: str, number: str, ahead: int,
                    booking_code: str) -> bool:
        """"Your number is near": `ahead` people wait before the booked ticket."""
        text = (f"【排队提醒】您的 {number} 号前面还有 {ahead} 人，请回到大厅留意叫号。"
                f"Number {number}: {ahead} ahead of you; please return to the hall.")
        return self._queue(Kind.NUMBER_NEAR, f"ticket:{center}:{day}:{number}:near", center,
                           booking_subject(booking_code), text)

    def appointment_reminder(self, center: str, booking_code: str, start: datetime) -> bool:
        """The reminder of a booking starting at `start` (in the center's zone)."""
        when = f"{start:%Y-%m-%d %H:%M}"
        text = (f"【预约提醒】您预约了 {when} 办理（预约号 {booking_code}），请提前 15 分钟"
                f"到自助终端签到。Reminder: appointment {booking_code} at {when}; check in "
                "at a kiosk 15 minutes before.")
        return self._queue(Kind.APPOINTMENT_REMINDER, f"booking:{booking_code}:reminder",
                           center, booking_subject(booking_code), text)

    def _queue(self, kind: Kind, key: str, center: str, subject: str, text: str) -> bool:
        self.session.flush()
        contact = self.session.get(NotifyContact, subject)
        if contact is None:
            return False
        if self.session.scalar(select(NotificationRow.id).where(
                NotificationRow.key == key)) is not None:
            return False
        phone = sealing.unseal_text(self.keys, contact.phone, contact_binding(subject))
        self.session.add(NotificationRow(
            key=key, kind=kind.value, center=center, state="pending", attempts=0,
            next_at=self.now, created_at=self.now, last_error="",
            phone=sealing.seal_text(self.keys, phone, message_binding(key)),
            text=sealing.seal_text(self.keys, text, message_binding(key))))
        return True
