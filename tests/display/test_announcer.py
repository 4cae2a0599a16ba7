"""The announcement queue: chime, Chinese, English; calls in order, never overlapping."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.announcer import Announcer
from display.chime import write_chime
from terminal.speech import (
    ClipSynth,
    ClipVoice,
    SilentVoice,
    SilentWavPlayer,
    Step,
    TtsVoice,
    Voice,
    espeak_available,
)


class Recorder:
    """Start and end of every step, taken at the backend interface."""

    def __init__(self, voice: Voice) -> None:
        self.spans: list[tuple[Step, float, float | None]] = []
        play = voice.play

        def recording_play(step: Step) -> None:
            self.spans.append((step, time.monotonic(), None))
            play(step)

        voice.play = recording_play  # type: ignore[method-assign]
        voice.finished.connect(self._ended)

    def _ended(self) -> None:
        step, start, _ = self.spans[-1]
        self.spans[-1] = (step, start, time.monotonic())

    def assert_sequential(self) -> None:
        for (_, _, end), (_, next_start, _) in zip(self.spans, self.spans[1:], strict=False):
            assert end is not None and end <= next_start


@pytest.fixture
def chime(tmp_path: Path) -> Path:
    return write_chime(tmp_path / "chime.wav")


def announce_two(qtbot: QtBot, voice: Voice) -> tuple[Announcer, Recorder]:
    recorder = Recorder(voice)
    announcer = Announcer(voice)
    announcer.announce("A012", "3")
    announcer.announce("B004", "5")  # while the first is still playing
    assert announcer.busy and len(announcer.pending()) == 1
    with qtbot.waitSignal(announcer.idle, timeout=30_000):
        pass
    return announcer, recorder


def test_two_calls_through_the_mock_tts_engine_in_order(qtbot: QtBot, chime: Path) -> None:
    voice = TtsVoice("mock", chime, SilentWavPlayer(speed=8.0))
    assert voice.usable()
    announcer, recorder = announce_two(qtbot, voice)
    steps = [step for step, _, _ in recorder.spans]
    assert [(s.kind, s.language) for s in steps] == [
        ("chime", "zh"), ("speech", "zh"), ("speech", "en")] * 2
    assert "A 零一二" in steps[1].text and "三 号窗口" in steps[1].text
    assert steps[2].text.startswith("Number A, 0 1 2") and "B 零零四" in steps[4].text
    recorder.assert_sequential()
    announcer.stop()


def test_silent_voice_keeps_order_and_timing(qtbot: QtBot, chime: Path) -> None:
    voice = SilentVoice(chime, SilentWavPlayer(speed=4.0), speed=4.0)
    announcer, recorder = announce_two(qtbot, voice)
    assert len(recorder.spans) == 6
    recorder.assert_sequential()
    chime_step = recorder.spans[0]
    # the WAV's 1.2 s at speed 4, less the coarse timer's slack
    assert chime_step[2] is not None and chime_step[2] - chime_step[1] >= 0.25
    announcer.stop()


@pytest.mark.skipif(not espeak_available(),
                    reason="espeak-ng is not installed (Debian package: espeak-ng)")
def test_espeak_clips_two_calls_in_order(qtbot: QtBot, chime: Path, tmp_path: Path) -> None:
    voice = ClipVoice(ClipSynth(tmp_path / "voice"), chime, SilentWavPlayer(speed=8.0))
    announcer, recorder = announce_two(qtbot, voice)
    assert [step.kind for step, _, _ in recorder.spans] == ["chime", "speech", "speech"] * 2
    recorder.assert_sequential()
    assert len(list((tmp_path / "voice").glob("*.wav"))) == 4  # cached for next time
    announcer.stop()


def test_a_queued_duplicate_is_not_announced_twice(qtbot: QtBot, chime: Path) -> None:
    announcer = Announcer(SilentVoice(chime, SilentWavPlayer(speed=8.0), speed=8.0))
    for _ in range(3):
        announcer.announce("A012", "3")
    announcer.announce("A013", "1")
    assert [a.number for a in announcer.pending()] == ["A013"]  # A012 is playing
    announcer.stop()
    assert not announcer.busy
