"""A virtual contactless card for pcscd's vpcd reader driver.

The card is a TCP client of pcscd's vpcd port (35963 for `Virtual PCD 00 00`):
connecting inserts it, closing the socket removes it. Messages both ways are
a 2-byte big-endian length and a payload; a 1-byte payload from vpcd is a
control (00 power off, 01 power on, 02 reset, 04 ATR request), anything
longer a command APDU. The card answers the ATR, GET UID (FF CA 00 00 00),
SELECT of the project's AID and READ BINARY of its identity record
(`card_app`), and 6D00 / 6A82 / 6E00 for the rest.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

from hardware.idcard import apdu, card_app
from hardware.identity import IdentityRecord

__all__ = ["VPCD_PORT", "VirtualCard", "contactless_atr"]

VPCD_PORT = 35963  # reader "Virtual PCD 00 00"; 35964 is "... 00 01"

SW_OK = b"\x90\x00"
SW_EOF = b"\x62\x82"
SW_WRONG_OFFSET = b"\x6b\x00"
SW_NOT_FOUND = b"\x6a\x82"
SW_NO_EF = b"\x69\x86"
SW_INS = b"\x6d\x00"
SW_CLA = b"\x6e\x00"
SW_WRONG_LENGTH = b"\x67\x00"


def contactless_atr(historical: bytes) -> bytes:
    """PC/SC part 3 ATR of an ISO 14443-4 card: 3B 8n 80 01 <historical> TCK."""
    body = bytes([0x8F & (0x80 | len(historical)), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


class VirtualCard:
    """A resident card of the center, served to vpcd from a thread.

    `identity=None` gives a blank card (the AID is absent). `remove_on`, if
    set, is called with each command APDU; when it returns True the card is
    pulled away instead of answering (removal mid-transaction).
    """

    def __init__(self, identity: IdentityRecord | None = None, *,
                 uid: bytes = bytes.fromhex("04A1B2C3D4E5F6"),
                 host: str = "127.0.0.1", port: int = VPCD_PORT) -> None:
        self.identity = identity
        self.uid = uid
        self.atr = contactless_atr(b"RECEPT01")
        self.host = host
        self.port = port
        self.remove_on: Callable[[bytes], bool] | None = None
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._selected = False
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self, timeout: float = 2.0) -> None:
        """Connect to vpcd: the reader now sees a card."""
        if self.inserted:
            return
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(None)
        with self._lock:
            self._sock = sock
        self._selected = False
        self._thread = threading.Thread(target=self._serve, args=(sock,),
                                        name="vcard", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Close the connection: the reader sees the card removed."""
        self._drop()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
            self._thread = None

    def _drop(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # --- wire -----------------------------------------------------------------------
    @staticmethod
    def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            try:
                chunk = sock.recv(n - len(data))
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        return data

    def _serve(self, sock: socket.socket) -> None:
        while True:
            head = self._recv_exact(sock, 2)
            if head is None:
                break
            payload = self._recv_exact(sock, int.from_bytes(head, "big"))
            if payload is None:
                break
            if len(payload) == 1:
                answer = self._control(payload[0])
            else:
                self.apdus.append(payload)
                if self.remove_on is not None and self.remove_on(payload):
                    break
                answer = self.respond(payload)
            if answer is not None:
                try:
                    sock.sendall(len(answer).to_bytes(2, "big") + answer)
                except OSError:
                    break
        self._drop()

    def _control(self, code: int) -> bytes | None:
        if code in (0x00, 0x01, 0x02):  # power off / on / reset: state back to idle
            self._selected = False
            return None
        if code == 0x04:
            return self.atr
        return None

    # --- card behaviour -----------------------------------------------------------------
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
