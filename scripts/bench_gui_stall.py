"""Camera preview rate and GUI event-loop lateness, with QR and face analysis on.

A 5 ms QTimer on the GUI thread records how late each tick fires (target
p99 <= 16 ms, one frame at 60 Hz), while a 30 frames/s camera (an image
folder of 1280x720 scenes: the astronaut portrait beside a receipt with its
status QR code, so both analyses find something) previews into a 640x360
widget, the kiosk's preview size. Phases, in one run:

* idle: the bare QTimer loop, no device work (the baseline);
* old path: the camera adapter as it was before the preview was decoupled
  (analysis of every 5th frame on the capture thread at full resolution, one
  copied BGR888 QImage in flight, the GUI building a smoothly scaled pixmap
  per frame for a QLabel), asked for 30 frames/s;
* camera: today's `CameraAdapter` (latest frame wins, analysis on its own
  thread) painting into a `CameraView`;
* camera + printing: the same while receipts print over TCP, a resident
  every 300 ms;
* camera process (+ printing): the kiosk's camera, the same adapter run in a
  child process (`ProcessCameraAdapter`: OpenCV out of the kiosk's memory),
  its preview frames (scaled to at most 960x540) copied out of shared memory
  on a reader thread; "captured" counts the frames that reached the kiosk.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_gui_stall.py [seconds] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer, Signal, Slot  # noqa: E402
from PySide6.QtGui import QImage, QPaintEvent, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from hardware.camera import FrameSource, ImageFolderSource  # noqa: E402
from hardware.camera.analysis import FrameAnalyser  # noqa: E402
from hardware.camera.synthetic import person_scene, status_payload  # noqa: E402
from hardware.printer import Receipt, Row, create_printer  # noqa: E402
from hardware.printer.simulator import PrinterSimulator  # noqa: E402
from terminal.config import CameraSection  # noqa: E402
from terminal.devices.camera_process import ProcessCameraAdapter  # noqa: E402
from terminal.devices.factory import SIMULATED_JPEG_QUALITY  # noqa: E402
from terminal.devices.workers import CameraAdapter, PrinterAdapter, frame_to_qimage  # noqa: E402
from terminal.widgets.camera_view import CameraView  # noqa: E402

TICK_MS = 5
CAMERA_FPS = 30.0
PREVIEW_SIZE = (640, 360)


def measure(seconds: float) -> list[float]:
    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lateness.append(max(0.0, (now - last[0]) / 1e6 - TICK_MS))
        last[0] = now

    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return lateness


def yes(found: bool) -> str:
    return "found" if found else "NOT FOUND"


def percentile(ordered: list[float], share: float) -> float:
    return ordered[int(share * (len(ordered) - 1))]


def lateness_line(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    return (f"  {name:20s} lateness p50 {statistics.median(ordered):5.1f} ms  "
            f"p99 {percentile(ordered, 0.99):5.1f} ms  max {ordered[-1]:5.1f} ms  "
            f"({len(ordered)} ticks)")


# ---- the camera path as it was (kept here as the baseline) -------------------------------

class OldPathAdapter(CameraAdapter):
    """The adapter before the preview was decoupled from analysis."""

    _oldFrame = Signal(QImage)

    def __init__(self, source: FrameSource, *, preview_fps: float, analyse_every: int = 5) -> None:
        super().__init__(source, analysis_fps=0)
        self.preview_fps, self.analyse_every = preview_fps, analyse_every
        self._old_analyser = FrameAnalyser(face_height=10_000)  # it analysed full frames
        self._in_flight = threading.Event()
        self._next_frame = 0.0
        self._oldFrame.connect(self._old_deliver)

    @Slot(QImage)
    def _old_deliver(self, image: QImage) -> None:
        self._in_flight.clear()
        self.frameReady.emit(image)

    def _tick(self) -> float:
        if not self._capturing:
            return super()._tick()
        self._open_source()
        frame = self.source.read()
        if frame is None:
            return 0.0
        self.frames_captured += 1
        if self.frames_captured % self.analyse_every == 0:
            result = self._old_analyser.analyse(frame)
            self.analysed.emit(list(result.faces), list(result.payloads))
        now = time.monotonic()
        if now >= self._next_frame and not self._in_flight.is_set():
            self._next_frame = now + 1.0 / self.preview_fps
            self._in_flight.set()
            self._oldFrame.emit(frame_to_qimage(frame))
        return 0.0


class OldPreview(QLabel):
    """The GUI side as it was: a smoothly scaled pixmap per frame."""

    def __init__(self) -> None:
        super().__init__()
        self.frames_shown = 0
        self.paints = 0

    def show_frame(self, image: QImage) -> None:
        self.frames_shown += 1
        self.setPixmap(QPixmap.fromImage(image).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


class CountedView(CameraView):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


# ---- a phase ------------------------------------------------------------------------------

@dataclass
class CameraFigures:
    lateness: list[float]
    seconds: float
    captured: int
    shown: int
    painted: int
    analyses: int
    faces_seen: bool
    qr_seen: bool

    def line(self) -> str:
        rate = 1 / self.seconds
        return (f"{'':22s} preview {self.shown * rate:5.1f} frames/s shown, "
                f"{self.painted * rate:5.1f} painted, {self.captured * rate:5.1f} captured; "
                f"analysis {self.analyses * rate:4.1f}/s (faces {yes(self.faces_seen)}, "
                f"QR {yes(self.qr_seen)})")


def run_camera(adapter: CameraAdapter | ProcessCameraAdapter, view: QWidget, seconds: float,
               background: Callable[[], None] | None = None) -> CameraFigures:
    view.resize(*PREVIEW_SIZE)
    view.show()
    adapter.frameReady.connect(view.show_frame)  # type: ignore[attr-defined]
    seen = {"analyses": 0, "faces": False, "qr": False}

    def analysed(faces: list[object], payloads: list[str]) -> None:
        seen["analyses"] += 1
        seen["faces"] = seen["faces"] or bool(faces)
        seen["qr"] = seen["qr"] or bool(payloads)

    adapter.analysed.connect(analysed)
    adapter.start()
    warm = QEventLoop()  # the first frames: source opened, cascade loaded
    adapter.frameReady.connect(warm.quit)
    QTimer.singleShot(10_000, warm.quit)
    warm.exec()
    adapter.frameReady.disconnect(warm.quit)
    if background is not None:
        background()
    start = (adapter.frames_captured, view.frames_shown, view.paints,  # type: ignore[attr-defined]
             seen["analyses"])
    started = time.perf_counter()
    lateness = measure(seconds)
    elapsed = time.perf_counter() - started
    figures = CameraFigures(
        lateness, elapsed, adapter.frames_captured - start[0],
        view.frames_shown - start[1], view.paints - start[2],  # type: ignore[attr-defined]
        seen["analyses"] - start[3], bool(seen["faces"]), bool(seen["qr"]))
    adapter.stop()
    view.close()
    return figures


def write_frames(folder: Path, count: int = 6) -> None:
    """1280x720 scenes: the astronaut portrait beside a receipt with its QR code (JPEG,
    as a USB camera sends them)."""
    portrait = cv2.imread(str(ROOT / "tests" / "data" / "astronaut.jpg"))
    if portrait is None:
        raise SystemExit("tests/data/astronaut.jpg missing")
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    for i in range(count):
        scene = person_scene(portrait, rng, payload=status_payload(42 + i))
        cv2.imwrite(str(folder / f"frame-{i:02d}.jpg"), scene.frame,
                    [cv2.IMWRITE_JPEG_QUALITY, SIMULATED_JPEG_QUALITY])


def receipt(number: int) -> Receipt:
    return Receipt(center_name="幸福里社区党群服务中心", title="受理回执 Acceptance receipt",
                   rows=[Row("受理编号", f"RC-20261125-K01-{number:05d}"),
                         Row("事项", "居民最低生活保障申请"), Row("申请人", "张*丰"),
                         Row("承诺办结", "2026-12-09")],
                   paragraphs=["请妥善保管本回执，扫描二维码可查询办理进度。"],
                   qr_payload=f"https://status.example/a/RC-20261125-K01-{number:05d}")


def with_printing(simulator: PrinterSimulator) -> tuple[Callable[[], None], Callable[[], None]]:
    """Start and stop functions for a resident's receipt every 300 ms."""
    printer = PrinterAdapter(create_printer({
        "transport": {"type": "network", "host": "127.0.0.1", "port": simulator.port},
        "paper_mm": 80, "chinese_mode": "raster"}))
    number = [0]
    running = [True]

    def print_next() -> None:
        if running[0]:
            number[0] += 1
            printer.print_receipt(receipt(number[0]))

    def finished(*_args: object) -> None:
        QTimer.singleShot(300, print_next)

    printer.printed.connect(finished)
    printer.printFailed.connect(finished)

    def stop() -> None:
        running[0] = False
        printer.stop()

    return print_next, stop


