"""Reading an eMRTD chip end to end: access control, DG1, DG2, SOD, passive authentication.

Access control: EF.CardAccess (SFI 1C) is read in the clear first; when it
offers a PACE this reader runs (ECDH Generic Mapping, `pace`), PACE opens
the session and the eMRTD application is selected inside it. A chip without
EF.CardAccess, or one that answers PACE with "not supported", gets BAC after
a plain SELECT. A wrong MRZ key under PACE is refused as such (no BAC attempt
that would hide it). Files are read in 223-byte chunks; past offset 7FFF
READ BINARY takes the odd INS B1 with the offset in DO'54' (ICAO 9303-10).

`PassportReader.read(key)` runs on a worker thread that owns its
`PcscReader` (a PC/SC context is not shared between threads). Failures are
`DeviceError`s with a message for the resident and one for the technician:
no chip, not a passport, the MRZ key refused, the card taken away mid-read
(the `PcscReader`'s `CardRemovedError`), a chip that breaks secure messaging.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from hardware.health import DeviceError, Health, HealthState
from hardware.idcard.apdu import ApduResponse, select_aid
from hardware.idcard.pcsc import NoCardError
from hardware.identity import DocumentKind, IdentityRecord, Sex
from hardware.messages import QT_TRANSLATE_NOOP
from hardware.passport import bac, lds, pace
from hardware.passport.lds import FaceImage, LdsError
from hardware.passport.mrz import Mrz, MrzError, MrzKey
from hardware.passport.passive_auth import CscaList, PassiveAuthResult, check
from hardware.passport.sm import SecureMessaging, SmError

__all__ = [
    "BAC",
    "PACE",
    "AccessKeyRefusedError",
    "ChipError",
    "NotAPassportError",
    "PassportReader",
    "PassportReading",
    "record_from_reading",
]

log = logging.getLogger("hardware.passport")

MSG_NOT_A_PASSPORT = QT_TRANSLATE_NOOP(
    "Device", "This document has no readable chip. Please ask staff for help.")
MSG_KEY_REFUSED = QT_TRANSLATE_NOOP(
    "Device", "The passport chip did not accept the document number and dates. "
    "Please check them and try again.")
MSG_CHIP_ERROR = QT_TRANSLATE_NOOP(
    "Device", "The passport chip could not be read. Please place it on the reader again.")

#: Le for READ BINARY under secure messaging: the protected answer fits 256 bytes
READ_CHUNK = 0xDF
#: offsets above this need READ BINARY with odd INS (B1) and the offset in DO'54'
MAX_SHORT_OFFSET = 0x7FFF
#: EF.CardAccess by short file identifier 1C, read in the clear (Le 00: up to 256 bytes)
READ_CARD_ACCESS = bytes.fromhex("00B09C0000")
#: SELECT of the master file (3F00), where EF.CardAccess lies
SELECT_MF = bytes.fromhex("00A4000C023F00")
#: the access control a reading used, as the clerk and the technician see it
PACE, BAC = "PACE", "BAC"


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
    access_control: str  # PACE or BAC

    @property
    def face(self) -> FaceImage | None:
        return self.faces[0] if self.faces else None

    def __repr__(self) -> str:
        return (f"PassportReading({self.mrz!r}, {len(self.faces)} face(s), "
                f"{self.access_control}, passive authentication {self.passive_auth.status})")


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
            offset = len(content)
            # first the header: a tag and up to 4 length bytes (83: DG2 of 64 KB and more)
            want = 8 if total is None else min(READ_CHUNK, total - offset)
            if offset > MAX_SHORT_OFFSET:
                chunk = self._read_beyond_32k(session, fid, offset, want)
            else:
                chunk = self._read_binary(session, fid, offset, want)
            content += chunk
            if total is None:
                try:
                    _tag, total = lds.tlv_length(content)
                except LdsError as exc:
                    raise ChipError(f"file {fid:04X} does not start with a TLV: {exc}"
                                    ) from exc
        return content[:total]

    def _read_binary(self, session: SecureMessaging, fid: int, offset: int, want: int
                     ) -> bytes:
        response = self._protected(session, 0x00, 0xB0, offset >> 8, offset & 0xFF, le=want)
        return self._chunk(fid, offset, response, response.data)

    def _read_beyond_32k(self, session: SecureMessaging, fid: int, offset: int, want: int
                         ) -> bytes:
        """READ BINARY B1: the offset in DO'54', the data back in DO'53' (whose header
        counts in Le, so a full chunk's data is 3 bytes shorter)."""
        where = lds.encode_tlv(0x54, offset.to_bytes(2 if offset <= 0xFFFF else 3, "big"))
        response = self._protected(session, 0x00, 0xB1, 0x00, 0x00, where,
                                   le=min(READ_CHUNK, want + 3))
        try:
            wrapped = lds.read_tlv(response.data) if response.data else None
        except LdsError as exc:
            raise ChipError(f"READ BINARY B1 of {fid:04X} at {offset}: {exc}") from exc
        if wrapped is not None and wrapped.tag != 0x53:
            raise ChipError(f"READ BINARY B1 of {fid:04X} answered tag {wrapped.tag:X}")
        return self._chunk(fid, offset, response, wrapped.value if wrapped else b"")

    @staticmethod
    def _chunk(fid: int, offset: int, response: ApduResponse, data: bytes) -> bytes:
        if not response.ok and response.sw != 0x6282:
            raise ChipError(f"READ BINARY of {fid:04X} at {offset} refused: {response}")
        if not data:
            raise ChipError(f"file {fid:04X} ended at {offset} bytes")
        return data

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
        session, access_control = self._open_session(key)
        dg1 = self._read_file(session, lds.DG_FILES[1][1])
        dg2 = self._read_file(session, lds.DG_FILES[2][1])
        sod = self._read_file(session, lds.SOD_FID)
        try:
            mrz = lds.parse_dg1(dg1)
            faces = tuple(lds.parse_dg2(dg2))
        except (LdsError, MrzError) as exc:
            raise ChipError(f"a data group does not parse: {exc}") from exc
        return PassportReading(mrz, faces, check(sod, {1: dg1, 2: dg2}, self.cscas),
                               access_control)

    def _card_access(self) -> ApduResponse:
        """EF.CardAccess; again from the master file when the first answer is a refusal
        (a chip left with its application selected by an earlier read answers 6A82)."""
        response = self.pcsc.transmit(READ_CARD_ACCESS)
        if response.ok or response.sw == 0x6282:
            return response
        if not self.pcsc.transmit(SELECT_MF).ok:
            return response
        return self.pcsc.transmit(READ_CARD_ACCESS)

    def _open_session(self, key: MrzKey) -> tuple[SecureMessaging, str]:
        """PACE when EF.CardAccess offers one this reader runs, else BAC."""
        card_access = self._card_access()
        infos: list[pace.PaceInfo] = []
        if card_access.ok or card_access.sw == 0x6282:
            try:
                infos = pace.pace_infos(card_access.data)
            except pace.PaceError as exc:
                log.warning("EF.CardAccess ignored: %s", exc)
        usable = pace.supported_infos(infos)
        if usable:
            ambiguous = len({i.parameter_id for i in infos}) > 1
            try:
                session = pace.authenticate(self._plain, key, usable[0],
                                            with_parameter_id=ambiguous)
            except pace.PaceRefusedError as exc:
                raise AccessKeyRefusedError(str(exc)) from exc
            except pace.PaceUnsupportedError as exc:
                log.info("PACE not run, BAC instead: %s", exc)
            except pace.PaceError as exc:
                raise ChipError(f"PACE broke: {exc}") from exc
            else:
                selected = self._protected(session, 0x00, 0xA4, 0x04, 0x0C, lds.EMRTD_AID)
                if not selected.ok:
                    raise NotAPassportError(f"no eMRTD application after PACE: {selected}")
                return session, PACE
        elif infos:
            log.info("EF.CardAccess offers no PACE this reader runs: BAC")
        selected = self.pcsc.transmit(select_aid(lds.EMRTD_AID)[:-1])  # P2 00, no Le
        if not selected.ok:
            raise NotAPassportError(f"no eMRTD application on the card: {selected}")
        try:
            return bac.authenticate(self._plain, bac.BacKeys.from_mrz(key)), BAC
        except bac.BacError as exc:
            raise AccessKeyRefusedError(str(exc)) from exc
