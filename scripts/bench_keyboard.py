"""Focus to keyboard visible: how long a resident waits for the on-screen
keyboard after a text field takes the focus, each run in a fresh kiosk
process on a real X display (its own Xvfb).

Two moments per process:

* cold: the text field takes the focus the moment the window has first
  painted, while the keyboard's QML is still loading in the background (the
  worst case: the resident could never be that fast);
* warm: the same field again, a second later (what a resident meets: the
  keyboard loaded while they read the first screens).

"Visible" is the dock shown with the loaded panel and Qt Quick having
rendered a frame of it. Prints p50, p99 and max of each over the runs.

    .venv/bin/python scripts/bench_keyboard.py --runs 30
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_PAUSE_MS = 1000
TIMEOUT_MS = 30_000


# ---- one kiosk process -----------------------------------------------------------------

def child(config_dir: Path) -> int:
    from terminal.widgets.keyboard import configure_input_method

    if configure_input_method() != "qtvirtualkeyboard":
        print(json.dumps({"error": "no Qt Virtual Keyboard on this display"}), flush=True)
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QVBoxLayout

    from kiosk.composition import KioskComposition
    from kiosk.screens.base import KioskScreen
    from sync.protocol.models import FieldType, FormField
    from terminal.form_fields import TextInput
    from terminal.startup import start_gui

    gui = start_gui("reception-kiosk-bench", config_dir, argv=[sys.argv[0]], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    window, dock = ui.window, ui.window.keyboard
    assert dock is not None
    screen = KioskScreen()
    field = TextInput(FormField(key="address", label_zh="居住地址", label_en="Home address",
                                type=FieldType.TEXT))
    QVBoxLayout(screen).addWidget(field)
    ui.navigator.register("bench", screen)
    results: dict[str, float] = {}
    started = [0.0]
    shown = [False]

    def rendered() -> None:
        if not started[0] or not dock.isVisible() or not dock.is_ready() or not shown[0]:
            return
        phase = "cold" if "cold" not in results else "warm"
        results[phase] = (time.perf_counter() - started[0]) * 1000
        started[0] = 0.0
        if phase == "cold":
            field.deactivate()
            QTimer.singleShot(WARM_PAUSE_MS, focus)
        else:
            print(json.dumps(results), flush=True)
            gui.app.quit()

    def focus() -> None:
        shown[0] = False
        started[0] = time.perf_counter()
        field.activate()

    def on_shown(visible: bool) -> None:
        shown[0] = visible
        dock.view.quickWindow().update()  # a frame of the panel at the dock's size

    dock.shownChanged.connect(on_shown)
    dock.view.quickWindow().afterRendering.connect(rendered)
    window.resize(1080, 1920)
    window.present()
    ui.navigator.go("bench")
    QTimer.singleShot(0, focus)  # the window's first paint is done
    QTimer.singleShot(TIMEOUT_MS, lambda: (print(json.dumps({"error": "timeout"}),
                                                 flush=True), gui.app.exit(1)))
    return gui.app.exec()


# ---- the runs ------------------------------------------------------------------------

def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                             "1080x1920x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        number = pipe.readline().decode().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return xvfb, f":{number}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()
    if shutil.which("Xvfb") is None:
        raise SystemExit("needs Xvfb (apt-get install xvfb)")
    xvfb, display = start_xvfb()
    folder = Path(tempfile.mkdtemp(prefix="bench-keyboard-"))
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("QT_IM_MODULE", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    environment.update(DISPLAY=display, QT_QPA_PLATFORM="xcb",
                       RECEPTION_LOG_DIR=str(folder / "logs"))
    times: dict[str, list[float]] = {"cold": [], "warm": []}
    try:
        for run in range(arguments.runs):
            done = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                                  env=environment, capture_output=True, text=True,
                                  timeout=TIMEOUT_MS / 1000 + 30)
            answer = json.loads((done.stdout.strip().splitlines() or ["{}"])[-1])
            if "error" in answer or done.returncode != 0:
                raise SystemExit(f"run {run}: {answer.get('error')} {done.stderr[-2000:]}")
            for phase in times:
                times[phase].append(answer[phase])
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"focus to keyboard visible, fresh kiosk process on Xvfb (xcb), {arguments.runs} runs")
    for phase, values in times.items():
        print(f"  {phase}: p50 {statistics.median(values):.0f} ms, "
              f"p99 {percentile(values, 0.99):.0f} ms, max {max(values):.0f} ms")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        sys.exit(child(Path(sys.argv[2])))
    sys.exit(main())
