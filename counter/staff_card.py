"""Staff cards on the PC/SC reader: the card's contactless UID signs in.

`StaffCardWatcher` polls a UID source on its own thread and emits
`uidRead(hex)` once per card put on the reader. `pcsc_uid_source` reads the
UID with the PC/SC driver (`FF CA 00 00 00`). The identity-card adapter is
not used: a staff card carries no identity file, only a UID.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("counter.staff_card")
UidSource = Callable[[], str | None]


def pcsc_uid_source(reader_name: str | None = None) -> UidSource:
    """The UID (upper-case hex) of the card on a PC/SC reader, None without one."""
    from hardware.idcard.pcsc import PcscReader

    reader = PcscReader(reader_name or None)

    def read() -> str | None:
        if not reader.card_present():
            return None
        reader.connect()
        try:
            return reader.uid().hex().upper()
        finally:
            reader.disconnect()

    return read


class StaffCardWatcher(QObject):
    uidRead = Signal(str)

    def __init__(self, source: UidSource, *, poll: float = 0.5,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="staff-card", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _run(self) -> None:
        last: str | None = None
        failures = 0
        while not self._stop.is_set():
            try:
                uid = self._source()
                failures = 0
            except Exception as error:  # reader gone, card pulled mid-read: try again
                failures += 1
                if failures == 1:
                    log.warning("staff card reader: %s", error)
                uid = None
            if uid and uid != last:
                self.uidRead.emit(uid)
            last = uid
            self._stop.wait(self._poll * min(failures + 1, 10))
