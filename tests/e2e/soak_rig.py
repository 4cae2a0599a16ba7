"""The soak's program (the kiosk or the counter) on an X server of its own, with
the reference platform on loopback, the loopback printer and the pty card
reader, as the e2e flows meet them; and the watch on its logs."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.center import SIZE, Desk, platform_client
from tests.e2e.frontend import FrontEndProcess
from tests.e2e.kiosk import Kiosk, devices
from tests.e2e.peers import CardReader, CenterClock, Platform, Printer
from tests.e2e.xserver import XServer

APPS = ("kiosk", "counter")
#: the kiosk's screens for each language of the harness (conftest.SETUPS)
KIOSK_SIZES = {"zh_CN": (1080, 1920), "en": (1920, 1080)}
ZONES = {"zh_CN": "Asia/Shanghai", "en": "UTC"}
START_TIMEOUT = 180.0
#: the kiosk's idle wipe, short so that a soak of minutes meets it many times
IDLE_SECONDS, COUNTDOWN_SECONDS = 15, 5
#: the counter signs its clerk out after a minute without input (its least)
SIGNOUT_SECONDS = 60
#: a log line that is a fault: a record at ERROR or CRITICAL, or a traceback
FAULT = re.compile(r"^\S+ \S+ (ERROR|CRITICAL) |^Traceback |^Fatal Python error")
#: logged faults that are expected, each with why (a pattern of the line)
EXPECTED: dict[str, str] = {}


def kiosk_sections(printer: Printer, reader: CardReader, folder: Path) -> str:
    return (f"[kiosk]\nfullscreen = true\nidle_seconds = {IDLE_SECONDS}\n"
            f"countdown_seconds = {COUNTDOWN_SECONDS}\n"
            + devices(printer, reader, folder / "camera"))


def counter_sections(printer: Printer, reader: CardReader, folder: Path) -> str:
    return ('[counter]\nwindow = "3"\ncategories = ["A", "B"]\nrecalls_before_no_show = 1\n'
            f"idle_signout_seconds = {SIGNOUT_SECONDS}\n"
            + devices(printer, reader, folder / "camera"))


@dataclass
class LogWatch:
    """The new lines of the program's logs and its output since the last look, and
    those among them that are faults (not EXPECTED)."""

    folder: Path
    output: Path
    _read: dict[Path, int] = field(default_factory=dict)

    def faults(self) -> list[str]:
        found: list[str] = []
        for path in (self.output, *sorted((self.folder / "logs").glob("*.log"))):
            if not path.exists():
                continue
            with open(path, "rb") as file:
                file.seek(self._read.get(path, 0))
                data = file.read()
            complete = data[:data.rfind(b"\n") + 1]
            self._read[path] = self._read.get(path, 0) + len(complete)
            lines = complete.decode("utf-8", "replace").splitlines()
            for number, line in enumerate(lines):
                if FAULT.search(line) and not any(re.search(p, line) for p in EXPECTED):
                    found.append(f"{path.name}: " + "\n".join(lines[number:number + 25]))
        return found


@dataclass
class SoakApp:
    """One program under soak and its peers; `start()`, then `close()`."""

    app: str
    language: str
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="reception-soak-")))
    xserver: XServer | None = None
    platform: Platform | None = None
    printer: Printer | None = None
    reader: CardReader | None = None
    process: FrontEndProcess | None = None
    driver: Kiosk | None = None
    issuer: Any = None  # a kiosk's PlatformClient beside the counter: residents' tickets
    logs: LogWatch | None = None

    @property
    def size(self) -> tuple[int, int]:
        return KIOSK_SIZES[self.language] if self.app == "kiosk" else SIZE

    def start(self) -> SoakApp:
        width, height = self.size
        self.xserver = XServer(width, height).start()
        self.platform = Platform(self.folder / "platform", CenterClock.next_working_morning())
        self.platform.start()
        self.printer, self.reader = Printer(), CardReader()
        home = self.folder / self.app
        if self.app == "kiosk":
            self.process = FrontEndProcess(
                "kiosk", "kiosk", self.xserver, self.platform, self.language, home,
                kiosk_sections(self.printer, self.reader, home),
                sync="backoff_cap = 3.0\nrefresh_interval = 10.0\n", zone=ZONES[self.language])
        else:
            self.issuer = platform_client(self.platform, "kiosk")
            self.process = FrontEndProcess(
                "counter.app", "counter", self.xserver, self.platform, self.language, home,
                counter_sections(self.printer, self.reader, home),
                ("--size", f"{width}x{height}"), sync="backoff_cap = 3.0\n")
        self.process.start()
        self.logs = LogWatch(home, self.process.output)
        self.driver = Kiosk(self.process) if self.app == "kiosk" else Desk(self.process)
        self.driver.begin("start-up")
        self.driver.wait(lambda state: state.get("ready") and any(
            window["rect"][2:] == [width, height] for window in state["windows"]),
            f"the {self.app} full screen with services loaded", timeout=START_TIMEOUT,
            answer_within=START_TIMEOUT)
        self.driver.start_watchdog()
        return self

    def alive(self) -> bool:
        process = self.process.process if self.process is not None else None
        return process is not None and process.poll() is None

    def close(self, keep: bool = False) -> int | None:
        """Stop everything; the program's exit status on SIGTERM (None: killed)."""
        code = None
        if self.driver is not None:
            self.driver.close()
        if self.process is not None:
            code = self.process.stop_gracefully(20.0)
        if self.issuer is not None:
            self.issuer.close()
        for peer in (self.reader, self.printer, self.platform):
            if peer is not None:
                peer.close()
        if self.xserver is not None:
            self.xserver.stop()
        if not keep:
            shutil.rmtree(self.folder, ignore_errors=True)
        return code
