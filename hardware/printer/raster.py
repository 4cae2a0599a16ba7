"""Pillow drawing shared by raster ESC/POS output and the PNG preview."""

from __future__ import annotations

from functools import lru_cache

import barcode as pybarcode
import qrcode
from PIL import Image, ImageDraw

from hardware.printer.fonts import FontSpec, find_cjk_font, load_font
from hardware.printer.layout import Align, Barcode, Cut, Element, Logo, Qr, TextLine, layout
from hardware.printer.receipt import Paper, Receipt

FONT_SIZE = 24  # dots: the printer's CJK cell; ASCII is 12 dots in the mono face
LINE_HEIGHT = 30
BARCODE_MODULE = 2  # dots per CODE128 module
BARCODE_HEIGHT = 64
WHITE, BLACK = 255, 0


def draw_lines(lines: list[TextLine], paper: Paper, font: FontSpec) -> Image.Image:
    """Text lines as one 1-bit image at paper width (black = 0)."""
    heights = [LINE_HEIGHT * (2 if line.double else 1) for line in lines]
    image = Image.new("1", (paper.dots, sum(heights)), WHITE)
    y = 0
    for line, height in zip(lines, heights, strict=True):
        strip = text_strip(font, line.text, line.bold, line.double)
        if strip.width > paper.dots:  # a proportional fallback font: squeeze, never clip
            strip = strip.resize((paper.dots, strip.height))
        x = (paper.dots - strip.width) // 2 if line.align is Align.CENTER else 0
        image.paste(strip, (x, y))
        y += height
    return image


@lru_cache(maxsize=512)
def text_strip(font: FontSpec, text: str, bold: bool, double: bool) -> Image.Image:
    """One line of text drawn once: labels, titles and footers repeat on every
    receipt, so drawing them again would be most of a receipt's build time."""
    size = FONT_SIZE * (2 if double else 1)
    height = LINE_HEIGHT * (2 if double else 1)
    face = load_font(font, size, bold)
    strip = Image.new("1", (max(1, int(face.getlength(text)) + 1), height), WHITE)
    ImageDraw.Draw(strip).text((0, round(size * 0.9) + 1), text, font=face, fill=BLACK,
                               anchor="ls")
    return strip


@lru_cache(maxsize=32)
def qr_image(payload: str, max_width: int) -> Image.Image:
    """A QR code (error correction M) as a 1-bit image no wider than `max_width`."""
    # A fixed mask skips qrcode's 8-mask search (~4x faster); any mask is a valid code.
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M,
                         mask_pattern=2)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    box = max(1, min(8, int(max_width * 0.6) // n))
    data = bytes(BLACK if cell else WHITE for row in matrix for cell in row)
    small = Image.frombytes("L", (n, n), data)
    return small.resize((n * box, n * box), Image.Resampling.NEAREST).convert("1")


def barcode_image(payload: str, max_width: int, font: FontSpec | None = None) -> Image.Image:
    """A CODE128 barcode with its text below, as a 1-bit image."""
    modules = pybarcode.get("code128", payload).build()[0]
    module = BARCODE_MODULE if len(modules) * BARCODE_MODULE <= max_width else 1
    width = min(max_width, len(modules) * module)
    text_height = LINE_HEIGHT if font else 0
    image = Image.new("1", (width, BARCODE_HEIGHT + text_height), WHITE)
    draw = ImageDraw.Draw(image)
    for i, bit in enumerate(modules):
        if bit == "1" and i * module < width:
            draw.rectangle((i * module, 0, i * module + module - 1, BARCODE_HEIGHT - 1),
                           fill=BLACK)
    if font:
        face = load_font(font, FONT_SIZE)
        x = (width - face.getlength(payload)) / 2
        draw.text((x, BARCODE_HEIGHT + 24), payload, font=face, fill=BLACK, anchor="ls")
    return image


def centered(image: Image.Image, paper: Paper, pad: int = 0) -> Image.Image:
    """`image` pasted in the middle of a paper-wide white strip."""
    canvas = Image.new("1", (paper.dots, image.height + 2 * pad), WHITE)
    canvas.paste(image.convert("1"), ((paper.dots - image.width) // 2, pad))
    return canvas


def render_elements_png(elements: list[Element], paper: Paper,
                        font: FontSpec) -> Image.Image:
    """What the printer puts on paper, as one 1-bit image at paper width."""
    strips: list[Image.Image] = [Image.new("1", (paper.dots, 8), WHITE)]
    text_run: list[TextLine] = []
    for element in [*elements, None]:
        if isinstance(element, TextLine):
            text_run.append(element)
            continue
        if text_run:
            strips.append(draw_lines(text_run, paper, font))
            text_run = []
        if isinstance(element, Logo):
            strips.append(centered(element.image, paper, pad=4))
        elif isinstance(element, Qr):
            strips.append(centered(qr_image(element.payload, paper.dots), paper, pad=8))
        elif isinstance(element, Barcode):
            strips.append(centered(barcode_image(element.payload, paper.dots, font), paper, 8))
        elif isinstance(element, Cut):
            strips.append(Image.new("1", (paper.dots, 3 * LINE_HEIGHT), WHITE))
    height = sum(s.height for s in strips) or 1
    sheet = Image.new("1", (paper.dots, height), WHITE)
    y = 0
    for strip in strips:
        sheet.paste(strip, (0, y))
        y += strip.height
    return sheet


def render_png(receipt: Receipt, paper: Paper, font_path: str | None = None) -> Image.Image:
    """The receipt as printed, at paper width (384 or 576 dots), ready to save as PNG."""
    return render_elements_png(layout(receipt, paper), paper, find_cjk_font(font_path))
