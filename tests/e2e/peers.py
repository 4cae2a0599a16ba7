"""The kiosk's peers in the real-display tests, each a real one: the reference
platform in its own process on loopback (its database read back), a network
ESC/POS printer on loopback (its bytes read back), and a GA 467 card reader
on a pseudo-terminal (a card placed and taken away)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hardware.idcard.ga467_sim import Ga467Simulator
from hardware.printer.escpos_text import EscposContent, read_escpos
from hardware.printer.simulator import PrinterSimulator
from sync.server.process import PlatformProcess

ROOT = Path(__file__).resolve().parents[2]
DEMO_DATA = ROOT / "resources" / "demo"
FAKETIME_SITE = Path(__file__).resolve().parent / "faketime_site"


FAKETIME_LIBRARIES = (Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"),
                      Path("/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1"),
                      Path("/usr/lib/faketime/libfaketimeMT.so.1"))
CENTER_ZONE = ZoneInfo("Asia/Shanghai")
#: ESC/POS real-time status requests (DLE EOT 1-4)
STATUS_QUERY = re.compile(rb"\x10\x04[\x01-\x04]")


def faketime_library() -> Path | None:
    return next((path for path in FAKETIME_LIBRARIES if path.exists()), None)


@dataclass(frozen=True)
class CenterClock:
    """The kiosk's and the platform's clock, moved (by libfaketime) to 08:30 of
    the next working day, so booking a slot for today and checking in work
    whatever day and hour the tests run. Monotonic clocks are left alone."""

    offset: int  # seconds added to the real time

    @classmethod
    def next_working_morning(cls) -> CenterClock:
        from sync.workdays import is_working_day

        now = datetime.now(CENTER_ZONE)
        day = now.date() + timedelta(days=1)
        while day.weekday() >= 5 or not is_working_day(day):
            day += timedelta(days=1)
        target = datetime.combine(day, dt_time(8, 30), CENTER_ZONE)
        return cls(int((target - now).total_seconds()))

    def now(self) -> datetime:
        return datetime.now(CENTER_ZONE) + timedelta(seconds=self.offset)

    def env(self) -> dict[str, str]:
        library = faketime_library()
        assert library is not None, "libfaketime is not installed"
        return {"LD_PRELOAD": str(library), "FAKETIME": f"{self.offset:+d}",
                "FAKETIME_DONT_FAKE_MONOTONIC": "1",
                # time.sleep despite libfaketime's clock_nanosleep (see the module)
                "PYTHONPATH": os.pathsep.join(
                    [str(FAKETIME_SITE), *filter(None, [os.environ.get("PYTHONPATH")])])}


@contextmanager
def environment(extra: dict[str, str]) -> Iterator[None]:
    """os.environ with `extra`, for a child started meanwhile."""
    saved = {key: os.environ.get(key) for key in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass
class Platform:
    """The reference platform with the demo data, stoppable and back on the same port."""

    folder: Path
    clock: CenterClock
    process: PlatformProcess = field(init=False)
    _engine: Any = None

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = PlatformProcess(f"sqlite:///{self.folder / 'platform.db'}",
                                       demo_data=DEMO_DATA,
                                       log_path=self.folder / "platform.log")

    @property
    def url(self) -> str:
        return self.process.url

    @property
    def running(self) -> bool:
        return self.process._process is not None

    def start(self) -> None:
        with environment(self.clock.env()):
            self.process.start()

    def stop(self) -> None:
        self.process.stop()

    def engine(self) -> Any:
        if self._engine is None:
            from sync.server.db import make_engine

            self._engine = make_engine(self.process.database_url)
        return self._engine

    def enroll_code(self, role: str = "kiosk", center: str = "C001") -> str:
        """A one-time code, issued on the platform's (moved) clock as its CLI does."""
        return subprocess.run(
            [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db",
             self.process.database_url, "--center", center, "--role", role],
            check=True, capture_output=True, text=True, cwd=ROOT,
            env=dict(os.environ, **self.clock.env())).stdout.strip()

    def transactions(self, kind: str) -> list[dict[str, Any]]:
        """The payloads of every stored transaction of `kind`, in arrival order."""
        from sync.server.sealing import stored_items

        return [item["payload"] for item in stored_items(self.engine(), kind)]

    def rows(self, model_name: str) -> list[Any]:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from sync.server import db

        model = getattr(db, model_name)
        with Session(self.engine()) as session:
            rows = list(session.scalars(select(model)).all())
            session.expunge_all()
        return rows

    def close(self) -> None:
        self.stop()
        if self._engine is not None:
            self._engine.dispose()


