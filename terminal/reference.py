"""Reference data as the screens show it: the catalog, the notices and the
staff roster from the local cache, read off the GUI thread, and read again
whenever the cache changes, so every screen follows the platform without a
restart. Import it in phase two (it loads the sync core).

`ReferenceData.follow(bridge)` re-checks after every sync pass (the worker
publishes its state after each): a small read of each document's validator
(its ETag); only a document whose validator moved is read and parsed again,
and `changed` names what changed. `stop()` stops listening and waits for a
read under way, so nothing touches the store once the shell closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from sync.caches import CATALOG, CENTER, NOTICES, PUBLISHED, STAFF
from terminal.background import Lane, Latest

if TYPE_CHECKING:
    from sync.caches import ReferenceCache
    from sync.protocol.center import CenterSetup
    from sync.protocol.models import Catalog, Notice, StaffMember
    from terminal.sync_bridge import SyncBridge

log = logging.getLogger("terminal.reference")
#: (validator, value) per document read; value None when the cache has none.
Read = dict[str, tuple[str | None, Any]]


class ReferenceData(QObject):
    """The latest catalog, notices and roster; `changed(names)` on the GUI thread."""

    changed = Signal(object)  # frozenset[str] of the documents that changed

    def __init__(self, cache: ReferenceCache,
                 names: Iterable[str] = (CATALOG, NOTICES, STAFF),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.names = tuple(names)
        self.values: dict[str, Any] = {}
        self._validators: dict[str, str | None] = {}
        self._lane = Lane(1, "reference-data")
        self._reads = Latest()
        self._reading = False
        self._again = False
        self._bridge: SyncBridge | None = None

    # ------------------------------------------------------------ what screens read
    @property
    def catalog(self) -> Catalog | None:
        return self.values.get(CATALOG)

    @property
    def notices(self) -> list[Notice]:
        """The notices to show now (a center's own ones have their time)."""
        value = self.values.get(NOTICES)
        now = datetime.now(UTC)
        return [n for n in value.notices if n.showing(now)] if value is not None else []

    @property
    def center_setup(self) -> CenterSetup | None:
        """The center's windows and opening rules (when this terminal follows them)."""
        value: CenterSetup | None = self.values.get(CENTER)
        return value

    @property
    def roster(self) -> list[StaffMember]:
        value = self.values.get(STAFF)
        return list(value.staff) if value is not None else []

    # ------------------------------------------------------------ following the cache
    def follow(self, bridge: SyncBridge) -> None:
        """Check again after every sync pass, and now."""
        self._bridge = bridge
        bridge.stateChanged.connect(self._sync_pass)
        self.check()

    def _sync_pass(self, _state: object) -> None:
        self.check()

    def check(self) -> None:
        """Read what changed in the cache (off the GUI thread); one read at a time."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        known = dict(self._validators)
        self._lane.run(self, lambda: self._read(known), self._loaded, self._failed,
                       token=self._reads.current)

    def _read(self, known: dict[str, str | None]) -> Read:
        """On the lane: the documents whose validator moved (all of them the first time)."""
        found: Read = {}
        for name in self.names:
            validator = self._cache.validator(name)
            if name in known and validator is not None and validator == known[name]:
                continue
            cached = self._cache.get(name, PUBLISHED[name][1])
            found[name] = (validator, cached.value if cached is not None else None)
        return found

    def _loaded(self, found: Read) -> None:
        moved = set()
        for name, (validator, value) in found.items():
            self._validators[name] = validator
            if name not in self.values or value != self.values[name]:
                self.values[name] = value
                moved.add(name)
        self._done()
        if moved:
            log.info("reference data changed: %s", ", ".join(sorted(moved)))
            self.changed.emit(frozenset(moved))

    def _failed(self, message: str) -> None:
        log.warning("reference data not read: %s", message)
        self._done()

    def _done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.check()

    def stop(self) -> None:
        """Stop listening; wait for a read under way (call before the store closes)."""
        if self._bridge is not None:
            self._bridge.stateChanged.disconnect(self._sync_pass)
            self._bridge = None
        self._reads.cancel()
        self._lane.wait()
        self._lane.close()
