"""The pipe between a window (kiosk, counter) and its camera process: framed messages,
shared frames.

Messages are tuples, pickled and prefixed with their length (both ends are
this program). Preview frames do not go through the pipe: the camera process
writes one RGB32 frame at a time into a shared-memory slot, says so, and
writes the next only when the kiosk has copied it out (`ack`), so a busy
kiosk simply gets fewer frames, never a backlog.

The largest message is a picture: a full frame's JPEG (`MESSAGE_MAX` bounds it);
a length prefix past it is a corrupt pipe, and `receive` says so
(`CorruptMessage`) rather than wait for, or make room for, gigabytes.
"""

from __future__ import annotations

import pickle
import struct
import threading
from typing import IO, Any

#: The largest preview frame: frames are scaled down to fit (1280x720 RGB32: 3.7 MB).
PREVIEW_MAX = (960, 540)
SLOT_BYTES = PREVIEW_MAX[0] * PREVIEW_MAX[1] * 4
_LENGTH = struct.Struct(">I")
#: The largest full frame that crosses the pipe, as a picture's JPEG: an ordinary
#: picture at most 1600 px on its longer side (`terminal.form_fields.images.PICTURE_SIDE`,
#: square at worst), a flattened document A4 at 150 dpi (1240x1754,
#: `hardware.camera.document.A4_SIZE`), a portrait smaller still.
FULL_FRAME_MAX = (1600, 1600)
#: The longest message either end takes: the largest full frame as raw BGR (a JPEG
#: at quality 90 is well under it, even of noise) and room for the rest of the tuple.
MESSAGE_MAX = FULL_FRAME_MAX[0] * FULL_FRAME_MAX[1] * 3 + 64 * 1024

#: kiosk -> camera process
START, STOP, PROBE, ACK, PICTURE, SHOW_QR = "start", "stop", "probe", "ack", "picture", "show_qr"
#: kiosk -> camera process: ("mrz", True) look for a passport's MRZ, ("mrz", False) stop;
#: camera process -> kiosk: ("mrz", number, birth, expiry) once two frames agree
MRZ = "mrz"
#: kiosk -> camera process: the demo's "show the passport" (`DemoTaps.show_passport`)
SHOW_PASSPORT = "show_passport"
#: kiosk -> camera process: ("face", request, photo JPEG, threshold) compare the newest
#: full-size frame with a document's photo; back: ("face", request, outcome, distance,
#: threshold)
FACE = "face"
#: camera process -> kiosk
FRAME, ANALYSED, HEALTH, ERROR = "frame", "analysed", "health", "error"


class CorruptMessage(ValueError):
    """The pipe declared a message longer than any this program sends."""


class Channel:
    """One end of the pipe: `send` from any thread, `receive` on one thread."""

    def __init__(self, reading: IO[bytes], writing: IO[bytes]) -> None:
        self._reading = reading
        self._writing = writing
        self._lock = threading.Lock()

    def send(self, *message: Any) -> bool:
        """False when the other end has gone."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with self._lock:
                self._writing.write(_LENGTH.pack(len(data)) + data)
                self._writing.flush()
        except (BrokenPipeError, OSError, ValueError):
            return False
        return True

    def receive(self) -> tuple[Any, ...] | None:
        """The next message; None at the end of the pipe. Raises `CorruptMessage` on a
        length past `MESSAGE_MAX` (nothing after it can be framed)."""
        head = self._read(_LENGTH.size)
        if head is None:
            return None
        length = _LENGTH.unpack(head)[0]
        if length > MESSAGE_MAX:
            raise CorruptMessage(f"a message of {length} bytes declared "
                                 f"(at most {MESSAGE_MAX}): the pipe is corrupt")
        body = self._read(length)
        return None if body is None else pickle.loads(body)  # both ends are this program

    def _read(self, size: int) -> bytes | None:
        chunks = bytearray()
        while len(chunks) < size:
            try:
                chunk = self._reading.read(size - len(chunks))
            except (OSError, ValueError):
                return None
            if not chunk:
                return None
            chunks += chunk
        return bytes(chunks)
