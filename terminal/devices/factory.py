"""Build the device drivers from the `[devices]` configuration.

Simulated devices run the real driver code: the simulated card reader is a
`SerialIdCardReader` on the pty of an in-process GA 467 simulator, and the
simulated camera is an `ImageFolderSource` over synthetic receipt photos.
Nothing is opened here; the drivers open lazily on first use.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hardware.idcard import IdentityReader
from hardware.idcard.ga467_sim import Ga467Simulator, demo_identity
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.printer import ReceiptPrinter, create_printer
from terminal.config import CameraSection, CardReaderSection, DevicesSection, PrinterSection
from terminal.devices.demo_taps import DemoTaps, TapCardSimulator
from terminal.devices.passport import PassportOpener, open_passport_reader

if TYPE_CHECKING:  # OpenCV and numpy load when a camera is built here
    from hardware.camera import FrameSource

log = logging.getLogger("terminal.devices")

#: Frame rate of the simulated camera (the preview rate).
SIMULATED_FPS = 30.0
#: How many synthetic receipt photos the simulated camera cycles through.
SIMULATED_FRAMES = 6
#: JPEG quality of those photos.
SIMULATED_JPEG_QUALITY = 90


class DeviceConfigError(ValueError):
    """A device setting cannot be turned into a driver; the message says which."""


@dataclass
class Devices:
    """The terminal's drivers (None when a device is configured as "none")."""

    printer: ReceiptPrinter | None = None
    card_reader: IdentityReader | None = None
    camera: FrameSource | None = None
    #: builds the passport chip reader on its adapter's thread (None: "none")
    passport: PassportOpener | None = None
    #: the camera's settings when it runs in a child process (`camera` is then None)
    camera_process: CameraSection | None = None
    #: the demo's "simulate card" and "simulate scan" (simulators set to "on_tap")
    taps: DemoTaps = field(default_factory=DemoTaps)
    _cleanups: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        """Close the drivers and stop simulators (stop the adapters first)."""
        for device in (self.printer, self.card_reader, self.camera):
            if device is not None:
                with contextlib.suppress(Exception):
                    device.close()
        while self._cleanups:
            with contextlib.suppress(Exception):
                self._cleanups.pop()()


# ---- printer -------------------------------------------------------------------

def _host_port(address: str, default_port: int = 9100) -> tuple[str, int]:
    host, _, port = address.strip().rpartition(":")
    if not host:
        return address.strip(), default_port
    try:
        return host, int(port)
    except ValueError:
        raise DeviceConfigError(f"printer address {address!r}: port is not a number") from None


def _usb_ids(address: str) -> tuple[int, int]:
    try:
        vendor, product = address.strip().split(":")
        return int(vendor, 16), int(product, 16)
    except ValueError:
        raise DeviceConfigError(
            f"USB printer address {address!r}: expected vendor:product in hex, "
            "e.g. 04b8:0202") from None


def printer_config(section: PrinterSection, data_dir: Path) -> dict[str, Any]:
    """The `create_printer` mapping for a `[devices.printer]` section."""
    config: dict[str, Any] = {"paper_mm": section.paper_mm, "chinese_mode": section.chinese_mode,
                              "unknown_status": section.unknown_status}
    address = section.address.strip()
    if section.kind == "virtual":
        config["virtual"] = str(section.output_dir or data_dir / "slips")
        return config
    if not address:
        raise DeviceConfigError(f"printer kind {section.kind!r} needs `address`")
    if section.kind == "network":
        host, port = _host_port(address)
        transport: dict[str, Any] = {"type": "network", "host": host, "port": port}
    elif section.kind == "usb":
        vendor, product = _usb_ids(address)
        transport = {"type": "usb", "vendor_id": vendor, "product_id": product}
    elif section.kind == "serial":
        device, _, baud = address.partition("@")  # "/dev/ttyUSB0@115200"
        transport = {"type": "serial", "device": device}
        if baud:
            transport["baudrate"] = int(baud)
    elif section.kind == "cups":
        transport = {"type": "cups", "queue": address}
    else:
        transport = {"type": "file", "path": address}
    config["transport"] = transport
    return config


def build_printer(section: PrinterSection, data_dir: Path) -> ReceiptPrinter | None:
    """The printer; None for a terminal without one (`kind = "none"`)."""
    if section.kind == "none":
        return None
    return create_printer(printer_config(section, data_dir))


