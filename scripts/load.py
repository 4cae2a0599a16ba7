"""`make load`: simulated terminals against a real platform, with throughput,
p50/p99 latencies and the server's CPU per request.

Starts `reception-platform serve` (or uses --url, a platform already serving
--db), enrolls the terminals through /v1/enroll and signs every request as
the terminals do (sync.protocol.signing). Phases, each --seconds long:

- heartbeats: every terminal's POST /v1/heartbeat, --concurrency at a time;
- healthz: GET /healthz, the terminals' link probe;
- tickets: kiosks issue numbers (POST /v1/queue/tickets), one center;
- queue state: GET /v1/queue/state of that center (what kiosks and counters poll);
- batches: kiosks deliver one-application batches (POST /v1/transactions/batch);
- call-next: --counters counters of that center call at the same moment, round
  after round, until the queue is empty (every ticket called once);
- hall: --displays hall displays (one per center) stream /v1/queue/events;
  first idle (the platform's CPU they cost), then counters call in --hot
  centers and each call's time to reach its display's stream is taken, from
  the call's request (call-to-event) and from its answer (the commit).
  With --push both (default) the hall phase runs against a platform pushing
  by LISTEN/NOTIFY and again against one polling every 0.5 s.

`--phases heartbeat,call-next` runs only those (call-next issues its tickets
first).

Server CPU is read from /proc: the platform's processes (uvicorn and its
workers) and, on PostgreSQL, the backends of the database's connections.

    .venv/bin/python scripts/load.py --db postgresql+psycopg://USER:PW@127.0.0.1/DB
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sync.protocol.models import Catalog, Department, Matter, Role  # noqa: E402
from sync.protocol.queue import QueueCategoryList  # noqa: E402
from sync.protocol.signing import signed_headers  # noqa: E402
from sync.server import documents, enrollment  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.process import free_port  # noqa: E402
from sync.server.queue.hall_push import MODE_ENV  # noqa: E402

MATTER = "LOAD-1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HEARTBEAT = json.dumps({"version": "load", "role": "kiosk", "backlog": 0, "dead_letters": 0,
                        "free_disk_bytes": 10**10}).encode()


# ---------------------------------------------------------------- server CPU
def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _children(root: int) -> list[int]:
    tree, found = {root}, True
    while found:
        found = False
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in tree:
                continue
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            if parent in tree:
                tree.add(int(entry.name))
                found = True
    return sorted(tree)


@dataclass
class CpuMeter:
    """CPU seconds of the platform's processes and of its PostgreSQL backends."""

    platform_pid: int | None
    db_url: str

    def _pids(self) -> tuple[list[int], list[int]]:
        platform = _children(self.platform_pid) if self.platform_pid else []
        backends: list[int] = []
        if self.db_url.startswith("postgresql"):
            from sqlalchemy import text

            engine = make_engine(self.db_url)
            with engine.connect() as connection:
                backends = list(connection.scalars(text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()")))
            engine.dispose()
        return platform, backends

    def read(self) -> dict[str, dict[int, float]]:
        platform, backends = self._pids()
        return {"platform": {pid: _cpu_seconds(pid) for pid in platform},
                "postgres": {pid: _cpu_seconds(pid) for pid in backends}}

    @staticmethod
    def spent(before: dict[str, dict[int, float]],
              after: dict[str, dict[int, float]]) -> dict[str, float]:
        return {side: sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items())
                for side in after}


# ---------------------------------------------------------------- terminals
@dataclass
class Terminal:
    id: str
    key: bytes
    center: str
    role: Role

    def headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        headers = signed_headers(self.id, self.key, method, path, body, int(time.time()))
        headers["Content-Type"] = "application/json"
        return headers


@dataclass
class Latencies:
    name: str
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def line(self, cpu: dict[str, float] | None = None) -> str:
        count = len(self.seconds)
        rate = count / self.elapsed if self.elapsed else 0.0
        text = (f"{self.name:<22} {count:>6} ok {self.errors:>4} errors {rate:>8.1f}/s  "
                f"p50 {1000 * self.percentile(0.5):7.1f} ms  "
                f"p99 {1000 * self.percentile(0.99):7.1f} ms")
        if cpu is not None and count:
            text += (f"  server CPU {1000 * cpu['platform'] / count:.2f} ms/req"
                     + (f" + PostgreSQL {1000 * cpu['postgres'] / count:.2f} ms/req"
                        if cpu["postgres"] else ""))
        return text


async def post(http: httpx.AsyncClient, terminal: Terminal, path: str,
               body: bytes) -> httpx.Response:
    return await http.post(path, content=body, headers=terminal.headers("POST", path, body))


async def timed(result: Latencies, call: Callable[[], Awaitable[httpx.Response]],
                ok: tuple[int, ...] = (200, 204)) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        answer = await call()
    except httpx.HTTPError:
        result.errors += 1
        return None
    if answer.status_code in ok:
        result.seconds.append(time.perf_counter() - started)
    else:
        result.errors += 1
    return answer


async def for_seconds(seconds: float, workers: int,
                      step: Callable[[int, int], Awaitable[bool]]) -> float:
    """Run `workers` loops of step(worker, n) until `seconds` pass or a step says stop."""
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    async def loop(worker: int) -> None:
        n = 0
        while time.perf_counter() < deadline and await step(worker, n):
            n += 1

    await asyncio.gather(*(loop(worker) for worker in range(workers)))
    return time.perf_counter() - started


# ---------------------------------------------------------------- the run
@dataclass
class Setup:
    base_url: str
    db_url: str
    meter: CpuMeter
    seconds: float
    concurrency: int


def prepare(db_url: str) -> None:
    engine = make_engine(db_url)
    raw = (REPO / "resources" / "demo" / "queue_categories.json").read_bytes()
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(raw))
    documents.put_document(engine, "catalog", Catalog(
        departments=[Department(code="D", name_zh="部门", name_en="Department")],
        matters=[Matter(code=MATTER, name_zh="负载", name_en="Load", department="D",
                        category="load", handling="immediate")]))
    engine.dispose()


