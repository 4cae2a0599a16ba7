"""A short seeded random-touch soak of each program (scripts/soak.py at length):
the kiosk in Chinese on its portrait screen, the counter in English, each a
minute of taps on what the screen shows (and the card reader, the platform
stopped and back, waits for the idle wipe, the clerk's keys), then a normal
flow to the end and every promise found on the platform. A failure names the
seed and the last steps (`scripts/soak.py --seed N` replays the draw)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.kiosk import SHOTS
from tests.e2e.peers import faketime_library
from tests.e2e.soak_rig import SoakApp
from tests.e2e.soak_run import Soak
from tests.e2e.xserver import missing_tools

#: (app, language, seed): fixed, so a failure here is replayed by its seed
RUNS = [("kiosk", "zh_CN", 1), ("counter", "en", 2)]
SECONDS = float(os.environ.get("RECEPTION_SOAK_SECONDS", "60"))


@pytest.mark.parametrize(("app", "language", "seed"), RUNS, ids=lambda v: str(v))
def test_a_minute_of_random_touches(app: str, language: str, seed: int) -> None:
    missing = missing_tools() + ([] if faketime_library() else ["libfaketime"])
    if missing:
        pytest.skip(f"the soak needs {', '.join(missing)}")
    running = SoakApp(app, language)
    soak = Soak(running, seed, say=lambda _line: None)
    SHOTS.mkdir(parents=True, exist_ok=True)
    trace = SHOTS / f"soak-{app}-{language}-{seed}.jsonl"
    trace.unlink(missing_ok=True)
    soak.trace_path = trace
    failed = True
    try:
        running.start()
        summary = soak.run(SECONDS)
        failed = False
    finally:
        code = running.close(keep=failed)
        if failed:
            print(f"soak: kept {running.folder}; trace {trace}")
    assert summary["steps"] > 20, summary
    assert code == 0, f"the {app} did not exit cleanly on SIGTERM (exit status {code})"
