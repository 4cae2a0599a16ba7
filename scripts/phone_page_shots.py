"""Screenshots of the public pages a slip's QR opens, on a phone-sized screen
(390x844) in headless Chromium, both languages, from a real platform on
loopback with the demo data:

* status-page: a kiosk application accepted with a material to follow,
  supplied, worked on and completed (`/a/<number>`);
* ticket-page: the third of three tickets issued at a kiosk, two ahead of it
  (`/q/<day>/<number>`);
* booking-page: a booking of the next working day (`/b/<code>`);

each opened at the address its slip's QR encodes (`terminal.slips`).

    .venv/bin/python scripts/phone_page_shots.py [--out docs/screenshots]
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
from typing import Any

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
from terminal.slips import (  # noqa: E402
    booking_url,
    configure_status_links,
    status_url,
    ticket_url,
)

SIZE = "390,844"
NUMBER = "RC-20261203-K01-00042"

Terminal = tuple[str, bytes]


def _enroll(url: str, engine: Any, role: Role) -> Terminal:
    code = enrollment.issue_code(engine, "C001", role)
    body = httpx.post(f"{url}/v1/enroll", json={"code": code}, timeout=10).json()
    return body["terminal_id"], base64.urlsafe_b64decode(body["key"])


def _send(url: str, terminal: Terminal, path: str, payload: dict[str, Any]) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(*terminal, "POST", path, body, int(time.time()))
    return httpx.post(url + path, content=body, timeout=10,
                      headers={**headers, "Content-Type": "application/json"})


def _deliver(url: str, terminal: Terminal, *payloads: tuple[datetime, dict[str, Any]]) -> None:
    answer = _send(url, terminal, "/v1/transactions/batch", {"items": [
        {"id": str(uuid.uuid4()), "seq": 1, "created_at": at.isoformat(), "payload": payload}
        for at, payload in payloads]})
    statuses = [result["status"] for result in answer.json()["results"]]
    assert statuses == ["accepted"] * len(payloads), answer.text


def _next_working_day() -> date:
    day = datetime.now(ZONE).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _completed_case(url: str, kiosk: Terminal, counter: Terminal) -> None:
    start = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
    clerk = {"staff_no": "1001", "window": "3"}
    _deliver(url, kiosk, (start, {
        "kind": "application", "tracking_number": NUMBER, "matter_code": "MZ-003",
        "channel": "kiosk", "applicant": {"name": "王小明"}}))
    step = {"kind": "case_progress", "tracking_number": NUMBER, **clerk}
    _deliver(url, counter,
             (start + timedelta(hours=1), {
                 "kind": "acceptance", "tracking_number": NUMBER, "matter_code": "MZ-003",
                 "outcome": "accepted", "applicant": {"name": "王小明"},
                 "materials_promised": ["HARDSHIP"], **clerk}),
             (start + timedelta(days=1), {**step, "action": "materials_supplied",
                                          "materials": ["HARDSHIP"]}),
             (start + timedelta(days=1, hours=2), {**step, "action": "in_progress"}),
             (start + timedelta(days=3), {**step, "action": "completed",
                                          "result": "approved"}))


def _ticket_and_booking(url: str, kiosk: Terminal) -> tuple[str, str]:
    """The third of three tickets and a booking: their pages' addresses."""
    for _ in range(3):
        ticket = _send(url, kiosk, "/v1/queue/tickets", {
            "category": "A", "client_ref": str(uuid.uuid4())}).json()
    issued = datetime.fromisoformat(ticket["issued_at"]).astimezone(ZONE)
    start, end = DEFAULT_RULE.slots(_next_working_day())[0]
    booking = f"BK-{start:%Y%m%d}-K01-0007"
    _deliver(url, kiosk, (datetime.now(UTC), {
        "kind": "booking", "booking_code": booking, "matter_code": "RS-006",
        "slot_start": start.isoformat(), "slot_end": end.isoformat(),
        "applicant": {"name": "王小明"}}))
    return ticket_url(issued.date(), ticket["number"]), booking_url(booking)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
            configure_status_links(platform.url + "/a/",
                                   PlatformClient(platform.url, *kiosk).status_check_code)
            _completed_case(platform.url, kiosk, counter)
            ticket, booking = _ticket_and_booking(platform.url, kiosk)
            pages = {"status-page": status_url(NUMBER), "ticket-page": ticket,
                     "booking-page": booking}
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
