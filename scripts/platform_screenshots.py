"""Screenshots of the platform's pages for people (login, fleet with its actions,
a renewal code, the audit log) with Debian's headless Chromium.

A real platform on loopback with demo data, terminals of two centers with
heartbeats (one withdrawn), and accounts; each page is fetched as a signed-in
person would get it and photographed at 1920x1080 and 1366x768.

    .venv/bin/python scripts/platform_screenshots.py [--out /tmp/platform-shots]
"""

from __future__ import annotations

import argparse
import base64
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.protocol import signing  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from sync.server import enrollment, operators  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.operators import OperatorRole  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

PASSWORD = "demo password 2026"
SIZES = [(1920, 1080), (1366, 768)]


def beat(http: httpx.Client, terminal_id: str, key: bytes, role: Role, backlog: int,
         printer: str) -> None:
    body = httpx.Request("POST", "/", json={
        "version": "1.4.2", "role": role.value, "backlog": backlog, "dead_letters": 0,
        "free_disk_bytes": 41 * 1024**3,
        "devices": {"printer": {"state": printer, "reason": "paper out" if printer != "ready"
                                else ""}, "card_reader": {"state": "ready"}}}).content
    headers = signing.signed_headers(terminal_id, key, "POST", "/v1/heartbeat", body,
                                     int(time.time()))
    http.post("/v1/heartbeat", content=body,
              headers={**headers, "Content-Type": "application/json"}).raise_for_status()


def populate(platform: PlatformProcess, http: httpx.Client) -> str:
    """Terminals of C001 and C002 with heartbeats; one withdrawn. A C001 kiosk's id."""
    engine = make_engine(platform.database_url)
    first = ""
    try:
        operators.add_user(engine, "admin", PASSWORD, OperatorRole.PLATFORM_ADMIN, None)
        operators.add_user(engine, "manager", PASSWORD, OperatorRole.CENTER_MANAGER, "C001")
        for n, (center, role, printer) in enumerate([
                ("C001", Role.KIOSK, "ready"), ("C001", Role.KIOSK, "offline"),
                ("C001", Role.COUNTER, "ready"), ("C001", Role.DISPLAY, "ready"),
                ("C002", Role.KIOSK, "degraded"), ("C002", Role.COUNTER, "ready")]):
            code = enrollment.issue_code(engine, center, role)
            answer = http.post("/v1/enroll", json={"code": code,
                                                   "hostname": f"{center.lower()}-{n}"}).json()
            key = base64.urlsafe_b64decode(answer["key"])
            beat(http, answer["terminal_id"], key, role, n * 3, printer)
            first = first or answer["terminal_id"]
            if n == 1:
                enrollment.revoke(engine, answer["terminal_id"])
    finally:
        engine.dispose()
    return first


def shoot(chromium: str, html: str, out: Path, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / f"{name}.html"
        page.write_text(html, "utf-8")
        for width, height in SIZES:
            target = out / f"{name}-{width}x{height}.png"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--window-size={width},{height}",
                            f"--screenshot={target}", page.as_uri()],
                           check=True, capture_output=True, timeout=120)
            print(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/platform-shots"))
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, \
            PlatformProcess(f"sqlite:///{Path(folder) / 'platform.db'}") as platform, \
            httpx.Client(base_url=platform.url, timeout=30) as http:
        kiosk = populate(platform, http)
        shoot(chromium, http.get("/login").text, args.out, "login")
        for person in ("admin", "manager"):
            http.cookies.clear()
            http.post("/login", data={"username": person, "password": PASSWORD})
            shoot(chromium, http.get("/fleet").text, args.out, f"fleet-{person}")
        page = http.get("/fleet").text
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        renewal = http.post(f"/fleet/terminals/{kiosk}/rotate-key", data={"csrf": csrf})
        shoot(chromium, renewal.text, args.out, "renewal-code")
        http.cookies.clear()
        http.post("/login", data={"username": "admin", "password": PASSWORD})
        shoot(chromium, http.get("/audit").text, args.out, "audit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
