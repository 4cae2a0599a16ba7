"""The display's composition root, built in two steps like the kiosk's: the
hall screen from the display settings alone (phase one), then `attach` wires
the event feed, the announcer and the notices once phase two has loaded."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from display.hall_screen import HallScreen
from terminal.center_time import center_clock
from terminal.shell import Shell
from terminal.startup import Gui

if TYPE_CHECKING:  # imported for real in phase two
    from display.announcer import Announcer
    from terminal.hall_feed import HallFeed

log = logging.getLogger("display.composition")
VOICE_CACHE = "voice"


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

    def present(self) -> None:
        if self.fullscreen:
            self.screen.showFullScreen()
        else:
            self.screen.show()

    # ------------------------------------------------------------ phase two
    def attach(self, shell: Shell) -> None:
        """Start the feed and the voice; show the notices."""
        from display.announcer import Announcer
        from display.chime import chime_path
        from display.config import DisplayConfig
        from terminal.hall_feed import HallFeed
        from terminal.speech import choose_voice

        self.shell = shell
        config: DisplayConfig = shell.services.config  # type: ignore[assignment]
        settings = config.display
        cache = config.data_dir() / VOICE_CACHE
        voice = choose_voice(settings.speech, settings.tts_engine, chime_path(cache), cache,
                             volume=settings.volume)
        announcer = Announcer(voice, english=settings.announce_english, parent=self.screen)
        client = shell.services.runtime.client
        feed = HallFeed(client.queue_events, stale_after=settings.stale_call_seconds,
                        clock=lambda: time.time() + client.clock_offset,
                        parent=self.screen)
        feed.stateChanged.connect(self.screen.show_state)
        feed.connectionChanged.connect(self.screen.set_online)
        feed.helpChanged.connect(self.screen.show_help)
        feed.callReceived.connect(lambda call, fresh: self._call(call.number, call.window, fresh))
        shell.bridge.stateChanged.connect(lambda _state: self.refresh_notices())
        self.feed, self.announcer = feed, announcer
        self.refresh_notices()
        feed.start()

    def _call(self, number: str, window: str, fresh: bool) -> None:
        self.screen.show_call(number, window)
        if fresh and self.announcer is not None:
            self.announcer.announce(number, window)

    def refresh_notices(self) -> None:
        """The notices cache (a small local read) into the ticker."""
        if self.shell is None:
            return
        from sync.caches import NOTICES
        from sync.protocol.models import NoticeList

        cached = self.shell.services.runtime.cache.get(NOTICES, NoticeList)
        notices = cached.value.notices if cached else []
        zh_first = self.screen.language == "zh_CN"
        self.screen.set_notices([
            f"{n.title_zh} · {n.title_en}" if zh_first else f"{n.title_en} · {n.title_zh}"
            for n in notices])

    def stop(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        if self.announcer is not None:
            self.announcer.stop()
