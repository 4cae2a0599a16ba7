"""Kiosk memory (RSS) over 1,000 scripted resident sessions, keyboard loaded.

Each session: touch the attract screen, home, notices (list and one notice),
the catalog with a pinyin search typed into its search field (focused, so the
on-screen keyboard opens), a matter, identify by typed ID number, the status
screen with a typed tracking number looked up on the platform, then the
session wipe. The kiosk is the real composition on a real shell with
simulated devices; the reference platform runs in its own process (the
screenshot script's stage), so only the kiosk's memory is measured.

The devices start as the kiosk application starts them (a first health
check of each; the camera in its own process, `ProcessCameraAdapter`), and
before the warm-up the status screen scans a receipt with the simulated
camera once, so whatever the camera path keeps in the kiosk is counted.

By default the kiosk runs on an X server of its own (Xvfb, `xcb`) with the
Qt Virtual Keyboard, as on a kiosk; `--offscreen` runs it without a screen,
where the Qt Virtual Keyboard never loads. RSS is read after 50 warm-up
sessions and after the run: the figures are RSS after the run (target
<= 300 MB) and its growth (target <= 5 MB).

    .venv/bin/python scripts/bench_kiosk_sessions.py [--sessions 1000] [--offscreen]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

WARM_UP = 50
TRACKING = "RC-20261125-K01-00042"
NOTICE = json.loads((ROOT / "resources" / "demo" / "notices.json").read_text("utf-8"))[
    "notices"][0]["id"]
KEYBOARD_WAIT_MS = 20_000


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1_000_000


def one_session(stage: Any) -> None:
    from screenshots import APPLY_MATTER, ID_NUMBER, settle

    navigator = stage.navigator
    context = stage.context
    stage.ui.attract.touched.emit()
    navigator.go("notices")
    navigator.go("notices", {"id": NOTICE})
    navigator.go("apply")
    search = stage.screen("apply").search_box
    search.setFocus()  # the field a resident taps: the on-screen keyboard opens
    search.setText("dbsq")
    settle(1)
    navigator.go("matter", {"matter": APPLY_MATTER})
    context.session.id_number = ID_NUMBER
    navigator.go("identify", {"next": "home", "next_args": {}, "purpose": "apply"})
    navigator.go("status", {"tracking_number": TRACKING})
    settle(2)
    navigator.end_session()
    settle(1)


def open_keyboard_once(stage: Any) -> bool:
    """Load the docked keyboard and show it from the catalog's search field."""
    from screenshots import wait_until

    dock = stage.ui.window.keyboard
    if dock is None:
        return False
    try:
        wait_until(dock.is_ready, KEYBOARD_WAIT_MS, "the keyboard to load")
        stage.ui.attract.touched.emit()
        stage.navigator.go("apply")
        stage.ui.window.activateWindow()
        stage.screen("apply").search_box.setFocus()
        wait_until(dock.isVisible, KEYBOARD_WAIT_MS, "the keyboard to show")
    except TimeoutError:
        return False
    finally:
        stage.navigator.end_session()
    return True


def scan_once(stage: Any) -> bool:
    """Start the devices as the kiosk does; the status screen scans a receipt."""
    from screenshots import wait_until

    from hardware.health import HealthState
    from kiosk.screens.status import Page

    stage.shell.adapters.check()
    camera = stage.ui.context.devices.camera
    if camera is None:
        return False
    try:
        wait_until(lambda: camera.health.state is HealthState.READY, KEYBOARD_WAIT_MS,
                   "the camera")
        stage.ui.attract.touched.emit()
        stage.navigator.go("status")
        screen = stage.screen("status")
        wait_until(lambda: screen.page() is Page.RESULT, KEYBOARD_WAIT_MS, "a scanned receipt")
    except TimeoutError:
        return False
    finally:
        stage.navigator.end_session()
    return True


def run(sessions: int) -> None:
    from screenshots import kiosk_stage, settle

    from terminal.quick_backend import prefer_software_quick
    from terminal.widgets.keyboard import QT_VIRTUAL_KEYBOARD, configure_input_method

    keyboard = configure_input_method()  # as kiosk/app.py does, before the QApplication
    prefer_software_quick()
    with tempfile.TemporaryDirectory(prefix="kiosk-sessions-") as folder, \
            kiosk_stage(Path(folder), separate_platform=True, as_application=True) as stage:
        shown = keyboard == QT_VIRTUAL_KEYBOARD and open_keyboard_once(stage)
        scanned = scan_once(stage)
        for _ in range(WARM_UP):
            one_session(stage)
        gc.collect()
        settle()
        before = rss_mb()
        started = time.perf_counter()
        for _ in range(sessions):
            one_session(stage)
        gc.collect()
        settle()
        after = rss_mb()
        elapsed = time.perf_counter() - started
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    quick = os.environ.get("QT_QUICK_BACKEND", "") or "default"
    print(f"kiosk RSS over {sessions} scripted sessions ({platform}, keyboard "
          f"{keyboard}{' shown' if shown else ' NOT shown'}, Qt Quick backend {quick}, "
          f"camera process{' scanned a receipt' if scanned else ' did NOT scan'}; "
          f"after {WARM_UP} warm-up sessions, {elapsed:.0f} s):")
    print(f"  RSS before {before:7.1f} MB   after {after:7.1f} MB (target <= 300 MB)   "
          f"growth {after - before:+.1f} MB (target <= 5 MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--offscreen", action="store_true",
                        help="no X server: the Qt Virtual Keyboard does not load")
    arguments = parser.parse_args()
    if arguments.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        run(arguments.sessions)
        return 0
    from tests.e2e.xserver import XServer, missing_tools

    if "Xvfb" in missing_tools():
        raise SystemExit("Xvfb is missing (apt-get install xvfb), or run with --offscreen")
    server = XServer(1080, 1920).start()
    try:
        os.environ.update({"DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"})
        run(arguments.sessions)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
