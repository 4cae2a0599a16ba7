"""Time building (rendering to ESC/POS bytes) a typical acceptance receipt.

Usage: .venv/bin/python scripts/bench_receipt.py [runs]   (target: <= 10 ms)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hardware.printer.escpos_render import ChineseMode, RenderOptions, render_escpos
from hardware.printer.receipt import PAPER_58, PAPER_80, Receipt, Row


def receipt(n: int) -> Receipt:
    return Receipt(
        center_name="东城区和平里街道社区服务中心",
        title="受理回执",
        rows=[Row("编号", f"A-{n:04d}"), Row("办理事项", "居住证明（本人申请）"),
              Row("受理时间", "2024-05-06 09:41"), Row("受理人", "王芳（3号窗口）")],
        paragraphs=["请于三个工作日后，凭本回执及身份证原件到三号窗口领取；如有疑问，"
                    "请拨打服务热线：12345。"],
        qr_payload=f"https://svc.example.cn/r/A-{n:04d}?t=9f3a",
        barcode_payload=f"A2024{n:04d}",
        footer="谢谢！Thank you.",
    )


def bench(options: RenderOptions, runs: int) -> tuple[float, float]:
    render_escpos(receipt(0), options)  # warm up: font loading, profile copy
    times = []
    for n in range(runs):
        start = time.perf_counter()
        render_escpos(receipt(n), options)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for paper in (PAPER_58, PAPER_80):
        for mode in (ChineseMode.GB18030, ChineseMode.RASTER):
            for native_qr in (True, False):
                median, p99 = bench(RenderOptions(paper, chinese_mode=mode,
                                                  native_qr=native_qr), runs)
                qr = "native QR" if native_qr else "image QR "
                print(f"{paper.mm} mm  {mode.value:8} {qr}  median {median:6.2f} ms  "
                      f"p99 {p99:6.2f} ms  ({runs} runs)")


if __name__ == "__main__":
    main()
