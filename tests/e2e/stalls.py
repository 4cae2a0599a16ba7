"""What held a front end's GUI thread, as the kernel saw it, so the watchdog can
tell a front end that froze from a machine that stalled under it.

A GUI thread that answers late either worked (on a CPU), waited on something of
its own process (a lock, the GIL, a device, the disk) or waited for a CPU the
kernel gave to someone else; and the whole machine can stall (a virtual
machine's stolen time, memory reclaim). The first two are the front end's
fault; the last two are not, and a shared CI machine can have them for
seconds. `ThreadTimes` reads one thread's account from
/proc/PID/task/TID/{schedstat,stat}; `StallMeter` runs a one-thread process
that only sleeps 10 ms at a time and reports every wake-up that came late:
the machine's stalls, free of this test process's own GIL."""

from __future__ import annotations

import atexit
import mmap
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

#: a wake-up this much later than due is a stall of the machine
STALL_S = 0.05

#: how long the meter sleeps at a time
PERIOD_S = 0.01

_METER = f"""
import mmap, os, struct, sys, time
parent = os.getppid()
with open(sys.argv[1], "r+b") as file:
    last_wake = mmap.mmap(file.fileno(), 8)
while os.getppid() == parent:  # an orphan meter stops
    due = time.monotonic() + {PERIOD_S}
    time.sleep({PERIOD_S})
    now = time.monotonic()
    last_wake[:8] = struct.pack("d", now)
    if now - due > {STALL_S}:
        print(f"{{due:.6f}} {{now - due:.6f}}", flush=True)
"""


@dataclass(frozen=True)
class ThreadTimes:
    """One thread's account so far, in seconds: on a CPU, and runnable but
    waiting for one; and its major page faults (pages read from disk)."""

    on_cpu: float
    waiting_for_cpu: float
    major_faults: int

    def __sub__(self, earlier: ThreadTimes) -> ThreadTimes:
        return ThreadTimes(self.on_cpu - earlier.on_cpu,
                           self.waiting_for_cpu - earlier.waiting_for_cpu,
                           self.major_faults - earlier.major_faults)


def process_threads(pid: int) -> dict[int, ThreadTimes]:
    """Every thread of `pid` by its id (the main thread's is `pid`); empty where
    /proc does not say (not Linux, the process gone, no scheduler statistics)."""
    threads: dict[int, ThreadTimes] = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return threads
    for task in tasks:
        try:
            on_cpu, waiting, _ = (task / "schedstat").read_text().split()
            stat = (task / "stat").read_text()
        except (OSError, ValueError):
            continue
        fields = stat.rpartition(")")[2].split()  # after "(comm)": state is field 3
        threads[int(task.name)] = ThreadTimes(int(on_cpu) / 1e9, int(waiting) / 1e9,
                                              int(fields[9]))  # majflt, field 12
    return threads


@dataclass(frozen=True)
class Excuse:
    """Of a late answer's time: how long the GUI thread waited for a CPU that
    other processes had, and how long the whole machine stalled; `seconds` is
    what the front end is not to blame for (the two overlap: the larger)."""

    foreign_cpu_wait: float
    machine_stall: float
    account: str

    @property
    def seconds(self) -> float:
        return max(self.foreign_cpu_wait, self.machine_stall)


def excuse(pid: int, before: dict[int, ThreadTimes], after: dict[int, ThreadTimes],
           machine_stall: float) -> Excuse:
    """What the kernel's accounts between `before` and `after` excuse. The GUI
    thread's wait for a CPU counts only beyond what the front end's other threads
    used meanwhile (a front end that keeps the CPUs busy itself is to blame)."""
    if pid not in before or pid not in after:
        return Excuse(0.0, machine_stall, f"machine stalled {machine_stall:.2f} s")
    gui = after[pid] - before[pid]
    others = {tid: after[tid] - before[tid] for tid in after if tid != pid and tid in before}
    others_cpu = sum(times.on_cpu for times in others.values())
    busiest = sorted(((times.on_cpu, tid) for tid, times in others.items()), reverse=True)[:3]
    account = (f"GUI thread {gui.on_cpu:.2f} s on a CPU, {gui.waiting_for_cpu:.2f} s waiting "
               f"for one, {gui.major_faults} pages read from disk; its other threads "
               f"{others_cpu:.2f} s on a CPU (busiest: "
               + ", ".join(f"{tid} {cpu:.2f} s" for cpu, tid in busiest)
               + f"); machine stalled {machine_stall:.2f} s")
    return Excuse(max(0.0, gui.waiting_for_cpu - others_cpu), machine_stall, account)


class StallMeter:
    """The machine's stalls, from a process of its own that only sleeps: those that
    ended, as it reports them, and one going on, from its last wake-up (which it
    keeps in a shared page)."""

    def __init__(self) -> None:
        self._page = tempfile.NamedTemporaryFile(prefix="e2e-stall-meter-")  # noqa: SIM115
        self._page.write(struct.pack("d", time.monotonic()))
        self._page.flush()
        self._last_wake = mmap.mmap(self._page.fileno(), 8)
        self._process = subprocess.Popen([sys.executable, "-c", _METER, self._page.name],
                                         stdout=subprocess.PIPE, text=True)
        self._stalls: deque[tuple[float, float]] = deque(maxlen=10_000)
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="e2e-stall-meter", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            due, late = (float(value) for value in line.split())
            with self._lock:
                self._stalls.append((due, due + late))

    def stalled(self, start: float, end: float) -> float:
        """Seconds of stall between `start` and `end` (time.monotonic(), not later
        than now)."""
        time.sleep(2 * PERIOD_S)  # a stall just ending: the meter's next wake-up reports it
        now = time.monotonic()
        with self._lock:
            ended = sum(max(0.0, min(end, stop) - max(start, begin))
                        for begin, stop in self._stalls)
        overdue_since = struct.unpack("d", self._last_wake[:8])[0] + PERIOD_S
        going_on = 0.0
        if now - overdue_since > STALL_S:
            going_on = max(0.0, end - max(start, overdue_since))
        return ended + going_on

    def stop(self) -> None:
        self._process.kill()
        self._process.wait()
        self._reader.join(5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._last_wake.close()
        self._page.close()


@dataclass(frozen=True)
class Window:
    """A wait on a front end's GUI thread: when it began, and the kernel's accounts then."""

    began: float
    threads: dict[int, ThreadTimes]


@dataclass(frozen=True)
class KernelWitness:
    """What the kernel and the stall meter say of waits on `pid`'s GUI thread."""

    pid: int
    meter: StallMeter | None = None

    def begin(self) -> Window:
        return Window(time.monotonic(), process_threads(self.pid))

    def excuse(self, window: Window, until: float) -> Excuse:
        """What is excused of the wait from `window` to `until` (time.monotonic())."""
        stalled = self.meter.stalled(window.began, until) if self.meter else 0.0
        return excuse(self.pid, window.threads, process_threads(self.pid), stalled)


_meter: StallMeter | None = None


def machine_meter() -> StallMeter:
    """The test process's one stall meter, started at first use, stopped at exit."""
    global _meter
    if _meter is None:
        _meter = StallMeter()
        atexit.register(_meter.stop)
    return _meter
