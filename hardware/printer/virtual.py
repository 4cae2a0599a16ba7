"""A virtual printer: the real render path, output as PNG + ESC/POS .bin files, faults settable."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hardware.health import DeviceError, Health, HealthState
from hardware.printer.escpos_render import RenderOptions
from hardware.printer.printer import QueuedReceipt, ReceiptPrinter
from hardware.printer.raster import render_png
from hardware.printer.status import (
    MSG_OFFLINE,
    PaperState,
    encode_status,
    health_from_status,
    parse_status,
)


@dataclass(slots=True)
class Faults:
    """Injected conditions (tests, demos)."""

    paper: PaperState = PaperState.OK
    cover_open: bool = False
    offline: bool = False  # unreachable, as if unplugged


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe slug; CJK letters are kept."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w]+", "-", text).strip("-")
    return text[:limit] or "receipt"


class VirtualPrinter(ReceiptPrinter):
    """Writes `<n>-<title-slug>.png` and `.bin` into `folder` for every receipt printed."""

    def __init__(self, folder: Path | str, options: RenderOptions | None = None,
                 queue_size: int = 20) -> None:
        super().__init__(queue_size, options=options)
        self.folder = Path(folder)
        self.faults = Faults()
        self.count = 0
        self.last_files: tuple[Path, Path] | None = None

    def set_faults(self, paper: PaperState = PaperState.OK, cover_open: bool = False,
                   offline: bool = False) -> None:
        self.faults = Faults(paper, cover_open, offline)

    def _read_health(self) -> Health:
        if self.faults.offline:
            raise DeviceError("virtual printer set offline", MSG_OFFLINE, HealthState.OFFLINE)
        replies = encode_status(self.faults.paper, self.faults.cover_open)
        return health_from_status(parse_status(replies[1], replies[2], replies[4]))

    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        stem = self.folder / f"{self.count}-{slug(item.receipt.title)}"
        png, binary = stem.with_suffix(".png"), stem.with_suffix(".bin")
        image = render_png(item.receipt, self.options.paper, self.options.font_path)
        image.save(png)
        binary.write_bytes(data)
        self.last_files = (png, binary)

    def close(self) -> None:
        pass
