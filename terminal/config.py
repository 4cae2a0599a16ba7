"""The whole terminal configuration: the sync core's sections plus the
shell's own (kiosk behaviour and devices)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field

from sync.config import Section, SyncConfig


class KioskSection(Section):
    idle_seconds: int = Field(90, ge=15, le=3600,
                              description="seconds without a touch before the wipe countdown")
    countdown_seconds: int = Field(15, ge=5, le=120,
                                   description="seconds the wipe countdown shows")
    fullscreen: bool = Field(True, description="true on a real kiosk; false for a window")
    hide_cursor: bool = Field(True, description="hide the mouse pointer on a touch screen")
    technician_pin_hash: str = Field(
        "", description='scrypt hash of the technician PIN ("" uses the roster\'s technicians)')


class PrinterSection(Section):
    kind: Literal["virtual", "usb", "network", "serial", "cups", "file"] = Field(
        "virtual", description='"virtual", "usb", "network", "serial", "cups" or "file"')
    paper_mm: Literal[58, 80] = Field(80, description="58 or 80")
    chinese_mode: Literal["auto", "gb18030", "raster"] = Field(
        "auto", description='"auto", "gb18030" or "raster"')
    address: str = Field("", description='per kind: "host:9100", "/dev/ttyUSB0", a CUPS '
                                         'queue, a file path, or "04b8:0202" for USB')
    output_dir: Path | None = Field(None, description="where the virtual printer writes slips")


class CardReaderSection(Section):
    kind: Literal["simulated", "ga467", "pcsc", "none"] = Field(
        "simulated", description='"simulated", "ga467", "pcsc" or "none"')
    port: str = Field("", description="serial port of a GA 467 reader, e.g. /dev/ttyUSB0")
    reader: str = Field("", description="PC/SC reader name (empty: the first one)")


class CameraSection(Section):
    kind: Literal["simulated", "device", "file", "folder", "none"] = Field(
        "simulated", description='"simulated", "device", "file", "folder" or "none"')
    index: int = Field(0, ge=0, le=16, description="camera device index")
    path: Path | None = Field(None, description="video file or image folder")


class DevicesSection(Section):
    printer: PrinterSection = PrinterSection()
    card_reader: CardReaderSection = CardReaderSection()
    camera: CameraSection = CameraSection()


class TerminalConfig(SyncConfig):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kiosk: KioskSection = KioskSection()
    devices: DevicesSection = DevicesSection()
