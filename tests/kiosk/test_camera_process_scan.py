"""The kiosk's status screen scans a receipt through the camera process (the
kiosk application's camera): the simulated camera's receipt photos, decoded in
the child process, open the application's status on the real platform."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hardware.health import HealthState
from kiosk.context import KioskContext, KioskDevices
from kiosk.screens.status import Page as StatusPage
from kiosk.screens.status import StatusScreen
from kiosk.screens.status_lookup import Source
from terminal.config import CameraSection
from terminal.devices.camera_process import ProcessCameraAdapter
from tests.kiosk.conftest import KioskUi, Online
from tests.kiosk.test_core_screens import submit_applications


@pytest.mark.slow
def test_the_status_screen_scans_a_receipt_through_the_camera_process(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, online: Online) -> None:
    numbers = [f"RC-20261125-K01-{n:05d}" for n in range(42, 48)]  # the camera's receipts
    submit_applications(online, numbers)
    camera = ProcessCameraAdapter(CameraSection(kind="simulated"))
    context.shell = online.shell
    context.devices = KioskDevices(camera=camera)  # type: ignore[arg-type]
    try:
        camera.refresh_health()  # as the kiosk checks its devices at start: the process starts
        qtbot.waitUntil(lambda: camera.health.state is HealthState.READY, timeout=30_000)
        screen: StatusScreen = kiosk.screen("status")
        kiosk.navigator.go("status")
        assert screen.page() is StatusPage.SCAN
        qtbot.waitUntil(lambda: screen.page() is StatusPage.RESULT, timeout=30_000)
        assert screen.answer is not None and screen.answer.tracking_number in numbers
        assert screen.answer.source is Source.ONLINE and screen.answer.status is not None
        assert not camera.capturing
    finally:
        camera.stop()
