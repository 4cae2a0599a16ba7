"""RSS growth of the real kiosk over 1,000 scripted resident sessions.

Each session: touch the attract screen, home, notices (list and one notice),
the catalog with a pinyin search, a matter, identify by typed ID number, the
status screen with a typed tracking number looked up on the platform, then
the session wipe. The kiosk is the real composition on a real shell with
simulated devices and the reference platform on loopback in its own process
(the screenshot script's stage), so only the kiosk's memory is measured. RSS is
read after 50 warm-up sessions and after the run;
the growth is the figure (target <= 5 MB).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screenshots import APPLY_MATTER, ID_NUMBER, kiosk_stage, settle  # noqa: E402

WARM_UP = 50
TRACKING = "RC-20261125-K01-00042"
NOTICE = json.loads((ROOT / "resources" / "demo" / "notices.json").read_text("utf-8"))[
    "notices"][0]["id"]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1_000_000


def one_session(stage: object) -> None:
    navigator = stage.navigator  # type: ignore[attr-defined]
    context = stage.context  # type: ignore[attr-defined]
    stage.ui.attract.touched.emit()  # type: ignore[attr-defined]
    navigator.go("notices")
    navigator.go("notices", {"id": NOTICE})
    navigator.go("apply")
    stage.screen("apply").search_box.setText("dbsq")  # type: ignore[attr-defined]
    navigator.go("matter", {"matter": APPLY_MATTER})
    context.session.id_number = ID_NUMBER
    navigator.go("identify", {"next": "home", "next_args": {}, "purpose": "apply"})
    navigator.go("status", {"tracking_number": TRACKING})
    settle(2)
    navigator.end_session()
    settle(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-sessions-") as folder, \
            kiosk_stage(Path(folder), separate_platform=True) as stage:
        for _ in range(WARM_UP):
            one_session(stage)
        gc.collect()
        settle()
        before = rss_mb()
        started = time.perf_counter()
        for _ in range(arguments.sessions):
            one_session(stage)
        gc.collect()
        settle()
        after = rss_mb()
        elapsed = time.perf_counter() - started
    print(f"kiosk RSS over {arguments.sessions} scripted sessions "
          f"(after {WARM_UP} warm-up sessions, {elapsed:.0f} s):")
    print(f"  RSS before {before:7.1f} MB   after {after:7.1f} MB   "
          f"growth {after - before:+.1f} MB (target <= 5 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
