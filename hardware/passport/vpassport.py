"""A virtual eMRTD chip on pcscd's vpcd reader, answering as an ICAO 9303 chip would.

The chip holds an eMRTD application (AID A0 00 00 02 47 10 01) with files
by identifier (a `specimen.Specimen`'s). By default it offers PACE (ECDH
Generic Mapping, AES-128, brainpoolP256r1): EF.CardAccess (SFI 1C) is
readable in the clear at the master file, MSE:Set AT and General
Authenticate run PACE (`pace.PaceChip`), and the session is AES secure
messaging, in which the terminal selects the application. It also answers
BAC after a plain SELECT of the application (GET CHALLENGE, EXTERNAL
AUTHENTICATE; 3DES secure messaging); `pace=()` makes a BAC-only chip, with
no EF.CardAccess. Reading a file in the clear gives 6982. Every command after
mutual authentication must come in secure messaging; a MAC that fails ends
the session (6988), as on a real chip. READ BINARY B1 serves offsets past
7FFF (DO'54' in, DO'53' out). A power cycle or reset drops the session.
"""

from __future__ import annotations

import os

from hardware.health import Health
from hardware.idcard import apdu, vpcd
from hardware.idcard.apdu import ApduResponse
from hardware.passport import bac, lds
from hardware.passport.lds import LdsError
from hardware.passport.mrz import MrzKey
from hardware.passport.pace import (
    PACE_ECDH_GM_AES_128,
    PaceChip,
    PaceInfo,
    encode_card_access,
)
from hardware.passport.sm import SecureMessaging, SmError

__all__ = ["BAC_ONLY", "DEFAULT_PACE", "DirectLink", "VirtualPassport"]

#: what the virtual passport offers unless told otherwise
DEFAULT_PACE = (PaceInfo(PACE_ECDH_GM_AES_128, 2, 13),)
#: a chip of before PACE: no EF.CardAccess, BAC only
BAC_ONLY: tuple[PaceInfo, ...] = ()

AUTH_FAILED = b"\x63\x00"
SECURITY = b"\x69\x82"
CONDITIONS = b"\x69\x85"
SM_WRONG = b"\x69\x88"
WRONG_DATA = b"\x6a\x80"
WRONG_P1P2 = b"\x6a\x86"

_SFI = {sfi: fid for sfi, fid, _tag in lds.DG_FILES.values()} | {
    0x1E: lds.COM_FID, 0x1D: lds.SOD_FID}


