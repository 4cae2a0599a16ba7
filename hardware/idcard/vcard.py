"""A resident card of the center on pcscd's vpcd reader driver.

The card (a `vpcd.VpcdCard`) answers the ATR, GET UID (FF CA 00 00 00),
SELECT of the project's AID and READ BINARY of its identity record
(`card_app`), and 6D00 / 6A82 / 6E00 for the rest.
"""

from __future__ import annotations

from hardware.idcard import apdu, card_app
from hardware.idcard.vpcd import (
    SW_CLA,
    SW_EOF,
    SW_INS,
    SW_NO_EF,
    SW_NOT_FOUND,
    SW_OK,
    SW_WRONG_LENGTH,
    SW_WRONG_OFFSET,
    VPCD_PORT,
    VpcdCard,
    contactless_atr,
)
from hardware.identity import IdentityRecord

__all__ = ["VPCD_PORT", "VirtualCard", "contactless_atr"]


class VirtualCard(VpcdCard):
    """A resident card of the center, served to vpcd from a thread.

    `identity=None` gives a blank card (the AID is absent).
    """

    def __init__(self, identity: IdentityRecord | None = None, *,
                 uid: bytes = bytes.fromhex("04A1B2C3D4E5F6"),
                 host: str = "127.0.0.1", port: int = VPCD_PORT) -> None:
        super().__init__(uid=uid, atr=contactless_atr(b"RECEPT01"), host=host, port=port)
        self.identity = identity
        self._selected = False

    def reset(self) -> None:
        self._selected = False

    def respond(self, command: bytes) -> bytes:
        """The response APDU (data + SW) for a command APDU."""
        if len(command) < 4:
            return SW_WRONG_LENGTH
        cla, ins, p1, p2 = command[:4]
        if command == apdu.GET_UID:
            return self.uid + SW_OK
        if cla == 0xFF:
            return SW_INS
        if cla & 0xFC != 0x00:
            return SW_CLA
        if ins == 0xA4 and p1 == 0x04:
            lc = command[4] if len(command) > 4 else 0
            aid = command[5:5 + lc]
            self._selected = self.identity is not None and aid == card_app.AID
            return SW_OK if self._selected else SW_NOT_FOUND
        if ins == 0xB0:
            return self._read_binary((p1 << 8) | p2, command[4] if len(command) > 4 else 0)
        return SW_INS

    def _read_binary(self, offset: int, le: int) -> bytes:
        if not self._selected or self.identity is None:
            return SW_NO_EF
        content = card_app.encode_record(self.identity)
        if offset >= len(content):
            return SW_WRONG_OFFSET
        wanted = le or 256
        chunk = content[offset:offset + wanted]
        return chunk + (SW_OK if len(chunk) == wanted else SW_EOF)
