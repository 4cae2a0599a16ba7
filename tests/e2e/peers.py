"""The kiosk's peers in the real-display tests, each a real one: the reference
platform in its own process on loopback (its database read back), a network
ESC/POS printer on loopback (its bytes read back), and a GA 467 card reader
on a pseudo-terminal (a card placed and taken away)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hardware.idcard.ga467_sim import Ga467Simulator
from hardware.printer.escpos_text import EscposContent, read_escpos
from hardware.printer.simulator import PrinterSimulator
from sync.server.process import PlatformProcess

ROOT = Path(__file__).resolve().parents[2]
DEMO_DATA = ROOT / "resources" / "demo"


@dataclass
class Platform:
    """The reference platform with the demo data, stoppable and back on the same port."""

    folder: Path
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
        self.process.start()

    def stop(self) -> None:
        self.process.stop()

    def engine(self) -> Any:
        if self._engine is None:
            from sync.server.db import make_engine

            self._engine = make_engine(self.process.database_url)
        return self._engine

    def enroll_code(self, role: str = "kiosk", center: str = "C001") -> str:
        from sync.protocol.models import Role
        from sync.server.enrollment import issue_code

        return issue_code(self.engine(), center, Role(role))

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
