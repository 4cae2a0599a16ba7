"""Real-time status (DLE EOT n) replies, validated, and mapped to Health.

Epson's format for every status byte: bit 0 clear, bit 1 set, bit 4 set,
bit 7 clear. A missing or malformed reply means "status unknown", never
"paper OK" (python-escpos 3.1's paper_status() gets this wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hardware.health import Health, HealthState
from hardware.messages import QT_TRANSLATE_NOOP

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"  # printer status: bit 3 offline
QUERY_OFFLINE = DLE_EOT + b"\x02"  # offline cause: bit 2 cover open, 5 paper end, 6 error
QUERY_PAPER = DLE_EOT + b"\x04"  # paper sensor: bits 2-3 near end, bits 5-6 out
QUERIES = (QUERY_PRINTER, QUERY_OFFLINE, QUERY_PAPER)

FORMAT_MASK, FORMAT_BITS = 0x93, 0x12  # bits 0,1,4,7 must read 0,1,1,0
OFFLINE_BIT = 0x08
COVER_OPEN_BIT = 0x04
PAPER_END_STOP_BIT = 0x20
ERROR_BIT = 0x40
NEAR_END_BITS = 0x0C
PAPER_OUT_BITS = 0x60

MSG_OUT = QT_TRANSLATE_NOOP("Device", "The printer is out of paper.")
MSG_COVER = QT_TRANSLATE_NOOP("Device", "The printer cover is open.")
MSG_OFFLINE = QT_TRANSLATE_NOOP("Device", "The printer is not available right now.")
MSG_NEAR_END = QT_TRANSLATE_NOOP("Device", "The printer is running low on paper.")
MSG_UNKNOWN = QT_TRANSLATE_NOOP("Device", "The printer may not be able to print right now.")


class PaperState(StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the replies say; None where a reply was missing or malformed."""

    online: bool | None
    cover_open: bool | None
    paper: PaperState
    error: bool | None
    problems: tuple[str, ...] = ()  # technician notes on bad replies

    @property
    def known(self) -> bool:
        return self.online is not None and self.paper is not PaperState.UNKNOWN

    @property
    def answered(self) -> bool:
        """Whether any query got a well-formed reply (False: silent, or only junk)."""
        return (self.online is not None or self.cover_open is not None
                or self.paper is not PaperState.UNKNOWN)


def status_byte(reply: bytes | None) -> int | None:
    """The single valid status byte of a reply, else None."""
    if reply is None or len(reply) != 1:
        return None
    byte = reply[0]
    return byte if byte & FORMAT_MASK == FORMAT_BITS else None


def _describe(name: str, reply: bytes | None) -> str:
    if not reply:
        return f"no reply to {name}"
    return f"malformed reply to {name}: {reply.hex(' ')}"


def parse_status(printer: bytes | None, offline: bytes | None,
                 paper: bytes | None) -> PrinterStatus:
    """Combine the replies to DLE EOT 1, 2 and 4 (each exactly one byte)."""
    problems: list[str] = []
    b1, b2, b4 = status_byte(printer), status_byte(offline), status_byte(paper)
    if b1 is None:
        problems.append(_describe("DLE EOT 1", printer))
    if b2 is None:
        problems.append(_describe("DLE EOT 2", offline))
    if b4 is None:
        problems.append(_describe("DLE EOT 4", paper))
    if b4 is None:
        paper_state = PaperState.UNKNOWN
    elif b4 & PAPER_OUT_BITS:
        paper_state = PaperState.OUT
    elif b4 & NEAR_END_BITS:
        paper_state = PaperState.NEAR_END
    else:
        paper_state = PaperState.OK
    if b2 is not None and b2 & PAPER_END_STOP_BIT:
        paper_state = PaperState.OUT
    return PrinterStatus(
        online=None if b1 is None else not b1 & OFFLINE_BIT,
        cover_open=None if b2 is None else bool(b2 & COVER_OPEN_BIT),
        paper=paper_state,
        error=None if b2 is None else bool(b2 & ERROR_BIT),
        problems=tuple(problems),
    )


def encode_status(paper: PaperState = PaperState.OK, cover_open: bool = False,
                  error: bool = False) -> dict[int, bytes]:
    """Replies a printer in this state gives to DLE EOT 1, 2, 4 (simulators use it)."""
    out = paper is PaperState.OUT
    offline = cover_open or out or error
    b1 = FORMAT_BITS | (OFFLINE_BIT if offline else 0)
    b2 = (FORMAT_BITS | (COVER_OPEN_BIT if cover_open else 0)
          | (PAPER_END_STOP_BIT if out else 0) | (ERROR_BIT if error else 0))
    b4 = FORMAT_BITS | (PAPER_OUT_BITS | NEAR_END_BITS if out else
                        NEAR_END_BITS if paper is PaperState.NEAR_END else 0)
    return {1: bytes([b1]), 2: bytes([b2]), 4: bytes([b4])}


def health_from_status(status: PrinterStatus) -> Health:
    """One Health for the worst condition: cover, paper out, offline, unknown, near end."""
    if status.cover_open:
        return Health(HealthState.OFFLINE, "printer cover open (DLE EOT 2 bit 2)", MSG_COVER)
    if status.paper is PaperState.OUT:
        return Health(HealthState.OFFLINE, "paper out (paper end sensor, DLE EOT 4 bits 5-6)",
                      MSG_OUT)
    if status.error:
        return Health(HealthState.OFFLINE,
                      "printer error (DLE EOT 2 bit 6: cutter jam, head overheat or "
                      "mechanical error)", MSG_OFFLINE)
    if status.online is False:
        return Health(HealthState.OFFLINE, "printer offline (DLE EOT 1 bit 3)", MSG_OFFLINE)
    if not status.known:
        return Health(HealthState.UNKNOWN,
                      "status unknown: " + "; ".join(status.problems), MSG_UNKNOWN)
    if status.paper is PaperState.NEAR_END:
        return Health(HealthState.DEGRADED,
                      "paper near end (near-end sensor, DLE EOT 4 bits 2-3): replace the roll soon",
                      MSG_NEAR_END)
    return Health.ready()


def blocks_printing(health: Health) -> bool:
    """True when a job must not be sent, or did not print (cover open, paper out,
    offline, error)."""
    return health.state is HealthState.OFFLINE
