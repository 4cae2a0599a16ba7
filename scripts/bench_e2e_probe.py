"""What the real-display tests' `state` requests cost the kiosk's GUI thread.

The kiosk runs as `make e2e` runs it (its own process on Xvfb, xcb, the e2e
probe on, the reference platform on loopback, the loopback printer and the
pty card reader of tests/e2e), driven by XTest taps to each screen; on each,
`state` is asked `--asks` times back to back. The figures per screen: the
widgets and Qt Quick items listed, the snapshot's time on the GUI thread
(the answer's `took_ms`) and the round trip seen by the asker, median and
largest. The watchdog takes the snapshots' time off its pings' (the pong's
`probe_s`), so this is what a ping may wait on the tests, not the kiosk.

    .venv/bin/python scripts/bench_e2e_probe.py [--size 1080x1920] [--language zh_CN]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.flows import apply_for, type_digits  # noqa: E402
from tests.e2e.keyboard import keyboard_up, tap_below  # noqa: E402
from tests.e2e.kiosk import Kiosk, kiosk_process  # noqa: E402
from tests.e2e.peers import CardReader, CenterClock, Platform, Printer  # noqa: E402
from tests.e2e.test_apply import PHONE, PUBLIC_SECURITY, RESIDENCE, RESIDENT  # noqa: E402
from tests.e2e.xserver import XServer  # noqa: E402

START_TIMEOUT = 240.0


def measure(kiosk: Kiosk, screen: str, asks: int) -> str:
    took, round_trips = [], []
    state: dict = {}
    for _ in range(asks):
        started = time.perf_counter()
        state = kiosk.state()
        round_trips.append((time.perf_counter() - started) * 1000)
        took.append(state["took_ms"])
    return (f"| {screen} | {len(state['widgets'])} + {len(state['quick'])} | "
            f"{statistics.median(took):.1f} / {max(took):.1f} ms | "
            f"{statistics.median(round_trips):.1f} / {max(round_trips):.1f} ms |")


def screens(kiosk: Kiosk, reader: CardReader) -> list[tuple[str, Callable[[], None]]]:
    """Each screen measured, and how the resident gets there from the one before."""
    language = kiosk.language

    def home() -> None:
        kiosk.tap(kiosk.tr("AttractScreen", "Touch the screen to start"), kind="label")
        kiosk.wait_screen("home")

    def phone() -> None:
        apply_for(kiosk, reader, PUBLIC_SECURITY[language], RESIDENCE[language],
                  RESIDENT[language])

    def keyboard() -> None:
        type_digits(kiosk, PHONE, "keypadDisplay")
        tap_below(kiosk, kiosk.tr("StepForm", "Next ›"))
        kiosk.wait(keyboard_up, "the on-screen keyboard", timeout=60)

    return [("attract", lambda: None), ("home", home),
            ("form: phone (keypad; after the ID card)", phone),
            ("form: address (on-screen keyboard)", keyboard)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--asks", type=int, default=50)
    arguments = parser.parse_args()
    width, height = (int(part) for part in arguments.size.split("x"))
    folder = Path(tempfile.mkdtemp(prefix="bench-e2e-probe-"))
    xserver = XServer(width, height).start()
    platform = Platform(folder / "platform", CenterClock.next_working_morning())
    printer, reader = Printer(), CardReader()
    process = kiosk_process(xserver, platform, printer, reader, arguments.language,
                            folder / "kiosk")
    kiosk = None
    try:
        platform.start()
        process.start()
        kiosk = Kiosk(process)
        kiosk.wait(lambda state: state.get("ready") and state.get("synced")
                   and state.get("screen") is None, "the attract screen, synced",
                   timeout=START_TIMEOUT, answer_within=START_TIMEOUT)
        print(f"kiosk {arguments.language} {width}x{height}, {arguments.asks} `state` "
              "requests a screen")
        print("| screen | widgets + Qt Quick items | snapshot on the GUI thread "
              "(median / largest) | round trip (median / largest) |")
        print("| --- | --- | --- | --- |")
        for screen, reach in screens(kiosk, reader):
            reach()
            print(measure(kiosk, screen, arguments.asks), flush=True)
    finally:
        if kiosk is not None:
            kiosk.close()
        process.stop_gracefully(20)
        reader.close()
        printer.close()
        platform.close()
        xserver.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
