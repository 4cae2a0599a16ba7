"""A virtual card behind pcscd's vpcd reader driver: the one vpcd client.

The card is a TCP client of pcscd's vpcd port (35963 for `Virtual PCD 00 00`):
connecting inserts it, closing the socket removes it. Messages both ways are
a 2-byte big-endian length and a payload; a 1-byte payload from vpcd is a
control (00 power off, 01 power on, 02 reset, 04 ATR request), anything
longer a command APDU. `VpcdCard` speaks this wire from a thread; a card
(`vcard.VirtualCard`, `passport.vpassport.VirtualPassport`) says what it
answers in `respond` and what a power cycle makes it forget in `reset`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

__all__ = ["VPCD_PORT", "VpcdCard", "contactless_atr"]

VPCD_PORT = 35963  # reader "Virtual PCD 00 00"; 35964 is "... 00 01"

# ISO 7816-4 status words the virtual cards answer
SW_OK = b"\x90\x00"
SW_EOF = b"\x62\x82"
SW_WRONG_LENGTH = b"\x67\x00"
SW_NO_EF = b"\x69\x86"
SW_NOT_FOUND = b"\x6a\x82"
SW_WRONG_OFFSET = b"\x6b\x00"
SW_INS = b"\x6d\x00"
SW_CLA = b"\x6e\x00"


def contactless_atr(historical: bytes) -> bytes:
    """PC/SC part 3 ATR of an ISO 14443-4 card: 3B 8n 80 01 <historical> TCK."""
    body = bytes([0x8F & (0x80 | len(historical)), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


class VpcdCard:
    """A card served to vpcd from a thread; subclasses answer the APDUs.

    `remove_on`, if set, is called with each command APDU; when it returns
    True the card is pulled away instead of answering (removal
    mid-transaction). `apdus` lists the command APDUs received.
    """

    def __init__(self, *, uid: bytes, atr: bytes,
                 host: str = "127.0.0.1", port: int = VPCD_PORT) -> None:
        self.uid = uid
        self.atr = atr
        self.host = host
        self.port = port
        self.remove_on: Callable[[bytes], bool] | None = None
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def respond(self, command: bytes) -> bytes:
        """The response APDU (data + SW) for a command APDU."""
        raise NotImplementedError

    def reset(self) -> None:
        """Power off, power on or reset: forget any selection or session."""

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
        self.reset()
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

    def __enter__(self) -> VpcdCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

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
        if code in (0x00, 0x01, 0x02):
            self.reset()
            return None
        if code == 0x04:
            return self.atr
        return None
