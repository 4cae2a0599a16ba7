"""Loaded (through PYTHONPATH) by the processes the e2e tests run on the moved
clock (tests/e2e/peers.py, CenterClock.env): libfaketime's clock_nanosleep
answers EINVAL to the absolute monotonic deadline Python's time.sleep asks for
(with FAKETIME_DONT_FAKE_MONOTONIC=1; faking the monotonic clock instead makes
timed waits on locks and events hang), so every time.sleep, and
subprocess.Popen.wait with a timeout, raised OSError there. Such a sleep waits
in select() instead, which libfaketime leaves alone. Nothing else changes."""

from __future__ import annotations

import errno
import select
import time

_sleep = time.sleep


def _sleep_despite_faketime(seconds: float) -> None:
    try:
        _sleep(seconds)
    except OSError as error:
        if error.errno != errno.EINVAL or seconds < 0:
            raise
        select.select([], [], [], seconds)


time.sleep = _sleep_despite_faketime
