"""The counter's applicant step with a card that disagrees with its own ID number
(GA 467 simulator on a real pty)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from counter.acceptance.steps_intake import ApplicantStep
from hardware.idcard.ga467_sim import Ga467Simulator, demo_identity
from hardware.idcard.serial_reader import SerialIdCardReader
from terminal.devices.workers import CardReaderAdapter


@pytest.mark.log_warnings(r"rejected: its data disagree")
def test_a_refused_card_fills_nothing_and_says_why(qtbot: QtBot) -> None:
    forged = dataclasses.replace(demo_identity(), birth_date=date(1949, 12, 30))
    with Ga467Simulator(forged) as sim:
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port))
        step = ApplicantStep(adapter, lambda: date(2026, 3, 2))
        qtbot.addWidget(step)
        step.show()
        try:
            with qtbot.waitSignal(adapter.cardRejected, timeout=10_000):
                step.read_button.click()
            text = step.status.text()
            assert text.startswith("This card cannot be used here. Please ask staff for help.")
            assert "in the day" in text and "110105********002X" in text
            assert step.id_number.text() == "" and step.name.text() == ""
        finally:
            adapter.stop()
