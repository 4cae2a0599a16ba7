"""The ReceiptPrinter interface, its reprint queue, and the ESC/POS driver."""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NoReturn

from hardware.health import DeviceError, Health, HealthState
from hardware.printer.escpos_render import ChineseMode, RenderOptions, render_escpos
from hardware.printer.receipt import Receipt
from hardware.printer.status import (
    MSG_UNKNOWN,
    QUERIES,
    blocks_printing,
    health_from_status,
    parse_status,
)
from hardware.printer.transports import CupsTransport, Transport


class JobState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"  # the status read after the job says the printer is fine
    UNCONFIRMED = "unconfirmed"  # sent; status unknown; printed under "print and warn"
    FAILED = "failed"


class UnknownStatusPolicy(StrEnum):
    """What a job does when the printer's status cannot be known (no or bad answer,
    no back channel): the technician chooses."""

    PRINT_AND_WARN = "print_and_warn"  # send it, report it printed, warn the technician
    TREAT_AS_FAILED = "treat_as_failed"  # not printed: pending for reprint, slip on screen


@dataclass(slots=True)
class QueuedReceipt:
    receipt_id: str
    receipt: Receipt
    state: JobState = JobState.PENDING
    error: str = ""
    chinese_mode: ChineseMode | None = None  # None: the printer's configured mode


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A job that reached the printer; `health` is the status read after it.

    `confirmed` is False when that status was unknown and the job counts as
    printed only because the policy is "print and warn".
    """

    receipt_id: str
    health: Health
    bytes_sent: int
    confirmed: bool = True


class PrintError(DeviceError):
    """A job that did not print; the receipt stays in the reprint queue under `receipt_id`."""

    def __init__(self, receipt_id: str, cause: DeviceError) -> None:
        super().__init__(cause.technician_message, cause.resident_message, cause.state)
        self.receipt_id = receipt_id


class ReprintQueue:
    """The last `size` receipts (printed or failed), by id, in memory."""

    def __init__(self, size: int = 20) -> None:
        self.size = size
        self._items: OrderedDict[str, QueuedReceipt] = OrderedDict()

    def add(self, receipt: Receipt, chinese_mode: ChineseMode | None = None) -> QueuedReceipt:
        item = QueuedReceipt(uuid.uuid4().hex[:12], receipt, chinese_mode=chinese_mode)
        self._items[item.receipt_id] = item
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return item

    def get(self, receipt_id: str) -> QueuedReceipt:
        try:
            return self._items[receipt_id]
        except KeyError:
            raise KeyError(f"receipt {receipt_id} is no longer in the reprint queue") from None

    def items(self) -> list[QueuedReceipt]:
        return list(self._items.values())


class ReceiptPrinter(ABC):
    """What the kiosk and counter call; run it on one worker thread per device.

    Every receipt goes into the reprint queue first, so a failure never loses
    it. `print_receipt` reads the status before the job (and refuses with
    PrintError when the printer cannot print) and after it: a job is
    "printed" only when the status after it says so. Paper out, cover open or
    an error after sending make it a PrintError (pending for reprint). An
    unknown status (no answer, junk, no back channel) follows `unknown_policy`.
    """

    def __init__(self, queue_size: int = 20,
                 unknown_policy: UnknownStatusPolicy = UnknownStatusPolicy.PRINT_AND_WARN,
                 options: RenderOptions | None = None) -> None:
        self.queue = ReprintQueue(queue_size)
        self.unknown_policy = UnknownStatusPolicy(unknown_policy)
        self.options = options or RenderOptions()
        self._health = Health(HealthState.DEGRADED, "not checked yet")
        self._lock = threading.RLock()

    @property
    def health(self) -> Health:
        """The last known health (no device traffic)."""
        return self._health

    @abstractmethod
    def _read_health(self) -> Health:
        """Query the device; raise DeviceError if it cannot be reached."""

    def _job_health(self) -> Health:
        """The status around a job: a fresh query unless a driver knows better."""
        return self._read_health()

    @abstractmethod
    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        """Deliver the rendered bytes; raise DeviceError on failure."""

    def _render(self, item: QueuedReceipt) -> bytes:
        """The job's ESC/POS bytes, in its own Chinese mode if it has one."""
        options = self.options if item.chinese_mode is None else replace(
            self.options, chinese_mode=item.chinese_mode)
        return render_escpos(item.receipt, options)

    def set_chinese_mode(self, mode: ChineseMode | str) -> None:
        """How Chinese text is sent from now on (the technician confirmed or refused
        the printer's GB18030 font on the test slip)."""
        with self._lock:
            self.options = replace(self.options, chinese_mode=ChineseMode(mode))

    @abstractmethod
    def close(self) -> None:
        """Release the device (it reopens on the next call)."""

    def status(self) -> Health:
        """Query the printer now and remember the answer."""
        with self._lock:
            try:
                self._health = self._read_health()
            except DeviceError as e:
                self.close()
                self._health = e.health()
            return self._health

    def print_receipt(self, receipt: Receipt,
                      chinese_mode: ChineseMode | None = None) -> PrintResult:
        """Print; raise PrintError (receipt kept, see `.receipt_id`) if it cannot.

        `chinese_mode` overrides the configured mode for this receipt (and its
        reprints): the technician's test slip tries GB18030 before it is chosen.
        """
        with self._lock:
            return self._print(self.queue.add(receipt, chinese_mode))

    def reprint(self, receipt_id: str) -> PrintResult:
        """Print a queued receipt again (KeyError if it has left the queue)."""
        with self._lock:
            return self._print(self.queue.get(receipt_id))

    def pending(self) -> list[QueuedReceipt]:
        """Receipts whose last attempt failed (or never ended), oldest first."""
        return [i for i in self.queue.items()
                if i.state in (JobState.PENDING, JobState.FAILED)]

    def _print(self, item: QueuedReceipt) -> PrintResult:
        failing = self.unknown_policy is UnknownStatusPolicy.TREAT_AS_FAILED
        try:
            data = self._render(item)
            before = self._health = self._job_health()
            if not blocks_printing(before) and not (
                    before.state is HealthState.UNKNOWN and failing):
                self._send(item, data)
                after = self._health = self._job_health()
        except DeviceError as e:
            self.close()  # reopened on the next call
            self._health = e.health()
            return self._fail(item, e)
        if blocks_printing(before):
            self.close()
            return self._fail(item, DeviceError(
                before.reason, before.resident_message, before.state))
        if before.state is HealthState.UNKNOWN and failing:
            return self._fail(item, DeviceError(
                f"not sent: {before.reason} (policy: treat as failed)",
                before.resident_message, before.state))
        if blocks_printing(after) or (after.state is HealthState.UNKNOWN and failing):
            why = ("the printer did not confirm it (policy: treat as failed)"
                   if after.state is HealthState.UNKNOWN else "the printer stopped")
            return self._fail(item, DeviceError(
                f"sent {len(data)} bytes, but {why}: {after.reason}",
                after.resident_message, after.state))
        confirmed = after.state is not HealthState.UNKNOWN
        item.state = JobState.PRINTED if confirmed else JobState.UNCONFIRMED
        item.error = "" if confirmed else f"sent without confirmation: {after.reason}"
        return PrintResult(item.receipt_id, after, len(data), confirmed)

    @staticmethod
    def _fail(item: QueuedReceipt, error: DeviceError) -> NoReturn:
        """Mark the job failed (it stays in `pending()`) and raise PrintError."""
        item.state, item.error = JobState.FAILED, error.technician_message
        raise PrintError(item.receipt_id, error) from error