class Printer:
    """A network receipt printer on loopback; what it was sent, decoded."""

    def __init__(self) -> None:
        self.simulator = PrinterSimulator().start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.simulator.port}"

    def mark(self) -> int:
        """Where the next receipt's bytes begin."""
        return len(self.simulator.received)

    def since(self, mark: int) -> bytes:
        return self.simulator.received[mark:]

    def printed(self, mark: int) -> EscposContent:
        return read_escpos(self.since(mark))

    def sent_besides_status_queries(self, mark: int) -> bytes:
        """What was sent since `mark` other than real-time status queries (DLE EOT n,
        which the kiosk's printer adapter sends on its own): b"" when nothing printed."""
        return STATUS_QUERY.sub(b"", self.since(mark))

    def close(self) -> None:
        self.simulator.stop()


class CardReader:
    """A GA 467 reader on a pty with no card on it until `place()`."""

    def __init__(self) -> None:
        self.simulator = Ga467Simulator(card_present=False)
        self.port = self.simulator.start()

    @property
    def identity(self) -> Any:
        return self.simulator.identity

    def place(self) -> None:
        self.simulator.card_present = True

    def take_away(self) -> None:
        self.simulator.card_present = False

    def close(self) -> None:
        self.simulator.stop()


def wait_until(condition: Any, timeout: float, what: str, interval: float = 0.1) -> Any:
    """Poll `condition()` (not the GUI) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


class TerminalPeer:
    """A terminal of `role` beside the one under test, through the terminals' own
    signed client (on the platform's moved clock), delivering records as it would."""

    def __init__(self, platform: Platform, role: str) -> None:
        import base64

        from sync.client import PlatformClient

        self.platform = platform
        enrolled = PlatformClient.enroll(platform.url, platform.enroll_code(role))
        self.key = base64.urlsafe_b64decode(enrolled.key)
        self.client = PlatformClient(platform.url, enrolled.terminal_id, self.key,
                                     clock=lambda: time.time() + platform.clock.offset)
        self.seq = 0

    def deliver(self, payload: dict[str, Any]) -> None:
        """One record, which the platform must take."""
        import uuid

        self.seq += 1
        body = json.dumps({"items": [{
            "id": str(uuid.uuid4()), "seq": self.seq,
            "created_at": self.platform.clock.now().isoformat(),
            "payload": payload}]}).encode()
        answer = self.client.post_batch(body)
        assert answer.results[0].status == "accepted", answer

    def close(self) -> None:
        self.client.close()


#: The demo's center manager (resources/demo/staff.json), of center C001.
MANAGER, MANAGER_PIN = "8001", "135246"


class CenterNotice:
    """A notice of the test center, written by its manager signed in at a counter
    (`client`: a counter terminal's PlatformClient of center C001) as the manager's
    notices page does; `withdraw()` expires it."""

    def __init__(self, client: Any, platform: Platform, title_zh: str, title_en: str) -> None:
        from sync.protocol.center import CenterNotice as Written
        from sync.protocol.staff import StaffSignInRequest

        self.client = client
        answer = client.staff_sign_in(StaffSignInRequest(
            purpose="counter", staff_no=MANAGER, pin=MANAGER_PIN))
        assert answer.manager_session, answer
        self.session: str = answer.manager_session
        now = platform.clock.now()
        body = json.dumps({"title_zh": title_zh, "title_en": title_en,
                           "starts_at": (now - timedelta(minutes=1)).isoformat(),
                           "ends_at": (now + timedelta(days=1)).isoformat()}).encode()
        self.id = Written.model_validate_json(
            client.as_manager("POST", "/v1/admin/notices", body, self.session)).id

    def withdraw(self) -> None:
        self.client.as_manager("POST", f"/v1/admin/notices/{self.id}/expire", b"",
                               self.session)


class CounterPeer(TerminalPeer):
    """A window terminal accepting and moving applications on."""

    def __init__(self, platform: Platform) -> None:
        super().__init__(platform, "counter")

    def accept(self, tracking_number: str, matter_code: str, promised: str,
               materials_promised: tuple[str, ...] = ()) -> None:
        """Accepted at window 3 (with `materials_promised`: accepted with them to follow)."""
        self.deliver({"kind": "acceptance", "tracking_number": tracking_number,
                      "matter_code": matter_code, "outcome": "accepted",
                      "applicant": {"name": "王小明", "id_number": "110101195001011239"},
                      "promised_date": promised, "window": "3",
                      "materials_promised": list(materials_promised)})

    def progress(self, tracking_number: str, action: str, **extra: Any) -> None:
        """A case moved on at window 3: materials supplied, in progress, completed..."""
        self.deliver({"kind": "case_progress", "tracking_number": tracking_number,
                      "action": action, "staff_no": "1001", "window": "3", **extra})
