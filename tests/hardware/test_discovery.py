"""Device discovery: well-formed results here, and reasons when a subsystem is missing."""

from __future__ import annotations

import builtins
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from usb.backend import IBackend

from hardware import discovery
from hardware.discovery import (
    CameraDevice,
    CupsQueue,
    Discovery,
    SerialPort,
    SmartcardReader,
    UsbPrinter,
)


def assert_well_formed(result: Discovery[object], item_type: type) -> None:
    assert isinstance(result, Discovery)
    assert isinstance(result.items, tuple)
    assert all(isinstance(item, item_type) for item in result.items)
    if not result.available:
        assert result.items == () and result.reason.startswith("not available: ")
    assert result.kind in result.summary()


@pytest.mark.parametrize(("lister", "item_type"), [
    (discovery.list_smartcard_readers, SmartcardReader),
    (discovery.list_serial_ports, SerialPort),
    (discovery.list_usb_printers, UsbPrinter),
    (discovery.list_cups_queues, CupsQueue),
    (discovery.list_cameras, CameraDevice),
])
def test_each_lister_is_well_formed_on_this_machine(lister: object, item_type: type) -> None:
    assert_well_formed(lister(), item_type)  # type: ignore[operator]


def test_discover_all_summarises_every_subsystem() -> None:
    report = discovery.discover_all()
    lines = report.lines()
    assert len(lines) == 5 and all(isinstance(line, str) and line for line in lines)


