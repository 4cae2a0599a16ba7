"""Screenshots of the public status page on a phone-sized screen (390x844) in
headless Chromium, both languages: a real platform on loopback with the demo
data, a kiosk application accepted with a material to follow, supplied,
worked on and completed, opened at the address its slip's QR encodes.

    .venv/bin/python scripts/status_page_shots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.protocol import signing  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from sync.protocol.status_check import check_code  # noqa: E402
from sync.server import enrollment  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

NUMBER = "RC-20261203-K01-00042"
SIZE = "390,844"


def _enroll(url: str, engine: object, role: Role) -> tuple[str, bytes]:
    code = enrollment.issue_code(engine, "C001", role)  # type: ignore[arg-type]
    body = httpx.post(f"{url}/v1/enroll", json={"code": code}, timeout=10).json()
    return body["terminal_id"], base64.urlsafe_b64decode(body["key"])


def _deliver(url: str, terminal: tuple[str, bytes], *payloads: tuple[datetime, dict]) -> None:
    items = [{"id": str(uuid.uuid4()), "seq": 1, "created_at": at.isoformat(),
              "payload": payload} for at, payload in payloads]
    body = json.dumps({"items": items}).encode()
    path = "/v1/transactions/batch"
    headers = signing.signed_headers(*terminal, "POST", path, body, int(time.time()))
    answer = httpx.post(url + path, content=body, timeout=10,
                        headers={**headers, "Content-Type": "application/json"})
    statuses = [result["status"] for result in answer.json()["results"]]
    assert statuses == ["accepted"] * len(payloads), answer.text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/platform.db"
        platform = PlatformProcess(db_url, demo_data=ROOT / "resources" / "demo")
        platform.start()
        engine = make_engine(db_url)
        try:
            kiosk = _enroll(platform.url, engine, Role.KIOSK)
            counter = _enroll(platform.url, engine, Role.COUNTER)
            start = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
            clerk = {"staff_no": "1001", "window": "3"}
            _deliver(platform.url, kiosk, (start, {
                "kind": "application", "tracking_number": NUMBER, "matter_code": "MZ-003",
                "channel": "kiosk", "applicant": {"name": "王小明"}}))
            step = {"kind": "case_progress", "tracking_number": NUMBER, **clerk}
            _deliver(platform.url, counter,
                     (start + timedelta(hours=1), {
                         "kind": "acceptance", "tracking_number": NUMBER,
                         "matter_code": "MZ-003", "outcome": "accepted",
                         "applicant": {"name": "王小明"}, "materials_promised": ["HARDSHIP"],
                         **clerk}),
                     (start + timedelta(days=1), {**step, "action": "materials_supplied",
                                                  "materials": ["HARDSHIP"]}),
                     (start + timedelta(days=1, hours=2), {**step, "action": "in_progress"}),
                     (start + timedelta(days=3), {**step, "action": "completed",
                                                  "result": "approved"}))
            url = f"{platform.url}/a/{NUMBER}?c={check_code(kiosk[1], NUMBER)}"
            args.out.mkdir(parents=True, exist_ok=True)
            for language, lang in (("zh_CN", "zh"), ("en", "en")):
                target = args.out / f"status-page-{language}-390x844.png"
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                "--hide-scrollbars", f"--window-size={SIZE}",
                                f"--screenshot={target}", f"{url}&lang={lang}"],
                               check=True, capture_output=True, timeout=120)
                print(target)
        finally:
            engine.dispose()
            platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
