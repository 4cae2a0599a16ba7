"""Each front end's time offline and back online when the platform dies and returns.

A kiosk, a counter (a clerk signed in) and a hall display, each with its own
store and enrollment and its default link and sync settings, run in this
process (offscreen) against the reference platform in a child process. The
platform is SIGKILLed, then started again on the same port, `--cycles` times.
For each front end the script records when every place that shows the link
(the header badge, the panels, the hall status) says offline after the kill,
and online again after the platform answers, and that they never disagree
once settled.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_reconnect.py --cycles 5

Targets (issue 14): offline within 2 s of the kill, online within 5 s of the
platform's return, on every front end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO = REPO / "resources" / "demo"
CLERK, PIN = "1001", "246810"
FRONT_ENDS = ("kiosk", "counter", "display")
#: Longest wait for one front end to change state before the cycle gives up.
GIVE_UP = 60.0


@dataclass
class FrontEnd:
    """One running front end and how to read what it shows."""

    name: str
    ui: Any
    shell: Any
    shows: Callable[[], dict[str, bool | None]]  # indicator -> online as shown

    def state(self) -> bool | None:
        """True or False when every indicator agrees, else None."""
        values = set(self.shows().values())
        return values.pop() if len(values) == 1 else None


@dataclass
class Cycle:
    offline: dict[str, float] = field(default_factory=dict)  # seconds after the kill
    online: dict[str, float] = field(default_factory=dict)  # seconds after the return
    disagreements: list[str] = field(default_factory=list)


def _badge_online(badge: Any) -> bool | None:
    state = badge.property("state")
    return None if state not in ("online", "offline") else state == "online"


def _enroll(platform: Any, role: str, folder: Path, extra: dict[str, Any]) -> Path:
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from sync.server import enrollment
    from sync.server.db import make_engine

    config = folder / f"{role}-config"
    config.mkdir(parents=True, exist_ok=True)
    (config / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en", "role": role},
        "platform": {"url": platform.url},
        "store": {"data_dir": str(folder / f"{role}-data")},
        **extra,
    }), "utf-8")
    engine = make_engine(platform.database_url)
    try:
        code = enrollment.issue_code(engine, "C001", Role(role))
    finally:
        engine.dispose()
    enroll_terminal(platform.url, code, config)
    return config


def _pump(until: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until `until()` or `timeout` seconds."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if until():
            return True
        time.sleep(0.005)
    return until()


@contextlib.contextmanager
def front_ends(platform: Any, folder: Path) -> Iterator[list[FrontEnd]]:
    """The three front ends attached and started, the clerk signed in at the counter."""
    from counter.composition import CounterComposition
    from display.composition import DisplayComposition
    from display.services import open_display_services
    from kiosk.composition import KioskComposition
    from terminal.services import open_services
    from terminal.shell import attach_services
    from terminal.startup import start_gui

    devices = {"devices.printer": {"kind": "virtual"}, "devices.card_reader": {"kind": "none"},
               "devices.camera": {"kind": "none"}}
    kiosk_dir = _enroll(platform, "kiosk", folder, devices)
    counter_dir = _enroll(platform, "counter", folder, devices)
    display_dir = _enroll(platform, "display", folder,
                          {"display": {"speech": "silent", "fullscreen": False}})
    built: list[FrontEnd] = []
    try:
        gui = start_gui("bench-kiosk", kiosk_dir, argv=[], lock=False)
        kiosk = KioskComposition(gui, kiosk_mode=False)
        shell = attach_services(gui, open_services(kiosk_dir))
        kiosk.attach(shell)
        shell.start()
        built.append(FrontEnd("kiosk", kiosk, shell, lambda k=kiosk: {
            "badge": _badge_online(k.badge),
            "screens": None if k.context.shell is None else not k.context.link_down()}))

        gui = start_gui("bench-counter", counter_dir, argv=[], lock=False)
        counter = CounterComposition(gui)
        shell = attach_services(gui, open_services(counter_dir))
        shell.services.runtime.synchronizer.refresh()
        counter.attach(shell)
        shell.start()
        built.append(FrontEnd("counter", counter, shell, lambda c=counter: {
            "badge": _badge_online(c.badge), "desk": c.desk.online,
            "offline panel": not c.queue_panel.offline_box.isVisibleTo(c.queue_panel)}))

        gui = start_gui("bench-display", display_dir, argv=[], lock=False)
        display = DisplayComposition(gui, fullscreen=False)
        shell = attach_services(gui, open_display_services(display_dir))
        display.attach(shell)
        shell.start()
        built.append(FrontEnd("display", display, shell, lambda d=display: {
            "hall status": d.screen.online,
            "feed": bool(d.feed is not None and d.feed.connected)}))

        if not _pump(lambda: counter.reference is not None and bool(counter.reference.roster),
                     GIVE_UP):
            raise RuntimeError("the counter never read its staff roster")
        counter.sign_in.staff_no.setText(CLERK)
        counter.sign_in.pin.setText(PIN)
        counter.sign_in.submit()
        if not _pump(lambda: counter.desk.clerk is not None, GIVE_UP):
            raise RuntimeError("the clerk could not sign in")
        for end in built:
            if not _pump(lambda e=end: e.state() is True, GIVE_UP):
                raise RuntimeError(f"{end.name} never came online: {end.shows()}")
        yield built
    finally:
        for end in reversed(built):
            end.ui.stop()
            end.shell.close()


def _watch(ends: list[FrontEnd], wanted: bool, since: float, cycle: Cycle,
           into: dict[str, float]) -> None:
    """Pump until every front end shows `wanted`; record when each first did."""
    def all_there() -> bool:
        now = time.monotonic()
        for end in ends:
            if end.name not in into and end.state() is wanted:
                into[end.name] = now - since
        return len(into) == len(ends)

    if not _pump(all_there, GIVE_UP):
        missing = {end.name: end.shows() for end in ends if end.name not in into}
        raise RuntimeError(f"not {'online' if wanted else 'offline'} after {GIVE_UP} s: "
                           f"{missing}")
    _pump(lambda: False, 1.0)  # settled: nothing may flip back or disagree
    for end in ends:
        if end.state() is not wanted:
            cycle.disagreements.append(f"{end.name}: {end.shows()}")


def one_cycle(platform: Any, ends: list[FrontEnd]) -> Cycle:
    cycle = Cycle()
    _pump(lambda: False, 1.5)  # online for a while, as in the hall
    killed = time.monotonic()
    platform.stop(kill=True)
    _watch(ends, False, killed, cycle, cycle.offline)
    _pump(lambda: False, 2.0)  # the back-off of every front end has grown
    ready: list[float] = []
    starter = threading.Thread(target=lambda: (platform.start(),
                                               ready.append(time.monotonic())))
    starter.start()
    _pump(lambda: bool(ready), GIVE_UP)
    starter.join()
    _watch(ends, True, ready[0], cycle, cycle.online)
    return cycle


@contextlib.contextmanager
def stage(folder: Path) -> Iterator[tuple[Any, list[FrontEnd]]]:
    from PySide6.QtWidgets import QApplication

    from sync.server.process import PlatformProcess

    QApplication.instance() or QApplication([sys.argv[0]])
    platform = PlatformProcess(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO,
                               log_path=folder / "platform.log")
    platform.start()
    try:
        with front_ends(platform, folder) as ends:
            yield platform, ends
    finally:
        platform.stop(kill=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=5)
    arguments = parser.parse_args(argv)
    os.environ.setdefault("RECEPTION_LOG_DIR", tempfile.mkdtemp(prefix="bench-reconnect-"))
    cycles: list[Cycle] = []
    with tempfile.TemporaryDirectory(prefix="bench-reconnect-") as folder, \
            stage(Path(folder)) as (platform, ends):
        for number in range(1, arguments.cycles + 1):
            cycle = one_cycle(platform, ends)
            cycles.append(cycle)
            print(f"cycle {number}: offline " + ", ".join(
                f"{name} {cycle.offline[name]:.2f} s" for name in FRONT_ENDS)
                + "; online " + ", ".join(f"{name} {cycle.online[name]:.2f} s"
                                          for name in FRONT_ENDS), flush=True)
            for line in cycle.disagreements:
                print(f"  DISAGREE {line}")
    print(f"{'front end':<10} {'offline after kill (median / max)':>36} "
          f"{'online after return (median / max)':>38}")
    for name in FRONT_ENDS:
        down = [c.offline[name] for c in cycles]
        up = [c.online[name] for c in cycles]
        print(f"{name:<10} {statistics.median(down):>20.2f} s / {max(down):.2f} s "
              f"{statistics.median(up):>22.2f} s / {max(up):.2f} s")
    return 1 if any(c.disagreements for c in cycles) else 0


if __name__ == "__main__":
    sys.exit(main())