def hide_module(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make `import name` (and its submodules) fail as if it were not installed."""
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        monkeypatch.delitem(sys.modules, loaded)
    real_import = builtins.__import__

    def fake_import(module: str, *args: object, **kwargs: object) -> ModuleType:
        if module == name or module.startswith(name + "."):
            raise ImportError(f"No module named {module!r}")
        return real_import(module, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_pcscd_not_running_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    import smartcard.System
    from smartcard.pcsc.PCSCExceptions import EstablishContextException

    def no_service() -> list[str]:
        raise EstablishContextException(0x8010001D)

    monkeypatch.setattr(smartcard.System, "readers", no_service)
    result = discovery.list_smartcard_readers()
    assert not result.available
    assert "PC/SC service is not running" in result.reason and "pcscd" in result.reason


def test_pyscard_missing_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    hide_module(monkeypatch, "smartcard")
    result = discovery.list_smartcard_readers()
    assert not result.available and "pyscard not installed" in result.reason


def test_smartcard_readers_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    import smartcard.System

    monkeypatch.setattr(smartcard.System, "readers", lambda: ["Virtual PCD 00 00"])
    result = discovery.list_smartcard_readers()
    assert result.available and result.items == (SmartcardReader("Virtual PCD 00 00"),)


def test_serial_ports_listed_from_pyserial(monkeypatch: pytest.MonkeyPatch) -> None:
    from serial.tools import list_ports
    from serial.tools.list_ports_common import ListPortInfo

    port = ListPortInfo("/dev/ttyUSB0", skip_link_detection=True)  # what pyserial lists
    port.description, port.hwid = "CH340", "USB VID:PID=1A86"
    port.vid, port.pid = 0x1A86, 0x7523
    monkeypatch.setattr(list_ports, "comports", lambda: [port])
    result = discovery.list_serial_ports()
    assert result.items == (SerialPort("/dev/ttyUSB0", "CH340", "USB VID:PID=1A86", 0x1A86,
                                       0x7523, None),)


def test_pyserial_missing_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    hide_module(monkeypatch, "serial")
    result = discovery.list_serial_ports()
    assert not result.available and "pyserial not installed" in result.reason


@dataclass(frozen=True)
class Descriptor:
    """The descriptor fields usb.core's Device, Configuration and Interface read."""

    bDeviceClass: int = 0
    bInterfaceClass: int = 0
    bNumInterfaces: int = 1
    bNumConfigurations: int = 1
    idVendor: int = 0x0416
    idProduct: int = 0x5011
    bus: int = 1
    address: int = 4
    port_number: int | None = None
    speed: int | None = None

    def __getattr__(self, name: str) -> None:  # the fields discovery does not read
        return None


class Backend(IBackend):
    """A pyusb backend with made-up devices, each (device class, its interfaces'
    classes): usb.core.find and its real Device objects read them as from libusb."""

    def __init__(self, devices: list[tuple[int, list[int]]]) -> None:
        self.devices = devices

    def enumerate_devices(self) -> Iterator[int]:
        return iter(range(len(self.devices)))

    def get_device_descriptor(self, dev: int) -> Descriptor:
        return Descriptor(bDeviceClass=self.devices[dev][0])

    def get_configuration_descriptor(self, dev: int, config: int) -> Descriptor:
        return Descriptor(bNumInterfaces=len(self.devices[dev][1]))

    def get_interface_descriptor(self, dev: int, intf: int, alt: int,
                                 config: int) -> Descriptor:
        if alt > 0:
            raise IndexError("one alternate setting")
        return Descriptor(bInterfaceClass=self.devices[dev][1][intf])


def test_usb_printers_have_interface_class_7(monkeypatch: pytest.MonkeyPatch) -> None:
    import usb.core

    backend = Backend([(0, [7]), (0, [3, 7]), (0, [3]), (9, [9])])
    find = usb.core.find
    monkeypatch.setattr(usb.core, "find", lambda find_all=False: find(find_all=find_all,
                                                                      backend=backend))
    result = discovery.list_usb_printers()
    assert result.available
    assert result.items == (UsbPrinter(0x0416, 0x5011, 1, 4),) * 2


def test_no_libusb_falls_back_to_device_nodes(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    import usb.core

    def no_backend(find_all: bool = False) -> object:
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    (tmp_path / "lp0").touch()
    result = discovery.list_usb_printers(dev_glob=str(tmp_path / "lp*"))
    assert result.items == (UsbPrinter(device_path=str(tmp_path / "lp0")),)
    assert "libusb not usable" in result.reason and "NoBackendError" in result.reason


def test_no_lpstat_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery.shutil, "which", lambda name: None)
    result = discovery.list_cups_queues()
    assert not result.available and "`lpstat` not found" in result.reason


def fake_lpstat(monkeypatch: pytest.MonkeyPatch, returncode: int, stdout: str,
                stderr: str = "") -> None:
    monkeypatch.setattr(discovery.shutil, "which", lambda name: "/usr/bin/lpstat")
    monkeypatch.setattr(discovery.subprocess, "run", lambda *a, **k: (
        subprocess.CompletedProcess(["lpstat", "-e"], returncode, stdout, stderr)))


def test_cups_queues_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_lpstat(monkeypatch, 0, "receipt_80mm\nOffice_A4\n")
    result = discovery.list_cups_queues()
    assert result.items == (CupsQueue("receipt_80mm"), CupsQueue("Office_A4"))


def test_cups_scheduler_down_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_lpstat(monkeypatch, 1, "", "lpstat: Scheduler is not running.")
    result = discovery.list_cups_queues()
    assert not result.available and "Scheduler is not running" in result.reason


def test_cameras_from_video_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery.sys, "platform", "linux")
    dev, sysfs = tmp_path / "dev", tmp_path / "sys"
    for n in (0, 2, 10):
        (dev / f"video{n}").parent.mkdir(parents=True, exist_ok=True)
        (dev / f"video{n}").touch()
    (sysfs / "video0").mkdir(parents=True)
    (sysfs / "video0" / "name").write_text("USB2.0 HD UVC WebCam\n")
    result = discovery.list_cameras(dev_root=str(dev), sys_root=str(sysfs))
    assert [c.index for c in result.items] == [0, 2, 10]
    assert result.items[0] == CameraDevice(0, str(dev / "video0"), "USB2.0 HD UVC WebCam", None)

    monkeypatch.setattr(discovery, "_probe", lambda indexes: {i: i == 0 for i in indexes})
    probed = discovery.list_cameras(probe=True, dev_root=str(dev), sys_root=str(sysfs))
    assert [(c.index, c.opens) for c in probed.items] == [(0, True), (2, False), (10, False)]


def test_no_video_nodes_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery.sys, "platform", "linux")
    result = discovery.list_cameras(dev_root=str(tmp_path))
    assert result.available and result.items == () and "no " in result.reason


def test_other_systems_need_probing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery.sys, "platform", "win32")
    result = discovery.list_cameras()
    assert result.items == () and "probe=True" in result.reason
    monkeypatch.setattr(discovery, "_probe", lambda indexes: {i: i == 1 for i in indexes})
    assert discovery.list_cameras(probe=True).items == (CameraDevice(1, opens=True),)


def test_a_crashing_lister_reports_instead_of_raising(monkeypatch: pytest.MonkeyPatch) -> None:
    from serial.tools import list_ports

    def boom() -> list[object]:
        raise OSError("sysfs unreadable")

    monkeypatch.setattr(list_ports, "comports", boom)
    result = discovery.list_serial_ports()
    assert not result.available and "OSError: sysfs unreadable" in result.reason