async def enroll(http: httpx.AsyncClient, db_url: str,
                 wanted: list[tuple[str, Role]]) -> list[Terminal]:
    engine = make_engine(db_url)
    codes = [(center, role, enrollment.issue_code(engine, center, role))
             for center, role in wanted]
    engine.dispose()
    terminals = []
    for center, role, code in codes:
        answer = (await http.post("/v1/enroll", json={"code": code})).json()
        terminals.append(Terminal(answer["terminal_id"], base64.urlsafe_b64decode(answer["key"]),
                                  center, role))
    return terminals


async def measured(setup: Setup, run: Callable[[], Awaitable[Latencies]]) -> str:
    before = setup.meter.read()
    result = await run()
    return result.line(CpuMeter.spent(before, setup.meter.read()))


async def phase_heartbeats(setup: Setup, http: httpx.AsyncClient,
                           terminals: list[Terminal]) -> str:
    result = Latencies("heartbeat")

    async def step(worker: int, n: int) -> bool:
        terminal = terminals[(worker + n * setup.concurrency) % len(terminals)]
        await timed(result, lambda: post(http, terminal, "/v1/heartbeat", HEARTBEAT))
        return True

    async def run() -> Latencies:
        result.elapsed = await for_seconds(setup.seconds, setup.concurrency, step)
        return result

    return await measured(setup, run)


def ticket_body() -> bytes:
    return json.dumps({"category": "A", "priority": None,
                       "client_ref": str(uuid.uuid4())}).encode()


def batch_body(terminal: Terminal, n: int) -> bytes:
    return json.dumps({"items": [{
        "id": str(uuid.uuid4()), "seq": n + 1, "created_at": datetime.now(UTC).isoformat(),
        "payload": {"kind": "application", "tracking_number": f"L{uuid.uuid4().hex[:12]}",
                    "matter_code": MATTER, "channel": "kiosk",
                    "applicant": {"name": "Load", "id_number": "110101199001011234"},
                    "fields": {"purpose": "load"}}}]}).encode()


