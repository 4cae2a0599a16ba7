"""Screenshots of the pages a queue ticket's and a booking slip's QR open, on a
phone-sized screen (390x844) in headless Chromium, both languages: a real
platform on loopback with the demo data, three tickets issued at a kiosk (the
shot is of the third, two ahead of it) and a booking, opened at the addresses
their slips' QR codes encode (`terminal.slips`).

    .venv/bin/python scripts/slip_page_shots.py [--out docs/screenshots]
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.client import PlatformClient  # noqa: E402
from sync.protocol import signing  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from sync.server import enrollment  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402
from sync.server.queue.bookings import DEFAULT_RULE  # noqa: E402
from sync.server.queue.core import ZONE  # noqa: E402
from terminal.slips import booking_url, configure_status_links, ticket_url  # noqa: E402

SIZE = "390,844"


def _send(url: str, kiosk: tuple[str, bytes], path: str, payload: dict) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(*kiosk, "POST", path, body, int(time.time()))
    return httpx.post(url + path, content=body, timeout=10,
                      headers={**headers, "Content-Type": "application/json"})


def _next_working_day() -> date:
    day = datetime.now(ZONE).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


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
            code = enrollment.issue_code(engine, "C001", Role.KIOSK)
            body = httpx.post(f"{platform.url}/v1/enroll", json={"code": code},
                              timeout=10).json()
            kiosk = (body["terminal_id"], base64.urlsafe_b64decode(body["key"]))
            client = PlatformClient(platform.url, *kiosk)
            configure_status_links(platform.url + "/a/", client.status_check_code)
            for _ in range(3):
                ticket = _send(platform.url, kiosk, "/v1/queue/tickets", {
                    "category": "A", "client_ref": str(uuid.uuid4())}).json()
            issued = datetime.fromisoformat(ticket["issued_at"]).astimezone(ZONE)
            start, end = DEFAULT_RULE.slots(_next_working_day())[0]
            booking = f"BK-{start:%Y%m%d}-K01-0007"
            answer = _send(platform.url, kiosk, "/v1/transactions/batch", {"items": [{
                "id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
                "payload": {"kind": "booking", "booking_code": booking,
                            "matter_code": "RS-006", "slot_start": start.isoformat(),
                            "slot_end": end.isoformat(), "applicant": {"name": "王小明"}}}]})
            assert answer.json()["results"][0]["status"] == "accepted", answer.text
            pages = {"ticket-page": ticket_url(issued.date(), ticket["number"]),
                     "booking-page": booking_url(booking)}
            args.out.mkdir(parents=True, exist_ok=True)
            for name, url in pages.items():
                for language, lang in (("zh_CN", "zh"), ("en", "en")):
                    target = args.out / f"{name}-{language}-390x844.png"
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
