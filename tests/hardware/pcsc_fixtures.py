"""pytest fixtures: a real pcscd with the vpcd driver, and the project's virtual card.

tests/hardware/conftest.py registers `pcscd_fixture` and `vcard_fixture` once for
every hardware test: `pcscd` (session-wide daemon) and `vcard` (a card, not
inserted). A test module must not import them again: pytest would give it a
session daemon of its own beside the first.
Tests skip when pcscd or vpcd is missing, but fail when the CI variable is set.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from smartcard import scard

from hardware.idcard.ga467_sim import demo_identity
from hardware.idcard.vcard import VirtualCard
from hardware.idcard.vpcd import VpcdCard

VIRTUAL_READER = "Virtual PCD 00 00"
READER_CONF_DIR = Path("/etc/reader.conf.d")


def wait_for(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> object:
    """Poll `condition` until it is truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(0.02)


def _missing() -> str | None:
    if shutil.which("pcscd") is None and not Path("/usr/sbin/pcscd").exists():
        return "pcscd is not installed (apt-get install pcscd)"
    confs = READER_CONF_DIR.glob("*") if READER_CONF_DIR.is_dir() else []
    if not any("libifdvpcd" in p.read_text(errors="replace") for p in confs if p.is_file()):
        return f"vpcd is not configured in {READER_CONF_DIR} (apt-get install vsmartcard-vpcd)"
    return None


def card_present(reader: str = VIRTUAL_READER) -> bool:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != 0:
        return False
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        return hresult == 0 and bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


def remove_and_wait(card: VpcdCard) -> None:
    """Remove a virtual card and wait until pcscd has seen it go.

    vpcd polls its socket: a card removed and another inserted at once can
    look like one card to pcscd, with stale handles as a result.
    """
    card.remove()
    wait_for(lambda: not card_present(), what="pcscd to see the card removed")


def readers() -> list[str]:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != 0:
        return []
    try:
        hresult, names = scard.SCardListReaders(context, [])
        return list(names) if hresult == 0 else []
    finally:
        scard.SCardReleaseContext(context)


class PcscDaemon:
    """A `pcscd --foreground` this test session started (and will stop)."""

    def __init__(self, external: bool = False) -> None:
        self.external = external  # a pcscd someone else runs: never stopped here
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.mkstemp(prefix="pcscd-", suffix=".log")[1])

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 10.0, port_wait: float = 90.0) -> None:
        """Start pcscd; while vpcd's port is still held (a pcscd that just ended
        leaves it in TIME_WAIT for up to a minute), try again until `port_wait`."""
        deadline = time.monotonic() + port_wait
        while True:
            try:
                self._start_once(timeout)
                return
            except RuntimeError:
                busy = "Address already in use" in self.log.read_text(errors="replace")
                if not busy or time.monotonic() > deadline:
                    raise
                self.log.write_bytes(b"")
                time.sleep(2.0)

    def _start_once(self, timeout: float) -> None:
        if self.running or self.external:
            return
        pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([pcscd, "--foreground"], stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while VIRTUAL_READER not in readers():
            if not self.running:
                raise RuntimeError(f"pcscd exited early; see {self.log}:\n"
                                   f"{self.log.read_text(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"pcscd did not show {VIRTUAL_READER!r}; see {self.log}")
            time.sleep(0.05)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def restart(self) -> None:
        if self.external:
            pytest.skip("pcscd was started outside the tests; not restarting it")
        self.stop()
        self.start()


@pytest.fixture(scope="session", name="pcscd")
def pcscd_fixture() -> Iterator[PcscDaemon]:
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs pcscd with vpcd: {reason}")
        pytest.skip(reason)
    if VIRTUAL_READER in readers():
        yield PcscDaemon(external=True)  # already running with vpcd: use it, leave it
        return
    daemon = PcscDaemon()
    atexit.register(daemon.stop)  # even if the session is interrupted
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.stop()
        atexit.unregister(daemon.stop)
        daemon.log.unlink(missing_ok=True)


@pytest.fixture(name="vcard")
def vcard_fixture(pcscd: PcscDaemon) -> Iterator[VirtualCard]:
    """The center's resident card (demo identity), not yet inserted."""
    card = VirtualCard(demo_identity())
    yield card
    if pcscd.running or pcscd.external:
        remove_and_wait(card)
    else:
        card.remove()
