"""The passport chip reader as a Qt adapter: one read per request, on its own thread.

`open_passport_reader(section)` gives a function that builds the driver on
the adapter's thread at first use (pyscard, asn1crypto and the specimen's
keys load only then). `PassportAdapter.read(key)` answers with
`passportRead(record, passive_auth)`, `noPassport()` or
`passportFailed(resident message, technician message)`; the resident message
is already translated ("Device" context).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hardware.health import DeviceError, Health
from hardware.messages import QT_TRANSLATE_NOOP
from terminal.config import PassportSection
from terminal.devices.workers import DeviceAdapter, translate_device

if TYPE_CHECKING:
    from hardware.passport.mrz import MrzKey
    from hardware.passport.reader import PassportReader

log = logging.getLogger("terminal.devices")
# the reader could not be set up (hardware.idcard.pcsc's message, without pyscard)
MSG_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Device", "The card reader is not available. Please ask staff for help.")

#: the simulated passport's face (DG2), see resources/demo/README.md
SPECIMEN_FACE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "passport-face.jpg"
SPECIMEN_FACE_SIZE = (240, 300)

PassportOpener = Callable[[], "PassportReader"]


def open_passport_reader(section: PassportSection) -> PassportOpener | None:
    """How to build the configured passport reader (None for "none")."""
    if section.kind == "none":
        return None

    def build() -> PassportReader:
        from hardware.passport.passive_auth import CscaList
        from hardware.passport.reader import PassportReader

        cscas = CscaList.load(section.csca_dir) if section.csca_dir else None
        if section.kind == "pcsc":
            from hardware.idcard.pcsc import PcscReader

            return PassportReader(PcscReader(section.reader or None), cscas)
        from hardware.passport.mrz import parse_mrz
        from hardware.passport.specimen import ICAO_EXAMPLE, Specimen, demo_lines
        from hardware.passport.vpassport import DirectLink, VirtualPassport

        lines = demo_lines(date.today()) if section.simulated_passport == "demo" \
            else ICAO_EXAMPLE
        specimen = Specimen.build(SPECIMEN_FACE.read_bytes(), face_size=SPECIMEN_FACE_SIZE,
                                  mrz=lines)
        chip = VirtualPassport(specimen.files, parse_mrz("\n".join(specimen.mrz)).key)
        trusted = [*(cscas.certificates if cscas else []), specimen.pki.csca]
        return PassportReader(DirectLink(chip), CscaList(trusted))

    return build


class PassportAdapter(DeviceAdapter):
    """Reads a passport's chip when asked (the key comes from the resident's MRZ)."""

    passportRead = Signal(object, object)  # IdentityRecord, PassiveAuthResult
    noPassport = Signal()
    passportFailed = Signal(str, str)  # resident message (translated), technician message

    def __init__(self, opener: PassportOpener, *, read_timeout: float = 5.0,
                 health_interval: float = 10.0, parent: QObject | None = None) -> None:
        super().__init__("passport", health_interval=health_interval, parent=parent)
        self._opener = opener
        self._reader: PassportReader | None = None
        self.read_timeout = read_timeout

    def _open(self) -> PassportReader:
        if self._reader is None:
            try:
                self._reader = self._opener()
            except DeviceError:
                raise
            except Exception as error:  # a CSCA file that does not load, a driver missing
                raise DeviceError(f"the passport reader could not be set up: "
                                  f"{type(error).__name__}: {error}", MSG_UNAVAILABLE) from error
        return self._reader

    def read(self, key: MrzKey) -> None:
        """Read the chip on the reader now (answers with one of the three signals)."""
        def job() -> None:
            from hardware.passport.reader import record_from_reading

            try:
                reading = self._open().read(key, self.read_timeout)
            except DeviceError as error:
                self._record(error.technician_message)
                self._set_health(error.health(), record=False)
                self.passportFailed.emit(translate_device(error.resident_message),
                                         error.technician_message)
                return
            self._set_health(Health.ready())
            if reading is None:
                self.noPassport.emit()
                return
            if not reading.passive_auth.ok:
                self._record("passive authentication failed: "
                             + "; ".join(reading.passive_auth.problems))
            self.passportRead.emit(record_from_reading(reading), reading.passive_auth)
        self._submit(job)

    def _tick(self) -> float:
        try:
            self._set_health(self._open().pcsc.health())
        except DeviceError as error:
            self._set_health(error.health())
        return self._next_check()

    def _on_exit(self) -> None:
        if self._reader is not None:
            self._reader.pcsc.close()
