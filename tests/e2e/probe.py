"""The tests' side of the kiosk's e2e probe (terminal/e2e_probe.py), and the
watchdog: the GUI thread must answer every ping within 2 s of its own time
(the time it spent serving the tests' own `state` requests meanwhile is not
the front end's, nor what the kernel's accounts excuse: tests/e2e/stalls.py)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.stalls import KernelWitness, Window

#: the longest the GUI thread may take to answer (a frozen kiosk never does); a
#: machine shared by many busy jobs may allow more with RECEPTION_E2E_GUI_DEADLINE
GUI_DEADLINE = float(os.environ.get("RECEPTION_E2E_GUI_DEADLINE", "2"))
#: a ping still unanswered after this many deadlines fails whatever held the GUI
#: thread (the tests' own snapshots take milliseconds, not seconds)
GIVE_UP_DEADLINES = 2.0
#: the most of a wait the kernel's accounts may excuse: a machine stalled longer is
#: one the flows cannot be run on
EXCUSED_AT_MOST = 10.0


class GuiNotAnswering(AssertionError):
    """A front end's GUI thread did not answer within GUI_DEADLINE seconds."""


class ProbeConnection:
    """One connection to the probe; one request and its answer at a time."""

    def __init__(self, path: str, connect_timeout: float = 30.0) -> None:
        deadline = time.monotonic() + connect_timeout
        while True:
            try:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self._socket.connect(path)
                break
            except OSError:
                self._socket.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._buffer = b""

    def ask(self, word: str, deadline: float = GUI_DEADLINE,
            while_late: Callable[[], None] | None = None,
            late_after: float | None = None,
            witness: KernelWitness | None = None) -> dict[str, Any]:
        """`word`'s answer; `while_late` is called once, while the answer is still
        awaited, when `late_after` s (half the deadline by default) have gone (to
        see what the process is doing). With a `witness`, the deadline is of the
        GUI thread's own time: what the kernel's accounts excuse is added to it
        (up to EXCUSED_AT_MOST s)."""
        started = time.monotonic()
        window = witness.begin() if witness is not None else None
        allowed, account = deadline, ""
        late_at = deadline if while_late is None else (
            deadline / 2 if late_after is None else min(late_after, deadline))
        try:
            self._socket.sendall(word.encode("ascii") + b"\n")
            while b"\n" not in self._buffer:
                elapsed = time.monotonic() - started
                if elapsed >= allowed and witness is not None and window is not None:
                    found = witness.excuse(window, time.monotonic())
                    allowed = deadline + min(found.seconds, EXCUSED_AT_MOST)
                    account = f" ({found.account})"
                    elapsed = time.monotonic() - started
                if elapsed >= allowed:
                    raise TimeoutError
                if elapsed >= late_at and while_late is not None:
                    while_late()
                    while_late = None
                wake_at = allowed if while_late is None else min(allowed, late_at)
                self._socket.settimeout(max(0.001, wake_at - elapsed))
                try:
                    chunk = self._socket.recv(1 << 20)
                except TimeoutError:
                    continue
                if not chunk:
                    raise GuiNotAnswering("the front end closed the probe connection (it exited)")
                self._buffer += chunk
        except TimeoutError:
            raise GuiNotAnswering(
                f"the GUI thread did not answer {word!r} within {deadline:g} s of its own time"
                f" (frozen){account}") from None
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def close(self) -> None:
        self._socket.close()


@dataclass
class Watchdog:
    """Pings the GUI thread every `interval` s on its own connection and keeps
    the first ping whose answer took more than `deadline` s of the GUI thread's
    own time, with what `stacks` said while that ping was still awaited (every
    thread's stack during the stall, not after it). A ping's time is the GUI
    thread's clock when it answered less the asker's when it was sent (the
    stacks' capture is not in it), less the time the GUI thread spent meanwhile
    serving the tests' `state` requests (the pong says how much), less what the
    kernel says was not the front end's doing (with a `witness`); a ping still
    unanswered after GIVE_UP_DEADLINES deadlines of the GUI thread's own time fails
    outright."""

    path: str
    stacks: Callable[[], str]
    interval: float = 0.25
    deadline: float = GUI_DEADLINE
    #: the kernel's accounts of the front end's GUI thread and the machine's stalls,
    #: to excuse what held the GUI thread that was not its own doing
    witness: KernelWitness | None = None
    #: pings answered so far, and the slowest, in the GUI thread's own time
    pings: int = 0
    worst: float = 0.0
    #: the most a ping waited on the tests' own `state` requests
    worst_probe: float = 0.0
    failure: str = ""
    #: pings answered late (after half the deadline of the GUI thread's own time,
    #: before the kernel's excuse) but in time, with every thread's stack taken
    #: while the ping was awaited
    late: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Watchdog:
        connection = ProbeConnection(self.path)
        self._thread = threading.Thread(target=self._run, args=(connection,),
                                        name="e2e-watchdog", daemon=True)
        self._thread.start()
        return self

    def _run(self, connection: ProbeConnection) -> None:
        during_stall: list[str] = []
        try:
            while not self._stop.wait(self.interval):
                during_stall.clear()
                window = self.witness.begin() if self.witness is not None else None
                sent = time.monotonic()
                try:
                    answer = connection.ask(
                        f"ping {sent:.6f}", self.deadline * GIVE_UP_DEADLINES,
                        while_late=lambda: during_stall.append(self.stacks()),
                        late_after=self.deadline / 2, witness=self.witness)
                except GuiNotAnswering as error:
                    self.failure = self.failure or "\n".join(
                        [str(error), "while it was late:", *during_stall])
                    return
                if "pong" not in answer:
                    self.failure = f"the probe did not answer the ping: {answer}"
                    return
                answered = float(answer["pong"]) - sent
                probe = float(answer.get("probe_s", 0.0))
                before_excuse = answered - probe
                own, account = before_excuse, ""
                if before_excuse > self.deadline / 2 and window is not None:
                    own, account = self._excused(before_excuse, window, sent + answered)
                self.pings += 1
                self.worst = max(self.worst, own)
                self.worst_probe = max(self.worst_probe, probe)
                said = (f"a ping answered after {answered:.2f} s, {own:.2f} s of it the GUI "
                        f"thread's own ({probe:.2f} s serving the tests' `state` requests"
                        + (f", {before_excuse - own:.2f} s excused by the kernel's account: "
                           f"{account}" if account else "") + ")")
                if own > self.deadline:
                    self.failure = "\n".join([f"{said}: over the {self.deadline:g} s deadline; "
                                              "while it was late:", *during_stall])
                    return
                if before_excuse > self.deadline / 2:
                    self.late.append("\n".join([f"{said}; while it was late:", *during_stall]))
        finally:
            connection.close()

    def _excused(self, own: float, window: Window, answered: float) -> tuple[float, str]:
        """`own` less what the kernel's accounts excuse of `window` up to `answered`,
        and those accounts."""
        assert self.witness is not None
        found = self.witness.excuse(window, answered)
        return max(0.0, own - min(found.seconds, EXCUSED_AT_MOST)), found.account

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.deadline * GIVE_UP_DEADLINES + 6)
