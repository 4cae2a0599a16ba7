"""How long the kiosk's GUI thread is held by a tap on "High contrast" or "Large
text" (a restyle of the whole kiosk), on a real display: the kiosk as the soak
runs it (its own process on Xvfb, xcb, with the platform, printer and card
reader of tests/e2e), each switch tapped through XTest --taps times on the
attract screen, the home screen and the catalog, each tap followed by a probe
`ping` whose round trip is the time the GUI thread took to come back.

    .venv/bin/python scripts/bench_restyle.py [--taps 6] [--language zh_CN]

Prints one line per screen: median and largest round trip, in seconds, and for
the largest the switch and the kernel's account of the kiosk's threads meanwhile
(tests/e2e/stalls.py: the GUI thread's time on a CPU and waiting for one, its
other threads' time on a CPU).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.probe import ProbeConnection  # noqa: E402
from tests.e2e.soak_rig import KIOSK_SIZES, SoakApp  # noqa: E402

SWITCHES = ("highContrastButton", "largeTextButton")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--taps", type=int, default=6, help="taps on each switch a screen")
    parser.add_argument("--language", choices=sorted(KIOSK_SIZES), default="zh_CN")
    arguments = parser.parse_args()
    app = SoakApp("kiosk", arguments.language).start()
    kiosk = app.driver
    kiosk.watchdog.stop()  # the pings here are the measurement
    connection = ProbeConnection(app.process.probe_path)
    width, height = app.size

    def centre(name: str) -> tuple[int, int]:
        widget = next(w for w in kiosk.state(30)["widgets"] if w["name"] == name)
        x, y, w, h = widget["rect"]
        return x + w // 2, y + h // 2

    def taps(screen: str) -> None:
        held: list[tuple[float, str, str]] = []
        for _ in range(arguments.taps):
            for name in SWITCHES:
                window = kiosk.witness.begin()
                kiosk.tap_at(*centre(name))
                started = time.monotonic()
                connection.ask("ping", 60)
                took = time.monotonic() - started
                held.append((took, name, kiosk.witness.excuse(window, time.monotonic()).account))
        took, name, account = max(held)
        print(f"{screen}: {len(held)} taps, GUI back after median "
              f"{statistics.median(t for t, _, _ in held):.2f} s, largest {took:.2f} s "
              f"({name}; {account})", flush=True)

    try:
        time.sleep(10)  # past start-up's own work
        taps("attract")
        kiosk.tap_at(width // 2, height // 2)
        kiosk.wait_screen("home")
        taps("home")
        kiosk.tap_at(*centre("tile_apply"))
        kiosk.wait_screen("apply")
        taps("catalog")
    finally:
        connection.close()
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
