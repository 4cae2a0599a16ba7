"""Frame sources: a camera by device index, a video file, a folder of images.

Every source has the same small life cycle, built for one worker thread per
device (a Qt adapter reads on its worker and hands frames to the GUI):

* construct: no side effects, nothing is opened;
* `open()`: opens the device; raises `DeviceError` with a clear technician
  message if it cannot, and stays *started*: later `read()` calls keep
  retrying, so a camera plugged in after start-up is picked up;
* `read()`: one BGR frame (`numpy.ndarray`, HxWx3 uint8) or `None`; it blocks
  like a camera (until the next frame, or briefly while offline) and never
  raises for device trouble: failed reads make `health()` degraded, then
  offline; an offline source reopens itself on a later `read()` once its
  back-off has passed (recovery without a restart);
* `close()`: releases the device; `read()` then raises `RuntimeError`.

A source is not thread-safe: use it from one thread.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import cv2
import numpy as np

from hardware.camera.messages import RESIDENT_CAMERA_INTERRUPTED, RESIDENT_CAMERA_UNAVAILABLE
from hardware.health import DeviceError, Health, HealthState

Frame = np.ndarray

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})

#: Backend hints for `DeviceCamera`; "auto" lets OpenCV choose.
BACKENDS: dict[str, int] = {
    "auto": cv2.CAP_ANY,
    "v4l2": cv2.CAP_V4L2,
    "dshow": cv2.CAP_DSHOW,
    "msmf": cv2.CAP_MSMF,
    "avfoundation": cv2.CAP_AVFOUNDATION,
    "gstreamer": cv2.CAP_GSTREAMER,
    "ffmpeg": cv2.CAP_FFMPEG,
}


class FrameSource(ABC):
    """Base class: open/read/close/health with failure counting and reopening.

    Subclasses implement `_open_device`, `_read_frame` and `_release`.
    `_open_device` raises `DeviceError`; `_read_frame` returns `None` on a
    failed read. `failures_to_offline` consecutive failed reads take the
    source offline; it then retries opening after `backoff_initial` seconds,
    doubling up to `backoff_max` while attempts keep failing. While offline
    and waiting, `read()` sleeps at most `offline_wait` seconds and returns
    `None`, so a worker loop calling `read()` does not spin.
    """

    name: str = "camera"

    def __init__(self, *, fps: float | None = None, failures_to_offline: int = 3,
                 backoff_initial: float = 0.5, backoff_max: float = 10.0,
                 offline_wait: float = 0.2, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if fps is not None and fps <= 0:
            raise ValueError("fps must be positive or None")
        self._fps = fps
        self._failures_to_offline = max(1, failures_to_offline)
        self._backoff_initial = backoff_initial
        self._backoff_max = max(backoff_max, backoff_initial)
        self._offline_wait = offline_wait
        self._clock = clock
        self._sleep = sleep
        self._started = False
        self._is_open = False
        self._failed_reads = 0
        self._backoff = backoff_initial
        self._next_attempt = 0.0
        self._next_frame_due = 0.0
        self._health = Health(HealthState.OFFLINE, f"{self.name}: not opened",
                              RESIDENT_CAMERA_UNAVAILABLE)

    # -- public API ---------------------------------------------------------

    def open(self) -> None:
        """Open the source; raise `DeviceError` if it cannot be opened.

        Even on failure the source stays started, and `read()` retries.
        """
        if self._is_open:
            return
        self._started = True
        self._backoff = self._backoff_initial
        self._try_open(raise_error=True)

    def read(self) -> Frame | None:
        """Return the next BGR frame, or `None` (see `health()` for why)."""
        if not self._started:
            raise RuntimeError(f"{self.name}: read() before open() or after close()")
        if not self._is_open:
            wait = self._next_attempt - self._clock()
            if wait > 0:  # offline: idle a little instead of letting a loop spin
                self._sleep(min(wait, self._offline_wait))
                return None
            if not self._try_open(raise_error=False):
                return None
        self._pace()
        frame = self._read_frame()
        if frame is None:
            self._read_failed()
            return None
        if self._failed_reads or self._health.state is not HealthState.READY:
            self._failed_reads = 0
            self._health = Health.ready()
        return frame

    def close(self) -> None:
        """Release the device; safe to call more than once."""
        if self._is_open:
            self._release()
        self._is_open = False
        self._started = False
        self._health = Health(HealthState.OFFLINE, f"{self.name}: closed",
                              RESIDENT_CAMERA_UNAVAILABLE)

    def health(self) -> Health:
        return self._health

    @property
    def is_open(self) -> bool:
        return self._is_open

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- subclass hooks -----------------------------------------------------

    @abstractmethod
    def _open_device(self) -> None:
        """Open the underlying device or raise `DeviceError`."""

    @abstractmethod
    def _read_frame(self) -> Frame | None:
        """Read one frame; `None` means the read failed."""

    @abstractmethod
    def _release(self) -> None:
        """Release the underlying device (never raises)."""

    # -- internals ----------------------------------------------------------

    def _try_open(self, *, raise_error: bool) -> bool:
        try:
            self._open_device()
        except DeviceError as error:
            self._is_open = False
            self._health = error.health()
            self._next_attempt = self._clock() + self._backoff
            self._backoff = min(self._backoff * 2, self._backoff_max) or self._backoff_initial
            if raise_error:
                raise
            return False
        self._is_open = True
        self._failed_reads = 0
        self._backoff = self._backoff_initial
        self._next_frame_due = self._clock()
        self._health = Health.ready()
        return True

    def _read_failed(self) -> None:
        self._failed_reads += 1
        reason = f"{self.name}: {self._failed_reads} failed read(s) in a row"
        if self._failed_reads < self._failures_to_offline:
            self._health = Health(HealthState.DEGRADED, reason, RESIDENT_CAMERA_INTERRUPTED)
            return
        self._release()
        self._is_open = False
        self._health = Health(
            HealthState.OFFLINE,
            f"{reason}: device lost (unplugged?); reopening in {self._backoff:g} s",
            RESIDENT_CAMERA_UNAVAILABLE,
        )
        self._next_attempt = self._clock() + self._backoff

    def _pace(self) -> None:
        """Block until the next frame is due when a frame rate is set."""
        if self._fps is None:
            return
        now = self._clock()
        if self._next_frame_due > now:
            self._sleep(self._next_frame_due - now)
            now = self._next_frame_due
        self._next_frame_due = max(self._next_frame_due + 1.0 / self._fps, now)


class DeviceCamera(FrameSource):
    """A camera by OpenCV device index (`cv2.VideoCapture(index, backend)`).

    `width`/`height` are a request: the driver may pick another mode, see
    `resolution` after opening. Frame pacing is the camera's own, so `fps`
    is passed to the driver as a request, not used to sleep.
    """

    def __init__(self, index: int = 0, *, backend: str = "auto", width: int | None = 1280,
                 height: int | None = 720, fps: float | None = None,
                 failures_to_offline: int = 5, **kwargs: Any) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown camera backend {backend!r}; one of {sorted(BACKENDS)}")
        self.name = f"camera {index}"
        super().__init__(fps=None, failures_to_offline=failures_to_offline, **kwargs)
        self.index = index
        self.backend = backend
        self._request = (width, height, fps)
        self._capture: cv2.VideoCapture | None = None
        self.resolution: tuple[int, int] | None = None

    def _open_device(self) -> None:
        capture = cv2.VideoCapture(self.index, BACKENDS[self.backend])
        if not capture.isOpened():
            capture.release()
            raise DeviceError(
                f"no camera at index {self.index}: check the cable or the `camera.index` "
                f"setting (backend {self.backend})",
                RESIDENT_CAMERA_UNAVAILABLE,
            )
        width, height, fps = self._request
        if width:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        if height:
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if fps:
            capture.set(cv2.CAP_PROP_FPS, fps)
        self.resolution = (int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
                           int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        self._capture = capture

    def _read_frame(self) -> Frame | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return frame if ok and frame is not None and frame.size else None

    def _release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class VideoFileSource(FrameSource):
    """Frames from a video file; loops by default (the kiosk demo).

    With `loop=False`, `read()` returns `None` at the end and `ended` is true;
    the end of a file is not a device failure. With `fps=None` frames come as
    fast as they are asked for; pass the file's rate to replay in real time.
    """

    def __init__(self, path: str | Path, *, loop: bool = True, fps: float | None = None,
                 failures_to_offline: int = 1, **kwargs: Any) -> None:
        self.path = Path(path)
        self.name = f"video file {self.path.name}"
        super().__init__(fps=fps, failures_to_offline=failures_to_offline, **kwargs)
        self.loop = loop
        self.ended = False
        self._capture: cv2.VideoCapture | None = None

    def _open_device(self) -> None:
        if not self.path.is_file():
            raise DeviceError(f"video file not found: {self.path}", RESIDENT_CAMERA_UNAVAILABLE)
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise DeviceError(f"cannot decode video file {self.path}",
                              RESIDENT_CAMERA_UNAVAILABLE)
        self._capture = capture
        self.ended = False

    def read(self) -> Frame | None:
        if self.ended and self._started:
            return None
        return super().read()

    def _read_frame(self) -> Frame | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        if ok and frame is not None:
            return frame
        if self.path.is_file():  # end of the file, not a lost device
            if not self.loop:
                self.ended = True
                return None
            self._capture.release()
            self._capture = cv2.VideoCapture(str(self.path))
            ok, frame = self._capture.read()
            if ok and frame is not None:
                return frame
        return None

    def _read_failed(self) -> None:
        if not self.ended:
            super()._read_failed()

    def _release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ImageFolderSource(FrameSource):
    """Cycles through the images of a folder at `fps` (the camera simulator).

    The folder is listed when opened; a missing or empty folder, or an image
    that can no longer be read, counts as a failed read, so removing the
    folder behaves like unplugging a camera and restoring it like plugging
    it back in. `size=(width, height)` resizes every frame.
    """

    def __init__(self, folder: str | Path, *, fps: float | None = 10.0,
                 size: tuple[int, int] | None = None, failures_to_offline: int = 1,
                 **kwargs: Any) -> None:
        self.folder = Path(folder)
        self.name = f"image folder {self.folder}"
        super().__init__(fps=fps, failures_to_offline=failures_to_offline, **kwargs)
        self.size = size
        self._files: list[Path] = []
        self._position = 0

    def _open_device(self) -> None:
        if not self.folder.is_dir():
            raise DeviceError(f"image folder not found: {self.folder}",
                              RESIDENT_CAMERA_UNAVAILABLE)
        files = sorted(p for p in self.folder.iterdir()
                       if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
        if not files:
            raise DeviceError(f"no images in folder {self.folder}", RESIDENT_CAMERA_UNAVAILABLE)
        self._files = files
        self._position = 0

    def _read_frame(self) -> Frame | None:
        if not self._files:
            return None
        path = self._files[self._position % len(self._files)]
        self._position = (self._position + 1) % len(self._files)
        frame = cv2.imread(str(path), cv2.IMREAD_COLOR) if path.is_file() else None
        if frame is None:
            return None
        if self.size is not None and (frame.shape[1], frame.shape[0]) != self.size:
            frame = cv2.resize(frame, self.size, interpolation=cv2.INTER_AREA)
        return frame

    def _release(self) -> None:
        self._files = []


def build_source(spec: str | int, **kwargs: Any) -> FrameSource:
    """Build (not open) a source from a setting: an index, a video file or a folder."""
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return DeviceCamera(int(spec), **kwargs)
    path = Path(spec)
    if path.is_dir() or not path.suffix:
        return ImageFolderSource(path, **kwargs)
    return VideoFileSource(path, **kwargs)


Camera = FrameSource
"""Alias used by the apps' configuration: every camera is a frame source."""
