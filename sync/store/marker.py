"""A record, kept apart from the database, that the store exists.

Without it a missing or emptied database would simply open as a new, empty
store and every undelivered record would be gone without a word. The marker
lives in the configuration folder (beside the secrets, on the technician's
side of the fence) and holds the highest record number the store has
committed, so a database that comes back older than that (its write-ahead
log lost, an old copy put in its place) is refused as well.

It is created (or replaced, after a recovery) by an atomic, flushed rename;
after each submit only its number is overwritten in place, a few bytes in a
block already on disk, without a flush of its own: after a power cut it can
only be behind the database, never ahead of it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sync.store.private import create_private, fsync_directory, private_folder

log = logging.getLogger("sync.store")
MARKER_FOLDER = "stores"
FIELD = 20  # the number's width: overwritten in place, padded with spaces (valid JSON)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class MarkerState:
    database: str
    created_at: str
    high_water: int


class StoreMarker:
    def __init__(self, folder: Path, database: Path) -> None:
        self.database = database.absolute()
        name = hashlib.sha256(str(self.database).encode("utf-8")).hexdigest()[:16]
        self.path = folder / MARKER_FOLDER / f"{name}.json"
        self._lock = threading.Lock()
        self._written = -1
        self._descriptor: int | None = None
        self._offset = 0
        self._failing = False

    def read(self) -> MarkerState | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return MarkerState(str(data["database"]), str(data["created_at"]),
                               int(data["high_water"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            # A damaged marker must not pass for "no store here": assume one existed.
            log.error("store marker %s is unreadable (%s); treating the store as existing",
                      self.path, error)
            return MarkerState(str(self.database), "unknown", 0)

    def create(self, high_water: int) -> None:
        """The store exists from now on (or was just restored or salvaged)."""
        private_folder(self.path.parent)
        with self._lock:
            self._replace(high_water, _now())
        fsync_directory(self.path.parent)

    def advance(self, high_water: int) -> None:
        """Called after a commit; never lowers the mark, never fails a submit."""
        with self._lock:
            try:
                if self._descriptor is None:
                    self._open()
                if high_water <= self._written:
                    return
                os.pwrite(self._descriptor, _field(high_water), self._offset)
                self._written = high_water
            except OSError as error:
                if not self._failing:
                    log.error("cannot update the store marker %s (%s): a lost write-ahead log "
                              "would go unnoticed until it can be written again", self.path, error)
                self._failing = True
                return
            if self._failing:
                log.info("the store marker %s is written again", self.path)
            self._failing = False

    def close(self) -> None:
        with self._lock:
            self._close()

    def _open(self) -> None:
        state = self.read()
        text = self.path.read_text("utf-8") if state is not None else ""
        offset = text.rfind(_KEY)
        if state is None or offset < 0 or len(text) - offset - len(_KEY) != FIELD + 2:
            # none yet, or not in the padded layout: write one that is
            self._replace(state.high_water if state else 0,
                          state.created_at if state else _now())
            text = self.path.read_text("utf-8")
            offset = text.rfind(_KEY)
            state = self.read()
        assert state is not None
        self._written = state.high_water
        self._offset = len(text[:offset + len(_KEY)].encode("utf-8"))
        self._descriptor = os.open(self.path, os.O_WRONLY)

    def _replace(self, high_water: int, created_at: str) -> None:
        self._close()
        head = json.dumps({"database": str(self.database), "created_at": created_at})
        text = head[:-1].encode("utf-8") + b", " + _KEY.encode() + _field(high_water) + b"}\n"
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = create_private(temporary)
        try:
            os.write(descriptor, text)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, self.path)
        self._written = high_water

    def _close(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
            self._written = -1


_KEY = '"high_water": '


def _field(high_water: int) -> bytes:
    return str(high_water).ljust(FIELD).encode("ascii")