class EscposPrinter(ReceiptPrinter):
    """A real printer: ESC/POS bytes over a Transport, status by DLE EOT.

    A printer that answered no status query with a well-formed reply (silent,
    or junk) is remembered as not answering: jobs then go without status
    queries (so without their timeouts) and count as unknown; `status()`, the
    periodic health check, still asks and notices when it answers again.
    """

    def __init__(self, transport: Transport, options: RenderOptions | None = None,
                 queue_size: int = 20, status_timeout: float = 0.5,
                 unknown_policy: UnknownStatusPolicy = UnknownStatusPolicy.PRINT_AND_WARN
                 ) -> None:
        super().__init__(queue_size, unknown_policy, options)
        self.transport = transport
        self.status_timeout = status_timeout
        self._silent: Health | None = None  # the unknown status while it does not answer

    def _query(self, query: bytes) -> bytes:
        self.transport.write(query)
        return self.transport.read(self.status_timeout, 1)

    def _job_health(self) -> Health:
        if self._silent is not None:
            self.transport.open()  # an unplugged printer still fails the job
            return self._silent
        return self._read_health()

    def _read_health(self) -> Health:
        if isinstance(self.transport, CupsTransport):
            return self.transport.queue_health()
        self.transport.open()
        if not self.transport.can_read:
            return Health(HealthState.UNKNOWN, f"{self.transport.describe()} has no back "
                          "channel: paper and cover status unknown", MSG_UNKNOWN)
        self.transport.drain()
        replies: list[bytes | None] = [self._query(QUERIES[0])]
        # no reply at all to the first query: do not wait out the other two as well
        replies += [self._query(q) if replies[0] else None for q in QUERIES[1:]]
        status = parse_status(*replies)
        if status.answered:
            self._silent = None
            return health_from_status(status)
        self._silent = Health(HealthState.UNKNOWN, "printer does not answer status queries "
                              "(DLE EOT): " + "; ".join(status.problems), MSG_UNKNOWN)
        return self._silent

    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        self.transport.write(data)

    def close(self) -> None:
        self.transport.close()
