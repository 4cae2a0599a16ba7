"""The chime, the spoken sentences and espeak-ng clip generation."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.chime import CHIME_FILE, SOUNDS_DIR, chime_path, write_chime
from display.phrases import spoken_sentence_en, spoken_sentence_zh, zh_cardinal
from terminal.speech import (
    ClipSynth,
    Step,
    choose_voice,
    espeak_available,
    synthesize,
    wav_seconds,
)

needs_espeak = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng is not installed (Debian package: espeak-ng)")


def test_the_chime_is_a_small_two_tone_wav(tmp_path: Path) -> None:
    path = write_chime(tmp_path / "chime.wav")
    assert path.stat().st_size < 100_000
    with wave.open(str(path), "rb") as clip:
        assert (clip.getnchannels(), clip.getsampwidth()) == (1, 2)
    assert 1.0 <= wav_seconds(path) <= 1.5
    shipped = SOUNDS_DIR / CHIME_FILE
    assert chime_path(tmp_path / "cache") == (shipped if shipped.is_file()
                                             else tmp_path / "cache" / CHIME_FILE)


def test_sentences() -> None:
    assert spoken_sentence_zh("A012", "3") == "请 A 零一二 号到 三 号窗口"
    assert spoken_sentence_en("A012", "3") == "Number A, 0 1 2, please go to window 3."
    assert [zh_cardinal(n) for n in (0, 10, 12, 20, 35)] == ["零", "十", "十二", "二十", "三十五"]


@needs_espeak
@pytest.mark.parametrize("language", ["zh", "en"])
def test_espeak_makes_a_wav(tmp_path: Path, language: str) -> None:
    text = spoken_sentence_zh("A012", "3") if language == "zh" else spoken_sentence_en("A012", "3")
    path = synthesize("espeak-ng", Step("speech", text, language), tmp_path / "clip.wav")
    with wave.open(str(path), "rb") as clip:
        assert clip.getnframes() > 0
    assert wav_seconds(path) > 1.0


@needs_espeak
def test_clips_are_made_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    synth = ClipSynth(tmp_path)
    step = Step("speech", spoken_sentence_en("B004", "5"), "en")
    with qtbot.waitSignal(synth.ready, timeout=20_000) as ready:
        synth.request(step)  # returns at once; the clip arrives by a queued signal
    assert ready.args == [synth.key(step), str(synth.path(step))]
    assert synth.path(step).is_file()
    synth.close()


@pytest.mark.log_warnings(r"espeak-ng failed")
def test_a_failing_synthesizer_still_answers(qtbot: QtBot, tmp_path: Path) -> None:
    synth = ClipSynth(tmp_path, command="/nonexistent/espeak-ng")
    step = Step("speech", "hello", "en")
    with qtbot.waitSignal(synth.ready, timeout=10_000) as ready:
        synth.request(step)
    assert ready.args == [synth.key(step), ""]
    synth.close()


@pytest.mark.log_warnings(r"no audio output device")
def test_voice_choice(qtbot: QtBot, tmp_path: Path) -> None:
    chime = write_chime(tmp_path / "chime.wav")
    assert type(choose_voice("silent", "", chime, tmp_path)).__name__ == "SilentVoice"
    assert type(choose_voice("tts", "mock", chime, tmp_path)).__name__ == "TtsVoice"
    auto = type(choose_voice("auto", "", chime, tmp_path)).__name__  # mock is never picked
    assert auto == ("ClipVoice" if espeak_available() else "SilentVoice") or auto == "TtsVoice"
