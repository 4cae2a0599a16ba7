"""`make chaos`: 10,000 applications from a headless kiosk process that submits
through `SyncBridge`, SIGKILLed at random moments of steady submitting (≥ 50
times; each kill time drawn from the --window seconds after the terminal
reports itself ready), while the platform is SIGKILLed and restarted (≥ 10
times). Kills go on until --until of the applications were told done, so the
final, never-killed process does little of the work.

Before the last line: `chaos: kills=N in_flight=M`, M counting the kills that
landed while a submit was in flight (the terminal's `in_flight` marker,
written before the submit and removed after its answer, was there). The last
line reads
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
import threading
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


def in_flight_at_kill(folder: Path) -> tuple[bool, bool]:
    """After a kill: was a submit in flight (its marker there, its answer not logged),
    and had its commit already happened (the answer was on its way)?"""
    marker = folder / "in_flight"
    if not marker.exists():
        return False, False
    written = marker.read_text().strip()
    if not written:  # killed while writing it: the submit had not been called yet
        return False, False
    number = int(written)
    if str(number) in (folder / "told_done.log").read_text().split():
        return False, False
    with sqlite3.connect(folder / "terminal.db") as terminal:
        committed = terminal.execute("SELECT count(*) FROM records WHERE payload LIKE ?",
                                     (f'%"RC-20261125-CHAOS-{number:06d}"%',)).fetchone()[0]
    return True, committed > 0


def told_count(folder: Path) -> int:
    told = folder / "told_done.log"
    return len(told.read_bytes().split()) if told.exists() else 0


def wait_ready(folder: Path, terminal: subprocess.Popen[bytes], timeout: float = 60.0) -> bool:
    """True once the terminal reports itself ready (submitting steadily); False when it
    ended first (all submitted, or it failed)."""
    ready = folder / "ready"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if terminal.poll() is not None:
            return False
        if ready.exists() and ready.read_text().strip() == str(terminal.pid):
            return True
        time.sleep(0.005)
    raise TimeoutError("the terminal did not report itself ready")


def window(arguments: argparse.Namespace, kills: int, told: int, rate: float) -> float:
    """The longest kill time after ready: --window, shortened so that the kills still
    due fit into the applications left (at the rate seen so far)."""
    if rate <= 0 or kills >= arguments.kills:
        return arguments.window
    per_life = (arguments.until * arguments.count - told) / (arguments.kills - kills)
    return max(0.05, min(arguments.window, 2 * per_life / rate))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--min-in-flight", type=int, default=30)
    parser.add_argument("--platform-restarts", type=int, default=10)
    parser.add_argument("--window", type=float, default=2.5,
                        help="kill times are drawn from at most (0, WINDOW] s after ready")
    parser.add_argument("--until", type=float, default=0.9,
                        help="keep killing until this share of --count was told done")
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
    kills = in_flight = answer_pending = restarts = 0
    steady_seconds, steady_told = 0.0, 0  # for the rate of submitting after ready
    restarting: threading.Thread | None = None
    started = time.monotonic()
    try:
        while True:
            (folder / "ready").unlink(missing_ok=True)
            before_life = told_count(folder)
            terminal = start_terminal(folder, platform.url, arguments.count)
            more = (kills < arguments.kills or in_flight < arguments.min_in_flight
                    or told_count(folder) < arguments.until * arguments.count)
            if not more or not wait_ready(folder, terminal):
                break
            left = arguments.platform_restarts - restarts
            idle = restarting is None or not restarting.is_alive()
            if left > 0 and idle and (rng.random() < 0.4 or left >= arguments.kills - kills):
                # while the terminal submits: SIGKILL, then start again on the same port
                restarting = threading.Thread(target=platform.restart, kwargs={"kill": True})
                restarting.start()
                restarts += 1
            delay = rng.uniform(0.0, window(arguments, kills, told_count(folder),
                                            steady_told / steady_seconds if steady_told else 0))
            try:
                terminal.wait(timeout=delay)
                break  # it submitted everything before its kill time: it was the final one
            except subprocess.TimeoutExpired:
                terminal.send_signal(signal.SIGKILL)
                terminal.wait()
            steady_seconds += delay
            steady_told += told_count(folder) - before_life
            kills += 1
            flying, committed = in_flight_at_kill(folder)
            in_flight += flying
            answer_pending += committed
            print(f"chaos: kills={kills} in_flight={in_flight} platform_restarts={restarts} "
                  f"told_done={told_count(folder)}", flush=True)
        if restarting is not None:
            restarting.join()
        code = terminal.wait(timeout=900)
    finally:
        if terminal.poll() is None:
            terminal.kill()
        if restarting is not None:
            restarting.join()
        platform.stop(kill=True)
    figures = count_results(folder, platform_db)
    elapsed = time.monotonic() - started
    print(f"chaos: terminal exit {code}, {kills} SIGKILLs, {restarts} platform SIGKILLs and "
          f"restarts, {figures['told_done']} told done, "
          f"{arguments.count - before_life} by the final, never-killed process, {elapsed:.0f} s")
    print(f"chaos: of the kills in flight, {answer_pending} came after the commit, "
          f"before the answer reached the kiosk")
    print(f"chaos: kills={kills} in_flight={in_flight}")
    print(f"chaos: submitted={figures['submitted']} acknowledged={figures['acknowledged']} "
          f"at_platform={figures['at_platform']} lost={figures['lost']} "
          f"duplicated={figures['duplicated']} dead={figures['dead']}")
    ok = (code == 0 and kills >= arguments.kills and in_flight >= arguments.min_in_flight
          and restarts >= arguments.platform_restarts
          and figures["lost"] == figures["duplicated"] == figures["dead"] == 0
          and figures["submitted"] == figures["acknowledged"] == figures["at_platform"]
          == arguments.count)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