def one_round(seconds: float, frames: Path, simulator: PrinterSimulator) -> dict[str, str]:
    """Every phase once; the summary cell (frames/s shown, p99) of each."""
    cells: dict[str, str] = {}

    def source() -> ImageFolderSource:
        return ImageFolderSource(frames, fps=CAMERA_FPS)

    def report(name: str, figures: CameraFigures) -> None:
        print(lateness_line(name, figures.lateness))
        print(figures.line())
        cells[name] = (f"{figures.shown / figures.seconds:4.1f} f/s, "
                       f"p99 {percentile(sorted(figures.lateness), 0.99):5.1f} ms")

    idle = measure(seconds)
    print(lateness_line("idle (bare QTimer)", idle))
    cells["idle (bare QTimer)"] = f"p99 {percentile(sorted(idle), 0.99):5.1f} ms"
    report("old path", run_camera(OldPathAdapter(source(), preview_fps=CAMERA_FPS),
                                  OldPreview(), seconds))
    report("camera", run_camera(CameraAdapter(source()), CountedView(), seconds))
    start_printing, stop_printing = with_printing(simulator)
    report("camera + printing", run_camera(CameraAdapter(source()), CountedView(), seconds,
                                           start_printing))
    stop_printing()

    def process() -> ProcessCameraAdapter:
        return ProcessCameraAdapter(CameraSection(kind="folder", path=frames))

    report("camera process", run_camera(process(), CountedView(), seconds))
    start_printing, stop_printing = with_printing(simulator)
    report("camera process + printing", run_camera(process(), CountedView(), seconds,
                                                   start_printing))
    stop_printing()
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", type=float, nargs="?", default=8.0, help="per phase")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run every phase this many times, interleaved")
    arguments = parser.parse_args()
    app = QApplication([])
    app.setStyleSheet("QLabel { background: #1d2733; }")
    print(f"GUI event-loop lateness of a {TICK_MS} ms timer; a {CAMERA_FPS:.0f} frames/s "
          f"camera of 1280x720 frames, QR and face analysis on, preview "
          f"{PREVIEW_SIZE[0]}x{PREVIEW_SIZE[1]}; {arguments.seconds:g} s per phase")
    rounds: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as folder, PrinterSimulator() as simulator:
        frames = Path(folder) / "frames"
        write_frames(frames)
        for number in range(1, arguments.rounds + 1):
            print(f"round {number}, machine load {os.getloadavg()[0]:.1f} "
                  f"on {os.cpu_count()} cores:")
            rounds.append(one_round(arguments.seconds, frames, simulator))
    if len(rounds) > 1:
        print("all rounds (frames/s shown, lateness p99):")
        for name in rounds[0]:
            print(f"  {name:26s} " + " | ".join(cells[name] for cells in rounds))
    print("(target: 30 frames/s shown with lateness p99 <= 16 ms)")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
