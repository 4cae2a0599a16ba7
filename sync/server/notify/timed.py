"""Messages a moment causes rather than a transaction: "your number is near" for
a booked ticket with a phone (its booking's) once few enough wait ahead of it,
and the reminder of a booking starting soon. Each pass queues what is due; the
messages' keys make a second pass queue nothing again. `purge` forgets phones
kept longer than needed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, aliased

from sync.server import sealing
from sync.server.db import WRITE, BookingRow, NotificationRow, NotifyContact, QueueTicket
from sync.server.notify.messages import Notifier, booking_subject
from sync.server.queue.core import WAITING, ZONE, local_day


def queue_timed(engine: Engine, now: float, *, near: int, remind_hours: float) -> int:
    """Queue the due "number near" and reminder messages; how many were queued."""
    queued = 0
    day = local_day(now)
    keys = sealing.keys_for(engine)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        notifier = Notifier(session, keys, now)
        contacts = select(NotifyContact.subject)
        booked = session.scalars(select(QueueTicket).where(
            QueueTicket.day == day, QueueTicket.status.in_(WAITING),
            QueueTicket.booking_code.is_not(None),
            ("booking:" + QueueTicket.booking_code).in_(contacts))).all()
        before = aliased(QueueTicket)
        for ticket in booked:
            ahead = session.scalar(select(func.count()).select_from(before).where(
                before.center == ticket.center, before.day == day,
                before.category == ticket.category, before.status.in_(WAITING),
                before.queued_at < ticket.queued_at)) or 0
            if ahead <= near and ticket.booking_code is not None:
                queued += notifier.number_near(ticket.center, day, ticket.number, ahead,
                                               ticket.booking_code)
        soon = session.scalars(select(BookingRow).where(
            BookingRow.status == "booked", BookingRow.slot_start > now,
            BookingRow.slot_start <= now + remind_hours * 3600)).all()
        for booking in soon:
            if session.get(NotifyContact, booking_subject(booking.booking_code)) is None:
                continue
            queued += notifier.appointment_reminder(
                booking.center, booking.booking_code,
                datetime.fromtimestamp(booking.slot_start, ZONE))
    return queued


def purge(engine: Engine, now: float, keep_days: float) -> int:
    """Forget the phones of contacts and of sent or failed messages older than
    `keep_days`; how many rows went."""
    cutoff = now - keep_days * 86400
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        contacts = session.execute(delete(NotifyContact).where(
            NotifyContact.created_at < cutoff)).rowcount
        messages = session.execute(delete(NotificationRow).where(
            NotificationRow.state.in_(("sent", "failed")),
            NotificationRow.created_at < cutoff)).rowcount
    return int(contacts or 0) + int(messages or 0)
