"""scripts/load.py (make load) runs its phases against a real platform and
reports each without errors (its figures are not judged here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_short_load_run_reports_every_phase_without_errors() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "load.py"), "--seconds", "0.5",
         "--terminals", "6", "--concurrency", "2", "--counters", "2", "--displays", "3",
         "--hot", "2", "--push", "notify"],
        capture_output=True, text=True, timeout=300, check=True)
    lines = run.stdout.splitlines()
    for phase in ("heartbeat", "ticket issue", "queue state (GET)", "batch (1 application)",
                  "call-next x2", "call-to-event (notify)"):
        line = next((line for line in lines if line.startswith(phase)), None)
        assert line is not None, run.stdout
        counted = re.search(r"(\d+) ok +(\d+) errors", line)
        assert counted is not None and int(counted[1]) > 0 and counted[2] == "0", line
    assert any(line.startswith("3 idle streams (notify)") for line in lines), run.stdout
    assert "server CPU" in next(line for line in lines if line.startswith("heartbeat"))


def test_phases_runs_only_the_phases_named() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "load.py"), "--seconds", "0.5",
         "--terminals", "4", "--concurrency", "2", "--counters", "2",
         "--phases", "heartbeat,call-next"],
        capture_output=True, text=True, timeout=300, check=True)
    phases = [line[:22].strip() for line in run.stdout.splitlines()[2:]]
    assert phases == ["heartbeat", "ticket issue", "call-next x2"], run.stdout
