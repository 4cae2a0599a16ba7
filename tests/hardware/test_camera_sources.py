"""Frame sources: image folder, video file, device index, failures and recovery."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.camera.sources import (
    DeviceCamera,
    FrameSource,
    ImageFolderSource,
    VideoFileSource,
    build_source,
)
from hardware.health import DeviceError, HealthState

DATA = Path(__file__).resolve().parents[1] / "data"
MISSING_INDEX = 63  # /dev/video63: not on a test machine


class FakeClock:
    """A monotonic clock the test moves; `sleep` advances it and records the wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def write_images(folder: Path, levels: list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, level in enumerate(levels):
        cv2.imwrite(str(folder / f"frame_{i:02d}.png"), np.full((48, 64, 3), level, np.uint8))


# -- image folder ---------------------------------------------------------------

def test_constructing_opens_nothing(tmp_path: Path) -> None:
    source = ImageFolderSource(tmp_path / "does-not-exist")
    assert not source.is_open
    assert source.health().state is HealthState.OFFLINE
    assert "not opened" in source.health().reason
    with pytest.raises(RuntimeError, match="before open"):
        source.read()


def test_image_folder_cycles_frames(tmp_path: Path) -> None:
    write_images(tmp_path, [10, 120, 240])
    (tmp_path / "notes.txt").write_text("not an image")
    with ImageFolderSource(tmp_path, fps=None, size=(32, 24)) as source:
        frames = [source.read() for _ in range(7)]
        assert source.health().state is HealthState.READY
    assert all(f is not None and f.shape == (24, 32, 3) for f in frames)
    assert [int(f[0, 0, 0]) for f in frames if f is not None] == [10, 120, 240, 10, 120, 240, 10]
    assert source.health().state is HealthState.OFFLINE  # closed


def test_image_folder_paces_at_its_frame_rate(tmp_path: Path, clock: FakeClock) -> None:
    write_images(tmp_path, [50])
    source = ImageFolderSource(tmp_path, fps=10, clock=clock, sleep=clock.sleep)
    source.open()
    for _ in range(4):
        assert source.read() is not None
    assert clock.sleeps == pytest.approx([0.1, 0.1, 0.1])
    source.close()


def test_astronaut_folder_as_camera_simulator(tmp_path: Path) -> None:
    shutil.copy(DATA / "astronaut.jpg", tmp_path / "astronaut.jpg")
    with build_source(str(tmp_path), fps=None, size=(640, 480)) as source:
        frame = source.read()
    assert isinstance(source, ImageFolderSource)
    assert frame is not None and frame.shape == (480, 640, 3) and frame.dtype == np.uint8


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    source = ImageFolderSource(tmp_path)
    with pytest.raises(DeviceError, match="no images in folder"):
        source.open()
    assert source.health().state is HealthState.OFFLINE


def test_hot_plug_folder_removed_then_restored(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "camera"
    write_images(folder, [30, 90])
    source = ImageFolderSource(folder, fps=None, backoff_initial=1.0, backoff_max=4.0,
                               clock=clock, sleep=clock.sleep)
    source.open()
    assert source.read() is not None

    shutil.rmtree(folder)  # "unplugged"
    assert source.read() is None
    health = source.health()
    assert health.state is HealthState.OFFLINE
    assert "unplugged" in health.reason and health.resident_message
    clock.now += 1.5
    assert source.read() is None  # reopen fails: back-off doubles
    assert "image folder not found" in source.health().reason

    write_images(folder, [200])  # "plugged back in"
    assert source.read() is None  # still inside the 2 s back-off: no attempt yet
    clock.now += 2.1
    frame = source.read()
    assert frame is not None and int(frame[0, 0, 0]) == 200
    assert source.health().state is HealthState.READY
    source.close()


# -- failure counting on a flaky device -------------------------------------------

class FlakySource(FrameSource):
    """A device whose reads fail while `broken`, and that opens unless `absent`."""

    name = "flaky"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.broken = False
        self.absent = False
        self.opens = 0
        self.attempt_times: list[float] = []

    def _open_device(self) -> None:
        self.attempt_times.append(self._clock())
        if self.absent:
            raise DeviceError("flaky: absent")
        self.opens += 1

    def _read_frame(self) -> np.ndarray | None:
        return None if self.broken else np.zeros((4, 4, 3), np.uint8)

    def _release(self) -> None:
        pass


def test_failed_reads_degrade_then_go_offline_then_recover(clock: FakeClock) -> None:
    source = FlakySource(failures_to_offline=3, backoff_initial=0.5, clock=clock,
                         sleep=clock.sleep)
    source.open()
    source.broken = True
    assert source.read() is None
    assert source.health().state is HealthState.DEGRADED
    assert source.read() is None
    assert source.read() is None
    assert source.health().state is HealthState.OFFLINE and not source.is_open

    source.broken = False
    assert source.read() is None  # back-off not elapsed: idles briefly instead
    assert clock.sleeps == [pytest.approx(0.2)]
    clock.now += 0.4
    assert source.read() is not None
    assert source.opens == 2 and source.health().state is HealthState.READY


def test_backoff_doubles_up_to_its_cap(clock: FakeClock) -> None:
    start = clock.now
    source = FlakySource(backoff_initial=1.0, backoff_max=4.0, offline_wait=0, clock=clock)
    source.absent = True
    with pytest.raises(DeviceError, match="absent"):
        source.open()
    for _ in range(40):  # 20 s in 0.5 s steps
        clock.now += 0.5
        assert source.read() is None
    offsets = [t - start for t in source.attempt_times]
    assert offsets == [0, 1, 3, 7, 11, 15, 19]  # waits 1, 2, 4, then capped at 4
    source.absent = False
    clock.now += 4.0
    assert source.read() is not None and source.opens == 1


# -- video file -----------------------------------------------------------------

@pytest.fixture
def video(tmp_path: Path) -> Path:
    path = tmp_path / "demo.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (160, 120))
    assert writer.isOpened()
    for i in range(12):
        writer.write(np.full((120, 160, 3), 20 * i, np.uint8))
    writer.release()
    return path


def test_video_file_loops(video: Path) -> None:
    with VideoFileSource(video) as source:
        frames = [source.read() for _ in range(30)]
    assert all(f is not None and f.shape == (120, 160, 3) for f in frames)
    levels = [int(f.mean()) for f in frames if f is not None]
    assert abs(levels[0] - 0) <= 3 and abs(levels[11] - 220) <= 3
    assert abs(levels[12] - levels[0]) <= 3  # back to the start


def test_video_file_without_loop_ends_cleanly(video: Path) -> None:
    source = VideoFileSource(video, loop=False)
    source.open()
    frames = [source.read() for _ in range(12)]
    assert all(f is not None for f in frames)
    assert source.read() is None and source.ended
    assert source.health().state is HealthState.READY
    source.close()


def test_missing_video_file_is_a_clear_error(tmp_path: Path) -> None:
    source = build_source(str(tmp_path / "gone.avi"))
    assert isinstance(source, VideoFileSource)
    with pytest.raises(DeviceError, match="video file not found"):
        source.open()


# -- device index ----------------------------------------------------------------

def test_missing_device_index_is_a_clear_error(clock: FakeClock) -> None:
    camera = DeviceCamera(MISSING_INDEX, backend="v4l2", clock=clock, sleep=clock.sleep)
    with pytest.raises(DeviceError) as caught:
        camera.open()
    message = caught.value.technician_message
    assert f"no camera at index {MISSING_INDEX}" in message
    assert "check the cable or the `camera.index` setting" in message
    health = camera.health()
    assert health.state is HealthState.OFFLINE
    assert "camera" in health.resident_message and "index" not in health.resident_message
    assert camera.read() is None  # keeps retrying quietly after a failed open
    camera.close()


def test_build_source_from_settings(tmp_path: Path) -> None:
    assert isinstance(build_source(0), DeviceCamera)
    assert isinstance(build_source(" 2 "), DeviceCamera)
    assert isinstance(build_source(str(tmp_path)), ImageFolderSource)
    assert isinstance(build_source(str(tmp_path / "demo.mp4")), VideoFileSource)
    with pytest.raises(ValueError, match="unknown camera backend"):
        DeviceCamera(0, backend="bogus")
