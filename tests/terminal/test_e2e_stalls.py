"""The e2e watchdog's account of what held a GUI thread (tests/e2e/stalls.py):
the kernel's per-thread figures, the machine's stall meter, and what they excuse."""

from __future__ import annotations

import os
import signal
import threading
import time

from tests.e2e.stalls import StallMeter, ThreadTimes, excuse, process_threads

GUI = 100


def test_a_busy_thread_shows_its_time_on_a_cpu() -> None:
    stop = threading.Event()
    ready = threading.Event()
    ids: list[int] = []

    def burn() -> None:
        ids.append(threading.get_native_id())
        ready.set()
        while not stop.is_set():
            pass

    thread = threading.Thread(target=burn, daemon=True)
    thread.start()
    ready.wait(5)
    before = process_threads(os.getpid())
    time.sleep(0.3)
    after = process_threads(os.getpid())
    stop.set()
    thread.join(5)
    assert os.getpid() in before  # the main thread is the process's id
    burned = after[ids[0]] - before[ids[0]]
    assert burned.on_cpu > 0.1
    assert burned.waiting_for_cpu >= 0 and burned.major_faults >= 0


def test_a_gone_process_has_no_threads() -> None:
    assert process_threads(2**22 + 1) == {}


def accounts(gui: ThreadTimes, other: ThreadTimes) -> tuple[dict, dict]:
    zero = ThreadTimes(0.0, 0.0, 0)
    return {GUI: zero, GUI + 1: zero}, {GUI: gui, GUI + 1: other}


def test_a_wait_for_a_cpu_others_had_is_excused() -> None:
    before, after = accounts(ThreadTimes(0.1, 1.5, 0), ThreadTimes(0.2, 0.0, 0))
    found = excuse(GUI, before, after, machine_stall=0.0)
    assert abs(found.seconds - 1.3) < 1e-9  # less the 0.2 s the front end's own threads used
    assert "GUI thread 0.10 s on a CPU, 1.50 s waiting for one" in found.account


def test_a_front_end_that_keeps_the_cpus_busy_itself_is_not_excused() -> None:
    before, after = accounts(ThreadTimes(0.1, 1.5, 0), ThreadTimes(1.9, 0.0, 0))
    assert excuse(GUI, before, after, machine_stall=0.0).seconds == 0.0


def test_work_and_waits_of_its_own_are_not_excused() -> None:
    before, after = accounts(ThreadTimes(2.0, 0.0, 3), ThreadTimes(0.0, 0.0, 0))
    assert excuse(GUI, before, after, machine_stall=0.0).seconds == 0.0


def test_a_stall_of_the_machine_is_excused_once() -> None:
    before, after = accounts(ThreadTimes(0.0, 1.0, 0), ThreadTimes(0.0, 0.0, 0))
    assert excuse(GUI, before, after, machine_stall=1.5).seconds == 1.5


def test_the_meter_sees_a_stall() -> None:
    """The meter stopped by the kernel for 0.6 s: a stall going on, then one that
    ended, a wake-up that much late."""
    meter = StallMeter()
    try:
        time.sleep(0.3)  # the meter's interpreter started and sleeping
        start = time.monotonic()
        os.kill(meter._process.pid, signal.SIGSTOP)
        time.sleep(0.6)
        going_on = meter.stalled(start, time.monotonic())  # still stopped
        os.kill(meter._process.pid, signal.SIGCONT)
        stalled = meter.stalled(start, time.monotonic())
        assert 0.4 < going_on < 1.0
        assert 0.4 < stalled < 1.0
        assert meter.stalled(time.monotonic(), time.monotonic() + 1) == 0.0
    finally:
        meter.stop()
