"""Reading an eMRTD chip end to end: SELECT, BAC, DG1, DG2, SOD, passive authentication.

`PassportReader.read(key)` runs on a worker thread that owns its
`PcscReader` (a PC/SC context is not shared between threads). Failures are
`DeviceError`s with a message for the resident and one for the technician:
no chip, not a passport, the MRZ key refused, the card taken away mid-read
(the `PcscReader`'s `CardRemovedError`), a chip that breaks secure messaging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hardware.health import DeviceError, Health, HealthState
from hardware.idcard.apdu import ApduResponse, select_aid
from hardware.idcard.pcsc import NoCardError
from hardware.identity import DocumentKind, IdentityRecord, Sex
from hardware.messages import QT_TRANSLATE_NOOP
from hardware.passport import bac, lds
from hardware.passport.lds import FaceImage, LdsError
from hardware.passport.mrz import Mrz, MrzError, MrzKey
from hardware.passport.passive_auth import CscaList, PassiveAuthResult, check
from hardware.passport.sm import SecureMessaging, SmError

__all__ = [
    "AccessKeyRefusedError",
    "ChipError",
    "NotAPassportError",
    "PassportReader",
    "PassportReading",
    "record_from_reading",
]

MSG_NOT_A_PASSPORT = QT_TRANSLATE_NOOP(
    "Device", "This document has no readable chip. Please ask staff for help.")
MSG_KEY_REFUSED = QT_TRANSLATE_NOOP(
    "Device", "The passport chip did not accept the document number and dates. "
    "Please check them and try again.")
MSG_CHIP_ERROR = QT_TRANSLATE_NOOP(
    "Device", "The passport chip could not be read. Please place it on the reader again.")

#: Le for READ BINARY under 3DES secure messaging: the protected answer fits 256 bytes
READ_CHUNK = 0xDF
#: offsets above this need READ BINARY with odd INS (B1), which is not implemented
MAX_SHORT_OFFSET = 0x7FFF


class ChipError(DeviceError):
    def __init__(self, technician_message: str, resident_message: str = MSG_CHIP_ERROR
                 ) -> None:
        super().__init__(technician_message, resident_message, HealthState.READY)


class NotAPassportError(ChipError):
    def __init__(self, technician_message: str) -> None:
        super().__init__(technician_message, MSG_NOT_A_PASSPORT)


class AccessKeyRefusedError(ChipError):
    def __init__(self, technician_message: str) -> None:
        super().__init__(technician_message, MSG_KEY_REFUSED)


@dataclass(frozen=True, repr=False)
class PassportReading:
    """What the chip gave: its MRZ, face image(s) and the passive authentication result."""

    mrz: Mrz
    faces: tuple[FaceImage, ...]
    passive_auth: PassiveAuthResult

    @property
    def face(self) -> FaceImage | None:
        return self.faces[0] if self.faces else None

    def __repr__(self) -> str:
        return (f"PassportReading({self.mrz!r}, {len(self.faces)} face(s), "
                f"passive authentication {self.passive_auth.status})")


class CardLink(Protocol):
    """What the reader needs of a card link: `PcscReader`, or `vpassport.DirectLink`."""

    def wait_for_card(self, timeout: float) -> bool: ...

    def transmit(self, command: bytes) -> ApduResponse: ...

    def disconnect(self) -> None: ...

    def health(self) -> Health: ...

    def close(self) -> None: ...


_SEX = {"M": Sex.MALE, "F": Sex.FEMALE}


def record_from_reading(reading: PassportReading) -> IdentityRecord:
    """The passport holder as the flows know a person (kind PASSPORT, face kept)."""
    mrz = reading.mrz
    face = reading.face
    return IdentityRecord(
        name=mrz.name, sex=_SEX.get(mrz.sex, Sex.UNSPECIFIED), ethnicity="",
        birth_date=mrz.birth_date, address="", id_number=mrz.document_number,
        issuing_authority=mrz.issuing_state, valid_until=mrz.expiry_date, source="emrtd",
        kind=DocumentKind.PASSPORT, name_en=mrz.name, nationality=mrz.nationality,
        photo_image=face.data if face is not None else b"",
    )


class PassportReader:
    """Reads eMRTD chips on one card link (a PC/SC reader)."""

    def __init__(self, pcsc: CardLink, cscas: CscaList | None = None) -> None:
        self.pcsc = pcsc
        self.cscas = cscas

    def _plain(self, command: bytes) -> tuple[bytes, int]:
        response = self.pcsc.transmit(command)
        return response.data, response.sw

    def _protected(self, session: SecureMessaging, cla: int, ins: int, p1: int, p2: int,
                   data: bytes = b"", le: int | None = None) -> ApduResponse:
        raw = self.pcsc.transmit(session.protect(cla, ins, p1, p2, data, le))
        if raw.sw1 not in (0x90, 0x62) or not raw.data:
            raise ChipError(f"the chip answered {raw} outside secure messaging")
        try:
            plain, sw1, sw2 = session.unprotect_response(raw.data)
        except SmError as exc:
            raise ChipError(f"secure messaging broke: {exc}") from exc
        return ApduResponse(plain, sw1, sw2)

    def _read_file(self, session: SecureMessaging, fid: int) -> bytes:
        selected = self._protected(session, 0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))
        if not selected.ok:
            raise ChipError(f"SELECT of file {fid:04X} refused: {selected}")
        content = b""
        total: int | None = None
        while total is None or len(content) < total:
            if len(content) > MAX_SHORT_OFFSET:
                raise ChipError(f"file {fid:04X} is longer than 32 KB (READ BINARY B1 "
                                "is not supported)")
            want = 4 if total is None else min(READ_CHUNK, total - len(content))
            offset = len(content)
            response = self._protected(session, 0x00, 0xB0, offset >> 8, offset & 0xFF,
                                       le=want)
            if not response.ok and response.sw != 0x6282:
                raise ChipError(f"READ BINARY of {fid:04X} at {offset} refused: {response}")
            if not response.data:
                raise ChipError(f"file {fid:04X} ended at {offset} bytes")
            content += response.data
            if total is None:
                try:
                    _tag, total = lds.tlv_length(content)
                except LdsError as exc:
                    raise ChipError(f"file {fid:04X} does not start with a TLV: {exc}"
                                    ) from exc
        return content[:total]

    def read(self, key: MrzKey, timeout: float = 3.0) -> PassportReading | None:
        """Read the chip on the reader with the access key from the MRZ; None if no card."""
        if not self.pcsc.wait_for_card(timeout):
            return None
        try:
            return self._read(key)
        except NoCardError:
            return None
        finally:
            self.pcsc.disconnect()

    def _read(self, key: MrzKey) -> PassportReading:
        selected = self.pcsc.transmit(select_aid(lds.EMRTD_AID)[:-1])  # P2 00, no Le
        if not selected.ok:
            raise NotAPassportError(f"no eMRTD application on the card: {selected}")
        try:
            session = bac.authenticate(self._plain, bac.BacKeys.from_mrz(key))
        except bac.BacError as exc:
            raise AccessKeyRefusedError(str(exc)) from exc
        dg1 = self._read_file(session, lds.DG_FILES[1][1])
        dg2 = self._read_file(session, lds.DG_FILES[2][1])
        sod = self._read_file(session, lds.SOD_FID)
        try:
            mrz = lds.parse_dg1(dg1)
            faces = tuple(lds.parse_dg2(dg2))
        except (LdsError, MrzError) as exc:
            raise ChipError(f"a data group does not parse: {exc}") from exc
        return PassportReading(mrz, faces, check(sod, {1: dg1, 2: dg2}, self.cscas))
