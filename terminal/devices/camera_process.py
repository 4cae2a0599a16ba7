"""The camera of the kiosk and the counter in a process of its own (`camera_child`),
seen as an adapter.

OpenCV, numpy and dlib (about 60 MB resident, and a face match that holds the
GIL for hundreds of milliseconds) stay out of the window's process: the camera
process captures, analyses, takes pictures, reads a passport's MRZ and matches
a face; this adapter gives the kiosk and the counter the same signals as an
in-process `CameraAdapter` (`frameReady`, `analysed`, `healthChanged`,
`errorRecorded`, `mrzRead`) and the same calls
(`start`/`stop`/`refresh_health`/`scan_mrz`/`match_face`/`take_picture`).
A reader thread copies each preview frame
out of shared memory and leaves it in a one-frame slot for the GUI thread
(latest frame wins, as in the process); the GUI thread never waits on the
camera process. A camera process that ends is reported offline and started
again on the next use; one that sends what the reader cannot take is ended so.
"""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing import shared_memory
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from hardware.camera.boxes import FaceBox
from hardware.camera.latest import LatestSlot
from hardware.camera.messages import RESIDENT_CAMERA_UNAVAILABLE
from hardware.health import Health, HealthState
from terminal.config import CameraSection
from terminal.devices import camera_link as link
from terminal.devices.workers import DeviceAdapter

if TYPE_CHECKING:
    from terminal.form_fields.images import CaptureKind

log = logging.getLogger("terminal.devices")

#: how long `stop()` lets the camera process end before it is killed
EXIT_WAIT_S = 5.0
#: the bundle's switch that runs the camera process (`packaging/bundle_entry.py`)
CAMERA_PROCESS_ARG = "--camera-process"

PictureDone = Callable[[Any], None]