# ---- card reader ---------------------------------------------------------------

def build_card_reader(section: CardReaderSection, taps: DemoTaps | None = None
                      ) -> tuple[IdentityReader | None, Callable[[], None] | None]:
    """The reader and, for the simulator, the function that stops it. A simulated
    reader "on tap" waits for `taps.place_card()`."""
    if section.kind == "none":
        return None, None
    if section.kind == "simulated":
        if section.simulated_card == "on_tap":
            simulator: Ga467Simulator = TapCardSimulator(demo_identity())
            if taps is not None:
                taps.card = simulator
        else:
            simulator = Ga467Simulator(demo_identity())
        port = simulator.start()
        log.info("simulated GA 467 card reader on %s", port)
        return SerialIdCardReader(port), simulator.stop
    if section.kind == "ga467":
        if not section.port:
            raise DeviceConfigError("card_reader kind 'ga467' needs `port`")
        return SerialIdCardReader(section.port), None
    from hardware.idcard.pcsc import PcscReader  # pyscard only when asked for

    return PcscReader(section.reader or None), None


# ---- camera --------------------------------------------------------------------

def write_simulated_frames(folder: Path, count: int = SIMULATED_FRAMES, seed: int = 7) -> None:
    """Synthetic receipt photos (each with a status QR code) as JPEG files.

    JPEG, as a USB camera sends (MJPEG): decoding one of these 1280x720
    frames takes ~6 ms, against ~30 ms for the same frame as PNG, which
    alone kept the simulated camera below 30 frames/s.
    """
    import cv2
    import numpy as np

    from hardware.camera.synthetic import receipt_scene, status_payload

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(count):
        frame = receipt_scene(status_payload(42 + i), rng, qr_px=220,
                              angle=float(rng.uniform(-15, 15)))
        cv2.imwrite(str(folder / f"frame-{i:02d}.jpg"), frame,
                    [cv2.IMWRITE_JPEG_QUALITY, SIMULATED_JPEG_QUALITY])


def build_camera(section: CameraSection, taps: DemoTaps | None = None
                 ) -> tuple[FrameSource | None, Callable[[], None] | None]:
    """The frame source and, for the simulator, the function that removes its images.
    A simulated camera "on tap" shows its receipts after `taps.show_qr()`."""
    if section.kind == "none":
        return None, None
    from hardware.camera.sources import DeviceCamera, ImageFolderSource, VideoFileSource
    from terminal.devices.demo_camera import TapQrSource

    if section.kind == "simulated":
        folder = Path(tempfile.mkdtemp(prefix="reception-camera-"))
        write_simulated_frames(folder)
        if section.simulated_qr == "on_tap":
            source: ImageFolderSource = TapQrSource(folder, fps=SIMULATED_FPS)
            if taps is not None:
                taps.camera = source
        else:
            source = ImageFolderSource(folder, fps=SIMULATED_FPS)
        return source, lambda: shutil.rmtree(folder, ignore_errors=True)
    if section.kind == "device":
        return DeviceCamera(section.index), None
    if section.path is None:
        raise DeviceConfigError(f"camera kind {section.kind!r} needs `path`")
    if section.kind == "file":
        return VideoFileSource(section.path, fps=SIMULATED_FPS), None
    return ImageFolderSource(section.path, fps=SIMULATED_FPS), None


def build_devices(section: DevicesSection, data_dir: Path, *,
                  camera_process: bool = False) -> Devices:
    """Every driver of the terminal; close the result when done.

    `camera_process`: the camera is not built here but kept as settings for
    a camera process (`terminal.devices.camera_process`), so that OpenCV and
    numpy stay out of this process."""
    devices = Devices(printer=build_printer(section.printer, data_dir))
    try:
        devices.card_reader, stop_reader = build_card_reader(section.card_reader, devices.taps)
        if stop_reader:
            devices._cleanups.append(stop_reader)
        devices.passport = open_passport_reader(section.passport)
        if camera_process:
            devices.camera_process = section.camera if section.camera.kind != "none" else None
        else:
            devices.camera, remove_frames = build_camera(section.camera, devices.taps)
            if remove_frames:
                devices._cleanups.append(remove_frames)
    except Exception:
        devices.close()
        raise
    return devices
