"""`make chaos`: 10,000 transactions from a terminal process SIGKILLed at
random moments (≥ 50 times) while the platform restarts (≥ 10 times).

The last line reads
`chaos: submitted=N acknowledged=N at_platform=N lost=0 duplicated=0 dead=0`:
submitted = applications committed on the terminal, acknowledged = those the
terminal holds as delivered, at_platform = distinct applications the
platform stored; lost counts any committed or told-done application missing
at the platform, duplicated any stored more than once.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.client import PlatformClient  # noqa: E402
from sync.crypto import KEY_BYTES  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402


def enroll(platform: PlatformProcess, folder: Path) -> None:
    code = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db", platform.database_url,
         "--center", "C001", "--role", "kiosk"], check=True, capture_output=True, text=True,
    ).stdout.strip()
    answer = PlatformClient.enroll(platform.url, code)
    (folder / "credentials.json").write_text(json.dumps({
        "terminal_id": answer.terminal_id, "key": answer.key,
        "data_key": base64.b64encode(random.randbytes(KEY_BYTES)).decode(),
    }))


def start_terminal(folder: Path, url: str, count: int) -> subprocess.Popen[bytes]:
    log = open(folder / "terminal.log", "ab")  # noqa: SIM115 - the child owns it
    try:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "chaos_terminal.py"), "--dir", str(folder),
             "--url", url, "--count", str(count)], stdout=log, stderr=subprocess.STDOUT)
    finally:
        log.close()


def count_results(folder: Path, platform_db: Path) -> dict[str, int]:
    with sqlite3.connect(folder / "terminal.db") as terminal:
        committed = {int(json.loads(p)["tracking_number"][-6:])
                     for (p,) in terminal.execute("SELECT payload FROM records")}
        delivered = terminal.execute(
            "SELECT count(*) FROM outbox WHERE state = 'delivered'").fetchone()[0]
        dead = terminal.execute("SELECT count(*) FROM outbox WHERE state = 'dead'").fetchone()[0]
    with sqlite3.connect(platform_db) as platform:
        stored = Counter(int(json.loads(p)["payload"]["tracking_number"][-6:])
                         for (p,) in platform.execute("SELECT payload FROM stored_transaction"))
    told = {int(line) for line in (folder / "told_done.log").read_text().split()}
    return {
        "submitted": len(committed), "acknowledged": delivered, "at_platform": len(stored),
        "lost": len((committed | told) - set(stored)),
        "duplicated": sum(n - 1 for n in stored.values() if n > 1), "dead": dead,
        "told_done": len(told),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--platform-restarts", type=int, default=10)
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "chaos")
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    shutil.rmtree(arguments.dir, ignore_errors=True)
    folder = arguments.dir / "terminal"
    folder.mkdir(parents=True)
    platform_db = arguments.dir / "platform.db"
    platform = PlatformProcess(f"sqlite:///{platform_db}", demo_data=ROOT / "resources" / "demo",
                               log_path=arguments.dir / "platform.log")
    platform.start()
    enroll(platform, folder)
    kills = restarts = 0
    started = time.monotonic()
    terminal = start_terminal(folder, platform.url, arguments.count)
    try:
        while kills < arguments.kills or restarts < arguments.platform_restarts:
            time.sleep(rng.uniform(0.1, 0.9))
            if terminal.poll() is not None:
                print(f"chaos: the terminal finished early after {kills} kills; "
                      f"raise --count", file=sys.stderr)
                break
            if kills < arguments.kills:
                terminal.send_signal(signal.SIGKILL)
                terminal.wait()
                kills += 1
                terminal = start_terminal(folder, platform.url, arguments.count)
            if restarts < arguments.platform_restarts and rng.random() < 0.3:
                platform.restart(kill=rng.random() < 0.5)
                restarts += 1
            print(f"chaos: kills={kills} platform_restarts={restarts}", flush=True)
        code = terminal.wait(timeout=900)
    finally:
        if terminal.poll() is None:
            terminal.kill()
        platform.stop()
    figures = count_results(folder, platform_db)
    elapsed = time.monotonic() - started
    print(f"chaos: terminal exit {code}, {kills} SIGKILLs, {restarts} platform restarts, "
          f"{figures['told_done']} told done, {elapsed:.0f} s")
    print(f"chaos: submitted={figures['submitted']} acknowledged={figures['acknowledged']} "
          f"at_platform={figures['at_platform']} lost={figures['lost']} "
          f"duplicated={figures['duplicated']} dead={figures['dead']}")
    ok = (code == 0 and kills >= arguments.kills and restarts >= arguments.platform_restarts
          and figures["lost"] == figures["duplicated"] == figures["dead"] == 0
          and figures["submitted"] == figures["acknowledged"] == figures["at_platform"]
          == arguments.count)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
