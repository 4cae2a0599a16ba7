"""Devices for the terminal apps: drivers built from configuration, Qt adapters.

`build_devices(config.devices, data_dir)` gives the drivers; wrap each in its
adapter (`PrinterAdapter`, `CardReaderAdapter`, `CameraAdapter`), which runs
the driver on its own thread and reports by signals. Stop the adapters, then
close the `Devices`.
"""

from terminal.devices.factory import (
    DeviceConfigError,
    Devices,
    build_camera,
    build_card_reader,
    build_devices,
    build_printer,
    printer_config,
)
from terminal.devices.workers import (
    CameraAdapter,
    CardReaderAdapter,
    DeviceAdapter,
    ErrorEntry,
    PrinterAdapter,
    frame_to_qimage,
    translate_device,
)

__all__ = [
    "CameraAdapter",
    "CardReaderAdapter",
    "DeviceAdapter",
    "DeviceConfigError",
    "Devices",
    "ErrorEntry",
    "PrinterAdapter",
    "build_camera",
    "build_card_reader",
    "build_devices",
    "build_printer",
    "frame_to_qimage",
    "printer_config",
    "translate_device",
]
