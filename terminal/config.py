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
    name: str = Field("", max_length=16,
                      description='this kiosk as staff know it on a "call staff" alert, '
                                  'e.g. "2" or "lobby" (empty: the end of its terminal id)')
    technician_pin_hash: str = Field(
        "", description='scrypt hash of the technician PIN ("" uses the roster\'s technicians)')


class CounterSection(Section):
    window: str = Field("1", min_length=1, max_length=8,
                        description="this window's number as the hall display shows it")
    categories: list[str] = Field(["A", "B", "C", "D"], min_length=1,
                                  description="queue categories this window serves, e.g. "
                                              '["A", "B"]')
    idle_signout_seconds: int = Field(600, ge=60, le=14_400,
                                      description="seconds without input before the clerk "
                                                  "is signed out")
    recalls_before_no_show: int = Field(3, ge=1, le=10,
                                        description="recalls before a ticket may be marked "
                                                    "no-show")
    customer_screen: int | None = Field(None, ge=0, le=8,
                                        description="screen index of the resident-facing "
                                                    "rating window (none: same screen)")
    sign_in_hint: str = Field("", max_length=200,
                              description="a line shown under the sign-in while nobody is "
                                          "signed in (the demo prints its staff number and "
                                          "PIN there); never a real PIN")


class DisplaySection(Section):
    """[display]: the hall display only (`reception-display`, role "display")."""

    fullscreen: bool = Field(True, description="true on the hall screen; false for a window")
    hide_cursor: bool = Field(True, description="hide the mouse pointer")
    speech: Literal["auto", "tts", "espeak", "silent"] = Field(
        "auto", description='how calls are spoken after the chime: "auto" tries a '
                            "QtTextToSpeech engine that speaks Chinese, then espeak-ng "
                            "clips, then none (chime and text only, logged once); "
                            '"tts" a QtTextToSpeech engine (`tts_engine`; "speechd" only '
                            'where speech-dispatcher is installed); "espeak" espeak-ng '
                            '(Debian package espeak-ng); "silent" chime and text only. '
                            "Without an audio output device the display logs it once, "
                            "keeps the calls' timing and shows audio as offline on the "
                            "platform's fleet page")
    tts_engine: str = Field("", description='QtTextToSpeech engine name ("" picks one)')
    announce_english: bool = Field(True, description="say each call in English too")
    volume: float = Field(1.0, ge=0.0, le=1.0, description="announcement volume, 0 to 1")
    stale_call_seconds: int = Field(120, ge=10, le=3600,
                                    description="calls older than this (replayed after an "
                                                "outage) are shown but not announced")
    recent_calls: int = Field(8, ge=3, le=10, description="recent calls listed")


class PrinterSection(Section):
    kind: Literal["virtual", "usb", "network", "serial", "cups", "file", "none"] = Field(
        "virtual", description='"virtual", "usb", "network", "serial", "cups", "file" or '
                               '"none" (no printer: the kiosk shows each slip on screen and '
                               'says it has no printer)')
    paper_mm: Literal[58, 80] = Field(80, description="58 or 80")
    chinese_mode: Literal["auto", "gb18030", "raster"] = Field(
        "auto", description='"gb18030" (the printer\'s font), "raster" (images) or "auto" '
                            '(images until the technician panel\'s test slip confirms '
                            'GB18030; see docs/devices.md)')
    address: str = Field("", description='per kind: "host:9100", "/dev/ttyUSB0", a CUPS '
                                         'queue, a file path, or "04b8:0202" for USB')
    output_dir: Path | None = Field(None, description="where the virtual printer writes slips")
    unknown_status: Literal["print_and_warn", "treat_as_failed"] = Field(
        "print_and_warn",
        description='a printer whose status cannot be read (no answer, CUPS, a file): '
                    '"print_and_warn" sends the slip and warns the technician, '
                    '"treat_as_failed" shows the slip on screen and keeps it for reprint')


class CardReaderSection(Section):
    kind: Literal["simulated", "ga467", "pcsc", "none"] = Field(
        "simulated", description='"simulated", "ga467", "pcsc" or "none"')
    port: str = Field("", description="serial port of a GA 467 reader, e.g. /dev/ttyUSB0")
    reader: str = Field("", description="PC/SC reader name (empty: the first one)")
    simulated_card: Literal["always", "on_tap"] = Field(
        "always", description='the simulated reader\'s card: "always" on it, or "on_tap" of '
                              "the kiosk's demo button (taken away once read)")


class CameraSection(Section):
    kind: Literal["simulated", "device", "file", "folder", "none"] = Field(
        "simulated", description='"simulated", "device", "file", "folder" or "none"')
    index: int = Field(0, ge=0, le=16, description="camera device index")
    path: Path | None = Field(None, description="video file or image folder")
    simulated_qr: Literal["always", "on_tap"] = Field(
        "always", description='the simulated camera\'s receipt QR codes: "always" in view, '
                              'or "on_tap" of the kiosk\'s demo button (a few seconds)')


class PassportSection(Section):
    kind: Literal["simulated", "pcsc", "none"] = Field(
        "simulated", description='the passport chip reader: "simulated" (a specimen '
                                 "passport, ICAO 9303's worked example: document number "
                                 'L898902C, born 690806, expiring 940623), "pcsc" or "none"')
    reader: str = Field("", description="PC/SC reader name (empty: the first one)")
    simulated_passport: Literal["specimen", "demo"] = Field(
        "specimen", description='the simulated chip: "specimen" (ICAO\'s worked example, '
                                'expired on 1994-06-23: the tests\' passport) or "demo" (a '
                                "passport valid today: number D23145890, born 740812, "
                                "expiring on 31 December five years on; `make demo`)")
    csca_dir: Path | None = Field(
        None, description="folder of CSCA certificates (PEM or DER) that passive "
                          "authentication anchors document signers in; without it a chip's "
                          "signature is checked but shown as not anchored")
    face_match_threshold: float = Field(
        0.6, gt=0.0, lt=2.0,
        description="face match: largest distance between the live face and the passport's "
                    "photo still taken as one person (dlib's scale; lower is stricter)")


class DevicesSection(Section):
    printer: PrinterSection = PrinterSection()
    card_reader: CardReaderSection = CardReaderSection()
    camera: CameraSection = CameraSection()
    passport: PassportSection = PassportSection()


class TerminalConfig(SyncConfig):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kiosk: KioskSection = KioskSection()
    counter: CounterSection = CounterSection()
    devices: DevicesSection = DevicesSection()
