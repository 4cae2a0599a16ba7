"""The demo's simulated devices wait for a tap: the card reader has no card
until "place the ID card" (and the card is taken back once read), the camera
sees no receipt until "show a receipt's QR code". Real drivers on the
simulators' pty and image folder, the real QR decoder, the kiosk's identify
screen and demo buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.camera.qrcode_decode import decode_qr
from hardware.idcard import ga467
from kiosk.context import KioskContext, KioskDevices
from kiosk.demo_buttons import DemoButtons
from kiosk.screens.identify import IdentifyScreen
from kiosk.screens.identify import Page as IdPage
from terminal.config import CameraSection, CardReaderSection, DevicesSection, PrinterSection
from terminal.devices.factory import Devices, build_devices
from terminal.devices.workers import CardReaderAdapter
from tests.kiosk.conftest import KioskUi

ON_TAP = DevicesSection(printer=PrinterSection(kind="virtual"),
                        card_reader=CardReaderSection(kind="simulated", simulated_card="on_tap"),
                        camera=CameraSection(kind="simulated", simulated_qr="on_tap"))


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[Devices]:
    built = build_devices(ON_TAP, tmp_path)
    yield built
    built.close()


def test_the_camera_shows_a_receipt_only_after_the_tap(devices: Devices) -> None:
    camera = devices.camera
    assert camera is not None and devices.taps.camera is camera
    camera.open()
    assert all(decode_qr(camera.read()) == [] for _ in range(6))  # an empty counter top
    devices.taps.show_qr()
    codes = [decode_qr(camera.read()) for _ in range(6)]
    assert all(code and code[0].startswith("https://") for code in codes), codes


def test_the_card_is_read_once_after_the_tap(qtbot: QtBot, devices: Devices, kiosk: KioskUi,
                                            context: KioskContext) -> None:
    simulator = devices.taps.card
    assert devices.card_reader is not None and simulator is not None
    reader = CardReaderAdapter(devices.card_reader)
    context.devices = KioskDevices(card_reader=reader)
    buttons = DemoButtons(devices.taps)
    qtbot.addWidget(buttons)
    assert buttons.card_button.isVisibleTo(buttons) and buttons.scan_button.isVisibleTo(buttons)
    screen: IdentifyScreen = kiosk.screen("identify")
    try:
        kiosk.navigator.go("identify", {"next": "help", "next_args": {}})
        assert screen.page() is IdPage.CARD
        # the kiosk polls and finds no card, again and again, until the demo's tap
        qtbot.waitUntil(lambda: simulator.commands.count(ga467.FIND_CARD) >= 3, timeout=10_000)
        assert context.session.identity is None and screen.page() is IdPage.CARD
        buttons.card_button.click()
        qtbot.waitUntil(lambda: context.session.identity is not None, timeout=15_000)
        assert screen.page() is IdPage.DONE and kiosk.navigator.current == "identify"
        assert not simulator.card_present  # taken back: "not me" does not read it again
        screen.start_over.click()
        found = simulator.commands.count(ga467.FIND_CARD)
        qtbot.waitUntil(lambda: simulator.commands.count(ga467.FIND_CARD) >= found + 3,
                        timeout=10_000)
        assert context.session.identity is None and screen.page() is IdPage.CARD
    finally:
        reader.stop()


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf").exists(),
                    reason="fonts-ocr-b is not installed")
def test_the_demo_passport_is_shown_after_the_tap_and_its_mrz_read(devices: Devices) -> None:
    """`make demo`'s "show the passport": the simulated camera shows the demo passport's
    data page, whose MRZ gives the key of the passport the simulated chip serves."""
    from datetime import date

    from hardware.passport.mrz_ocr import read_mrz
    from hardware.passport.specimen import demo_lines

    camera = devices.camera
    assert camera is not None
    camera.open()
    assert read_mrz(camera.read()).key is None  # an empty counter top
    devices.taps.show_passport()
    key = read_mrz(camera.read()).key
    second = demo_lines(date.today())[1]
    assert key is not None
    assert (key.document_number, key.birth, key.expiry) == (
        second[0:9], second[13:19], second[21:27])
