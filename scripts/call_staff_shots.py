"""Screenshots of a kiosk's "call staff" from an X server: the alert on a
counter (1366x768) and the hall display's banner (1920x1080), in both
languages, into docs/screenshots/<app>/*call-staff*.png.

Runs the real pieces against a demo reference platform on loopback: a
counter terminal signed in (serving a called ticket) and a hall display, each
enrolled and fed by the platform's event stream, while kiosk terminals raise
help requests as transactions. The pictures are grabbed from the X server's
root window (QScreen.grabWindow), so start one first:

    Xvfb :71 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:71 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/call_staff_shots.py counter
    DISPLAY=:71 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/call_staff_shots.py display
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("TZ", "Asia/Shanghai")  # the hall's clock
time.tzset()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThread  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from sync.cli import enroll_terminal  # noqa: E402
from sync.client import PlatformClient  # noqa: E402
from sync.config import render_toml  # noqa: E402
from sync.paths import CONFIG_FILE  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from terminal.local_platform import LocalPlatform  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DEMO = ROOT / "resources" / "demo"
CENTER = "C001"
WINDOW = "3"
#: (kiosk, screen, title in zh_CN, title in en, minutes ago)
CALLS = (("2", "repair", "物业报修", "Report a repair", 3),
         ("5", "take_number", "取号", "Take a number", 1))


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there")
        QCoreApplication.processEvents()
        QThread.msleep(20)


def pause(seconds: float) -> None:
    timer = QDeadlineTimer(int(seconds * 1000))
    while not timer.hasExpired():
        QCoreApplication.processEvents()
        QThread.msleep(20)


def grab(widget: Any, path: Path) -> None:
    """The widget's area as the X server shows it (root window, no window manager)."""
    pause(0.5)
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    image = QGuiApplication.primaryScreen().grabWindow(
        0, top_left.x(), top_left.y(), widget.width(), widget.height())
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(path.relative_to(ROOT))


def client(platform: LocalPlatform, role: Role) -> PlatformClient:
    enrolled = PlatformClient.enroll(platform.url, platform.enroll_code(CENTER, role))
    return PlatformClient(platform.url, enrolled.terminal_id,
                          base64.urlsafe_b64decode(enrolled.key))


def call_staff(kiosk: PlatformClient, name: str, screen: str, title: str, language: str,
               minutes_ago: int) -> None:
    item = {"id": str(uuid.uuid4()), "seq": 1,
            "created_at": (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(),
            "payload": {"kind": "help_request", "kiosk": name, "screen": screen,
                        "screen_title": title, "language": language}}
    kiosk.post_batch(json.dumps({"items": [item]}).encode())


def write_config(folder: Path, url: str, data_dir: Path, role: str) -> None:
    sections: dict[str, Any] = {
        "terminal": {"language": "zh_CN", "role": role},
        "platform": {"url": url},
        "store": {"data_dir": str(data_dir)},
    }
    if role == "counter":
        sections["counter"] = {"window": WINDOW}
        sections["devices.card_reader"] = {"kind": "none"}
        sections["devices.camera"] = {"kind": "none"}
    else:
        sections["display"] = {"speech": "silent", "fullscreen": False}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG_FILE).write_text(render_toml(sections), "utf-8")


def counter_shots(platform: LocalPlatform, work: Path) -> None:
    from counter.composition import CounterComposition
    from terminal.shell import start_shell

    folder = work / "counter"
    write_config(folder, platform.url, work / "counter-data", "counter")
    enroll_terminal(platform.url, platform.enroll_code(CENTER, Role.COUNTER), folder)
    shell = start_shell("call-staff-shots", folder, argv=[], lock=False, with_devices=False)
    shell.services.runtime.synchronizer.refresh()  # the staff roster
    kiosks = [client(platform, Role.KIOSK) for _ in CALLS]
    for _ in range(4):
        kiosks[0].issue_ticket("A", uuid.uuid4())
    ui = CounterComposition(shell.gui)
    ui.attach(shell)
    shell.bridge.start()  # the sync worker: the badge says online
    ui.window.setGeometry(0, 0, 1366, 768)
    ui.window.show()
    screen = ui.sign_in
    screen.staff_no.setText("1001")
    screen.pin.setText("246810")
    screen.submit()
    wait_until(lambda: ui.desk.clerk is not None)
    ui.queue_panel.trigger("call")
    wait_until(lambda: ui.desk.current is not None and not ui.desk.busy)
    try:
        for language in ("zh_CN", "en"):
            shell.gui.language.set_language(language)
            for kiosk, (name, where, zh, en, ago) in zip(kiosks, CALLS, strict=True):
                call_staff(kiosk, name, where, zh if language == "zh_CN" else en, language, ago)
            wait_until(lambda: len(ui.help_alerts.requests) == len(CALLS) and all(
                r.language == language for r in ui.help_alerts.requests))  # noqa: B023
            ui.window.show_status("")
            grab(ui.window, OUT / "counter" / f"call-staff-{language}-1366x768.png")
    finally:
        ui.stop()
        for kiosk in kiosks:
            kiosk.close()
        shell.close()


def display_shots(platform: LocalPlatform, work: Path) -> None:
    from display.composition import DisplayComposition
    from display.services import open_display_services
    from terminal.shell import attach_services
    from terminal.startup import start_gui

    folder = work / "display"
    write_config(folder, platform.url, work / "display-data", "display")
    enroll_terminal(platform.url, platform.enroll_code(CENTER, Role.DISPLAY), folder)
    gui = start_gui("call-staff-shots", folder, argv=[], lock=False)
    shell = attach_services(gui, open_display_services(folder))
    shell.services.runtime.synchronizer.refresh()  # the notices
    kiosks = [client(platform, Role.KIOSK) for _ in CALLS]
    counter = client(platform, Role.COUNTER)
    ui = DisplayComposition(gui, fullscreen=False)
    ui.screen.setGeometry(0, 0, 1920, 1080)
    ui.present()
    ui.attach(shell)
    try:
        for index, category in enumerate("ABACBADABC"):
            kiosks[0].issue_ticket(category, uuid.uuid4())
            counter.call_next(str(index + 1), "1001", [category])
        for kiosk, (name, where, _zh, en, ago) in zip(kiosks, CALLS, strict=True):
            call_staff(kiosk, name, where, en, "en", ago)
        wait_until(lambda: ui.screen.help is not None and len(ui.screen.help.requests) == 2)
        assert ui.screen.help is not None
        counter.acknowledge_help(ui.screen.help.requests[0].id, WINDOW, "1001")
        wait_until(lambda: ui.screen.help is not None
                   and not ui.screen.help.requests[0].open)
        pause(4.0)  # the last call's flashing is over
        for language in ("zh_CN", "en"):
            ui.screen.set_language(language)
            grab(ui.screen, OUT / "display" / f"hall-call-staff-{language}-1920x1080.png")
    finally:
        ui.stop()
        for terminal in (*kiosks, counter):
            terminal.close()
        shell.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", choices=("counter", "display"))
    arguments = parser.parse_args()
    if os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"):
        parser.error("grabs come from an X server: set DISPLAY and QT_QPA_PLATFORM=xcb")
    with tempfile.TemporaryDirectory(prefix="call-staff-") as folder:
        work = Path(folder)
        platform = LocalPlatform(f"sqlite:///{work / 'platform.db'}", demo_data=DEMO)
        platform.start()
        try:
            (counter_shots if arguments.app == "counter" else display_shots)(platform, work)
        finally:
            platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