async def phase_tickets(setup: Setup, http: httpx.AsyncClient, kiosks: list[Terminal],
                        most: int) -> str:
    result = Latencies("ticket issue")

    async def step(worker: int, n: int) -> bool:
        await timed(result, lambda: post(http, kiosks[worker % len(kiosks)],
                                         "/v1/queue/tickets", ticket_body()))
        return len(result.seconds) < most

    async def run() -> Latencies:
        result.elapsed = await for_seconds(setup.seconds, len(kiosks), step)
        return result

    return await measured(setup, run)


async def phase_queue_state(setup: Setup, http: httpx.AsyncClient,
                            kiosks: list[Terminal]) -> str:
    """GET /v1/queue/state as kiosks and counters poll it (every 10 s and 5 s)."""
    result = Latencies("queue state (GET)")
    path = "/v1/queue/state"

    async def step(worker: int, _n: int) -> bool:
        kiosk = kiosks[worker % len(kiosks)]
        await timed(result, lambda: http.get(path, headers=kiosk.headers("GET", path, b"")))
        return True

    async def run() -> Latencies:
        result.elapsed = await for_seconds(setup.seconds, setup.concurrency, step)
        return result

    return await measured(setup, run)


async def phase_healthz(setup: Setup, http: httpx.AsyncClient) -> str:
    """GET /healthz, unsigned: every terminal's link probe (once a second while online)."""
    result = Latencies("healthz probe")

    async def step(_worker: int, _n: int) -> bool:
        await timed(result, lambda: http.get("/healthz"))
        return True

    async def run() -> Latencies:
        result.elapsed = await for_seconds(setup.seconds, setup.concurrency, step)
        return result

    return await measured(setup, run)


async def phase_batches(setup: Setup, http: httpx.AsyncClient, kiosks: list[Terminal]) -> str:
    result = Latencies("batch (1 application)")
    sequence = {kiosk.id: 10**6 for kiosk in kiosks}

    async def step(worker: int, _n: int) -> bool:
        kiosk = kiosks[worker % len(kiosks)]
        sequence[kiosk.id] += 1
        body = batch_body(kiosk, sequence[kiosk.id])
        await timed(result, lambda: post(http, kiosk, "/v1/transactions/batch", body))
        return True

    async def run() -> Latencies:
        result.elapsed = await for_seconds(setup.seconds, len(kiosks), step)
        return result

    return await measured(setup, run)


def call_body(window: str) -> bytes:
    return json.dumps({"window": window, "staff_no": "1001", "categories": []}).encode()


async def phase_call_next(setup: Setup, http: httpx.AsyncClient,
                          counters: list[Terminal]) -> str:
    """Rounds in which every counter calls at the same moment, until the queue is
    empty (each ticket called once)."""
    result = Latencies(f"call-next x{len(counters)}")

    async def one(window: int) -> int:
        answer = await timed(result, lambda: post(
            http, counters[window], "/v1/queue/call-next", call_body(str(window + 1))),
            ok=(200,))
        return answer.status_code if answer is not None else 0

    async def run() -> Latencies:
        started = time.perf_counter()
        while True:
            codes = await asyncio.gather(*(one(window) for window in range(len(counters))))
            if 204 in codes:
                result.errors -= codes.count(204)  # the queue ran empty: not errors
                break
        result.elapsed = time.perf_counter() - started
        return result

    return await measured(setup, run)


class Display:
    """One hall display's stream; records when each call reached it."""

    def __init__(self, terminal: Terminal, arrivals: dict[tuple[str, str], float]) -> None:
        self.terminal, self.arrivals = terminal, arrivals
        self.connected = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def run(self, http: httpx.AsyncClient) -> None:
        path = "/v1/queue/events"
        headers = self.terminal.headers("GET", path, b"")
        async with http.stream("GET", path, headers=headers,
                               timeout=httpx.Timeout(60.0)) as response:
            kind = ""
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    if kind == "state":
                        self.connected.set()
                    elif kind == "call":
                        number = json.loads(line[6:])["number"]
                        self.arrivals[(self.terminal.center, number)] = time.perf_counter()


