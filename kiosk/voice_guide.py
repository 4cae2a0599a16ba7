"""Voice guidance (语音引导): while the resident has it on, each screen's title
and prompt are read aloud in the session's language.

One utterance at a time: a new screen (or a new step, or a language switch)
cuts the one being read short. It speaks through the hall display's speech
path (`terminal.speech`: a text-to-speech engine, else espeak-ng clips, else
silence). The session wipe stops it and turns it off for the next resident.

The voice is made when a resident first turns guidance on (`use_voice_factory`):
its audio and speech libraries (Qt Multimedia, FFmpeg, the speech engines:
about 28 MB) stay out of a kiosk whose residents never ask for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.navigator import Navigator
from terminal.speech import Step, Voice

log = logging.getLogger("kiosk.voice")


def speech_language(language: str) -> str:
    """The speech step's language ("zh" or "en") for a UI language."""
    return "zh" if language == "zh_CN" else "en"


class VoiceGuide(QObject):
    """Follows the navigator; `said(text, language)` for each utterance started."""

    said = Signal(str, str)
    enabledChanged = Signal(bool)

    def __init__(self, navigator: Navigator, window: QWidget, language: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.language = language
        self.voice: Voice | None = None
        self._make_voice: Callable[[], Voice] | None = None
        self.enabled = False
        self._reading = QTimer(self, singleShot=True, interval=0)  # after the screen settled
        self._reading.timeout.connect(self.read_current)
        navigator.wentTo.connect(lambda _name: self._reading.start())
        navigator.promptChanged.connect(self._reading.start)
        navigator.sessionEnded.connect(lambda: self.set_enabled(False))
        window.installEventFilter(self)  # a language switch reads the screen again

    @property
    def about_to_read(self) -> bool:
        """A screen is to be read once the event loop has let it settle."""
        return self._reading.isActive()

    def use_voice(self, voice: Voice) -> None:
        if self.voice is not None:
            self.voice.close()
        self.voice = voice
        voice.setParent(self)

    def use_voice_factory(self, make: Callable[[], Voice]) -> None:
        """The voice is `make()`, called when guidance is first turned on."""
        self._make_voice = make

    def _ensure_voice(self) -> None:
        if self.voice is None and self._make_voice is not None:
            make, self._make_voice = self._make_voice, None
            self.use_voice(make())

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        self.enabled = on
        if on:
            self._ensure_voice()
            self._reading.start()
        else:
            self.stop()
        self.enabledChanged.emit(on)

    def read_current(self) -> None:
        """Read the screen shown now (nothing on the attract screen)."""
        name = self.navigator.current
        if not self.enabled or name is None:
            return
        self.say(self.navigator.screens[name].spoken_text())

    def say(self, text: str) -> None:
        if not self.enabled or not text:
            return
        language = self.language()
        self.stop()
        if self.voice is None:
            log.info("voice guidance has no voice yet (the terminal is starting)")
            return
        self.voice.play(Step("speech", text, speech_language(language)))  # type: ignore[arg-type]
        self.said.emit(text, language)

    def stop(self) -> None:
        self._reading.stop()
        if self.voice is not None:
            self.voice.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._reading.start()  # after every widget has its new texts
        return False

    def close(self) -> None:
        self.stop()
        if self.voice is not None:
            self.voice.close()
