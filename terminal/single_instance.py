"""One running app per role and data directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class AlreadyRunning(Exception):
    pass


def acquire_instance_lock(directory: Path, name: str) -> QLockFile:
    directory.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(directory / f"{name}.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        raise AlreadyRunning(f"another {name} is already running on {directory}")
    return lock
