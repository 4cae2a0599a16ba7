"""GUI event-loop lateness while faces are matched, with the camera in the window's
process (the counter before issue 13's camera change) and in its camera process
(the kiosk and the counter now).

A 5 ms QTimer on the GUI thread records how late each tick fires while the
camera (an image folder of Eileen Collins on a desk, 30 frames/s, faces and QR
codes analysed as a terminal's adapter does) previews and its newest full-size
frame is compared with the specimen passport's photo, one match after another
(`match_face`, threshold 0.6). Phases, in one run:

* idle: the bare QTimer loop (the baseline);
* in process: `CameraAdapter.match_face`, dlib on the window's background lane;
* camera process: `ProcessCameraAdapter.match_face`, dlib in the child.

Each phase first waits for one match (the models load), then measures.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_face_stall.py [seconds]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hardware.camera import ImageFolderSource  # noqa: E402
from hardware.facematch import MatchOutcome  # noqa: E402
from scripts.bench_facematch import live_frame  # noqa: E402
from scripts.bench_gui_stall import measure  # noqa: E402
from terminal.config import CameraSection  # noqa: E402
from terminal.devices.camera_process import ProcessCameraAdapter  # noqa: E402
from terminal.devices.passport import SPECIMEN_FACE  # noqa: E402
from terminal.devices.workers import CameraAdapter  # noqa: E402

CAMERA_FPS = 30.0
THRESHOLD = 0.6
WARM_UP_S = 120.0


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def line(name: str, values: list[float], matches: int | None, seconds: float) -> str:
    ordered = sorted(values)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    rate = "" if matches is None else f"  {matches / seconds:4.2f} matches/s"
    return (f"  {name:15s} lateness p50 {statistics.median(ordered):6.1f} ms  "
            f"p99 {p99:6.1f} ms  max {ordered[-1]:6.1f} ms  ({len(ordered)} ticks){rate}")


def matching(camera: Any, seconds: float) -> tuple[list[float], int]:
    """Matches back to back while the GUI thread's lateness is measured."""
    photo = SPECIMEN_FACE.read_bytes()
    state = {"done": 0, "on": True, "matched": 0}

    def again(result: Any = None) -> None:
        if result is not None:
            state["done"] += 1
            state["matched"] += result.outcome is MatchOutcome.MATCHED
        if state["on"]:
            camera.match_face(None, photo, THRESHOLD, again)

    camera.start()
    loop = QEventLoop()
    camera.frameReady.connect(loop.quit)
    loop.exec()  # the first frame
    camera.frameReady.disconnect(loop.quit)
    again()
    warm = QEventLoop()
    ready = QTimer(interval=50)
    ready.timeout.connect(lambda: warm.quit() if state["done"] else None)
    ready.start()
    QTimer.singleShot(int(WARM_UP_S * 1000), warm.quit)
    warm.exec()  # the models loaded, one match done
    ready.stop()
    if not state["done"]:
        raise SystemExit("no face match answered during the warm-up")
    state["done"] = state["matched"] = 0
    values = measure(seconds)
    done, matched = state["done"], state["matched"]
    state["on"] = False
    run_for(3.0)  # the last match answers
    camera.stop()
    if matched != done:
        raise SystemExit(f"only {matched} of {done} matches matched Collins")
    return values, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", type=float, nargs="?", default=10.0)
    seconds = parser.parse_args().seconds
    QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="bench-face-") as folder:
        rng = np.random.default_rng(11)
        for i in range(3):
            frame = live_frame("collins", rng)
            cv2.imwrite(str(Path(folder) / f"{i}.jpg"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, "
              f"{seconds:g} s a phase")
        print(line("idle", measure(seconds), None, seconds))
        child = ProcessCameraAdapter(CameraSection(kind="folder", path=Path(folder)))
        values, done = matching(child, seconds)
        print(line("camera process", values, done, seconds))
        inside = CameraAdapter(ImageFolderSource(folder, fps=CAMERA_FPS))
        values, done = matching(inside, seconds)
        print(line("in process", values, done, seconds))


if __name__ == "__main__":
    main()
