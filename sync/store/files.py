"""Content-addressed, encrypted attachment files.

A file is named by the sha256 of its plaintext, written to a temporary name
(0600), fsynced, renamed and its directory fsynced, all before the database
row that names it commits: a committed row never points at a missing file.
A kill between the file and the commit leaves a file no row names (or a
`.tmp`); `sweep` removes those once they are old enough that no submit can
still be on its way to commit them.
"""

from __future__ import annotations

import errno
import hashlib
import os
import time
from collections.abc import Collection
from pathlib import Path

from sync.crypto import Sealer
from sync.store.database import StoreError, StoreFullError
from sync.store.private import create_private, fsync_directory, private_folder

# A file younger than this may belong to a submit that has not committed yet.
SWEEP_AFTER_SECONDS = 600.0


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
        temporary = target.with_name(target.name + ".tmp")
        try:
            private_folder(self.root)
            private_folder(target.parent)
            with os.fdopen(create_private(temporary), "wb") as handle:
                handle.write(self._sealer.seal(data, sha256.encode("ascii")))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
            fsync_directory(target.parent)
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

    def sweep(self, kept: Collection[str], *, older_than: float = SWEEP_AFTER_SECONDS,
              now: float | None = None) -> list[Path]:
        """Delete `.tmp` files and files no kept attachment names, if older than
        `older_than` seconds; return what was deleted."""
        if not self.root.is_dir():
            return []
        cutoff = (time.time() if now is None else now) - older_than
        removed = []
        for path in self.root.glob("*/*"):
            if not path.is_file() or path.name in kept:
                continue
            try:
                if path.stat().st_mtime > cutoff:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(path)
        return removed
