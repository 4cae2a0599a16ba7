"""The terminal's device adapters, built once for every front end, and the
device health its heartbeat reports to the platform's fleet page.

`attach_services` calls `build_adapters` for the kiosk, the counter and the
hall display alike and hands `Adapters.health` to the synchronizer, so every
terminal's printer, card reader and camera (and whatever a front end adds,
such as the hall display's audio output) show on `/fleet` without any front
end wiring it. Imported in phase one: the device modules load only when
adapters are built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from sync.protocol.models import DeviceHealth
    from terminal.devices.factory import Devices
    from terminal.devices.passport import PassportAdapter
    from terminal.devices.workers import (
        CameraAdapter,
        CardReaderAdapter,
        DeviceAdapter,
        PrinterAdapter,
    )

log = logging.getLogger("terminal.adapters")
#: A health source of a front end's own, read on the sync worker's thread.
HealthSource = Callable[[], "DeviceHealth"]


@dataclass
class Adapters:
    """The Qt adapters of the terminal's devices (None: not configured)."""

    printer: PrinterAdapter | None = None
    card_reader: CardReaderAdapter | None = None
    camera: CameraAdapter | None = None
    passport: PassportAdapter | None = None
    sources: dict[str, HealthSource] = field(default_factory=dict)

    def devices(self) -> dict[str, DeviceAdapter]:
        """The adapters present, by the name the fleet page shows."""
        found: dict[str, DeviceAdapter | None] = {
            "printer": self.printer, "card_reader": self.card_reader, "camera": self.camera,
            "passport": self.passport}
        return {name: adapter for name, adapter in found.items() if adapter is not None}

    def add_source(self, name: str, source: HealthSource) -> None:
        """Report one more device (e.g. "audio") in every heartbeat."""
        self.sources[name] = source

    def health(self) -> dict[str, DeviceHealth]:
        """Every device's latest known health; called by the heartbeat (any thread)."""
        from sync.protocol.models import DeviceHealth, DeviceState

        report = {name: DeviceHealth(state=DeviceState(adapter.health.state.value),
                                     reason=adapter.health.reason)
                  for name, adapter in self.devices().items()}
        for name, source in list(self.sources.items()):
            try:
                report[name] = source()
            except Exception:  # a health source must never stop the heartbeat
                log.exception("health of %s could not be read", name)
        return report

    def check(self) -> None:
        """Check every device now (then each on its own timer), so the first
        heartbeats already tell the truth."""
        for adapter in self.devices().values():
            adapter.refresh_health()

    def stop(self) -> None:
        """End every device thread (idempotent: a stopped adapter stays stopped)."""
        for adapter in self.devices().values():
            adapter.stop()


def build_adapters(devices: Devices | None, parent: QObject) -> Adapters:
    """On the GUI thread: one adapter per configured driver (no thread runs
    until one is used or `check` is called)."""
    if devices is None:
        return Adapters()
    from terminal.devices.passport import PassportAdapter
    from terminal.devices.workers import CameraAdapter, CardReaderAdapter, PrinterAdapter

    adapters = Adapters(
        printer=PrinterAdapter(devices.printer, parent=parent)
        if devices.printer is not None else None,
        card_reader=CardReaderAdapter(devices.card_reader, parent=parent)
        if devices.card_reader is not None else None,
        camera=CameraAdapter(devices.camera, parent=parent)
        if devices.camera is not None else None,
        passport=PassportAdapter(devices.passport, parent=parent)
        if devices.passport is not None else None,
    )
    if devices.camera_process is not None:
        from terminal.devices.camera_process import ProcessCameraAdapter

        camera = ProcessCameraAdapter(devices.camera_process, parent=parent)
        adapters.camera = camera  # type: ignore[assignment]  (the same signals and calls)
        if devices.camera_process.kind == "simulated" \
                and devices.camera_process.simulated_qr == "on_tap":
            devices.taps.camera = camera  # the demo's "simulate scan" reaches the process
    return adapters