async def phase_hall(setup: Setup, http: httpx.AsyncClient, displays: list[Terminal],
                     pairs: list[tuple[Terminal, Terminal]], label: str) -> list[str]:
    arrivals: dict[tuple[str, str], float] = {}
    streams = [Display(display, arrivals) for display in displays]
    for stream in streams:
        stream.task = asyncio.create_task(stream.run(http))
    lines = []
    try:
        await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in streams)), 60)
        await asyncio.sleep(1.0)  # the connection burst is over
        before, started = setup.meter.read(), time.perf_counter()
        await asyncio.sleep(setup.seconds)
        idle = CpuMeter.spent(before, setup.meter.read())
        elapsed = time.perf_counter() - started
        lines.append(f"{len(streams)} idle streams ({label}): platform "
                     f"{idle['platform'] / elapsed:.3f} core"
                     + (f" + PostgreSQL {idle['postgres'] / elapsed:.3f} core"
                        if idle["postgres"] else ""))
        prefill = Latencies("tickets to call")
        for kiosk, _counter in pairs:
            for _ in range(max(1, int(setup.seconds * 5 / len(pairs)) + 1)):
                await timed(prefill, lambda kiosk=kiosk: post(  # type: ignore[misc]
                    http, kiosk, "/v1/queue/tickets", ticket_body()))
        sent: dict[tuple[str, str], float] = {}
        answered: dict[tuple[str, str], float] = {}
        result = Latencies(f"call-to-event ({label})")

        async def step(worker: int, _n: int) -> bool:
            counter = pairs[worker][1]
            started = time.perf_counter()
            answer = await post(http, counter, "/v1/queue/call-next", call_body("1"))
            if answer.status_code != 200:
                return False
            key = (counter.center, answer.json()["number"])
            sent[key], answered[key] = started, time.perf_counter()
            await asyncio.sleep(0.2 * len(pairs))  # about five calls a second in all
            return True

        result.elapsed = await for_seconds(setup.seconds, len(pairs), step)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not set(sent) <= set(arrivals):
            await asyncio.sleep(0.05)
        result.seconds = [arrivals[key] - at for key, at in sent.items() if key in arrivals]
        result.errors = len(sent) - len(result.seconds)
        lines.append(result.line())
        after = Latencies(f"  after its answer ({label})", elapsed=result.elapsed,
                          errors=result.errors)
        after.seconds = [max(0.0, arrivals[key] - at) for key, at in answered.items()
                         if key in arrivals]
        lines.append(after.line())
    finally:
        for stream in streams:
            if stream.task is not None:
                stream.task.cancel()
        await asyncio.gather(*(s.task for s in streams if s.task), return_exceptions=True)
    return lines


async def run_all(setup: Setup, args: argparse.Namespace, push: str) -> list[str]:
    limits = httpx.Limits(max_connections=args.displays + 4 * args.concurrency + 50,
                          max_keepalive_connections=args.displays + 4 * args.concurrency + 50)
    run_id = uuid.uuid4().hex[:6]
    async with httpx.AsyncClient(base_url=setup.base_url, timeout=30, limits=limits) as http:
        busy = f"LOAD-{run_id}-BUSY"
        wanted = [(f"LOAD-{run_id}-{n % 50}", Role.KIOSK) for n in range(args.terminals)]
        wanted += [(busy, Role.KIOSK)] * 10 + [(busy, Role.COUNTER)] * args.counters
        if "hall" in args.phases:
            wanted += [(f"LOAD-{run_id}-H{n}", Role.DISPLAY) for n in range(args.displays)]
            wanted += [(f"LOAD-{run_id}-H{n}", role) for n in range(args.hot)
                       for role in (Role.KIOSK, Role.COUNTER)]
        terminals = await enroll(http, setup.db_url, wanted)
        lines = []
        phases = set(args.phases)
        kiosks = [t for t in terminals if t.center == busy and t.role == Role.KIOSK]
        counters = [t for t in terminals if t.center == busy and t.role == Role.COUNTER]
        if "heartbeat" in phases:
            lines.append(await phase_heartbeats(setup, http, terminals[:args.terminals]))
        if "healthz" in phases:
            lines.append(await phase_healthz(setup, http))
        if phases & {"tickets", "call-next"}:  # call-next calls the tickets issued here
            lines.append(await phase_tickets(setup, http, kiosks, 650))
        if "state" in phases:
            lines.append(await phase_queue_state(setup, http, kiosks))
        if "batches" in phases:
            lines.append(await phase_batches(setup, http, kiosks))
        if "call-next" in phases:
            lines.append(await phase_call_next(setup, http, counters))
        if "hall" not in phases:
            return lines
        displays = [t for t in terminals if t.role == Role.DISPLAY]
        hot = [t for t in terminals if "-H" in t.center and t.role != Role.DISPLAY]
        pairs = [(hot[2 * n], hot[2 * n + 1]) for n in range(args.hot)]
        lines += await phase_hall(setup, http, displays, pairs, push)
    return lines


