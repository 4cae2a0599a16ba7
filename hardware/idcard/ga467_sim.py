"""A GA 467 ID-card reader simulator on a pseudo-terminal.

The simulator owns the pty master and answers frames in a thread; a driver
opens `sim.port` (the slave path, e.g. /dev/pts/5) as if it were a real
serial port. Faults are injected through attributes set at any time:
`card_present`, `identity`, `delay`, `inject_garbage()`, `corrupt_next()`,
`glitch_next()`, `slow_next()`.

Demo: ``python -m hardware.idcard.ga467_sim`` prints the port and serves
until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import threading
import time
import tty
from datetime import date

from hardware.idcard import ga467
from hardware.identity import DocumentKind, IdentityRecord, Sex

__all__ = ["DEMO_CARDS", "Ga467Simulator", "demo_identity"]


def demo_identity() -> IdentityRecord:
    """A fictitious resident using the standard's example ID number."""
    return IdentityRecord(
        name="张三丰", sex=Sex.FEMALE, ethnicity="汉族", birth_date=date(1949, 12, 31),
        address="北京市朝阳区示例路1号院2号楼3单元401室", id_number="11010519491231002X",
        issuing_authority="北京市公安局朝阳分局", valid_from=date(2015, 1, 1),
        valid_until=None, photo_wlt=bytes(range(256)) * 4, source="ga467",
    )


def demo_hmt_permit() -> IdentityRecord:
    """A fictitious Hong Kong resident's residence permit (card type J)."""
    return IdentityRecord(
        name="陈大文", sex=Sex.MALE, ethnicity="", birth_date=date(1990, 1, 1),
        address="广东省深圳市福田区示例路8号", id_number="810000199001011230",
        issuing_authority="深圳市公安局", valid_from=date(2022, 3, 1),
        valid_until=date(2027, 3, 1), photo_wlt=bytes(range(256)) * 4, source="ga467",
        kind=DocumentKind.HMT_PERMIT, pass_number="H60123456", issue_count="01",
    )


def demo_foreign_2017() -> IdentityRecord:
    """A fictitious foreigner's permanent residence card, 2017 layout (type I)."""
    return IdentityRecord(
        name="史密斯", sex=Sex.FEMALE, ethnicity="", birth_date=date(1983, 8, 15),
        address="", id_number="USA110083081512", issuing_authority="1100",
        valid_from=date(2019, 5, 20), valid_until=date(2029, 5, 20),
        photo_wlt=bytes(range(256)) * 4, source="ga467", kind=DocumentKind.FOREIGN_PR_2017,
        name_en="SMITH, JANE", nationality="USA",
    )


def demo_foreign_2023() -> IdentityRecord:
    """A fictitious foreigner's permanent residence card, 2023 layout (type Y)."""
    return IdentityRecord(
        name="史密斯", sex=Sex.MALE, ethnicity="", birth_date=date(1983, 8, 15),
        address="", id_number="911840198308150010", issuing_authority="国家移民管理局",
        valid_from=date(2024, 1, 10), valid_until=date(2034, 1, 10),
        photo_wlt=bytes(range(256)) * 4, source="ga467", kind=DocumentKind.FOREIGN_PR_2023,
        name_en="SMITH, JOHN", nationality="USA", issue_count="00",
    )


#: the simulator's card of each kind, by a name for the command line
DEMO_CARDS = {
    "resident": demo_identity, "hmt": demo_hmt_permit,
    "foreign2017": demo_foreign_2017, "foreign2023": demo_foreign_2023,
}


