"""Speech and sound: the voice of the hall display's announcer and of the
kiosk's voice guidance.

A `Voice` plays one `Step` (a chime, or one sentence) at a time and emits
`finished` exactly once per `play`, whatever happens (a failure is logged and
still finishes, so the queue never stalls). Three voices:

- `TtsVoice`: a QtTextToSpeech engine for sentences;
- `ClipVoice`: sentences synthesized by espeak-ng into WAV clips on a worker
  thread (cached by text), then played like the chime;
- `SilentVoice`: no speech at all, only the time a sentence would take.

Sound files play through `MediaWavPlayer` (QtMultimedia) or, when there is
no audio output (offscreen, CI), `SilentWavPlayer`, which waits the file's
duration so order and timing stay the same.

`choose_voice` looks once for an audio output and says once when there is
none; it tries the "speechd" engine only where speech-dispatcher is
installed (Qt logs an error for every attempt to load it otherwise), and
`Voice.sound()` tells the fleet page what the hall hears.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QLocale, QObject, QTimer, QUrl, Signal

from terminal.background import Lane

log = logging.getLogger("terminal.speech")
ESPEAK = "espeak-ng"
#: The QtTextToSpeech engine that needs the speech-dispatcher service.
SPEECHD_ENGINE, SPEECH_DISPATCHER = "speechd", "speech-dispatcher"
#: espeak-ng voice per sentence language.
ESPEAK_VOICES = {"zh": "cmn", "en": "en"}
ESPEAK_SPEED = 150  # words per minute: a little slower than the default 175
SYNTH_TIMEOUT_SECONDS = 20.0
#: Seconds per character a silent voice pretends to speak.
SILENT_SECONDS_PER_CHAR = 0.06


@dataclass(frozen=True)
class Step:
    """One part of what is said: a chime or a sentence."""

    kind: Literal["chime", "speech"]
    text: str = ""
    language: Literal["zh", "en"] = "zh"


# ------------------------------------------------------------------ sound files
def wav_seconds(path: Path) -> float:
    """Duration of a WAV file from its header (0.0 when unreadable)."""
    try:
        with wave.open(str(path), "rb") as clip:
            return clip.getnframes() / float(clip.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


class WavPlayer(QObject):
    """Plays one WAV file at a time; `finished` once per `play`."""

    finished = Signal()

    def play(self, path: Path) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """Stop without emitting `finished`."""


class SilentWavPlayer(WavPlayer):
    """No audio device: wait the file's duration instead of playing it
    (`speed` > 1 shortens the wait, for tests)."""

    def __init__(self, parent: QObject | None = None, speed: float = 1.0) -> None:
        super().__init__(parent)
        self.speed = speed
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.finished)

    def play(self, path: Path) -> None:
        self._timer.start(round(wav_seconds(path) * 1000 / self.speed))

    def stop(self) -> None:
        self._timer.stop()


class MediaWavPlayer(WavPlayer):
    """QMediaPlayer on the default audio output, with a guard timer in case
    the end of the media is never reported."""

    GUARD_SECONDS = 3.0

    def __init__(self, volume: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._output = QAudioOutput(self)
        self._output.setVolume(volume)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._status)
        self._player.errorOccurred.connect(self._error)
        self._guard = QTimer(self, singleShot=True)
        self._guard.timeout.connect(self._done)
        self._playing = False

    def play(self, path: Path) -> None:
        self._playing = True
        self._guard.start(round((wav_seconds(path) + self.GUARD_SECONDS) * 1000))
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        self._playing = False
        self._guard.stop()
        self._player.stop()

    def _status(self, status: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._done()

    def _error(self, _error: object, message: str) -> None:
        log.warning("audio playback failed: %s", message)
        self._done()

    def _done(self) -> None:
        if self._playing:
            self._playing = False
            self._guard.stop()
            self.finished.emit()


def audio_output_available() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def make_wav_player(parent: QObject | None = None, volume: float = 1.0,
                    audible: bool | None = None) -> WavPlayer:
    """The player for the audio output (`audible`: whether one exists, looked up if None)."""
    if audible if audible is not None else audio_output_available():
        return MediaWavPlayer(volume, parent)
    return SilentWavPlayer(parent)


# ------------------------------------------------------------------ voices
class Voice(QObject):
    """Plays steps; `finished` once per `play`."""

    finished = Signal()

    def __init__(self, chime: Path | None, player: WavPlayer,
                 parent: QObject | None = None) -> None:
        """`chime`: the sound of a "chime" step (None: a voice that only speaks)."""
        super().__init__(parent)
        self.chime = chime
        self.player = player
        player.setParent(self)
        player.finished.connect(self.finished)

    def prepare(self, step: Step) -> None:
        """Start any slow work for a step that will be played later."""

    def speech(self) -> str:
        """What speaks the sentences ("" when nothing does), for the fleet page."""
        return ""

    def sound(self) -> tuple[bool, str]:
        """(whether anything is heard, what a technician should know)."""
        if isinstance(self.player, SilentWavPlayer):
            return False, "no audio output device: nothing is heard"
        speech = self.speech()
        return True, f"speaks through {speech}" if speech else \
            "no speech engine (install espeak-ng): chime only"

    def play(self, step: Step) -> None:
        if step.kind == "speech":
            self.speak(step)
        elif self.chime is not None:
            self.player.play(self.chime)
        else:
            QTimer.singleShot(0, self, self.finished.emit)

    def speak(self, step: Step) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """Abandon the current step without emitting `finished`."""
        self.player.stop()

    def close(self) -> None:
        self.stop()


class SilentVoice(Voice):
    """No speech engine: sentences take their estimated time in silence."""

    def __init__(self, chime: Path | None, player: WavPlayer, parent: QObject | None = None,
                 speed: float = 1.0) -> None:
        super().__init__(chime, player, parent)
        self.speed = speed
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.finished)

    def speak(self, step: Step) -> None:
        self._timer.start(round(len(step.text) * SILENT_SECONDS_PER_CHAR * 1000 / self.speed))

    def stop(self) -> None:
        super().stop()
        self._timer.stop()


class TtsVoice(Voice):
    """Sentences through a QtTextToSpeech engine ("mock" in tests)."""

    def __init__(self, engine: str, chime: Path | None, player: WavPlayer,
                 parent: QObject | None = None) -> None:
        super().__init__(chime, player, parent)
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._state = QTextToSpeech.State
        self.engine = QTextToSpeech(engine, self)
        self.engine.stateChanged.connect(self._state_changed)
        self._speaking = False
        self._locales = {
            language: next((locale for locale in self.engine.availableLocales()
                            if locale.language() == wanted), None)
            for language, wanted in (("zh", QLocale.Language.Chinese),
                                     ("en", QLocale.Language.English))
        }

    def usable(self) -> bool:
        return self.engine.state() != self._state.Error

    def speech(self) -> str:
        return f"the text-to-speech engine {self.engine.engine()!r}"

    def speaks_chinese(self) -> bool:
        return self._locales["zh"] is not None

    def speak(self, step: Step) -> None:
        locale = self._locales.get(step.language)
        if locale is not None and self.engine.locale() != locale:
            self.engine.setLocale(locale)
        self._speaking = True
        self.engine.say(step.text)
        if self.engine.state() == self._state.Error:
            self._end(f"speech failed: {self.engine.errorString()}")

    def stop(self) -> None:
        super().stop()
        self._speaking = False
        self.engine.stop()

    def _state_changed(self, state: object) -> None:
        if state == self._state.Ready:
            self._end()
        elif state == self._state.Error:
            self._end(f"speech failed: {self.engine.errorString()}")

    def _end(self, problem: str = "") -> None:
        if problem:
            log.warning(problem)
        if self._speaking:
            self._speaking = False
            self.finished.emit()


class ClipSynth(QObject):
    """espeak-ng clips, made on one worker thread and cached by text."""

    ready = Signal(str, str)  # key, path ("" when synthesis failed)

    def __init__(self, cache_dir: Path, command: str = ESPEAK,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.command = command
        self._lane = Lane(1, "speech")
        self._pending: set[str] = set()

    @staticmethod
    def key(step: Step) -> str:
        voice = ESPEAK_VOICES[step.language]
        return hashlib.sha256(f"{voice}|{ESPEAK_SPEED}|{step.text}".encode()).hexdigest()[:24]

    def path(self, step: Step) -> Path:
        return self.cache_dir / f"{self.key(step)}.wav"

    def request(self, step: Step) -> None:
        """Synthesize in the background unless cached or already under way."""
        key = self.key(step)
        if key in self._pending or self.path(step).is_file():
            return
        self._pending.add(key)
        command, target = self.command, self.path(step)
        self._lane.run(self, lambda: synthesize(command, step, target),
                       lambda path: self.ready.emit(key, str(path)),
                       lambda error: self._failed(key, error))

    def _failed(self, key: str, error: str) -> None:  # a missing voice, a crash, a timeout
        log.warning("espeak-ng failed: %s", error)
        self.ready.emit(key, "")

    def settle(self, key: str) -> None:
        self._pending.discard(key)

    def close(self) -> None:
        self._lane.close()


def synthesize(command: str, step: Step, target: Path) -> Path:
    """Blocking: run espeak-ng for one sentence into `target` (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part.wav")
    subprocess.run(
        [command, "-v", ESPEAK_VOICES[step.language], "-s", str(ESPEAK_SPEED), "-b", "1",
         "--stdin", "-w", str(partial)],
        input=step.text.encode("utf-8"), check=True, capture_output=True,
        timeout=SYNTH_TIMEOUT_SECONDS,
    )
    partial.replace(target)
    return target


class ClipVoice(Voice):
    """Sentences as espeak-ng clips played like the chime."""

    def __init__(self, synth: ClipSynth, chime: Path | None, player: WavPlayer,
                 parent: QObject | None = None) -> None:
        super().__init__(chime, player, parent)
        self.synth = synth
        synth.setParent(self)
        synth.ready.connect(self._ready)
        self._waiting_for: str | None = None

    def prepare(self, step: Step) -> None:
        if step.kind == "speech":
            self.synth.request(step)

    def speech(self) -> str:
        return ESPEAK

    def speak(self, step: Step) -> None:
        path = self.synth.path(step)
        if path.is_file():
            self.player.play(path)
            return
        self._waiting_for = self.synth.key(step)
        self.synth.request(step)

    def _ready(self, key: str, path: str) -> None:
        self.synth.settle(key)
        if key != self._waiting_for:
            return
        self._waiting_for = None
        if path:
            self.player.play(Path(path))
        else:
            self.finished.emit()

    def stop(self) -> None:
        super().stop()
        self._waiting_for = None

    def close(self) -> None:
        super().close()
        self.synth.close()


def espeak_available(command: str = ESPEAK) -> bool:
    return shutil.which(command) is not None


def speech_dispatcher_available() -> bool:
    return shutil.which(SPEECH_DISPATCHER) is not None


def tts_engines(mode: str, engine: str = "") -> list[str]:
    """The QtTextToSpeech engines worth trying for `mode`: the configured one, or every
    installed engine but "mock" (allowed in "tts" mode only, for tests); "speechd"
    only where speech-dispatcher is installed."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    names = [engine] if engine else [name for name in QTextToSpeech.availableEngines()
                                     if name != "mock" or mode == "tts"]
    if SPEECHD_ENGINE in names and not speech_dispatcher_available():
        log.info("text-to-speech engine %r skipped: %s is not installed", SPEECHD_ENGINE,
                 SPEECH_DISPATCHER)
        names.remove(SPEECHD_ENGINE)
    return names


def choose_voice(mode: str, engine: str, chime: Path | None, cache_dir: Path,
                 parent: QObject | None = None, volume: float = 1.0,
                 audible: bool | None = None) -> Voice:
    """The voice for `mode` ("auto", "tts", "espeak" or "silent").

    auto: a real QtTextToSpeech engine (not "mock") that works and speaks
    Chinese; else espeak-ng clips; else silence (logged).
    `audible`: whether an audio output exists (looked up once if None; its
    absence is logged once: everything keeps its timing, silently)."""
    if audible is None:
        audible = audio_output_available()
    if not audible:
        log.warning("no audio output device: nothing is heard (connect speakers, then "
                    "restart)")
    if mode in ("auto", "tts"):
        for name in tts_engines(mode, engine):
            voice = TtsVoice(name, chime, make_wav_player(volume=volume, audible=audible),
                             parent)
            if voice.usable() and (mode == "tts" or voice.speaks_chinese()):
                log.info("speech through QtTextToSpeech engine %r", name)
                return voice
            log.info("text-to-speech engine %r is not usable here", name)
            voice.deleteLater()
    if mode in ("auto", "tts", "espeak") and espeak_available():
        log.info("speech through espeak-ng clips in %s", cache_dir)
        return ClipVoice(ClipSynth(cache_dir), chime,
                         make_wav_player(volume=volume, audible=audible), parent)
    if mode == "silent":
        log.info('speech is off (speech = "silent"): no voice')
    else:
        log.warning("no speech engine (speech = %r; install espeak-ng): silence instead "
                    "of speech", mode)
    return SilentVoice(chime, make_wav_player(volume=volume, audible=audible), parent)
