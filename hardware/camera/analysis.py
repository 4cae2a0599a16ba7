"""Live analysis of camera frames: faces and QR codes, beside the preview.

`FrameAnalyser` looks at one frame: it converts it to grey once, reads QR
codes with zxing-cpp on the full-resolution grey frame and looks for faces
on the grey frame scaled down to `face_height` rows. `AnalysisLoop` runs it
on a thread of its own on the newest frame offered (older ones are dropped),
at most `rate` times a second, so a slow analysis never holds up capture or
the preview.

Resolutions chosen by measurement on the synthetic receipt photos of
`scripts/bench_camera.py` (140 frames, 1280x720) and the astronaut portrait
pasted into desk scenes (`synthetic.person_scene`):

* QR codes, zxing-cpp, exact payloads decoded: full resolution 135/140,
  960 px wide 133/140, 800 px 118/140, 640 px 101/140 (small codes are
  lost); decoding takes a few milliseconds at full resolution and releases
  the GIL, so it runs there.
* Faces, Haar cascade, the astronaut portrait in 48 desk scenes: faces of
  100-133 px found 24/24 at 360 rows as at full resolution, faces of
  70-100 px 14/24 against 15/24, for about 70 % of the CPU time; at 270 rows
  far fewer were found, and a coarser scale step (1.2) lost most small faces.

The thread runs at a lower priority (`ANALYSIS_NICE`): when the CPU is
short, capture and the GUI go first and analysis simply runs less often.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from hardware.camera.face import FaceBox, FaceDetector
from hardware.camera.latest import LatestSlot
from hardware.camera.qrcode_decode import decode_qr

log = logging.getLogger("hardware.camera")

#: Rows of the grey frame the face cascade runs on.
FACE_HEIGHT = 360
#: Niceness of the analysis thread: capture and the GUI get the CPU first.
ANALYSIS_NICE = 10
#: Longest share of the time the analysis thread spends analysing.
MAX_DUTY = 0.3


@dataclass(frozen=True, slots=True)
class Analysis:
    """Faces (in the frame's pixels, largest first) and QR code texts of one frame."""

    faces: tuple[FaceBox, ...]
    payloads: tuple[str, ...]


class FrameAnalyser:
    """Faces and QR codes of a BGR or grey frame; use it from one thread at a time."""

    def __init__(self, *, faces: bool = True, qr: bool = True, face_height: int = FACE_HEIGHT,
                 detector: FaceDetector | None = None) -> None:
        self.faces = faces
        self.qr = qr
        self.face_height = face_height
        self._detector = detector

    def analyse(self, frame: np.ndarray) -> Analysis:
        """Raises `DeviceError` when faces are wanted and the cascade cannot load."""
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        payloads = tuple(decode_qr(gray)) if self.qr else ()
        faces = tuple(self._faces(gray)) if self.faces else ()
        return Analysis(faces, payloads)

    def _faces(self, gray: np.ndarray) -> list[FaceBox]:
        if self._detector is None:
            self._detector = FaceDetector()
        height = gray.shape[0]
        if height <= self.face_height:
            return self._detector.detect(gray)
        scale = height / self.face_height
        small = cv2.resize(gray, (round(gray.shape[1] / scale), self.face_height),
                           interpolation=cv2.INTER_AREA)
        return [FaceBox(round(f.x * scale), round(f.y * scale), round(f.w * scale),
                        round(f.h * scale)) for f in self._detector.detect(small)]


def pause_after(took: float, period: float, duty: float = MAX_DUTY) -> float:
    """Seconds to rest after an analysis that took `took` seconds.

    The rest of the period, and at least long enough that analysing takes no
    more than `duty` of the time: on a machine short of CPU an analysis takes
    longer, and the loop then analyses less often instead of taking the CPU
    the preview and the GUI need.
    """
    return max(period - took, took * (1.0 / duty - 1.0))


class AnalysisLoop:
    """A thread that calls `analyse` on the newest offered frame, at most `rate` times a second.

    `offer` never blocks: a frame offered while one waits replaces it. An
    exception from `analyse` is logged and the loop goes on. Analysing takes
    at most `MAX_DUTY` of the time (`pause_after`).
    """

    def __init__(self, analyse: Callable[[np.ndarray], None], rate: float, *,
                 name: str = "camera-analysis") -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._analyse = analyse
        self._period = 1.0 / rate
        self._slot: LatestSlot[np.ndarray] = LatestSlot()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.analysed = 0

    def start(self) -> None:
        self._thread.start()

    def offer(self, frame: np.ndarray) -> None:
        self._slot.put(frame)

    def stop(self, wait: bool = True) -> None:
        """End the thread after the analysis under way; joins unless `wait` is false."""
        self._stopped.set()
        self._slot.close()
        if wait and self._thread.ident is not None and \
                self._thread is not threading.current_thread():
            self._thread.join()

    @property
    def dropped(self) -> int:
        """Frames replaced by a newer one before they were analysed."""
        return self._slot.dropped

    def _run(self) -> None:
        lower_priority()
        while not self._stopped.is_set():
            frame = self._slot.wait()
            if frame is None:
                continue
            started = time.monotonic()
            try:
                self._analyse(frame)
            except Exception:
                log.exception("camera analysis failed")
            self.analysed += 1
            self._stopped.wait(pause_after(time.monotonic() - started, self._period))


def lower_priority(nice: int = ANALYSIS_NICE) -> None:
    """Make the calling thread yield the CPU to the others (Linux: nice is per thread)."""
    thread = threading.get_native_id()
    with contextlib.suppress(AttributeError, OSError):  # no per-thread nice here: leave it
        os.setpriority(os.PRIO_PROCESS, thread, max(nice, os.getpriority(os.PRIO_PROCESS, thread)))
