"""Render a Receipt to ESC/POS bytes through python-escpos's Dummy printer.

Chinese text is never left to python-escpos's encoder (it has no GB18030 code
page and turns full-width punctuation into '?'): in GB18030 mode each line is
sent raw between FS & and FS .; in raster mode it is drawn with Pillow.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from escpos.capabilities import BaseProfile, get_profile_class
from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy
from PIL import Image

from hardware.printer.fonts import FontSpec, find_cjk_font
from hardware.printer.layout import Align, Barcode, Cut, Logo, Qr, TextLine, layout
from hardware.printer.raster import barcode_image, centered, draw_lines, qr_image, render_png
from hardware.printer.receipt import PAPER_80, Paper, Receipt

__all__ = ["ChineseMode", "RenderOptions", "render_escpos", "render_png", "resolve_chinese_mode"]

FS_CHINESE_ON = b"\x1c\x26"  # FS &
FS_CHINESE_OFF = b"\x1c\x2e"  # FS .
ESC_INIT = b"\x1b\x40"
GS_SIZE = b"\x1d\x21"  # GS ! n

# Profiles of printers sold with a GB18030 font (python-escpos has no such flag).
# A custom profile may also say so with `"chinese": true` or a GB code page.
CHINESE_PROFILES = frozenset({"POS-5890", "ZJ-5870", "NT-5890K", "NT-80-V-UL", "RP326",
                              "Sunmi-V2", "KR-306", "P822D"})
_GB_CODEPAGES = ("GB18030", "GBK", "GB2312", "CP936")


class ChineseMode(StrEnum):
    GB18030 = "gb18030"  # the printer's own Chinese font, FS & ... FS .
    RASTER = "raster"  # Pillow-drawn 1-bit images (GS v 0)
    AUTO = "auto"  # GB18030 when the profile has Chinese fonts


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to turn a receipt into bytes for one printer."""

    paper: Paper = PAPER_80
    profile: str = "default"
    chinese_mode: ChineseMode = ChineseMode.AUTO
    native_qr: bool | None = None  # None: as the profile says
    font_path: str | None = None  # CJK font override for raster text
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@lru_cache(maxsize=32)
def _profile(name: str, dots: int) -> BaseProfile:
    """A private copy of a profile whose media width is the configured paper."""
    base = get_profile_class(name)
    data = copy.deepcopy(base.profile_data)
    data.setdefault("media", {})["width"] = {"mm": "Unknown", "pixels": dots}
    return type(f"{base.__name__}_{dots}", (base,), {"profile_data": data})()


def profile_has_chinese(name: str) -> bool:
    data = get_profile_class(name).profile_data
    pages = " ".join(str(v).upper() for v in data.get("codePages", {}).values())
    return bool(data.get("chinese")) or name in CHINESE_PROFILES or any(
        page in pages for page in _GB_CODEPAGES)


def resolve_chinese_mode(options: RenderOptions) -> ChineseMode:
    """GB18030 or RASTER, deciding AUTO from the profile."""
    if options.chinese_mode is not ChineseMode.AUTO:
        return ChineseMode(options.chinese_mode)
    return ChineseMode.GB18030 if profile_has_chinese(options.profile) else ChineseMode.RASTER


class _Writer:
    """Tracks text style so that only changes are sent."""

    def __init__(self, printer: Dummy, options: RenderOptions) -> None:
        self.p = printer
        self.options = options
        self.paper = options.paper
        self.style: tuple[str, bool, bool] = ("left", False, False)
        self.mode = resolve_chinese_mode(options)
        self._font: FontSpec | None = None

    @property
    def font(self) -> FontSpec:
        if self._font is None:
            self._font = find_cjk_font(self.options.font_path)
        return self._font

    def set_style(self, align: str, bold: bool = False, double: bool = False) -> None:
        if (align, bold, double) == self.style:
            return
        self.p.set(align=align, bold=bold)
        # GS ! sizes ASCII and Chinese-font characters alike (ESC ! is ASCII only).
        self.p._raw(GS_SIZE + (b"\x11" if double else b"\x00"))
        self.style = (align, bold, double)

    def text(self, line: TextLine) -> None:
        self.set_style(line.align.value, line.bold, line.double)
        if line.text.isascii():
            self.p._raw(line.text.encode("ascii") + b"\n")
        else:
            self.p._raw(FS_CHINESE_ON + line.text.encode("gb18030", "replace")
                        + FS_CHINESE_OFF + b"\n")

    def image(self, image: Image.Image) -> None:
        self.set_style("left")
        self.p.image(centered(image, self.paper), impl="bitImageRaster")

    def qr(self, payload: str) -> None:
        native = self.options.native_qr
        if native is None:
            native = self.p.profile.supports("qrCode")
        if native:
            self.set_style("center")
            self.p.qr(payload, ec=QR_ECLEVEL_M, size=6 if self.paper.dots < 500 else 8,
                      native=True)
            self.p._raw(b"\n")
        else:
            self.image(qr_image(payload, self.paper.dots))

    def barcode(self, payload: str) -> None:
        code = "{B" + payload
        modules = 11 * (len(payload) + 3) + 2
        hw = (self.p.profile.supports("barcodeB") and payload.isascii()
              and payload.isprintable() and 0 < len(payload) <= 250
              and modules * 2 <= self.paper.dots)
        if hw:
            # _hw_barcode: the public barcode() prints its choice to stdout.
            self.p._hw_barcode(code, "CODE128", height=64, width=2, pos="BELOW", font="A",
                               align_ct=True, function_type="B", check=True)
            self.p._raw(b"\n")
            self.style = ("center", self.style[1], self.style[2])
        else:
            self.image(barcode_image(payload, self.paper.dots))
            self.text(TextLine(payload, Align.CENTER))


def render_escpos(receipt: Receipt, options: RenderOptions | None = None) -> bytes:
    """The receipt as the ESC/POS byte stream a printer receives."""
    options = options or RenderOptions()
    printer = Dummy()
    printer.profile = _profile(options.profile, options.paper.dots)
    w = _Writer(printer, options)
    printer._raw(ESC_INIT)
    raster_run: list[TextLine] = []
    for element in layout(receipt, options.paper):
        if isinstance(element, TextLine) and w.mode is ChineseMode.RASTER \
                and not element.text.isascii():
            raster_run.append(element)
            continue
        if raster_run:
            w.image(draw_lines(raster_run, options.paper, w.font))
            raster_run = []
        if isinstance(element, TextLine):
            w.text(element)
        elif isinstance(element, Logo):
            w.image(element.image)
        elif isinstance(element, Qr):
            w.qr(element.payload)
        elif isinstance(element, Barcode):
            w.barcode(element.payload)
        elif isinstance(element, Cut):
            w.set_style("left")
            printer.cut()
    if raster_run:
        w.image(draw_lines(raster_run, options.paper, w.font))
    w.set_style("left")
    return printer.output
