"""Lay a Receipt out into printable lines and blocks, shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image

from hardware.printer.receipt import Paper, Receipt, display_width, wrap


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line; `double` means double width and height (GS ! 0x11)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    double: bool = False


@dataclass(frozen=True, slots=True)
class Logo:
    image: Image.Image  # 1-bit, at most paper width


@dataclass(frozen=True, slots=True)
class Qr:
    payload: str


@dataclass(frozen=True, slots=True)
class Barcode:
    payload: str


@dataclass(frozen=True, slots=True)
class Cut:
    pass


Element = TextLine | Logo | Qr | Barcode | Cut

LOGO_MAX_HEIGHT = 160


def load_logo(logo: Image.Image | Path | str, paper: Paper) -> Image.Image:
    """The logo as a 1-bit image that fits the paper width."""
    image = logo if isinstance(logo, Image.Image) else Image.open(logo)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.split()[3])
        image = flat
    image = image.convert("L")
    scale = min(paper.dots / image.width, LOGO_MAX_HEIGHT / image.height, 1.0)
    if scale < 1.0:
        size = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image.convert("1")


def _row_lines(key: str, value: str, columns: int) -> list[str]:
    sep = ": " if key.isascii() else "："
    head = key.rstrip(":：") + sep
    indent = display_width(head)
    if indent > columns // 2:
        return wrap(head, columns) + ["  " + line for line in wrap(value, columns - 2)]
    body = wrap(value, columns - indent)
    return [head + body[0]] + [" " * indent + line for line in body[1:]]


def layout(receipt: Receipt, paper: Paper) -> list[Element]:
    """The receipt as a flat list of elements in print order."""
    cols = paper.columns
    out: list[Element] = []
    if receipt.logo is not None:
        out.append(Logo(load_logo(receipt.logo, paper)))
    out += [TextLine(t, Align.CENTER, bold=True) for t in wrap(receipt.center_name, cols)]
    out += [TextLine(t, Align.CENTER, bold=True, double=True)
            for t in wrap(receipt.title, cols // 2)]
    out.append(TextLine("-" * cols))
    for row in receipt.rows:
        out += [TextLine(t) for t in _row_lines(row.key, row.value, cols)]
    for paragraph in receipt.paragraphs:
        out.append(TextLine(""))
        out += [TextLine(t) for t in wrap(paragraph, cols)]
    if receipt.qr_payload:
        out.append(Qr(receipt.qr_payload))
    if receipt.barcode_payload:
        out.append(Barcode(receipt.barcode_payload))
    if receipt.footer:
        out.append(TextLine("-" * cols))
        out += [TextLine(t, Align.CENTER) for t in wrap(receipt.footer, cols)]
    if receipt.cut:
        out.append(Cut())
    return out
