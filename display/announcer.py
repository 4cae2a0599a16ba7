"""The announcement queue: calls are spoken one after another, never over
each other.

Each announcement is three steps, chime, the Chinese sentence, the English
sentence; the next step starts only when the voice reports the previous one
finished (or its guard time ran out), with a short pause between calls.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from display.phrases import spoken_sentence_en, spoken_sentence_zh
from terminal.speech import Step, Voice

log = logging.getLogger("display.announcer")
#: Pause between two announcements, in milliseconds.
GAP_MS = 600
#: Pause between the steps of one announcement.
STEP_GAP_MS = 150
#: A step that has not finished after this long is abandoned (a stuck backend).
STEP_GUARD_MS = 20_000
#: Most announcements waiting; older ones beyond this are dropped (logged).
MAX_QUEUED = 12


@dataclass(frozen=True)
class Announcement:
    number: str
    window: str

    def steps(self, english: bool = True) -> list[Step]:
        steps = [Step("chime"),
                 Step("speech", spoken_sentence_zh(self.number, self.window), "zh")]
        if english:
            steps.append(Step("speech", spoken_sentence_en(self.number, self.window), "en"))
        return steps


class Announcer(QObject):
    """A FIFO of announcements played through one `Voice`."""

    stepStarted = Signal(object)  # Step
    stepFinished = Signal(object)  # Step
    announcementStarted = Signal(object)  # Announcement
    idle = Signal()

    def __init__(self, voice: Voice, *, english: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        voice.setParent(self)
        voice.finished.connect(self._step_done)
        self.english = english
        self._queue: deque[Announcement] = deque()
        self._steps: deque[Step] = deque()
        self._current: Step | None = None
        self._playing: Announcement | None = None
        self._busy = False
        self._next_timer = QTimer(self, singleShot=True)
        self._next_timer.timeout.connect(self._advance)
        self._guard = QTimer(self, singleShot=True)
        self._guard.timeout.connect(self._stuck)

    @property
    def busy(self) -> bool:
        return self._busy

    def pending(self) -> list[Announcement]:
        return list(self._queue)

    def announce(self, number: str, window: str) -> None:
        """Queue a call; the same call already waiting is not queued twice."""
        announcement = Announcement(number, window)
        if announcement in self._queue or announcement == self._playing:
            return
        while len(self._queue) >= MAX_QUEUED:
            log.warning("announcement queue full: dropping %s", self._queue.popleft())
        self._queue.append(announcement)
        for step in announcement.steps(self.english):
            self.voice.prepare(step)
        if not self._busy:
            self._busy = True
            self._advance()

    def stop(self) -> None:
        """Silence and forget everything (at shutdown)."""
        self._queue.clear()
        self._steps.clear()
        self._next_timer.stop()
        self._guard.stop()
        self._current = self._playing = None
        self._busy = False
        self.voice.close()

    def _advance(self) -> None:
        if not self._steps:
            if not self._queue:
                self._busy = False
                self._playing = None
                self.idle.emit()
                return
            announcement = self._playing = self._queue.popleft()
            self._steps.extend(announcement.steps(self.english))
            self.announcementStarted.emit(announcement)
        self._current = self._steps.popleft()
        self.stepStarted.emit(self._current)
        self._guard.start(STEP_GUARD_MS)
        self.voice.play(self._current)

    def _step_done(self) -> None:
        step, self._current = self._current, None
        if step is None:  # a late report of a step already abandoned
            return
        self._guard.stop()
        self.stepFinished.emit(step)
        self._next_timer.start(STEP_GAP_MS if self._steps else GAP_MS)

    def _stuck(self) -> None:
        log.warning("announcement step %s did not finish: skipping it", self._current)
        self.voice.stop()
        self._step_done()
