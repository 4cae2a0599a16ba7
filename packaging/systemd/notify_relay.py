#!/usr/bin/python3
"""The main process of a unit whose program runs in a logind session: relays the
program's sd_notify messages (READY=1, WATCHDOG=1) to systemd as its own.

    reception-notify-relay COMMAND [ARG...]

A unit with PAMName= (the kiosk and the hall display: cage needs the seat of a
logind session) has its processes moved into the session's scope, out of the
service's cgroup. systemd finds the unit of a notification by the sender's
cgroup, or by the main PID it watches, so the front end's READY=1 and
WATCHDOG=1 (terminal/watchdog.py, a child of cage) reached no unit: the start
timed out and the kiosk was killed every 90 s (found under a real systemd by
`make deploy-check-systemd`). This process is the unit's main PID
(NotifyAccess=main): it starts COMMAND with NOTIFY_SOCKET pointing at a socket
of its own in a private folder, forwards the state lines its user's processes
send, and exits as COMMAND does. SIGTERM, SIGINT, SIGHUP and SIGABRT (systemd's
watchdog signal) go to COMMAND's children (the front end: cage then ends cleanly,
whereas cage 0.1.4 aborts on a SIGTERM of its own and the unit would end failed), or
to COMMAND when it has none; whatever of them is left after 10 s is killed
(SIGKILL): systemd kills only its own cgroup, and a frozen front end left in the
session would hold the screen. Without NOTIFY_SOCKET it becomes COMMAND.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: the state lines passed on; MAINPID=, FDSTORE= and the like stay with the relay
FORWARDED = ("READY=", "WATCHDOG=", "STATUS=", "STOPPING=", "RELOADING=", "ERRNO=",
             "EXTEND_TIMEOUT_USEC=", "WATCHDOG_USEC=")
CREDENTIALS = struct.calcsize("3i")
#: how long COMMAND and its children have to end before they are killed (s)
GRACE = 10.0


def address(name: str) -> str:
    return "\0" + name[1:] if name.startswith("@") else name


def relayed(data: bytes) -> bytes:
    lines = data.decode("utf-8", "replace").splitlines()
    return "\n".join(line for line in lines if line.startswith(FORWARDED)).encode()


def sender_uid(ancillary: list[tuple[int, int, bytes]]) -> int | None:
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            return int(struct.unpack("3i", payload[:CREDENTIALS])[1])
    return None


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(word) for word in text.split()]


def descendants(pid: int) -> list[int]:
    found = children(pid)
    return found + [grandchild for child in found for grandchild in descendants(child)]


def send(pids: list[int], number: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, number)


class Stopper:
    """Passes a stop signal to the children of `child` (to `child` when it has none),
    then kills `child` and all it started after GRACE."""

    def __init__(self) -> None:
        self.child: subprocess.Popen[bytes] | None = None
        self.signal = 0
        self.since = 0.0

    def __call__(self, number: int, _frame: object) -> None:
        if not self.since:
            self.signal, self.since = number, time.monotonic()
            if self.child is not None:
                send(children(self.child.pid) or [self.child.pid], number)

    def start(self, child: subprocess.Popen[bytes]) -> None:
        """`child` started; a signal that came first is passed on now."""
        self.child = child
        if self.since:
            child.send_signal(self.signal)

    def tick(self) -> None:
        if self.child is not None and self.since and time.monotonic() - self.since > GRACE:
            send([*descendants(self.child.pid), self.child.pid], signal.SIGKILL)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: reception-notify-relay COMMAND [ARG...]", file=sys.stderr)
        return 2
    upstream = os.environ.get("NOTIFY_SOCKET")
    if not upstream:
        os.execvp(argv[0], argv)
    folder = Path(tempfile.mkdtemp(prefix="notify-relay-",
                                   dir=os.environ.get("XDG_RUNTIME_DIR") or None))
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as inbox, \
                socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as outbox:
            inbox.bind(str(folder / "notify"))
            inbox.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
            env = {key: value for key, value in os.environ.items() if key != "WATCHDOG_PID"}
            env["NOTIFY_SOCKET"] = str(folder / "notify")
            stopper = Stopper()
            for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGABRT):
                signal.signal(number, stopper)
            child = subprocess.Popen(argv, env=env)
            stopper.start(child)
            while child.poll() is None:
                stopper.tick()
                ready, _, _ = select.select([inbox], [], [], 0.5)
                if not ready:
                    continue
                data, ancillary, _, _ = inbox.recvmsg(4096, socket.CMSG_SPACE(CREDENTIALS))
                message = relayed(data)
                if message and sender_uid(ancillary) == os.getuid():
                    outbox.sendto(message, address(upstream))
            return child.returncode if child.returncode >= 0 else 128 - child.returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
