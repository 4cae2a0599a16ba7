"""The passport adapter always answers a read, even when its reader cannot be built."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.health import HealthState
from hardware.passport.mrz import MrzKey
from terminal.config import PassportSection
from terminal.devices.passport import PassportAdapter, open_passport_reader


@pytest.mark.log_warnings(r"passport offline: the passport reader could not be set up")
def test_a_csca_file_that_does_not_load_is_answered_not_waited_on(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    """A CSCA folder with a certificate that does not parse: the reader is built on
    the adapter's thread at the first read, and the failure was not a DeviceError,
    so the job ended in the log and the screen waited for an answer for ever."""
    (tmp_path / "csca-cut-short.der").write_bytes(b"\x30\x82\x01\x00 not a certificate")
    opener = open_passport_reader(PassportSection(csca_dir=tmp_path))
    assert opener is not None
    adapter = PassportAdapter(opener)
    try:
        with qtbot.waitSignal(adapter.passportFailed, timeout=10_000) as failed:
            adapter.read(MrzKey.typed("L898902C", "690806", "940623"))
        resident, technician = failed.args
        assert resident == "The card reader is not available. Please ask staff for help."
        assert technician.startswith("the passport reader could not be set up: ValueError")
        assert adapter.health.state is HealthState.OFFLINE
    finally:
        adapter.stop()
