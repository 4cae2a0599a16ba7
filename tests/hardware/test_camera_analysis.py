"""Live analysis beside the preview: the newest-frame mailbox, the analyser on
real images (the astronaut portrait, receipt QR codes) and its own thread."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.camera.analysis import (
    ANALYSIS_NICE,
    MAX_DUTY,
    AnalysisLoop,
    FrameAnalyser,
    pause_after,
)
from hardware.camera.latest import LatestSlot
from hardware.camera.synthetic import person_scene, receipt_scene, status_payload

DATA = Path(__file__).resolve().parents[1] / "data"
#: Eileen Collins' face in the 512x512 portrait: x, y, side (the cascade's box)
PORTRAIT_FACE = (176, 65, 95)


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    image = cv2.imread(str(DATA / "astronaut.jpg"))
    assert image is not None, "tests/data/astronaut.jpg missing"
    return image


# -- the newest-frame mailbox ----------------------------------------------------

def test_slot_keeps_only_the_newest_item_and_counts_the_dropped() -> None:
    slot: LatestSlot[int] = LatestSlot()
    assert slot.put(1) is True  # was empty: the taker needs a wake-up
    assert slot.put(2) is False and slot.put(3) is False
    assert slot.take() == 3 and slot.take() is None
    assert slot.dropped == 2
    assert slot.put(4) is True


def test_slot_wait_returns_an_item_put_from_another_thread_and_none_once_closed() -> None:
    slot: LatestSlot[str] = LatestSlot()
    putter = threading.Thread(target=slot.put, args=("frame",))
    putter.start()
    assert slot.wait(timeout=10) == "frame"
    putter.join()
    closer = threading.Thread(target=slot.close)
    closer.start()
    assert slot.wait(timeout=10) is None and slot.closed
    closer.join()


# -- the analyser ------------------------------------------------------------------

def test_face_found_in_a_full_frame_and_reported_in_frame_pixels(astronaut: np.ndarray) -> None:
    scene = person_scene(astronaut, np.random.default_rng(3))
    x, y, side = scene.portrait_box
    k = side / astronaut.shape[0]
    fx, fy, fside = x + PORTRAIT_FACE[0] * k, y + PORTRAIT_FACE[1] * k, PORTRAIT_FACE[2] * k
    result = FrameAnalyser(qr=False).analyse(scene.frame)  # 1280x720, analysed at 360 rows
    assert len(result.faces) == 1 and result.payloads == ()
    face = result.faces[0]
    assert abs(face.x - fx) < 0.3 * fside and abs(face.y - fy) < 0.3 * fside
    assert 0.7 * fside < face.w < 1.4 * fside


def test_face_and_receipt_in_one_frame(astronaut: np.ndarray) -> None:
    payload = status_payload(7)
    scene = person_scene(astronaut, np.random.default_rng(5), payload=payload)
    result = FrameAnalyser().analyse(scene.frame)
    assert len(result.faces) == 1 and result.payloads == (payload,)


def test_small_qr_codes_are_read_at_full_resolution() -> None:
    # ~2 px per module in a 1280x720 frame: halving the frame would lose them
    rng = np.random.default_rng(11)
    payloads = [status_payload(100 + i) for i in range(5)]
    frames = [receipt_scene(p, rng, qr_px=float(rng.uniform(60, 70))) for p in payloads]
    analyser = FrameAnalyser(faces=False)
    assert [analyser.analyse(f).payloads for f in frames] == [(p,) for p in payloads]


def test_nothing_in_an_empty_desk_frame() -> None:
    frame = np.full((720, 1280, 3), 90, np.uint8)
    result = FrameAnalyser().analyse(frame)
    assert result.faces == () and result.payloads == ()


# -- the analysis thread -------------------------------------------------------------

def test_loop_analyses_the_newest_frame_offered_while_it_was_busy() -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[int] = []
    done = threading.Event()

    def analyse(frame: np.ndarray) -> None:
        seen.append(int(frame[0, 0]))
        if len(seen) == 1:
            started.set()
            release.wait(10)
        else:
            done.set()

    loop = AnalysisLoop(analyse, rate=1000.0)
    loop.start()
    try:
        loop.offer(np.full((4, 4), 1, np.uint8))
        assert started.wait(10)  # busy with frame 1
        for level in range(2, 7):
            loop.offer(np.full((4, 4), level, np.uint8))
        release.set()
        assert done.wait(10)
        assert seen == [1, 6] and loop.dropped == 4
    finally:
        loop.stop()


@pytest.mark.log_warnings(r"camera analysis failed")
def test_loop_survives_a_failing_analysis() -> None:
    calls: list[int] = []
    first, second = threading.Event(), threading.Event()

    def analyse(frame: np.ndarray) -> None:
        calls.append(int(frame[0, 0]))
        if len(calls) == 1:
            first.set()
            raise RuntimeError("boom")
        second.set()

    loop = AnalysisLoop(analyse, rate=1000.0)
    loop.start()
    try:
        loop.offer(np.full((4, 4), 1, np.uint8))
        assert first.wait(10)
        loop.offer(np.full((4, 4), 2, np.uint8))
        assert second.wait(10) and calls == [1, 2]
    finally:
        loop.stop()


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no per-thread nice here")
def test_loop_yields_the_cpu_to_capture_and_the_gui() -> None:
    niceness: list[int] = []
    done = threading.Event()

    def analyse(_frame: np.ndarray) -> None:
        niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        done.set()

    loop = AnalysisLoop(analyse, rate=1000.0)
    loop.start()
    try:
        loop.offer(np.zeros((4, 4), np.uint8))
        assert done.wait(10)
    finally:
        loop.stop()
    assert niceness[0] >= ANALYSIS_NICE
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < ANALYSIS_NICE


def test_a_slow_analysis_rests_longer_so_it_never_takes_the_whole_cpu() -> None:
    period = 0.2  # 5 a second
    assert pause_after(0.05, period) == pytest.approx(0.15)  # the rest of the period
    for took in (0.1, 0.5, 2.0):  # a machine short of CPU: analysing slows down
        rest = pause_after(took, period)
        assert took / (took + rest) == pytest.approx(MAX_DUTY)
