"""Content-addressed, encrypted attachment files.

A file is named by the sha256 of its plaintext, written to a temporary name,
fsynced, renamed and its directory fsynced, all before the database row that
names it commits: a committed row never points at a missing file.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from sync.crypto import Sealer
from sync.store.database import StoreError, StoreFullError


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class AttachmentFiles:
    def __init__(self, root: Path, sealer: Sealer) -> None:
        self.root = root
        self._sealer = sealer

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` durably; return its sha256. Idempotent."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha256)
        if target.exists():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(self._sealer.seal(data, sha256.encode("ascii")))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
            _fsync_directory(target.parent)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise StoreFullError(
                    "The terminal's disk is full: the photo could not be saved and "
                    "nothing was submitted. Free space on the data disk."
                ) from error
            raise StoreError(f"Could not write attachment {target}: {error}") from error
        return sha256

    def get(self, sha256: str) -> bytes:
        return self._sealer.open(self.path_for(sha256).read_bytes(), sha256.encode("ascii"))

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)
