"""Files and folders only the terminal's user may read (0600 / 0700).

Everything the store writes goes through here: the data folder, the database
(SQLite gives its -wal and -shm files the database file's mode), attachment
files, backups and markers. Existing ones from earlier versions are tightened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) 0700; tighten it if it exists."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != FOLDER_MODE:
        os.chmod(path, FOLDER_MODE)
    return path


def tighten(path: Path) -> None:
    """Make an existing file 0600 (no-op if it is missing)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def create_private(path: Path) -> int:
    """Open `path` for writing, created 0600 from the first byte (truncated)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)


def fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