class Ga467Simulator:
    """Answers GA 467 commands on a pty until `stop()`."""

    def __init__(self, identity: IdentityRecord | None = None, *,
                 card_present: bool = True, delay: float = 0.0) -> None:
        self.identity = identity or demo_identity()
        self.card_present = card_present
        self.delay = delay
        self.commands: list[tuple[int, int]] = []  # every command received
        self._lock = threading.Lock()
        self._garbage: list[bytes] = []
        self._corrupt = 0
        self._glitch = 0
        self._slow: list[float] = []
        self._master = -1
        self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.port = ""

    # --- fault injection ------------------------------------------------------
    def inject_garbage(self, data: bytes, times: int = 1) -> None:
        """Send `data` before each of the next `times` answers."""
        with self._lock:
            self._garbage.extend([data] * times)

    def slow_next(self, count: int, delay: float) -> None:
        """Delay the next `count` answers by `delay` seconds (on top of `delay`)."""
        with self._lock:
            self._slow = [delay] * count

    def corrupt_next(self, count: int = 1) -> None:
        """Give the next `count` answers a wrong checksum."""
        with self._lock:
            self._corrupt += count

    def glitch_next(self, count: int = 1) -> None:
        """Precede each of the next `count` answers with a copy whose checksum is wrong
        (a line glitch: a bad frame, then the good one, for the same command)."""
        with self._lock:
            self._glitch += count

    # --- life cycle -------------------------------------------------------------
    def start(self) -> str:
        """Open a new pty, start answering, and return the slave's path."""
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="ga467-sim", daemon=True)
        self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop answering and close the pty (the port vanishes)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> Ga467Simulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- protocol -----------------------------------------------------------------
    def _serve(self) -> None:
        reader = ga467.FrameReader(min_len=3)
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 4096)
            except OSError:
                return
            reader.feed(chunk)
            while True:
                try:
                    payload = reader.next_payload()
                except ga467.FrameError as exc:
                    code = ga467.Status.LENGTH_ERROR if exc.kind == "length" \
                        else ga467.Status.CHECKSUM_ERROR
                    self._send(ga467.build_answer(code))
                    continue
                if payload is None:
                    break
                command = ga467.Command.from_payload(payload)
                self._send(self._answer(command))

    def _answer(self, command: ga467.Command) -> bytes:
        key = (command.cmd, command.para)
        self.commands.append(key)
        st = ga467.Status
        if key == ga467.FIND_CARD:
            if self.card_present:
                return ga467.build_answer(st.CARD_FOUND, bytes(4))
            return ga467.build_answer(st.NO_CARD)
        if key == ga467.SELECT_CARD:
            if self.card_present:
                return ga467.build_answer(st.SUCCESS, bytes(8))
            return ga467.build_answer(st.SELECT_FAILED)
        if key == ga467.READ_TEXT_PHOTO:
            if self.card_present:
                return ga467.build_answer(st.SUCCESS, ga467.encode_read_answer(self.identity))
            return ga467.build_answer(st.READ_FAILED)
        if key in (ga467.SAM_STATUS, ga467.SAM_RESET):
            return ga467.build_answer(st.SUCCESS)
        if key == ga467.SAM_ID:
            return ga467.build_answer(st.SUCCESS, bytes.fromhex("0501000000000001"))
        return ga467.build_answer(st.BAD_COMMAND)

    def _send(self, frame: bytes) -> None:
        with self._lock:
            garbage = self._garbage.pop(0) if self._garbage else b""
            corrupt = self._corrupt > 0
            self._corrupt -= corrupt
            glitch = self._glitch > 0
            self._glitch -= glitch
            delay = self.delay + (self._slow.pop(0) if self._slow else 0.0)
        if corrupt:
            frame = _bad_checksum(frame)
        if glitch:
            frame = _bad_checksum(frame) + frame
        if delay and self._stop.wait(delay):
            return
        with contextlib.suppress(OSError):
            os.write(self._master, garbage + frame)


def _bad_checksum(frame: bytes) -> bytes:
    return frame[:-1] + bytes([frame[-1] ^ 0xFF])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--absent", action="store_true", help="start with no card on the reader")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--card", choices=sorted(DEMO_CARDS), default="resident",
                        help="which kind of card lies on the reader")
    args = parser.parse_args(argv)
    sim = Ga467Simulator(DEMO_CARDS[args.card](), card_present=not args.absent,
                         delay=args.delay)
    print(sim.start(), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()


if __name__ == "__main__":
    main()
