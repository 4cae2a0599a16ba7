"""The camera process of the kiosk and the counter: the camera, its analysis and
picture taking, with OpenCV, numpy and dlib, away from the window's process.

It runs the same `CameraAdapter` as an in-process camera (latest frame wins,
analysis on its own thread at lower priority) and passes on what it says:
preview frames through shared memory (`camera_link`), faces, QR codes,
health and errors as messages. Pictures are taken, and a passport's MRZ is
read (`terminal.devices.mrz_scan`) and a face matched with a document's photo
(`terminal.face_check`), from the newest full-size frames.
It ends when the window's process closes the pipe (or dies).

    python -m terminal.devices.camera_child SETTINGS_JSON SHARED_MEMORY_NAME
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from multiprocessing import resource_tracker, shared_memory

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal

from hardware.camera.boxes import FaceBox
from hardware.health import Health
from hardware.passport.mrz import MrzKey
from terminal.background import Lane
from terminal.config import CameraSection
from terminal.devices import camera_link as link
from terminal.devices.demo_taps import DemoTaps
from terminal.devices.factory import build_camera
from terminal.devices.workers import CameraAdapter, ErrorEntry

log = logging.getLogger("terminal.devices.camera")


class CameraHost(QObject):
    """On the process's main thread: commands in, the adapter's signals out."""

    command = Signal(object)

    def __init__(self, adapter: CameraAdapter, taps: DemoTaps, channel: link.Channel,
                 memory: shared_memory.SharedMemory) -> None:
        super().__init__()
        self.adapter = adapter
        self.taps = taps
        self.channel = channel
        self.memory = memory
        self._slot_free = True
        self._latest = None
        self._pictures = Lane(1, "camera-pictures")
        self._scale = 1.0
        self.command.connect(self._on_command)
        adapter.frameReady.connect(self._frame)
        adapter.analysed.connect(self._analysed)
        adapter.healthChanged.connect(self._health)
        adapter.errorRecorded.connect(self._error)
        adapter.mrzRead.connect(self._mrz_read)

    def _frame(self, image: object) -> None:
        self._latest = image
        if not self._slot_free:
            return  # the kiosk has not copied the last one out yet: this one is dropped
        preview = image.scaled(QSize(*link.PREVIEW_MAX), Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.FastTransformation) \
            if image.width() > link.PREVIEW_MAX[0] or image.height() > link.PREVIEW_MAX[1] \
            else image
        self._scale = preview.width() / max(1, image.width())
        size = preview.sizeInBytes()
        self.memory.buf[:size] = memoryview(preview.constBits()).cast("B")[:size]
        self._slot_free = False
        self.channel.send(link.FRAME, preview.width(), preview.height(), preview.bytesPerLine())

    def _analysed(self, faces: list[FaceBox], payloads: list[str]) -> None:
        scale = self._scale  # boxes in the preview's pixels, as the kiosk sees the frame
        self.channel.send(link.ANALYSED, [(round(f.x * scale), round(f.y * scale),
                                           round(f.w * scale), round(f.h * scale))
                                          for f in faces], list(payloads))

    def _health(self, health: Health) -> None:
        self.channel.send(link.HEALTH, str(health.state), health.reason, health.resident_message)

    def _mrz_read(self, key: MrzKey) -> None:
        self.channel.send(link.MRZ, key.document_number, key.birth, key.expiry)

    def _error(self, entry: ErrorEntry) -> None:
        self.channel.send(link.ERROR, entry.message)

    def _on_command(self, message: tuple[object, ...] | None) -> None:
        if message is None:
            QCoreApplication.quit()
            return
        kind = message[0]
        if kind == link.START:
            self.adapter.start()
        elif kind == link.STOP:
            self.adapter.stop(wait=False)
        elif kind == link.PROBE:
            self.adapter.refresh_health()
        elif kind == link.ACK:
            self._slot_free = True
        elif kind == link.MRZ:
            self.adapter.scan_mrz(bool(message[1]))
        elif kind == link.SHOW_QR:
            self.taps.show_qr()
        elif kind == link.SHOW_PASSPORT:
            self.taps.show_passport()
        elif kind == link.PICTURE:
            self._take_picture(int(message[1]), str(message[2]))  # type: ignore[call-overload]
        elif kind == link.FACE:
            self._match_face(int(message[1]), bytes(message[2]),  # type: ignore[call-overload]
                             float(message[3]))  # type: ignore[arg-type]

    def _take_picture(self, request: int, kind: str) -> None:
        image = self._latest
        channel = self.channel

        def work() -> None:
            from terminal.form_fields.images import Picture, encode_frame, qimage_to_bgr

            try:
                picture = Picture(None) if image is None \
                    else encode_frame(qimage_to_bgr(image), kind)  # type: ignore[arg-type]
            except Exception:
                log.exception("the picture could not be processed")
                picture = Picture(None)
            channel.send(link.PICTURE, request, picture.jpeg, picture.message)

        self._pictures.run(None, work, None)


    def _match_face(self, request: int, photo: bytes, threshold: float) -> None:
        """The newest full-size frame against the document's photo, on the pictures' lane:
        only the outcome, distance, threshold and whether a passport page was in
        view go back, never the frame."""
        image = self._latest
        channel = self.channel

        def work() -> None:
            from terminal.face_check import match_frame

            result = match_frame(image, photo, threshold)  # type: ignore[arg-type]
            channel.send(link.FACE, request, result.outcome.value, result.distance,
                         result.threshold, result.document_in_view)

        self._pictures.run(None, work, None)


def main(argv: list[str]) -> int:
    settings = json.loads(argv[0])
    # the pipe gets the real stdout; anything a library prints goes to stderr
    channel = link.Channel(sys.stdin.buffer, os.fdopen(os.dup(1), "wb", buffering=0))
    os.dup2(2, 1)
    logging.basicConfig(level=logging.INFO, format="camera process: %(levelname)s %(message)s")
    memory = shared_memory.SharedMemory(name=argv[1])
    resource_tracker.unregister(memory._name, "shared_memory")  # type: ignore[attr-defined]
    app = QCoreApplication([sys.argv[0]])
    taps = DemoTaps()
    source, cleanup = build_camera(CameraSection.model_validate(settings["camera"]), taps)
    if source is None:
        return 0
    adapter = CameraAdapter(source, analysis_fps=settings["analysis_fps"],
                            detect_faces=settings["detect_faces"])
    host = CameraHost(adapter, taps, channel, memory)

    def read_commands() -> None:
        while True:
            try:
                message = channel.receive()
            except Exception:  # a pipe it cannot read ends the process as its end does
                log.exception("a command could not be read; ending")
                message = None
            host.command.emit(message)
            if message is None:
                return

    threading.Thread(target=read_commands, name="camera-commands", daemon=True).start()
    try:
        app.exec()
    finally:
        adapter.stop()
        source.close()
        if cleanup is not None:
            cleanup()
        memory.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
