"""Device discovery for the technician panel and first-run setup.

Each lister returns a `Discovery` of small frozen dataclasses. Nothing here
raises for a missing subsystem (no pcscd, no libusb, no CUPS, no camera):
the result then has `available=False` and a `reason` a technician can act on.
An empty list with `available=True` means "the subsystem works, no device".
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

USB_CLASS_PRINTER = 7


@dataclass(frozen=True, slots=True)
class Discovery(Generic[T]):
    """What one lister found: items, or why the subsystem is not available."""

    kind: str
    items: tuple[T, ...] = ()
    available: bool = True
    reason: str = ""

    @classmethod
    def unavailable(cls, kind: str, reason: str) -> Discovery[T]:
        return cls(kind, (), False, f"not available: {reason}")

    def summary(self) -> str:
        if not self.available:
            return f"{self.kind}: {self.reason}"
        return f"{self.kind}: {len(self.items)} found" + (f" ({self.reason})" if self.reason
                                                          else "")


@dataclass(frozen=True, slots=True)
class SmartcardReader:
    name: str


@dataclass(frozen=True, slots=True)
class SerialPort:
    device: str
    description: str = ""
    hwid: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None


@dataclass(frozen=True, slots=True)
class UsbPrinter:
    """A USB printer: by vendor/product id (pyusb) or by device node (/dev/usb/lp*)."""

    vendor_id: int | None = None
    product_id: int | None = None
    bus: int | None = None
    address: int | None = None
    device_path: str | None = None


@dataclass(frozen=True, slots=True)
class CupsQueue:
    name: str


@dataclass(frozen=True, slots=True)
class CameraDevice:
    """A camera: `index` for `cv2.VideoCapture`; `opens` is None unless probed."""

    index: int
    path: str | None = None
    name: str = ""
    opens: bool | None = None


def _guarded(kind: str, lister: Callable[[], Discovery[T]]) -> Discovery[T]:
    try:
        return lister()
    except Exception as error:  # a lister must never take the panel down
        return Discovery.unavailable(kind, f"{type(error).__name__}: {error}")


# -- PC/SC --------------------------------------------------------------------

def list_smartcard_readers() -> Discovery[SmartcardReader]:
    """PC/SC readers through pyscard; explains a missing pcscd or pyscard."""

    def run() -> Discovery[SmartcardReader]:
        try:
            from smartcard.System import readers
        except ImportError as error:
            return Discovery.unavailable("smartcard readers", f"pyscard not installed ({error})")
        try:
            found = readers()
        except Exception as error:
            text = str(error)
            if "Service not available" in text or "0x8010001D" in text.upper():
                text = ("the PC/SC service is not running (start pcscd, e.g. "
                        "`pcscd --foreground &` or `systemctl start pcscd.socket`)")
            return Discovery.unavailable("smartcard readers", text)
        return Discovery("smartcard readers", tuple(SmartcardReader(str(r)) for r in found))

    return _guarded("smartcard readers", run)


# -- serial -------------------------------------------------------------------

def list_serial_ports() -> Discovery[SerialPort]:
    """Serial ports (including USB-serial adapters) through pyserial."""

    def run() -> Discovery[SerialPort]:
        try:
            from serial.tools import list_ports
        except ImportError as error:
            return Discovery.unavailable("serial ports", f"pyserial not installed ({error})")
        ports = tuple(
            SerialPort(p.device, p.description or "", p.hwid or "", p.vid, p.pid,
                       p.serial_number)
            for p in sorted(list_ports.comports(), key=lambda p: p.device)
        )
        return Discovery("serial ports", ports)

    return _guarded("serial ports", run)


# -- USB printers -------------------------------------------------------------

def list_usb_printers(dev_glob: str = "/dev/usb/lp*") -> Discovery[UsbPrinter]:
    """USB printers (interface class 7) via pyusb/libusb, else /dev/usb/lp* nodes."""

    def run() -> Discovery[UsbPrinter]:
        why_not_usb = ""
        try:
            import usb.core

            devices = list(usb.core.find(find_all=True))
        except ImportError as error:
            why_not_usb = f"pyusb not installed ({error})"
        except Exception as error:  # usb.core.NoBackendError: no libusb
            why_not_usb = f"libusb not usable ({type(error).__name__}: {error})"
        else:
            return Discovery("USB printers", tuple(
                UsbPrinter(d.idVendor, d.idProduct, d.bus, d.address)
                for d in devices if _is_printer(d)))
        nodes = sorted(glob.glob(dev_glob))
        if nodes or sys.platform.startswith("linux"):
            return Discovery("USB printers", tuple(UsbPrinter(device_path=n) for n in nodes),
                             reason=f"{why_not_usb}; scanned {dev_glob}")
        return Discovery.unavailable("USB printers", why_not_usb)

    return _guarded("USB printers", run)


def _is_printer(device: object) -> bool:
    if getattr(device, "bDeviceClass", None) == USB_CLASS_PRINTER:
        return True
    try:
        for configuration in device:  # type: ignore[attr-defined]
            for interface in configuration:
                if interface.bInterfaceClass == USB_CLASS_PRINTER:
                    return True
    except Exception:  # descriptor not readable: not ours to judge
        return False
    return False


# -- CUPS ---------------------------------------------------------------------

def list_cups_queues(timeout: float = 5.0) -> Discovery[CupsQueue]:
    """CUPS destinations from `lpstat -e`."""

    def run() -> Discovery[CupsQueue]:
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return Discovery.unavailable("CUPS queues", "`lpstat` not found (CUPS client not "
                                                        "installed)")
        try:
            done = subprocess.run([lpstat, "-e"], capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return Discovery.unavailable("CUPS queues", f"`lpstat -e` timed out after "
                                                        f"{timeout:g} s")
        names = tuple(CupsQueue(line.strip()) for line in done.stdout.splitlines()
                      if line.strip())
        if done.returncode != 0 and not names:
            message = done.stderr.strip() or f"exit status {done.returncode}"
            if "No destinations" in message:
                return Discovery("CUPS queues", (), reason=message)
            return Discovery.unavailable("CUPS queues", f"`lpstat -e` failed: {message}")
        return Discovery("CUPS queues", names)

    return _guarded("CUPS queues", run)


# -- cameras ------------------------------------------------------------------

def list_cameras(*, probe: bool = False, max_index: int = 4,
                 dev_root: str = "/dev", sys_root: str = "/sys/class/video4linux"
                 ) -> Discovery[CameraDevice]:
    """Cameras: /dev/video* on Linux; with `probe=True`, try opening indexes.

    Probing opens each device briefly (slow, and it can disturb a camera in
    use), so it is done only when asked. On other systems only probing finds
    cameras.
    """

    def run() -> Discovery[CameraDevice]:
        if sys.platform.startswith("linux"):
            nodes = sorted(Path(dev_root).glob("video*"), key=_video_number)
            cameras = [CameraDevice(_video_number(n), str(n), _v4l_name(sys_root, n.name))
                       for n in nodes if _video_number(n) >= 0]
            if probe:
                if cameras:
                    opened = _probe(c.index for c in cameras)
                    cameras = [CameraDevice(c.index, c.path, c.name, opened[c.index])
                               for c in cameras]
                else:
                    opened = _probe(range(max_index))
                    cameras = [CameraDevice(i, opens=True) for i, ok in opened.items() if ok]
            reason = "" if cameras else f"no {dev_root}/video* device nodes"
            return Discovery("cameras", tuple(cameras), reason=reason)
        if not probe:
            return Discovery("cameras", (), reason="listing needs probe=True on this system")
        opened = _probe(range(max_index))
        return Discovery("cameras", tuple(CameraDevice(i, opens=True)
                                          for i, ok in opened.items() if ok))

    return _guarded("cameras", run)


def _video_number(node: Path) -> int:
    digits = node.name.removeprefix("video")
    return int(digits) if digits.isdigit() else -1


def _v4l_name(sys_root: str, node: str) -> str:
    try:
        return (Path(sys_root) / node / "name").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _probe(indexes: Iterable[int]) -> dict[int, bool]:
    import cv2

    result: dict[int, bool] = {}
    for index in indexes:
        capture = cv2.VideoCapture(index)
        try:
            result[index] = bool(capture.isOpened())
        finally:
            capture.release()
    return result


# -- everything ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DiscoveryReport:
    smartcard_readers: Discovery[SmartcardReader]
    serial_ports: Discovery[SerialPort]
    usb_printers: Discovery[UsbPrinter]
    cups_queues: Discovery[CupsQueue]
    cameras: Discovery[CameraDevice]
    platform: str = field(default_factory=lambda: f"{sys.platform} ({os.name})")

    def lines(self) -> list[str]:
        return [d.summary() for d in (self.smartcard_readers, self.serial_ports,
                                      self.usb_printers, self.cups_queues, self.cameras)]


def discover_all(*, probe_cameras: bool = False) -> DiscoveryReport:
    """Run every lister (blocking: call it from a worker thread)."""
    return DiscoveryReport(list_smartcard_readers(), list_serial_ports(), list_usb_printers(),
                           list_cups_queues(), list_cameras(probe=probe_cameras))


if __name__ == "__main__":
    print("\n".join(discover_all(probe_cameras="--probe" in sys.argv).lines()))
