"""The kiosk's composition root: every piece built and wired here, once.

Built in two steps to match start-up: the window, attract screen and every
flow's screens from the display settings alone (phase one), then `attach`
hands them the store, the sync bridge and the device adapters when phase two
has loaded them.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen, Notice
from kiosk.call_staff import ATTRACT, CallStaffButton
from kiosk.context import KioskContext
from kiosk.idle import IdleWatcher
from kiosk.input_watch import InputWatch
from kiosk.navigator import HOME, Navigator
from kiosk.out_of_service import OutOfServiceScreen
from kiosk.queue_view import QueueView
from kiosk.screens.registry import builders
from kiosk.technician_gate import CornerTapGesture, TechnicianScreen
from kiosk.voice_guide import VoiceGuide
from kiosk.window import KioskWindow, leaves_the_kiosk, opens_a_menu
from terminal.shell import Shell
from terminal.source_cache import drop_source_cache
from terminal.speech import Voice, choose_voice
from terminal.startup import Gui
from terminal.sync_badge import SyncBadge
from terminal.theme import ThemeMode

if TYPE_CHECKING:
    from sync.staff_sign_in import SignInResult
    from terminal.technician.pin_gate import Verdict

log = logging.getLogger("kiosk.composition")
TECHNICIAN = "technician"
DEFAULT_IDLE_SECONDS = 90
DEFAULT_COUNTDOWN_SECONDS = 15
#: Stands for "the platform's technicians" among the technician PIN hashes.
PLATFORM_TECHNICIANS = "platform"
VOICE_CACHE = "voice"  # espeak-ng clips of the screens' texts, under the data folder


class KioskComposition:
    def __init__(self, gui: Gui, *, kiosk_mode: bool) -> None:
        self.gui = gui
        self.context = KioskContext(gui)
        self.queue_view = QueueView(self.context)
        self.context.live_queue = self.queue_view.live_state
        self.context.queue_read = self.queue_view.read
        self.attract = AttractScreen(
            center_name=lambda: gui.settings.center_name(gui.language.language),
            notices=self._notices, serving=self.queue_view.serving,
            language=lambda: gui.language.language, time_zone=gui.settings.time_zone)
        self.badge = SyncBadge()
        self.bar = AccessibilityBar()
        self.bar.set_language(gui.language.language)
        self.out_of_service = OutOfServiceScreen()
        self.window = KioskWindow(self.attract, self.badge, self.bar, kiosk_mode=kiosk_mode)
        self.window.add_screen(self.out_of_service)
        self.navigator = Navigator(self.window, self.window.navigation,
                                   self.context.session, self.attract, self.window)
        self.navigator.register(TECHNICIAN, TechnicianScreen(
            self._technician_pins, self._technician_panel, verifier=self._technician_pin))
        self.call_staff = CallStaffButton(self._where, lambda: gui.language.language)
        self.window.add_to_strip(self.call_staff)
        self.navigator.sessionEnded.connect(self.call_staff.dismiss)
        self.input = InputWatch(self.window)
        if kiosk_mode:
            self.input.add(leaves_the_kiosk)
            self.input.add(opens_a_menu)
        self.input.install()
        self.idle = IdleWatcher(DEFAULT_IDLE_SECONDS, DEFAULT_COUNTDOWN_SECONDS, self.window)
        self.input.add(self.idle.see)
        self.idle.countdownStarted.connect(self.window.navigation.show_countdown)
        self.idle.countdownTick.connect(self.window.navigation.show_countdown)
        self.idle.countdownCancelled.connect(self.window.navigation.hide_countdown)
        self.idle.expired.connect(self.navigator.end_session)
        self.navigator.wentTo.connect(lambda _name: self.idle.arm())
        self.navigator.sessionEnded.connect(self._session_ended)
        self.attract.touched.connect(self._start_session)
        self.technician_gesture = CornerTapGesture(self.window)
        self.input.add(self.technician_gesture.see)
        self.technician_gesture.triggered.connect(lambda: self.navigator.go(TECHNICIAN))
        self.bar.languageRequested.connect(self._switch_language)
        self.bar.largeTextToggled.connect(
            lambda on: self._restyle(ThemeMode(gui.theme.high_contrast, on)))
        self.bar.highContrastToggled.connect(
            lambda on: self._restyle(ThemeMode(on, gui.theme.large_text)))
        self.guide = VoiceGuide(self.navigator, self.window, lambda: gui.language.language,
                                self.window)
        self.bar.voiceToggled.connect(self.guide.set_enabled)
        self.bar.turnedOff.connect(self._plain_again)
        self.call_staff.answered.connect(self.guide.say)
        self.navigator.warned.connect(self.guide.say)
        if kiosk_mode and gui.settings.hide_cursor:
            self.window.setCursor(Qt.CursorShape.BlankCursor)

    # ------------------------------------------------------------ phase two
    def attach(self, shell: Shell) -> None:
        """Phase two has loaded: build the flows' screens and hand them the services.

        The screens are built here, not in phase one, because their modules
        import the sync core; `import_flows` pre-imports them on the loader
        thread so this stays short on the GUI thread."""
        self.context.shell = shell
        kiosk = shell.services.config.kiosk
        self.idle.idle_seconds = kiosk.idle_seconds
        self.idle.countdown_seconds = kiosk.countdown_seconds
        self.context.devices = shell.adapters
        taps = shell.services.devices.taps if shell.services.devices is not None else None
        if taps is not None and (taps.card is not None or taps.camera is not None):
            from kiosk.demo_buttons import DemoButtons

            self.window.add_to_strip(DemoButtons(taps))  # a demo's simulated hands
        self.guide.use_voice_factory(lambda: self._voice(shell))
        for build in builders():
            for name, screen in build(self.context).items():
                self.navigator.register(name, screen)
        self.call_staff.attach(shell.bridge, kiosk.name or shell.services.terminal_id[-4:])
        shell.bridge.stateChanged.connect(self.badge.show_state)
        shell.bridge.stateChanged.connect(lambda _state: self.attract.refresh())
        self.queue_view.changed.connect(self.attract.refresh)
        self.queue_view.changed.connect(self.navigator.queue_moved)
        self.queue_view.start()
        self.attract.refresh()

    def _voice(self, shell: Shell) -> Voice:
        """The speech path of the hall display: a TTS engine, else espeak-ng, else silence."""
        config = shell.services.config
        return choose_voice("auto", "", None, config.data_dir() / VOICE_CACHE)

    def stop(self) -> None:
        """Stop the pollers, the voice and the device threads (the window may stay)."""
        self.queue_view.stop()
        self.guide.close()
        self.context.devices.stop()

    def show_out_of_service(self) -> None:
        self.window.show_screen(self.out_of_service)

    # ------------------------------------------------------------ sessions
    def _start_session(self) -> None:
        if HOME in self.navigator.screens:
            self.navigator.go(HOME)

    def _session_ended(self) -> None:
        self.idle.disarm()
        self.bar.reset()  # plain text, normal contrast and silence for the next resident
        if self.gui.language.language != self.gui.settings.language:
            self._switch_language(self.gui.settings.language)  # and the kiosk's own language
        self.attract.refresh()
        drop_source_cache()  # what the session's first imports left behind

    def _plain_again(self) -> None:
        """The switches all went off at once: one restyle of the kiosk, voice off."""
        if self.gui.theme != ThemeMode():
            self._restyle(ThemeMode())
        self.guide.set_enabled(False)

    def _restyle(self, mode: ThemeMode) -> None:
        """The whole kiosk in `mode`, the input watch aside meanwhile (see there why)."""
        with self.input.aside():
            self.gui.set_theme(mode)

    # ------------------------------------------------------------ technician
    def _technician_pins(self) -> list[str]:
        shell = self.context.shell
        if shell is None:
            return []
        configured = shell.services.config.kiosk.technician_pin_hash
        return [configured] if configured else [PLATFORM_TECHNICIANS]

    def _technician_pin(self, pin: str, expected: str) -> bool | Verdict:
        """Blocking: the configured hash, or else the platform's technicians (offline:
        those who opened the panel here recently); a platform too slow, busy or out of
        reach to check the PIN says so rather than calling it wrong."""
        from sync.protocol.pin_hash import verify_pin

        shell = self.context.shell
        if expected != PLATFORM_TECHNICIANS or shell is None:
            return verify_pin(pin, expected)
        from sync.protocol.staff import SignInPurpose

        if not pin.isdigit() or not 4 <= len(pin) <= 12:
            return False
        return technician_verdict(shell.services.runtime.staff.sign_in(
            SignInPurpose.TECHNICIAN, pin))

    def _technician_panel(self) -> QWidget:
        from terminal.technician.panel import TechnicianPanel

        shell = self.context.shell
        if shell is None:
            raise RuntimeError("the technician panel needs the loaded configuration")
        from sync.paths import CONFIG_FILE, config_dir

        devices = self.context.devices
        return TechnicianPanel(shell.services.config.devices, printer=devices.printer,
                               card_reader=devices.card_reader, camera=devices.camera,
                               config_path=config_dir() / CONFIG_FILE,
                               center_name=self.gui.settings.center_name(self.context.language),
                               terminal_id=shell.services.terminal_id,
                               dead_letters=shell.services.runtime.outbox.dead_letters)

    # ------------------------------------------------------------ helpers
    def _where(self) -> tuple[str, str]:
        """The resident's screen for a help request: its name and title."""
        name = self.navigator.current
        if name is None:
            return ATTRACT, ""
        return name, self.navigator.screens[name].title

    def _notices(self) -> list[Notice]:
        if self.context.shell is None:  # phase one: do not pull in the sync core
            return []
        from sync.caches import NOTICES
        from sync.protocol.models import NoticeList

        cached = self.context.cached(NOTICES, NoticeList)
        now = datetime.now(UTC)
        return [n for n in cached.value.notices if n.showing(now)] if cached else []

    def _switch_language(self, language: str) -> None:
        self.gui.language.set_language(language)
        self.bar.set_language(language)


def technician_verdict(result: SignInResult) -> Verdict:
    """The PIN gate's verdict on a technician's sign-in: only a PIN the platform (or
    a verifier here) found wrong is wrong."""
    from sync.protocol.staff import SignInOutcome
    from terminal.technician.pin_gate import PinCheck, Verdict

    if result.outcome is SignInOutcome.SIGNED_IN:
        return Verdict(PinCheck.RIGHT)
    if result.slow:
        return Verdict(PinCheck.SLOW)
    if result.busy:
        return Verdict(PinCheck.BUSY)
    if result.no_verifier:
        return Verdict(PinCheck.UNREACHABLE)
    if result.outcome in (SignInOutcome.LOCKED, SignInOutcome.THROTTLED):
        return Verdict(PinCheck.LOCKED, max(1, result.retry_after_seconds))
    return Verdict(PinCheck.WRONG)