@contextmanager
def platform(db_url: str, workers: int, push: str) -> Iterator[tuple[str, int]]:
    with tempfile.TemporaryDirectory() as backups:  # PostgreSQL: a pg_dump first
        subprocess.run([sys.executable, "-m", "sync.server.cli", "migrate", "--db", db_url,
                        "--backup-dir", backups], cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL)
    port = free_port()
    command = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url,
               "--port", str(port), "--workers", str(workers), "--log-level", "warning",
               "--no-access-log"]
    process = subprocess.Popen(command, env={**os.environ, MODE_ENV: push}, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the platform did not start")
            time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(30)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    return f"{os.cpu_count()} cores, {cpu}; load average {os.getloadavg()[0]:.2f} at start"


PHASES = ("heartbeat", "healthz", "tickets", "state", "batches", "call-next", "hall")


def _phases(value: str) -> list[str]:
    phases = [phase.strip() for phase in value.split(",") if phase.strip()]
    unknown = [phase for phase in phases if phase not in PHASES]
    if unknown or not phases:
        raise argparse.ArgumentTypeError(f"phases are {', '.join(PHASES)}; not {unknown}")
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--url", help="a platform already serving --db (no CPU figures)")
    parser.add_argument("--workers", type=int, default=1, help="platform processes")
    parser.add_argument("--terminals", type=int, default=200, help="terminals beating")
    parser.add_argument("--concurrency", type=int, default=8, help="requests at once")
    parser.add_argument("--counters", type=int, default=10, help="counters calling at once")
    parser.add_argument("--displays", type=int, default=100, help="hall streams")
    parser.add_argument("--hot", type=int, default=10, help="centers whose counters call")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each phase")
    parser.add_argument("--push", choices=["notify", "poll", "both"], default="both",
                        help="the hall stream's wake-ups (both: one run each)")
    parser.add_argument("--phases", type=_phases, default=list(PHASES),
                        help=f"comma-separated, of {','.join(PHASES)} (default: all; "
                             "call-next issues its tickets first)")
    parser.add_argument("--hall-only", action="store_true", help="--phases hall")
    args = parser.parse_args()
    if args.hall_only:
        args.phases = ["hall"]
    with tempfile.TemporaryDirectory() as folder:
        db_url = args.db or f"sqlite:///{Path(folder) / 'load.db'}"
        print(f"machine: {machine()}")
        print(f"database: {db_url.split(':')[0]}, platform processes: {args.workers}, "
              f"{args.seconds:g} s a phase")
        modes = ["notify", "poll"] if args.push == "both" else [args.push]
        for n, push in enumerate(modes):
            if n > 0:  # the other phases ran once
                args.phases = [phase for phase in args.phases if phase == "hall"]
                if not args.phases:
                    break
            if args.url:
                prepare(db_url)
                setup = Setup(args.url, db_url, CpuMeter(None, db_url), args.seconds,
                              args.concurrency)
                lines = asyncio.run(run_all(setup, args, push))
            else:
                with platform(db_url, args.workers, push) as (url, pid):
                    prepare(db_url)
                    setup = Setup(url, db_url, CpuMeter(pid, db_url), args.seconds,
                                  args.concurrency)
                    lines = asyncio.run(run_all(setup, args, push))
            for line in lines:
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
