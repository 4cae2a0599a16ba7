"""The sender: claims due messages, sends them, records the outcome.

A claim is a short write transaction that marks messages `sending` until a
lease ends (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several senders share the
queue; SQLite: BEGIN IMMEDIATE). A sender that dies mid-way leaves its claims
to expire; the next pass sends them again with the same key, which the gateway
(and the log transport) take once. A transient failure (unreachable, 5xx, 408,
429) is retried after an exponential back-off with full jitter; a permanent
one, or too many attempts, marks the message failed. Logs name the kind, the
key and the masked phone, never the text or the whole number.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from sync.server import sealing
from sync.server.db import WRITE, NotificationRow
from sync.server.notify.messages import message_binding
from sync.server.notify.transports import Outgoing, SendFailed, Transport, mask_phone

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


def backoff(attempts: int, *, base: float = 5.0, cap: float = 3600.0,
            draw: Callable[[], float] = random.random) -> float:
    """Seconds before attempt `attempts + 1`: full jitter over base·2^(n-1), capped."""
    return draw() * min(cap, base * 2 ** max(0, attempts - 1))


@dataclass
class Sender:
    engine: Engine
    transport: Transport
    lease: float = 60.0
    batch: int = 20
    max_attempts: int = 12
    base_delay: float = 5.0
    jitter: Callable[[], float] = random.random

    def _claim(self, now: float) -> list[tuple[int, Outgoing, int]]:
        keys = sealing.keys_for(self.engine)
        with Session(self.engine.execution_options(**WRITE)) as session, session.begin():
            query = (select(NotificationRow)
                     .where(or_(NotificationRow.state == PENDING,
                                NotificationRow.state == SENDING),
                            NotificationRow.next_at <= now)
                     .order_by(NotificationRow.next_at, NotificationRow.id).limit(self.batch))
            if self.engine.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            claimed = []
            for row in session.scalars(query):
                row.state, row.next_at, row.attempts = SENDING, now + self.lease, \
                    row.attempts + 1
                binding = message_binding(row.key)
                claimed.append((row.id, Outgoing(
                    row.key, row.kind, sealing.unseal_text(keys, row.phone, binding),
                    sealing.unseal_text(keys, row.text, binding)), row.attempts))
        return claimed

    def _record(self, row_id: int, **values: object) -> None:
        with Session(self.engine.execution_options(**WRITE)) as session, session.begin():
            row = session.get(NotificationRow, row_id)
            if row is not None:
                for name, value in values.items():
                    setattr(row, name, value)

    def pass_once(self, now: float | None = None) -> int:
        """Send what is due; the number sent."""
        now = time.time() if now is None else now
        sent = 0
        for row_id, message, attempts in self._claim(now):
            who = mask_phone(message.phone)
            try:
                self.transport.send(message)
            except SendFailed as failure:
                if failure.permanent or attempts >= self.max_attempts:
                    log.warning("notification %s (%s to %s) failed for good after %d "
                                "attempts: %s", message.key, message.kind, who, attempts,
                                failure)
                    self._record(row_id, state=FAILED, last_error=str(failure)[:300])
                else:
                    delay = backoff(attempts, base=self.base_delay, draw=self.jitter)
                    log.info("notification %s (%s to %s) not sent (%s); again in %.0f s",
                             message.key, message.kind, who, failure, delay)
                    self._record(row_id, state=PENDING, next_at=time.time() + delay,
                                 last_error=str(failure)[:300])
                continue
            self._record(row_id, state=SENT, sent_at=time.time(), last_error="")
            log.info("notification %s (%s) sent to %s", message.key, message.kind, who)
            sent += 1
        return sent

    def run(self, stop: threading.Event, interval: float,
            before_pass: Callable[[float], object] | None = None) -> None:
        """Pass after pass until `stop` is set (`before_pass(now)` queues timed messages)."""
        while not stop.is_set():
            now = time.time()
            try:
                if before_pass is not None:
                    before_pass(now)
                self.pass_once(now)
            except Exception:  # a database hiccup: the next pass tries again
                log.exception("notification pass failed")
            stop.wait(interval)
