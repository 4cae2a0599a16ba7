"""Logging to rotating files, with personal data scrubbed from every line.

Qt's own messages land in the same files through `terminal.native_log`
(never through a Python message handler: see there why).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from sync.scrub import scrub
from terminal.native_log import route_native_output

__all__ = ["ScrubbingFormatter", "configure_logging", "scrub"]


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def configure_logging(log_dir: Path, name: str, level: int = logging.INFO) -> Path:
    os.umask(0o077)  # logs, rotated ones too, and all else the terminal writes: 0600 / 0700
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    route_native_output()
    return path