def camera_command(settings: str, memory: str) -> list[str]:
    """The command line of the camera process (the bundle runs itself with a switch)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CAMERA_PROCESS_ARG, settings, memory]
    return [sys.executable, "-m", "terminal.devices.camera_child", settings, memory]


class ProcessCameraAdapter(DeviceAdapter):
    """A camera adapter whose camera runs in a child process."""

    frameReady = Signal(QImage)
    analysed = Signal(object, object)  # list[FaceBox], list[str]
    mrzRead = Signal(object)  # MrzKey
    _frameWaiting = Signal()
    _message = Signal(object)

    def __init__(self, section: CameraSection, *, analysis_fps: float = 5.0,
                 detect_faces: bool = True, parent: QObject | None = None) -> None:
        super().__init__("camera", parent=parent)
        self.section = section
        self.analysis_fps = analysis_fps
        self.detect_faces = detect_faces
        self.frames_captured = 0
        self._capturing = False
        self._preview: LatestSlot[QImage] = LatestSlot()
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: link.Channel | None = None
        self._memory: shared_memory.SharedMemory | None = None
        self._pictures: dict[int, tuple[QObject | None, PictureDone, PictureDone]] = {}
        self._next_picture = 0
        self._scanning_mrz = False
        self._frameWaiting.connect(self._deliver)
        self._message.connect(self._on_message)

    # ---- the GUI thread's side -------------------------------------------------
    @property
    def capturing(self) -> bool:
        return self._capturing

    @property
    def frames_dropped(self) -> int:
        return self._preview.dropped

    def start(self) -> None:
        """Start sending frames (the camera process starts first if it is not running)."""
        self._capturing = True
        self._preview.take()
        self._send(link.START)

    def stop(self, wait: bool = True) -> None:
        """Stop capturing; `wait` (shut-down): also end the camera process."""
        self._capturing = False
        self._scanning_mrz = False
        if self._running():
            self._send(link.STOP, start=False)
        if wait:
            self._end_process()

    def refresh_health(self) -> None:
        self._send(link.PROBE)

    def is_running(self) -> bool:
        return self._running()

    def match_face(self, owner: QObject | None, photo: bytes, threshold: float,
                   on_done: PictureDone) -> None:
        """Compare the newest full-size frame with a document's photo in the camera
        process (dlib stays out of the window); `on_done(MatchResult)` on the GUI thread
        unless `owner` is gone. A camera process that ends answers "nobody seen"."""
        from hardware.facematch import MatchOutcome, MatchResult

        self._next_picture += 1
        request = self._next_picture

        def ended(_text: object) -> None:
            on_done(MatchResult(MatchOutcome.NO_LIVE_FACE, None, threshold))

        self._pictures[request] = (owner, on_done, ended)
        if not self._send(link.FACE, request, photo, threshold):
            self._pictures.pop(request, None)
            ended(None)

    def scan_mrz(self, on: bool) -> None:
        """Look for a passport's MRZ in the camera process's full-size frames (`on`);
        `mrzRead(MrzKey)` once two reads agree, then the scan stops by itself."""
        self._scanning_mrz = on
        self._send(link.MRZ, on, start=on)

    def show_qr(self) -> None:
        """The demo's "simulate scan" (a simulated camera "on tap")."""
        self._send(link.SHOW_QR)

    def show_passport(self) -> None:
        """The demo's "show the passport" (a simulated camera "on tap")."""
        self._send(link.SHOW_PASSPORT)

    def take_picture(self, owner: QObject | None, kind: CaptureKind, on_done: PictureDone,
                     on_error: PictureDone) -> None:
        """Process the newest full-size frame as `kind` in the camera process;
        `on_done(Capture)` or `on_error(text)` on the GUI thread unless `owner` is gone."""
        self._next_picture += 1
        request = self._next_picture
        self._pictures[request] = (owner, on_done, on_error)
        if not self._send(link.PICTURE, request, kind):
            self._pictures.pop(request, None)
            on_error("the camera process is not running")

    @Slot()
    def _deliver(self) -> None:
        image = self._preview.take()
        if image is not None and self._capturing:
            self.frameReady.emit(image)

    def _on_message(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == link.HEALTH:
            self._set_health(Health(HealthState(message[1]), message[2], message[3]),
                             record=False)  # the camera process records its own errors
        elif kind == link.ERROR:
            self._record(message[1])
        elif kind == link.ANALYSED:
            if self._capturing:
                self.analysed.emit([FaceBox(*box) for box in message[1]], list(message[2]))
        elif kind == link.MRZ:
            if self._scanning_mrz:
                from hardware.passport.mrz import MrzKey

                self._scanning_mrz = False
                self.mrzRead.emit(MrzKey(*message[1:4]))
        elif kind == link.FACE:
            from hardware.facematch import MatchOutcome, MatchResult

            owner, on_done, _on_error = self._pictures.pop(message[1], (None, None, None))
            if on_done is not None and (owner is None or shiboken6.isValid(owner)):
                on_done(MatchResult(MatchOutcome(message[2]), message[3], message[4],
                                    bool(message[5])))
        elif kind == link.PICTURE:
            owner, on_done, _on_error = self._pictures.pop(message[1], (None, None, None))
            if on_done is not None and (owner is None or shiboken6.isValid(owner)):
                on_done(message[2])
        elif kind == "ended":
            self._ended(message[1], message[2])

    def _ended(self, process: subprocess.Popen[bytes], code: int | None) -> None:
        _close_pipes(process)
        if process is not self._process:
            return  # an earlier camera process, ended on purpose
        self._process = None
        self._channel = None
        pictures, self._pictures = self._pictures, {}
        for owner, _on_done, on_error in pictures.values():
            if owner is None or shiboken6.isValid(owner):
                on_error("the camera process ended")
        self._set_health(Health(HealthState.OFFLINE, f"camera process ended (exit code {code})",
                                RESIDENT_CAMERA_UNAVAILABLE))

    # ---- the camera process ----------------------------------------------------
    def _running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _send(self, *message: Any, start: bool = True) -> bool:
        if not self._running():
            if not start:
                return False
            self._start_process()
        channel = self._channel
        return channel is not None and channel.send(*message)

    def _start_process(self) -> None:
        if self._memory is None:
            self._memory = shared_memory.SharedMemory(create=True, size=link.SLOT_BYTES)
        settings = json.dumps({"camera": self.section.model_dump(mode="json"),
                               "analysis_fps": self.analysis_fps,
                               "detect_faces": self.detect_faces})
        process = subprocess.Popen(camera_command(settings, self._memory.name),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert process.stdin is not None and process.stdout is not None
        self._process = process
        self._channel = channel = link.Channel(process.stdout, process.stdin)
        log.info("camera process %d started", process.pid)
        threading.Thread(target=self._read, args=(process, channel), daemon=True,
                         name="camera-process-reader").start()
        if self._capturing:
            channel.send(link.START)
        if self._scanning_mrz:
            channel.send(link.MRZ, True)

    def _read(self, process: subprocess.Popen[bytes], channel: link.Channel) -> None:
        """The reader thread: frames into the slot, pictures decoded, the rest to the GUI.
        However it ends (the end of the pipe, or a message it cannot take), the GUI
        thread hears the camera process ended, so nothing waits on it for ever."""
        try:
            self._relay(channel)
        except Exception as error:  # any failure ends the camera process
            if shiboken6.isValid(self) and process is self._process:
                log.warning("camera process %d: reader failed (%s: %s); ending the process",
                            process.pid, type(error).__name__, error)
            else:  # shut down under our feet
                log.debug("camera process reader ended: %r", error)
            _kill(process)
        finally:  # the reader's end of the pipe, closed by its only reader (else it leaks
            # when the adapter is gone before the GUI thread hears the process ended)
            if process.stdout is not None:
                with contextlib.suppress(OSError):
                    process.stdout.close()
        code = process.wait()
        log.info("camera process %d ended with %s", process.pid, code)
        with contextlib.suppress(RuntimeError):  # the adapter is gone: nobody waits
            self._message.emit(("ended", process, code))

    def _relay(self, channel: link.Channel) -> None:
        """Until the end of the pipe: each message of the camera process to its place."""
        from terminal.form_fields.images import Picture, capture_of

        memory = self._memory
        assert memory is not None
        while (message := channel.receive()) is not None:
            if message[0] == link.FRAME:
                width, height, line = message[1:4]
                pixels = bytes(memory.buf[:line * height])
                channel.send(link.ACK)
                self.frames_captured += 1
                image = QImage(pixels, width, height, line, QImage.Format.Format_RGB32)
                if self._capturing and self._preview.put(image):
                    self._frameWaiting.emit()
            elif message[0] == link.PICTURE:
                capture = capture_of(Picture(message[2], message[3]))  # JPEG decoded here
                self._message.emit((link.PICTURE, message[1], capture))
            else:
                self._message.emit(message)

    def _end_process(self) -> None:
        process, self._process = self._process, None
        channel, self._channel = self._channel, None
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()  # the camera process ends at the end of its pipe
            try:
                process.wait(EXIT_WAIT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        del channel  # its reader thread ends at the end of the pipe and closes it
        memory, self._memory = self._memory, None
        if memory is not None:
            memory.unlink()
            with contextlib.suppress(BufferError):  # the reader's copy ends with the process
                memory.close()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End a camera process whose messages can no longer be read."""
    with contextlib.suppress(OSError):
        process.kill()


def _close_pipes(process: subprocess.Popen[bytes]) -> None:
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
