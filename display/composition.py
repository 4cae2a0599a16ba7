"""The display's composition root, built in two steps like the kiosk's: the
hall screen from the display settings alone (phase one), then `attach` wires
the event feed, the announcer and the notices once phase two has loaded.

Online or offline is the terminal's one truth (`terminal.link`), carried by
every state the sync bridge publishes; the feed's answers are evidence for
it, and when the link returns the feed reconnects at once. The notices come
from `ReferenceData` (read off the GUI thread, again whenever the cache
changes); the audio output is reported on the fleet page."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from display.hall_screen import HallScreen
from terminal.center_time import center_clock
from terminal.shell import Shell
from terminal.startup import Gui

if TYPE_CHECKING:  # imported for real in phase two
    from display.announcer import Announcer
    from sync.protocol.models import DeviceHealth
    from sync.worker import SyncState
    from terminal.hall_feed import HallFeed
    from terminal.reference import ReferenceData

log = logging.getLogger("display.composition")
VOICE_CACHE = "voice"
#: How often the ticker checks which notices are on (they start and end on their time).
NOTICE_RECHECK_MS = 60_000
#: How soon a display that could not start tries again: a technician's enrollment (or
#: a mended configuration) brings it up without a restart.
START_RETRY_MS = 30_000


class DisplayComposition:
    def __init__(self, gui: Gui, *, fullscreen: bool, hide_cursor: bool = True) -> None:
        self.gui = gui
        settings = gui.settings
        self.screen = HallScreen(language=gui.language.language,
                                 center_zh=settings.center_name_zh,
                                 center_en=settings.center_name_en,
                                 now=center_clock(settings.zone))
        self.screen.setWindowTitle(settings.center_name(gui.language.language))
        self.fullscreen = fullscreen
        if fullscreen and hide_cursor:
            self.screen.setCursor(Qt.CursorShape.BlankCursor)
        self.shell: Shell | None = None
        self.feed: HallFeed | None = None
        self.announcer: Announcer | None = None
        self.reference: ReferenceData | None = None
        self.notice_timer: QTimer | None = None
        self.sound: tuple[bool, str] | None = None  # (heard, what a technician should know)
        self.announced: deque[str] = deque(maxlen=20)  # "number@window", latest last
        self.start_retry_ms = START_RETRY_MS

    def present(self) -> None:
        if self.fullscreen:
            # the screen's size first: cage (and a bare X server) leaves a window at its
            # own size, and the hall scales itself to whatever size it gets
            screen = self.screen.screen() or QGuiApplication.primaryScreen()
            self.screen.setGeometry(screen.geometry())
            self.screen.showFullScreen()
        else:
            self.screen.show()

    # ------------------------------------------------------------ phase two
    def start_failed(self, start: Callable[[], None]) -> None:
        """Phase two could not start (not enrolled yet, the configuration or the store
        broken; the cause is in the log): the hall says it is out of service, not that
        it reconnects, and `start` is tried again in `start_retry_ms`."""
        self.screen.set_out_of_service()
        QTimer.singleShot(self.start_retry_ms, self.screen, start)

    def attach(self, shell: Shell) -> None:
        """Start the feed and the voice; show the notices."""
        from display.announcer import Announcer
        from display.chime import chime_path
        from display.config import DisplayConfig
        from sync.caches import NOTICES
        from terminal.hall_feed import HallFeed
        from terminal.reference import ReferenceData
        from terminal.speech import choose_voice

        self.shell = shell
        config: DisplayConfig = shell.services.config  # type: ignore[assignment]
        settings = config.display
        cache = config.data_dir() / VOICE_CACHE
        voice = choose_voice(settings.speech, settings.tts_engine, chime_path(cache), cache,
                             volume=settings.volume)
        announcer = Announcer(voice, english=settings.announce_english, parent=self.screen)
        self.sound = voice.sound()
        announcer.announcementStarted.connect(
            lambda announcement: self.announced.append(
                f"{announcement.number}@{announcement.window}"))
        client = shell.services.runtime.client
        feed = HallFeed(client.queue_events, stale_after=settings.stale_call_seconds,
                        clock=lambda: time.time() + client.clock_offset,
                        parent=self.screen)
        feed.stateChanged.connect(self.screen.show_state)
        feed.helpChanged.connect(self.screen.show_help)
        feed.callReceived.connect(lambda call, fresh: self._call(call.number, call.window, fresh))
        feed.follow(shell.link)
        shell.bridge.stateChanged.connect(self._sync_state)
        shell.adapters.add_source("audio", self._audio_health)
        self.reference = ReferenceData(shell.services.runtime.cache, names=(NOTICES,),
                                       parent=self.screen)
        self.reference.changed.connect(lambda _names: self.refresh_notices())
        # a center's notice starts and ends on its own time, not only when the data moves
        self.notice_timer = QTimer(self.screen, interval=NOTICE_RECHECK_MS)
        self.notice_timer.timeout.connect(self.refresh_notices)
        self.notice_timer.start()
        self.feed, self.announcer = feed, announcer
        self.reference.follow(shell.bridge)
        feed.start()

    def _sync_state(self, state: SyncState) -> None:
        self.screen.set_online(state.online)

    def _audio_health(self) -> DeviceHealth:
        """What the hall hears (read by the heartbeat, on the sync worker's thread)."""
        from sync.protocol.models import DeviceHealth, DeviceState

        if self.sound is None:
            return DeviceHealth(state=DeviceState.UNKNOWN, reason="not started yet")
        audible, reason = self.sound
        speaks = audible and not reason.startswith("no ")
        state = DeviceState.READY if speaks else \
            DeviceState.DEGRADED if audible else DeviceState.OFFLINE
        return DeviceHealth(state=state, reason=reason)

    def e2e_state(self) -> dict[str, object]:
        """What the real-display tests read besides the widgets."""
        return {"ready": self.shell is not None, "language": self.screen.language,
                "online": self.screen.online, "out_of_service": self.screen.out_of_service,
                "feed": bool(self.feed is not None and self.feed.connected),
                "calls": [call.number for call in self.screen.calls],
                "announced": list(self.announced), "ticker": self.screen.ticker.text}

    def _call(self, number: str, window: str, fresh: bool) -> None:
        self.screen.show_call(number, window)
        if fresh and self.announcer is not None:
            self.announcer.announce(number, window)

    def refresh_notices(self) -> None:
        """The notices as last read from the cache (in memory) into the ticker."""
        if self.reference is None:
            return
        notices = self.reference.notices
        zh_first = self.screen.language == "zh_CN"
        self.screen.set_notices([
            f"{n.title_zh} · {n.title_en}" if zh_first else f"{n.title_en} · {n.title_zh}"
            for n in notices])

    def stop(self) -> None:
        """Stop listening first (nothing reads the store once the shell closes it)."""
        if self.notice_timer is not None:
            self.notice_timer.stop()
        if self.shell is not None:
            self.shell.bridge.stateChanged.disconnect(self._sync_state)
        if self.reference is not None:
            self.reference.stop()
        if self.feed is not None:
            self.feed.stop()
        if self.announcer is not None:
            self.announcer.stop()
