"""GUI event-loop stall while the camera previews (with QR/face analysis)
and receipts print over TCP, beside the same loop with no device work.

A 5 ms QTimer on the GUI thread records how late each tick fires; the
figures are the lateness percentiles (target p99 <= 16 ms, one frame).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from hardware.camera import ImageFolderSource  # noqa: E402
from hardware.printer import Receipt, Row, create_printer  # noqa: E402
from hardware.printer.simulator import PrinterSimulator  # noqa: E402
from terminal.devices.factory import write_simulated_frames  # noqa: E402
from terminal.devices.workers import CameraAdapter, PrinterAdapter  # noqa: E402

TICK_MS = 5


def measure(app: QApplication, seconds: float) -> list[float]:
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


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    return (f"  {name:34s} p50 {statistics.median(ordered):5.1f} ms   p99 {p99:5.1f} ms   "
            f"max {ordered[-1]:5.1f} ms   ({len(ordered)} ticks)")


def receipt(number: int) -> Receipt:
    return Receipt(center_name="幸福里社区党群服务中心", title="受理回执 Acceptance receipt",
                   rows=[Row("受理编号", f"RC-20261125-K01-{number:05d}"),
                         Row("事项", "居民最低生活保障申请"), Row("申请人", "张*丰"),
                         Row("承诺办结", "2026-12-09")],
                   paragraphs=["请妥善保管本回执，扫描二维码可查询办理进度。"],
                   qr_payload=f"https://status.example/a/RC-20261125-K01-{number:05d}")


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
    app = QApplication([])
    idle = measure(app, seconds)
    with tempfile.TemporaryDirectory() as folder, PrinterSimulator() as simulator:
        frames = Path(folder) / "frames"
        write_simulated_frames(frames)
        camera = CameraAdapter(ImageFolderSource(frames, fps=15.0), preview_fps=15,
                               analyse_every=5)
        printer = PrinterAdapter(create_printer({
            "transport": {"type": "network", "host": "127.0.0.1", "port": simulator.port},
            "paper_mm": 80, "chinese_mode": "raster"}))
        preview = QLabel()
        preview.resize(640, 360)
        preview.show()
        shown = [0]

        def show(image: object) -> None:
            preview.setPixmap(QPixmap.fromImage(image))  # the GUI-side cost of a frame
            shown[0] += 1

        camera.frameReady.connect(show)
        printed = [0]
        number = [0]

        def print_next() -> None:
            number[0] += 1
            printer.print_receipt(receipt(number[0]))

        def finished(*_args: object) -> None:  # a resident every 300 ms: a busy hall
            printed[0] += 1
            QTimer.singleShot(300, print_next)

        printer.printed.connect(finished)
        printer.printFailed.connect(finished)
        camera.start()
        print_next()
        started = time.perf_counter()
        busy = measure(app, seconds)
        elapsed = time.perf_counter() - started
        camera.stop()
        printer.stop()
        preview.close()
    print("GUI event-loop lateness of a 5 ms timer:")
    print(summary("idle (no device work)", idle))
    print(summary("camera preview + printing", busy))
    print(f"  during the run: {shown[0] / elapsed:.0f} frames/s shown, "
          f"{printed[0] / elapsed:.1f} receipts/s printed (target p99 <= 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