class VirtualPassport(vpcd.VpcdCard):
    """An eMRTD whose access key is `key` and whose files are `files` (by FID),
    offering PACE as `pace` says (`BAC_ONLY`: none)."""

    def __init__(self, files: dict[int, bytes], key: MrzKey, *,
                 pace: tuple[PaceInfo, ...] = DEFAULT_PACE,
                 host: str = "127.0.0.1", port: int = vpcd.VPCD_PORT) -> None:
        super().__init__(uid=bytes.fromhex("08A1B2C3"),
                         atr=vpcd.contactless_atr(b"\x80\x31\x80\x65\xb0\x85\x03"),
                         host=host, port=port)
        self.files = files
        self.keys = bac.BacKeys.from_mrz(key)
        self.pace = PaceChip(key, list(pace)) if pace else None
        self.card_access = encode_card_access(list(pace)) if pace else None
        self.reset()

    def reset(self) -> None:
        if self.pace is not None:
            self.pace.reset()
        self._app = False
        self._rnd_ic: bytes | None = None
        self._session: SecureMessaging | None = None
        self._current: int | None = None

    def power_off(self) -> None:
        """The field goes away: the chip forgets its application and session."""
        self.reset()

    def respond(self, command: bytes) -> bytes:
        if len(command) < 4:
            return vpcd.SW_WRONG_LENGTH
        if command == apdu.GET_UID:
            return self.uid + vpcd.SW_OK
        cla, ins, p1 = command[0], command[1], command[2]
        if cla & 0x0C == 0x0C:
            return self._protected(command)
        if ins in (0x22, 0x86):
            return self._pace_step(command)
        if ins == 0xA4 and p1 == 0x00 and command[5:7] in (b"", b"\x3f\x00"):
            self.reset()  # the master file: out of the application and any session
            return vpcd.SW_OK
        if ins == 0xB0 and p1 == 0x9C:  # EF.CardAccess by SFI 1C, in the master file
            if self.card_access is None or self._app:
                return vpcd.SW_NOT_FOUND
            wanted = command[4] if len(command) > 4 and command[4] else 256
            return self.card_access[:wanted] + vpcd.SW_OK
        if ins == 0xA4 and p1 == 0x04:
            lc = command[4] if len(command) > 4 else 0
            self.reset()
            self._app = command[5:5 + lc] == lds.EMRTD_AID
            return vpcd.SW_OK if self._app else vpcd.SW_NOT_FOUND
        if not self._app:
            return CONDITIONS
        if ins == 0x84:
            self._rnd_ic = os.urandom(8)
            return self._rnd_ic + vpcd.SW_OK
        if ins == 0x82:
            return self._external_authenticate(command)
        if ins in (0xA4, 0xB0):
            return SECURITY  # files are readable only through secure messaging
        return vpcd.SW_INS

    def _pace_step(self, command: bytes) -> bytes:
        """MSE:Set AT (00 22 C1 A4) and General Authenticate (86) of PACE."""
        chip = self.pace
        if chip is None:
            return vpcd.SW_INS
        lc = command[4] if len(command) > 4 else 0
        data = command[5:5 + lc]
        if command[1] == 0x22:
            if command[2:4] != b"\xc1\xa4":
                return WRONG_P1P2
            self._session = None
            return chip.set_at(data).to_bytes(2, "big")
        answer, sw, session = chip.general_authenticate(command[0], data)
        if session is not None:
            self._session, self._app, self._current = session, False, None
        return answer + sw.to_bytes(2, "big")

    def _external_authenticate(self, command: bytes) -> bytes:
        rnd_ic, self._rnd_ic = self._rnd_ic, None
        if rnd_ic is None:
            return CONDITIONS
        lc = command[4] if len(command) > 4 else 0
        result = bac.chip_keys_answer(self.keys, rnd_ic, command[5:5 + lc], os.urandom(16))
        if result is None:
            self._session = None
            return AUTH_FAILED
        answer, self._session = result
        return answer + vpcd.SW_OK

    def _protected(self, command: bytes) -> bytes:
        session = self._session
        if session is None:
            return SM_WRONG
        try:
            plain = session.unprotect_command(command)
        except SmError:
            self._session = None
            return SM_WRONG
        data, sw = self._file_command(plain.ins, plain.p1, plain.p2, plain.data, plain.le)
        return session.protect_response(data, sw, odd=bool(plain.ins & 1))

    def _file_command(self, ins: int, p1: int, p2: int, data: bytes, le: int | None
                      ) -> tuple[bytes, bytes]:
        if ins == 0xA4 and p1 == 0x04:  # the application, selected inside PACE's session
            self._app = data == lds.EMRTD_AID
            return b"", vpcd.SW_OK if self._app else vpcd.SW_NOT_FOUND
        if not self._app:
            return b"", CONDITIONS
        if ins == 0xB1:
            return self._read_binary_odd(p1, p2, data, le)
        if ins == 0xA4:
            if p1 not in (0x00, 0x02) or len(data) != 2:
                return b"", vpcd.SW_NOT_FOUND
            fid = int.from_bytes(data, "big")
            if fid not in self.files:
                return b"", vpcd.SW_NOT_FOUND
            self._current = fid
            return b"", vpcd.SW_OK
        if ins == 0xB0:
            if p1 & 0x80:
                fid = _SFI.get(p1 & 0x1F)
                if fid is None or fid not in self.files:
                    return b"", vpcd.SW_NOT_FOUND
                self._current, offset = fid, p2
            else:
                offset = (p1 << 8) | p2
            if self._current is None:
                return b"", vpcd.SW_NO_EF
            content = self.files[self._current]
            if offset > len(content):
                return b"", vpcd.SW_WRONG_OFFSET
            wanted = le or 256
            chunk = content[offset:offset + wanted]
            return chunk, vpcd.SW_OK if len(chunk) == wanted else vpcd.SW_EOF
        return b"", vpcd.SW_INS

    def _read_binary_odd(self, p1: int, p2: int, data: bytes, le: int | None
                         ) -> tuple[bytes, bytes]:
        """READ BINARY B1 of the current file (P1-P2 0000): the offset in DO'54', the
        data in DO'53', whose header counts in Le."""
        if (p1, p2) != (0, 0) or self._current is None:
            return b"", vpcd.SW_NO_EF
        try:
            where = lds.read_tlv(data)
        except LdsError:
            return b"", WRONG_DATA
        if where.tag != 0x54 or not 1 <= len(where.value) <= 3:
            return b"", WRONG_DATA
        offset = int.from_bytes(where.value, "big")
        content = self.files[self._current]
        if offset > len(content):
            return b"", vpcd.SW_WRONG_OFFSET
        wanted = le or 256
        room = wanted - 2 if wanted - 2 < 0x80 else wanted - 3
        chunk = content[offset:offset + room]
        return lds.encode_tlv(0x53, chunk), vpcd.SW_OK if len(chunk) == room else vpcd.SW_EOF


class DirectLink:
    """A card link straight to a virtual card in this process (no pcscd): the
    simulated passport reader of demos and of tests that need no daemon.

    `present` says whether the card lies on the reader; `PassportReader` uses
    it as it uses a `PcscReader`.
    """

    def __init__(self, card: VirtualPassport, present: bool = True) -> None:
        self.card = card
        self.present = present

    def wait_for_card(self, timeout: float) -> bool:
        return self.present

    def transmit(self, command: bytes) -> ApduResponse:
        return apdu.parse_response(self.card.respond(command))

    def disconnect(self) -> None:
        self.card.power_off()

    def health(self) -> Health:
        return Health.ready()

    def close(self) -> None:
        self.present = False
