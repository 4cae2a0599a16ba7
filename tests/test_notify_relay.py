"""The cage units' main process passes its program's sd_notify messages on as its own
(packaging/systemd/notify_relay.py), against a real notify socket standing in for systemd's."""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

RELAY = Path(__file__).resolve().parents[1] / "packaging" / "systemd" / "notify_relay.py"

#: a program like the kiosk: tells its NOTIFY_SOCKET what it would tell systemd
CHILD = """
import os, signal, socket, sys, time
if "WATCHDOG_PID" in os.environ:  # the relay's PID, not this program's
    sys.exit(9)
if sys.argv[1] == "wait":  # before it says it is ready
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(7))
def say(text):
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.sendto(text.encode(), os.environ["NOTIFY_SOCKET"])
say("READY=1\\nMAINPID=1\\nSTATUS=up")
say("WATCHDOG=1")
if sys.argv[1] == "wait":
    while True:
        time.sleep(0.1)
if sys.argv[1] == "stuck":  # a frozen front end
    os.kill(os.getpid(), signal.SIGSTOP)
sys.exit(int(sys.argv[1]))
"""


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[socket.socket]:
    """The socket systemd would listen on, with the senders' credentials."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(tmp_path / "notify"))
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        listener.settimeout(20)
        yield listener


def received(listener: socket.socket) -> tuple[str, int]:
    data, ancillary, _, _ = listener.recvmsg(4096, socket.CMSG_SPACE(struct.calcsize("3i")))
    (_, _, payload), = ancillary
    return data.decode(), struct.unpack("3i", payload)[0]


def relay(tmp_path: Path, *child: str, parent: bool = False) -> subprocess.Popen[bytes]:
    """The relay starting CHILD, or a shell like cage that starts CHILD (`parent`) and
    exits 4 after it."""
    env = {**os.environ, "NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_PID": "1",
           "XDG_RUNTIME_DIR": str(tmp_path)}
    program = [sys.executable, "-c", CHILD, *child]
    if parent:
        program = ["sh", "-c", '"$@"; exit 4', "sh", *program]
    return subprocess.Popen([sys.executable, str(RELAY), *program], env=env)


def test_the_state_lines_arrive_from_the_relay_and_its_exit_is_the_programs(
        tmp_path: Path, systemd: socket.socket) -> None:
    process = relay(tmp_path, "3")
    assert received(systemd) == ("READY=1\nSTATUS=up", process.pid)  # no MAINPID=
    assert received(systemd) == ("WATCHDOG=1", process.pid)
    assert process.wait(timeout=20) == 3
    assert [path.name for path in tmp_path.iterdir()] == ["notify"]  # its folder removed


def test_sigterm_reaches_the_program(tmp_path: Path, systemd: socket.socket) -> None:
    process = relay(tmp_path, "wait")
    received(systemd)
    received(systemd)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 7


def test_sigterm_reaches_the_programs_child_first(tmp_path: Path,
                                                   systemd: socket.socket) -> None:
    """cage ends cleanly when its client does: the signal goes to the client."""
    process = relay(tmp_path, "wait", parent=True)
    received(systemd)
    received(systemd)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 4  # the shell was not signalled: it went on


def gone(pid: int) -> bool:
    """Ended: no such process, or a zombie its new parent has not reaped yet."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_frozen_program_is_killed_after_the_grace(tmp_path: Path,
                                                    systemd: socket.socket) -> None:
    """systemd's watchdog signal (SIGABRT) to the relay: the stopped program cannot
    take it, so the program and its parent are killed rather than left in the session."""
    process = relay(tmp_path, "stuck", parent=True)
    received(systemd)
    received(systemd)
    shell = int(Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text())
    stuck = int(Path(f"/proc/{shell}/task/{shell}/children").read_text())
    process.send_signal(signal.SIGABRT)
    assert process.wait(timeout=30) == 128 + signal.SIGKILL
    assert gone(stuck)


def test_without_systemd_it_becomes_the_program(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(RELAY), "sh", "-c", "exit 5"], check=False,
                          env={key: value for key, value in os.environ.items()
                               if key != "NOTIFY_SOCKET"})
    assert done.returncode == 5
