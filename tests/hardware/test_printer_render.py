"""Receipt model, wrapping, ESC/POS rendering and the PNG preview, over real bytes."""

from __future__ import annotations

import pytest
from PIL import Image

from hardware.printer.escpos_render import ChineseMode, RenderOptions, render_escpos
from hardware.printer.escpos_text import read_escpos
from hardware.printer.fonts import FontNotFoundError, find_cjk_font
from hardware.printer.raster import render_png
from hardware.printer.receipt import PAPER_58, PAPER_80, Paper, Receipt, display_width, wrap

GS_V0 = b"\x1dv0"
GS_K = b"\x1d(k"
FS_ON, FS_OFF = b"\x1c&", b"\x1c."


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abc") == 3
    assert display_width("受理，回执") == 10
    assert display_width("A：1") == 4


@pytest.mark.parametrize("columns", [16, 24, 32, 48])
def test_wrap_fits_and_keeps_all_text(columns: int) -> None:
    text = "请于三个工作日后，凭本回执及身份证原件 to window 3 领取；Thank you very much!"
    lines = wrap(text, columns)
    assert all(display_width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[:1] in "，；。!" for line in lines)


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80])
def test_gb18030_mode_sends_chinese_raw(chinese_receipt: Receipt, paper: Paper) -> None:
    data = render_escpos(chinese_receipt, RenderOptions(paper, chinese_mode=ChineseMode.GB18030))
    assert FS_ON in data and FS_OFF in data
    assert "受理回执".encode("gb18030") in data
    assert "（本人申请）".encode("gb18030") in data  # full-width punctuation survives
    assert b"?" not in data.replace(b"?t=9f3a", b"")
    text = read_escpos(data).text
    assert "居住证明（本人申请）" in text and "服务热线：12345。" in text
    assert GS_V0 not in data  # native QR and barcode: no images at all
    for line in text.splitlines():
        assert display_width(line) <= paper.columns


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80])
def test_raster_mode_has_images_and_no_hanzi(chinese_receipt: Receipt, paper: Paper) -> None:
    data = render_escpos(chinese_receipt, RenderOptions(paper, chinese_mode=ChineseMode.RASTER))
    assert GS_V0 in data
    assert FS_ON not in data
    assert "受理".encode("gb18030") not in data and "受理".encode() not in data
    i = data.index(GS_V0)
    width_bytes = data[i + 4] + 256 * data[i + 5]
    assert width_bytes * 8 == paper.dots
    assert "Window: 3" in read_escpos(data).text  # ASCII lines stay text


def test_auto_mode_follows_profile(chinese_receipt: Receipt) -> None:
    chinese = render_escpos(chinese_receipt, RenderOptions(PAPER_58, profile="POS-5890"))
    epson = render_escpos(chinese_receipt, RenderOptions(PAPER_80, profile="TM-T88V"))
    assert FS_ON in chinese
    assert FS_ON not in epson and GS_V0 in epson


def test_native_qr_versus_image(chinese_receipt: Receipt) -> None:
    native = render_escpos(chinese_receipt, RenderOptions(
        PAPER_80, chinese_mode=ChineseMode.GB18030, native_qr=True))
    image = render_escpos(chinese_receipt, RenderOptions(
        PAPER_80, chinese_mode=ChineseMode.GB18030, native_qr=False))
    assert GS_K in native and read_escpos(native).qr_payloads == [chinese_receipt.qr_payload]
    assert GS_K not in image and GS_V0 in image
    # a profile without qrCode gets an image by default
    simple = render_escpos(chinese_receipt, RenderOptions(
        PAPER_58, profile="POS-5890"))
    assert GS_K not in simple and read_escpos(simple).images >= 1


def test_barcode_is_code128(chinese_receipt: Receipt) -> None:
    data = render_escpos(chinese_receipt, RenderOptions(PAPER_58, chinese_mode="gb18030"))
    assert b"\x1dkI\x0b{BA20240042" in data
    assert read_escpos(data).barcodes == ["A20240042"]


def test_logo_and_no_cut() -> None:
    logo = Image.new("RGB", (800, 200), "black")
    receipt = Receipt("Center", "Ticket", logo=logo, cut=False)
    data = render_escpos(receipt, RenderOptions(PAPER_58))
    assert GS_V0 in data and b"\x1dV" not in data


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80])
def test_png_preview_width_and_ink(chinese_receipt: Receipt, paper: Paper, tmp_path) -> None:
    image = render_png(chinese_receipt, paper)
    path = tmp_path / "r.png"
    image.save(path)
    with Image.open(path) as reopened:
        assert reopened.width == paper.dots
        assert reopened.height > 400
        assert reopened.convert("L").getextrema() == (0, 255)


def test_missing_font_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FontNotFoundError, match="configured CJK font not found"):
        find_cjk_font(str(tmp_path / "nope.ttc"))
    with pytest.raises(FontNotFoundError):
        render_escpos(Receipt("中心", "回执"), RenderOptions(
            chinese_mode=ChineseMode.RASTER, font_path=str(tmp_path / "nope.ttc")))
