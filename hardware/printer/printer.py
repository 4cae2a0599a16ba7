"""The ReceiptPrinter interface, its reprint queue, and the ESC/POS driver."""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum

from hardware.health import DeviceError, Health, HealthState
from hardware.printer.escpos_render import RenderOptions, render_escpos
from hardware.printer.receipt import Receipt
from hardware.printer.status import QUERIES, blocks_printing, health_from_status, parse_status
from hardware.printer.transports import CupsTransport, Transport


class JobState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    FAILED = "failed"


@dataclass(slots=True)
class QueuedReceipt:
    receipt_id: str
    receipt: Receipt
    state: JobState = JobState.PENDING
    error: str = ""


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A job that reached the printer; `health` is the status read after it."""

    receipt_id: str
    health: Health
    bytes_sent: int


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

    def add(self, receipt: Receipt) -> QueuedReceipt:
        item = QueuedReceipt(uuid.uuid4().hex[:12], receipt)
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

    `print_receipt` checks status first and refuses with PrintError when the
    printer cannot print; every receipt goes into the reprint queue first, so a
    failure never loses it.
    """

    def __init__(self, queue_size: int = 20) -> None:
        self.queue = ReprintQueue(queue_size)
        self._health = Health(HealthState.DEGRADED, "not checked yet")
        self._lock = threading.RLock()

    @property
    def health(self) -> Health:
        """The last known health (no device traffic)."""
        return self._health

    @abstractmethod
    def _read_health(self) -> Health:
        """Query the device; raise DeviceError if it cannot be reached."""

    @abstractmethod
    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        """Deliver the rendered bytes; raise DeviceError on failure."""

    @abstractmethod
    def _render(self, receipt: Receipt) -> bytes: ...

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

    def print_receipt(self, receipt: Receipt) -> PrintResult:
        """Print; raise PrintError (receipt kept, see `.receipt_id`) if it cannot."""
        with self._lock:
            return self._print(self.queue.add(receipt))

    def reprint(self, receipt_id: str) -> PrintResult:
        """Print a queued receipt again (KeyError if it has left the queue)."""
        with self._lock:
            return self._print(self.queue.get(receipt_id))

    def pending(self) -> list[QueuedReceipt]:
        """Receipts whose last attempt failed, oldest first."""
        return [i for i in self.queue.items() if i.state is not JobState.PRINTED]

    def _print(self, item: QueuedReceipt) -> PrintResult:
        try:
            data = self._render(item.receipt)
            before = self.status()
            if blocks_printing(before):
                raise DeviceError(before.reason, before.resident_message, before.state)
            self._send(item, data)
            after = self._read_health()
        except DeviceError as e:
            self.close()
            self._health = e.health()
            item.state, item.error = JobState.FAILED, e.technician_message
            raise PrintError(item.receipt_id, e) from e
        self._health = after
        item.state, item.error = JobState.PRINTED, ""
        return PrintResult(item.receipt_id, after, len(data))


class EscposPrinter(ReceiptPrinter):
    """A real printer: ESC/POS bytes over a Transport, status by DLE EOT."""

    def __init__(self, transport: Transport, options: RenderOptions | None = None,
                 queue_size: int = 20, status_timeout: float = 0.5) -> None:
        super().__init__(queue_size)
        self.transport = transport
        self.options = options or RenderOptions()
        self.status_timeout = status_timeout

    def _render(self, receipt: Receipt) -> bytes:
        return render_escpos(receipt, self.options)

    def _query(self, query: bytes) -> bytes:
        self.transport.write(query)
        return self.transport.read(self.status_timeout, 1)

    def _read_health(self) -> Health:
        if isinstance(self.transport, CupsTransport):
            return self.transport.queue_health()
        self.transport.open()
        if not self.transport.can_read:
            return Health(HealthState.READY, f"{self.transport.describe()} has no back "
                          "channel: paper and cover status unknown")
        self.transport.drain()
        replies = [self._query(q) for q in QUERIES]
        return health_from_status(parse_status(*replies))

    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        self.transport.write(data)

    def close(self) -> None:
        self.transport.close()
