"""Qt adapters for the device drivers: one worker thread per device.

Each adapter owns a `DeviceThread` (a thread running a small job loop) and
calls its driver only on that thread. Results cross into the GUI thread as
queued signals; the GUI thread never waits on a device (except in `stop()`,
which ends the thread at shutdown). Every adapter re-checks its device on a
timer, backing off while it is offline, emits `healthChanged` on every
transition and keeps the last 20 errors for the technician panel.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QImage

from hardware.camera.latest import LatestSlot
from hardware.health import DeviceError, Health, HealthState
from hardware.idcard import IdentityReader
from hardware.identity import CardRejected, IdentityRecord
from hardware.printer import (
    ChineseMode,
    PrintResult,
    Receipt,
    ReceiptPrinter,
    UnknownStatusPolicy,
)
from hardware.printer.status import MSG_OFFLINE
from terminal.devices.mrz_scan import MrzScan

if TYPE_CHECKING:  # OpenCV and numpy load with the first camera adapter, not with this module
    import numpy as np

    from hardware.camera import FaceDetector, FrameSource
    from hardware.camera.analysis import AnalysisLoop
    from terminal.form_fields.images import CaptureKind

log = logging.getLogger("terminal.devices")

ERROR_HISTORY = 20
_STOP = object()


def translate_device(message: str) -> str:
    """A driver's resident message in the current UI language."""
    return QCoreApplication.translate("Device", message) if message else ""


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One device error as the technician panel lists it; `count` repeats of it in a row
    (`when` is the latest)."""

    when: datetime
    message: str
    count: int = 1


@dataclass(slots=True)
class Outage:
    """A device not ready since `since` (monotonic), through `attempts` checks or uses."""

    since: float
    state: HealthState
    attempts: int = 1
    reasons: set[str] = field(default_factory=set)


class Backoff:
    """Delay before the next health check: `interval` when ready, doubling while not."""

    def __init__(self, interval: float, initial: float, maximum: float) -> None:
        self.interval, self.initial, self.maximum = interval, initial, max(initial, maximum)
        self._current = initial

    def next_delay(self, health: Health) -> float:
        if health.state is HealthState.READY:
            self._current = self.initial
            return self.interval
        delay, self._current = self._current, min(self._current * 2, self.maximum)
        return delay


class DeviceThread:
    """A thread running submitted jobs in order, and `tick()` when it is due.

    `tick` returns the seconds until it wants to run again. `on_exit` runs on
    the thread when it stops (close the device there). A plain Python thread,
    like the sync worker's: results reach the GUI through queued signals.
    """

    def __init__(self, name: str, tick: Callable[[], float],
                 on_exit: Callable[[], None]) -> None:
        self._name = name
        self._tick, self._on_exit = tick, on_exit
        self._jobs: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._next_tick = 0.0
        self.stopping = False
        self._thread = threading.Thread(target=self.run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread.is_alive() or self._thread.ident is not None:
            self._thread.join(timeout)

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def is_current(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)

    def tick_soon(self) -> None:
        """Run `tick` right after the current job (call from any thread)."""
        self._jobs.put(self._run_tick_now)

    def _run_tick_now(self) -> None:
        self._next_tick = 0.0

    def schedule(self, delay: float) -> None:
        """Move the next tick `delay` seconds from now (call on this thread only)."""
        self._next_tick = time.monotonic() + delay

    def request_stop(self) -> None:
        self.stopping = True
        self._jobs.put(_STOP)

    def run(self) -> None:
        self._next_tick = 0.0
        while True:
            timeout = self._next_tick - time.monotonic()
            try:
                job = self._jobs.get(timeout=timeout) if timeout > 0 else self._jobs.get_nowait()
            except queue.Empty:
                self._next_tick = time.monotonic() + self._guard(self._tick, 1.0)
                continue
            if job is _STOP:
                break
            self._guard(job, None)  # type: ignore[arg-type]
        self._guard(self._on_exit, None)

    def _guard(self, function: Callable[[], object], fallback: float | None) -> float:
        try:
            result = function()
        except Exception:
            log.exception("%s: unexpected error", self._name)
            return fallback or 1.0
        return float(result) if isinstance(result, int | float) else 0.0


class DeviceAdapter(QObject):
    """Base: the device thread, health transitions and the error history."""

    healthChanged = Signal(object)  # Health
    errorRecorded = Signal(object)  # ErrorEntry

    def __init__(self, name: str, *, health_interval: float = 10.0,
                 backoff_initial: float = 0.5, backoff_max: float = 30.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._backoff = Backoff(health_interval, backoff_initial, backoff_max)
        self._health = Health(HealthState.DEGRADED, "not checked yet")
        self._errors: deque[ErrorEntry] = deque(maxlen=ERROR_HISTORY)
        self._outage: Outage | None = None
        self._lock = threading.Lock()
        self._thread: DeviceThread | None = None
        self._old_threads: list[DeviceThread] = []

    # ---- GUI-thread API -------------------------------------------------------
    @property
    def health(self) -> Health:
        return self._health

    def errors(self) -> list[ErrorEntry]:
        """The last errors, oldest first (a repeated error is one entry with a count)."""
        with self._lock:
            return list(self._errors)

    @property
    def failed_attempts(self) -> int:
        """Checks and uses that found the device not ready since it last was (0 if ready)."""
        outage = self._outage
        return 0 if outage is None else outage.attempts

    def refresh_health(self) -> None:
        """Check the device now (the result comes as `healthChanged` if it changed)."""
        self._ensure_thread().tick_soon()

    def stop(self, wait: bool = True) -> None:
        """End the device thread (the device is closed on it); joins unless `wait` is false.

        Any later call starts a new thread.
        """
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping()
            thread.request_stop()
            self._old_threads.append(thread)
        if wait:
            for old in self._old_threads:
                old.wait()
            self._old_threads.clear()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_running()

    # ---- worker-thread helpers ------------------------------------------------
    def _ensure_thread(self) -> DeviceThread:
        if self._thread is None:
            for old in self._old_threads:  # a quick stop/start: let the old one finish
                old.wait()
            self._old_threads.clear()
            self._thread = DeviceThread(f"device-{self.name}", self._tick, self._on_exit)
            self._thread.start()
        return self._thread

    def _submit(self, job: Callable[[], None]) -> None:
        self._ensure_thread().submit(job)

    def _set_health(self, health: Health, record: bool = True) -> None:
        previous = self._health
        self._log_health(previous, health)  # before the state is visible to other threads
        self._health = health
        if (previous.state, previous.reason) == (health.state, health.reason):
            return
        if record and health.state is not HealthState.READY:
            self._record(f"{health.state}: {health.reason}")
        self.healthChanged.emit(health)

    def _log_health(self, previous: Health, health: Health) -> None:
        """Log an outage when it starts, when its state or cause changes, and when it
        ends (with how many attempts failed meanwhile): never once per failed check."""
        outage = self._outage
        if health.state is HealthState.READY:
            if outage is not None:
                self._outage = None
                log.info("%s ready again after %d failed attempts (%.0f s not ready)",
                         self.name, outage.attempts, time.monotonic() - outage.since)
            elif previous.state is not HealthState.READY:
                log.info("%s ready", self.name)
            return
        if outage is None:
            self._outage = Outage(time.monotonic(), health.state, reasons={health.reason})
            log.warning("%s %s: %s", self.name, health.state, health.reason)
            return
        outage.attempts += 1
        if health.state is not outage.state:
            outage.state = health.state
            outage.reasons.add(health.reason)
            log.warning("%s now %s: %s", self.name, health.state, health.reason)
        elif health.reason not in outage.reasons:
            outage.reasons.add(health.reason)
            log.info("%s still %s: %s", self.name, health.state, health.reason)

    def _record(self, message: str) -> None:
        with self._lock:
            last = self._errors[-1] if self._errors else None
            if last is not None and last.message == message:
                self._errors[-1] = entry = ErrorEntry(datetime.now(), message, last.count + 1)
            else:
                entry = ErrorEntry(datetime.now(), message)
                self._errors.append(entry)
        self.errorRecorded.emit(entry)

    def _schedule(self, delay: float) -> None:
        thread = self._thread
        if thread is not None and thread.is_current():
            thread.schedule(delay)

    def _next_check(self) -> float:
        return self._backoff.next_delay(self._health)

    def _stopping(self) -> None:
        """GUI thread, before the stop request is queued (flags for loops)."""

    def _tick(self) -> float:
        raise NotImplementedError

    def _on_exit(self) -> None:
        raise NotImplementedError


# ---- printer ----------------------------------------------------------------------

class PrinterAdapter(DeviceAdapter):
    """Prints on the printer's thread; a failed receipt stays reprintable by its id.

    `printed` means the status after the job said so, or (policy "print and
    warn") that the status was unknown: the technician then gets a warning
    entry and the state "unknown". `printFailed` carries the resident message
    already translated ("Device" context) and the technician's precise message.
    """

    printed = Signal(str)  # receipt_id
    printFailed = Signal(str, str, str)  # receipt_id, resident_message, technician_message

    def __init__(self, printer: ReceiptPrinter, *, health_interval: float = 10.0,
                 backoff_initial: float = 0.5, backoff_max: float = 30.0,
                 parent: QObject | None = None) -> None:
        super().__init__("printer", health_interval=health_interval,
                         backoff_initial=backoff_initial, backoff_max=backoff_max, parent=parent)
        self.printer = printer

    def print_receipt(self, receipt: Receipt, chinese_mode: ChineseMode | None = None) -> None:
        """Print on the printer's thread; `chinese_mode` overrides the configured one."""
        self._submit(lambda: self._print(
            lambda: self.printer.print_receipt(receipt, chinese_mode), ""))

    def set_chinese_mode(self, mode: ChineseMode | str) -> None:
        """How later receipts send Chinese text (GB18030 once the technician confirmed it)."""
        chosen = ChineseMode(mode)
        self._submit(lambda: self.printer.set_chinese_mode(chosen))

    def reprint(self, receipt_id: str) -> None:
        self._submit(lambda: self._print(lambda: self.printer.reprint(receipt_id), receipt_id))

    def pending(self) -> list[str]:
        """Ids of receipts whose last attempt failed, oldest first."""
        return [item.receipt_id for item in self.printer.pending()]

    def set_unknown_policy(self, policy: UnknownStatusPolicy | str) -> None:
        """What later jobs do when the printer's status is unknown (technician's choice)."""
        chosen = UnknownStatusPolicy(policy)

        def apply() -> None:
            self.printer.unknown_policy = chosen
        self._submit(apply)

    def _print(self, job: Callable[[], PrintResult], receipt_id: str) -> None:
        try:
            result = job()
        except DeviceError as error:
            failed_id = getattr(error, "receipt_id", receipt_id)
            self._record(f"receipt {failed_id}: {error.technician_message}")
            self._set_health(self.printer.health, record=False)  # the status, not the job
            self._schedule(self._backoff.initial)  # watch for the fix (paper, cable)
            self.printFailed.emit(failed_id, translate_device(error.resident_message),
                                  error.technician_message)
            return
        except KeyError as error:
            self._record(str(error))
            self.printFailed.emit(receipt_id, translate_device(MSG_OFFLINE), str(error.args[0]))
            return
        except Exception as error:
            log.exception("printing failed")
            self._record(f"unexpected {type(error).__name__}: {error}")
            self.printFailed.emit(receipt_id, translate_device(MSG_OFFLINE),
                                  f"unexpected {type(error).__name__}: {error}")
            return
        if not result.confirmed:
            self._record("receipts sent without confirmation (policy: print and warn): "
                         + result.health.reason)
        self._set_health(self.printer.health)
        self.printed.emit(result.receipt_id)

    def _tick(self) -> float:
        self._set_health(self.printer.status())
        return self._next_check()

    def _on_exit(self) -> None:
        self.printer.close()


# ---- card reader -----------------------------------------------------------------

class CardReaderAdapter(DeviceAdapter):
    """Polls `read_card` on the reader's thread while polling is on.

    `cardRead` fires once per card placed (not again while it stays on the
    reader); `read_once()` reads now and answers with `cardRead`, `noCard` or
    `cardRejected`. `cardRejected` carries the resident message already
    translated ("this card cannot be used here") and the technician's precise
    one; while polling it fires once per rejected card, not on every poll.
    """

    cardRead = Signal(object)  # IdentityRecord
    noCard = Signal()
    cardRejected = Signal(str, str)  # resident_message, technician_message

    def __init__(self, reader: IdentityReader, *, poll_interval: float = 0.3,
                 read_timeout: float = 2.0, health_interval: float = 10.0,
                 backoff_initial: float = 0.5, backoff_max: float = 30.0,
                 parent: QObject | None = None) -> None:
        super().__init__("card-reader", health_interval=health_interval,
                         backoff_initial=backoff_initial, backoff_max=backoff_max, parent=parent)
        self.reader = reader
        self.poll_interval = poll_interval
        self.read_timeout = read_timeout
        self._polling = False
        self._last_number: str | None = None
        self._last_rejection = ""

    @property
    def polling(self) -> bool:
        return self._polling

    def start_polling(self) -> None:
        self._polling = True
        self._last_number = None
        self._last_rejection = ""
        self._ensure_thread().tick_soon()

    def stop_polling(self) -> None:
        self._polling = False

    def read_once(self) -> None:
        def job() -> None:
            self._last_rejection = ""  # asked for: always answer
            try:
                record = self._read()
            except CardRejected:
                return
            if record is None:
                self.noCard.emit()
            else:
                self.cardRead.emit(record)
        self._submit(job)

    def _read(self) -> IdentityRecord | None:
        """The card read now, None when there is none (or the reader failed).

        Raises CardRejected (after reporting it) for a card whose data
        disagree with its ID number.
        """
        try:
            record = self.reader.read_card(self.read_timeout)
        except CardRejected as rejected:
            self._set_health(Health.ready())
            self._reject(rejected)
            raise
        except DeviceError as error:
            self._record(error.technician_message)
            self._set_health(error.health(), record=False)
            return None
        self._set_health(Health.ready())
        return record

    def _reject(self, rejected: CardRejected) -> None:
        """Report a rejected card once while it stays on the reader."""
        if rejected.technician_message == self._last_rejection:
            return
        self._last_rejection = rejected.technician_message
        log.warning("%s: %s", self.name, rejected.technician_message)
        self._record(rejected.technician_message)
        self.cardRejected.emit(translate_device(rejected.resident_message),
                               rejected.technician_message)

    def _tick(self) -> float:
        if not self._polling:
            self._set_health(self.reader.health())
            return self._next_check()
        try:
            record = self._read()
        except CardRejected:
            self._last_number = None
            return self.poll_interval
        if record is None:
            self._last_number = None
            self._last_rejection = ""
        elif record.id_number != self._last_number:
            self._last_number = record.id_number
            self._last_rejection = ""
            self.cardRead.emit(record)
        if self._health.state is HealthState.READY:
            return self.poll_interval
        return self._next_check()

    def _on_exit(self) -> None:
        self.reader.close()


# ---- camera --------------------------------------------------------------------------

def frame_to_qimage(frame: np.ndarray) -> QImage:
    """A BGR (or grayscale) frame as a QImage that owns its pixels."""
    import numpy as np

    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    return image.copy()


def frame_to_preview(frame: np.ndarray) -> QImage:
    """A BGR (or grayscale) frame as an RGB32 QImage, the format Qt paints fastest.

    One conversion (to BGRA, which is RGB32's byte order on little-endian
    machines) and no copy after it: the QImage uses the converted array's
    memory, which PySide keeps alive for as long as any copy of the image.
    """
    import cv2

    code = cv2.COLOR_GRAY2BGRA if frame.ndim == 2 else cv2.COLOR_BGR2BGRA
    bgra = cv2.cvtColor(frame, code)
    height, width = bgra.shape[:2]
    return QImage(bgra, width, height, bgra.strides[0], QImage.Format.Format_RGB32)


class CameraAdapter(DeviceAdapter):
    """Captures on the camera's thread; the GUI gets the newest frame, never a queue.

    Latest frame wins: the camera thread converts each frame for painting and
    leaves it in a one-frame slot, posting a wake-up to the GUI thread only
    when the slot was empty. So the GUI thread never has more than one frame
    pending, shows the newest one when it gets to it, and frames captured
    meanwhile are dropped (`frames_dropped`). Faces and QR codes are looked
    for on a thread of their own, on the newest frame, at most `analysis_fps`
    times a second (0: never), reported by `analysed(faces, qr_payloads)`;
    face boxes are in frame pixels.
    """

    frameReady = Signal(QImage)
    analysed = Signal(object, object)  # list[FaceBox], list[str]
    mrzRead = Signal(object)  # MrzKey, emitted from the MRZ lane
    _frameWaiting = Signal()

    def __init__(self, source: FrameSource, *, analysis_fps: float = 5.0,
                 face_detector: FaceDetector | None = None, detect_faces: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__("camera", parent=parent)
        self.source = source
        self.analysis_fps = analysis_fps
        # OpenCV's worker threads run at normal priority: the face cascade would
        # take the CPU from the GUI thread (bench_gui_stall.py, p99 lateness
        # 12-39 ms with them, 4-19 ms without, same load). Each of the camera's
        # threads does its OpenCV work itself.
        import cv2

        from hardware.camera.analysis import FrameAnalyser

        cv2.setNumThreads(1)
        self._analyser = FrameAnalyser(faces=detect_faces, detector=face_detector)
        self._analysis: AnalysisLoop | None = None
        self._capturing = False
        self._preview: LatestSlot[QImage] = LatestSlot()
        self.frames_captured = 0
        self._frameWaiting.connect(self._deliver)
        self._health = source.health()
        self._probe = False
        self._source_started = False
        self._mrz = MrzScan(self.mrzRead.emit)
        self._latest_frame: QImage | None = None

    @property
    def capturing(self) -> bool:
        return self._capturing

    def match_face(self, owner: QObject | None, photo: bytes, threshold: float,
                   on_done: Callable[[Any], None]) -> None:
        """Compare the newest full-size frame with a document's photo off the GUI
        thread; `on_done(MatchResult)` on it unless `owner` is gone."""
        from terminal.background import run_in_background
        from terminal.face_check import match_frame

        frame = self._latest_frame
        run_in_background(owner, lambda: match_frame(frame, photo, threshold), on_done)

    def take_picture(self, owner: QObject | None, kind: CaptureKind,
                     on_done: Callable[[Any], None], on_error: Callable[[str], None]) -> None:
        """Process the newest full-size frame as `kind` off the GUI thread;
        `on_done(Capture)` or `on_error(text)` on it unless `owner` is gone."""
        from terminal.background import run_in_background
        from terminal.form_fields.images import process_frame, qimage_to_bgr

        frame = self._latest_frame
        if frame is None:
            on_error("no frame from the camera yet")
            return
        run_in_background(owner, lambda: process_frame(qimage_to_bgr(frame), kind),
                          on_done, on_error)

    @property
    def mrz_reads(self) -> int:
        return self._mrz.reads

    def scan_mrz(self, on: bool) -> None:
        """Look for a passport's MRZ in the full-size frames while capturing (`on`);
        `mrzRead(MrzKey)` once two reads agree, then the scan stops by itself."""
        if on:
            self._mrz.start()
        else:
            self._mrz.stop()

    @property
    def detect_faces(self) -> bool:
        return self._analyser.faces

    @property
    def frames_dropped(self) -> int:
        """Frames replaced by a newer one before the GUI took them."""
        return self._preview.dropped

    def start(self) -> None:
        """Open the camera and start sending frames."""
        self._capturing = True
        self._preview.take()  # a frame left over from an earlier start is stale
        self._ensure_thread().tick_soon()

    def stop(self, wait: bool = True) -> None:
        """Stop capturing, close the camera and end its thread."""
        self._capturing = False
        super().stop(wait)

    def _stopping(self) -> None:
        self._capturing = False
        self._latest_frame = None  # no picture of the resident outlives the capture
        self._mrz.stop()

    @Slot()
    def _deliver(self) -> None:
        image = self._preview.take()
        if image is not None and self._capturing:
            self._latest_frame = image
            self.frameReady.emit(image)
            self._mrz.offer(image)

    def refresh_health(self) -> None:
        """Probe the camera (open, one frame, close) unless it is capturing."""
        self._probe = True
        super().refresh_health()

    def _open_source(self) -> None:
        if self._source_started:
            return
        self._source_started = True
        try:
            self.source.open()  # stays started on failure: read() keeps retrying
        except DeviceError as error:
            self._set_health(error.health())

    def _close_source(self) -> None:
        self._stop_analysis()
        if self._source_started:
            self._source_started = False
            self.source.close()

    def _tick(self) -> float:
        if not self._capturing:
            if self._probe:
                self._probe = False
                self._open_source()
                if self.source.is_open:
                    self.source.read()
                    self._set_health(self.source.health())
            self._close_source()
            return 3600.0  # idle until asked
        self._open_source()
        frame = self.source.read()
        self._set_health(self.source.health())
        if frame is None:
            return 0.0
        self.frames_captured += 1
        if self.analysis_fps > 0:
            self._start_analysis().offer(frame)
        if self._preview.put(frame_to_preview(frame)):
            self._frameWaiting.emit()
        return 0.0

    def _start_analysis(self) -> AnalysisLoop:
        if self._analysis is None:
            from hardware.camera.analysis import AnalysisLoop

            self._analysis = AnalysisLoop(self._analyse, self.analysis_fps)
            self._analysis.start()
        return self._analysis

    def _stop_analysis(self) -> None:
        analysis, self._analysis = self._analysis, None
        if analysis is not None:
            analysis.stop()

    def _analyse(self, frame: np.ndarray) -> None:
        """On the analysis thread."""
        try:
            result = self._analyser.analyse(frame)
        except DeviceError as error:  # no face cascade: QR codes only
            self._record(error.technician_message)
            self._analyser.faces = False
            result = self._analyser.analyse(frame)
        if self._capturing:
            self.analysed.emit(list(result.faces), list(result.payloads))

    def _on_exit(self) -> None:
        self._close_source()
