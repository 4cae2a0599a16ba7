"""The counter's composition root: every piece built and wired here, once.

Two steps, like the kiosk: the window, sign-in, desk, queue panel and
figures from the display settings alone (phase one), then `attach` hands
them the configuration, the platform client, the store and the sync bridge
once phase two has loaded them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from counter.desk import Clerk, Desk
from counter.figures import FiguresView, load_figures
from counter.help_alerts import HelpAlerts
from counter.idle import IdleSignOut
from counter.queue_panel import QueuePanel
from counter.runner import Runner
from counter.sign_in import SignInScreen
from counter.staff_card import StaffCardWatcher
from counter.window import CounterWindow, WorkAreaPlaceholder
from sync.paths import default_data_dir
from terminal.center_time import center_clock, in_center
from terminal.startup import Gui
from terminal.sync_badge import SyncBadge

if TYPE_CHECKING:
    from counter.admin.pages import ManagerPages
    from counter.cases.desk import CaseDesk
    from sync.manager_client import ManagerClient
    from sync.protocol.help import HelpRequestShown
    from sync.protocol.staff import StaffEntry
    from sync.ratings_client import RatingsClient
    from sync.staff_sign_in import SignInResult
    from terminal.adapters import Adapters
    from terminal.hall_feed import HallFeed
    from terminal.reference import ReferenceData
    from terminal.shell import Shell

log = logging.getLogger("counter.composition")
EXPORTS = "exports"
# How long the thanks of a rating window without its own screen stay before it closes.
RATING_CLOSE_MS = 3000


class CounterComposition:
    def __init__(self, gui: Gui) -> None:
        self.gui = gui
        self.shell: Shell | None = None
        self.desk = Desk("1", ["A"], 3)
        self.badge = SyncBadge()
        self.sign_in = SignInScreen(self._authenticate)
        self.queue_panel = QueuePanel(self.desk)
        self.queue_panel.set_language(gui.language.language)
        self.placeholder = WorkAreaPlaceholder()
        data_dir = gui.settings.data_dir or default_data_dir()
        self.figures = FiguresView(data_dir / EXPORTS)
        self.window = CounterWindow(self.badge, self.sign_in, self.queue_panel,
                                    self.placeholder, self.figures)
        self.window.set_identity(gui.settings.center_name(gui.language.language), "")
        self.workbench: QWidget | None = None
        self.rating: QWidget | None = None
        self.case_desk: CaseDesk | None = None
        self.manager_pages: ManagerPages | None = None
        #: The signed-in manager's requests (None: no manager signed in online).
        self.manager: ManagerClient | None = None
        self.ratings: RatingsClient | None = None
        self.adapters: Adapters | None = None
        self.reference: ReferenceData | None = None
        self.sign_in_hint = ""
        self.rating_popup = False  # the rating shows as a window (no resident screen)
        self._case_rated = False  # the ticket being served had its case rated
        self.idle = IdleSignOut(600)
        QApplication.instance().installEventFilter(self.idle)
        self.reads = Runner(self.window)
        self.card_watcher: StaffCardWatcher | None = None
        #: The watcher runs for the manager's staff page (not for signing in).
        self.cards_for_manager = False
        self.sign_in.signedIn.connect(self.signed_in)
        self.window.signOutRequested.connect(self.sign_out)
        self.window.figuresToggled.connect(lambda on: self.load_figures() if on else None)
        self.figures.refreshRequested.connect(self.load_figures)
        self.idle.warning.connect(lambda left: self.window.show_status(
            lambda: QCoreApplication.translate(
                "CounterComposition", "No input: signing out in %1 s.").replace("%1", str(left))))
        self.idle.cancelled.connect(lambda: self.window.show_status(""))
        self.idle.expired.connect(self.sign_out)
        self.desk.message.connect(self.window.show_status)
        self.desk.changed.connect(self._ticket_changed)
        self.desk.ticketClosed.connect(lambda _payload: self._figures_stale())
        self.help_alerts = HelpAlerts(lambda: gui.language.language)
        self.window.add_alerts(self.help_alerts)
        self.help_alerts.answerRequested.connect(self._answer_help)
        self.desk.changed.connect(
            lambda: self.help_alerts.set_can_answer(self.desk.clerk is not None))
        self.help_runner = Runner(self.window)
        self.help_feed: HallFeed | None = None

    # ------------------------------------------------------------ phase two
    def attach(self, shell: Shell) -> None:
        from sync.caches import CATALOG, CENTER, NOTICES, STAFF
        from terminal.reference import ReferenceData

        self.shell = shell
        counter = shell.services.config.counter
        desk = self.desk
        desk.window = counter.window
        desk.categories = list(counter.categories)
        desk.prefixes = {code[:1].upper(): code for code in counter.categories}
        desk.recalls_before_no_show = counter.recalls_before_no_show
        desk.client = shell.services.runtime.client
        desk.record = self._record
        desk.report = shell.link.report
        self.idle.seconds = counter.idle_signout_seconds
        self.sign_in.set_window(counter.window)
        self.window.set_identity(self.gui.settings.center_name(self.gui.language.language),
                                 counter.window)
        self.sign_in_hint = counter.sign_in_hint
        self.window.show_status(self.sign_in_hint)
        if self.desk.clerk is None:
            self.sign_in.staff_no.setFocus()  # the clerk's first keys go to the staff number
        self.adapters = shell.adapters
        self.reference = ReferenceData(shell.services.runtime.cache,
                                       names=(CATALOG, NOTICES, STAFF, CENTER),
                                       parent=self.window)
        self.reference.changed.connect(self._reference_changed)
        shell.bridge.stateChanged.connect(self.badge.show_state)
        shell.bridge.stateChanged.connect(self._sync_state)
        self._install_workbench(shell)
        self._install_case_desk(shell)
        self._install_manager_pages(shell)
        self._start_card_watcher(shell)
        self.reference.follow(shell.bridge)
        if shell.bridge.last_state is not None:
            self.badge.show_state(shell.bridge.last_state)
            self._sync_state(shell.bridge.last_state)
        self._start_help_feed(shell)
        self.queue_panel.redraw()

    def _record(self, payload: Any) -> None:
        if self.shell is None:
            return
        self.shell.bridge.submit(self.window, payload, None, self._not_recorded)

    def _not_recorded(self, message: str) -> None:
        self.window.show_status(lambda: QCoreApplication.translate(
            "CounterComposition", "Could not save the record: %1").replace("%1", message))

    def _sync_state(self, state: Any) -> None:
        """The terminal's one online truth (the link's, in every published state)
        is the desk's too; back online, the queue is read again at once."""
        if state.online is None:
            return
        was = self.desk.online
        self.desk.set_online(state.online)
        if state.online and was is False:
            self.desk.refresh()

    # ------------------------------------------------------------ help alerts
    def _start_help_feed(self, shell: Shell) -> None:
        """The center's help board from the platform's event stream."""
        from terminal.hall_feed import HallFeed

        self.help_feed = HallFeed(shell.services.runtime.client.queue_events,
                                  parent=self.window)
        self.help_feed.helpChanged.connect(self.help_alerts.show_board)
        # the same stream pushes the queue state: the desk stops reading it every 5 s
        self.help_feed.stateChanged.connect(self.desk.take_pushed_state)
        self.help_feed.connectionChanged.connect(self.desk.set_pushed)
        self.help_feed.follow(shell.link)  # evidence for the one truth; live again with it
        self.help_feed.start()

    def _answer_help(self, request_id: str) -> None:
        """Answer "I'm coming": the platform takes the alert off every counter."""
        clerk, client, window = self.desk.clerk, self.desk.client, self.desk.window
        if clerk is None or client is None:
            self.help_alerts.answer_failed(request_id)
            return
        self.help_runner.run(
            lambda: client.acknowledge_help(request_id, window, clerk.staff_no),
            self._help_answered, lambda error: self._help_not_answered(request_id, error))

    def _help_answered(self, shown: HelpRequestShown) -> None:
        self.help_alerts.answered(shown.id)
        self.window.show_status(lambda: self.help_alerts.answered_text(shown, self.desk.window))

    def _help_not_answered(self, request_id: str, error: Exception) -> None:
        from sync.client import TransientError

        self.help_alerts.answer_failed(request_id)
        refusal = None if isinstance(error, TransientError) else str(error)
        self.window.show_status(lambda: self.help_alerts.not_answered_text(refusal))

    def _reference_changed(self, names: frozenset[str]) -> None:
        from sync.caches import CATALOG, CENTER

        reload = getattr(self.workbench, "reload_catalog", None)
        if CATALOG in names and reload is not None:
            reload()
        if CENTER in names:
            self._apply_window_setup()

    def _apply_window_setup(self) -> None:
        """The queues this window calls: as the manager set them on the platform for
        this window's number, else as configured here."""
        if self.shell is None or self.reference is None:
            return
        configured = list(self.shell.services.config.counter.categories)
        setup = self.reference.center_setup
        window = setup.window(self.desk.window) if setup is not None else None
        chosen = list(window.categories) if window is not None and window.categories \
            else configured
        if chosen != self.desk.categories:
            log.info("window %s calls %s", self.desk.window, chosen or "every queue")
            self.desk.categories = chosen
            self.desk.prefixes.update({code[:1].upper(): code for code in chosen})
            self.queue_panel.redraw()

    # ------------------------------------------------------------ clerks
    def _authenticate(self, staff_no: str | None, card_uid: str | None,
                      pin: str) -> SignInResult:
        """Blocking (worker thread): the platform's verdict, or offline a recent verifier's."""
        from sync.protocol.staff import SignInPurpose

        if self.shell is None:
            raise RuntimeError("the counter has no platform connection yet")
        return self.shell.services.runtime.staff.sign_in(
            SignInPurpose.COUNTER, pin, staff_no=staff_no, card_uid=card_uid)

    def signed_in(self, member: StaffEntry) -> None:
        log.info("clerk %s signed in at window %s", member.staff_no, self.desk.window)
        if self.card_watcher is not None:
            self.card_watcher.stop()
        self.desk.sign_in(Clerk(member.staff_no, member.name))
        self._open_manager_session(member)
        self.window.set_signed_in(member.name, manager=self.manager is not None)
        self.window.show_status(lambda: QCoreApplication.translate(
            "CounterComposition", "Signed in as %1.").replace("%1", member.name))
        self.idle.arm()

    def sign_out(self) -> None:
        if self.desk.clerk is None:
            return
        log.info("clerk %s signed out", self.desk.clerk.staff_no)
        self.idle.disarm()
        self.desk.sign_out()
        self._end_manager_session()
        self.window.set_signed_in(None)
        self.sign_in.reset()
        self.window.show_status(lambda: QCoreApplication.translate(
            "CounterComposition", "Signed out.") + (f" {self.sign_in_hint}" if self.sign_in_hint
                                                   else ""))
        if self.card_watcher is not None:
            self.card_watcher.start()

    def _start_card_watcher(self, shell: Shell) -> None:
        reader = shell.services.config.devices.card_reader
        if reader.kind != "pcsc":
            return  # staff cards need a PC/SC reader
        from counter.staff_card import pcsc_uid_source

        self.watch_cards(StaffCardWatcher(pcsc_uid_source(reader.reader or None),
                                          parent=self.window))

    def watch_cards(self, watcher: StaffCardWatcher) -> None:
        """Staff cards: for signing in, and for the manager's staff page while it is open."""
        self.card_watcher = watcher
        watcher.uidRead.connect(self.sign_in.present_card)
        if self.manager_pages is not None:
            watcher.uidRead.connect(self.manager_pages.staff.present_card)
        if self.desk.clerk is None:
            watcher.start()

    # ------------------------------------------------------------ work area
    def _install_workbench(self, shell: Shell) -> None:
        """The acceptance workbench and the rating window (`counter.acceptance`,
        `counter.rating`); the placeholder stays if they cannot be built."""
        try:
            from counter.acceptance.workbench import AcceptanceWorkbench, tracking_numbers
            from counter.rating.window import RatingWindow
        except ImportError:
            log.info("no acceptance workbench installed: the work area stays a placeholder")
            return
        runtime, settings, adapters = shell.services.runtime, self.gui.settings, shell.adapters
        reference = self.reference
        try:
            workbench = AcceptanceWorkbench(
                shell.bridge, catalog=lambda: reference.catalog if reference else None,
                numbers=tracking_numbers(shell), printer=adapters.printer,
                card_reader=adapters.card_reader, camera=adapters.camera,
                passport=adapters.passport,
                platform=lambda: runtime.client if self.desk.online is not False else None,
                center_name=settings.center_name, window=self.desk.window,
                clock=center_clock(settings.zone),
                staff_no=lambda: self.desk.clerk.staff_no if self.desk.clerk else None,
                face_threshold=lambda: shell.services.config.devices.passport
                .face_match_threshold)
            self.rating = RatingWindow(shell.bridge)
        except Exception:
            log.exception("the acceptance workbench could not be built")
            return
        workbench.ratingRequested.connect(self._ask_rating)
        self.desk.ticketClosed.connect(self._ask_service_rating)
        workbench.outcomeRecorded.connect(lambda *_: self._figures_stale())
        # the resident's taps never take the keyboard from the clerk's window
        self.rating.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.rating.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        screen = shell.services.config.counter.customer_screen
        if screen is None or not self.rating.show_on_screen(screen):
            # no resident-facing screen: the rating opens as a window when it is asked
            # for, and closes after the thanks
            self.rating_popup = True
            self.rating.rated.connect(lambda *_: QTimer.singleShot(RATING_CLOSE_MS,
                                                                   self.rating.hide))
        self._yield_queue_keys(workbench)
        self.workbench = workbench
        self.window.set_work_area(workbench)

    def _install_case_desk(self, shell: Shell) -> None:
        """The clerk's case desk (`counter.cases`), a page beside the workbench."""
        from counter.cases.desk import CaseDesk

        runtime, settings, reference = shell.services.runtime, self.gui.settings, self.reference
        case_desk = CaseDesk(
            shell.bridge, platform=lambda: runtime.client if self.desk.online is not False
            else None, catalog=lambda: reference.catalog if reference else None,
            printer=shell.adapters.printer, center_name=settings.center_name,
            window=self.desk.window, clock=center_clock(settings.zone),
            staff_no=lambda: self.desk.clerk.staff_no if self.desk.clerk else None)
        self.case_desk = case_desk
        self.window.set_case_desk(case_desk)
        self.window.casesToggled.connect(lambda on: case_desk.load() if on else None)
        case_desk.precheckRequested.connect(self._precheck)

    # ------------------------------------------------------------ the center manager
    def _install_manager_pages(self, shell: Shell) -> None:
        """The manager's pages (`counter.admin`), opened by a signed-in manager (Ctrl+M)."""
        from counter.admin.pages import ManagerPages

        pages = ManagerPages(
            lambda: self.manager if self.desk.online is not False else None,
            zone=self.gui.settings.zone, language=lambda: self.gui.language.language)
        self.manager_pages = pages
        self._add_ratings_pages(pages)
        self.window.set_manager_pages(pages)
        self.window.manageToggled.connect(self._manager_pages_toggled)

    def _add_ratings_pages(self, pages: ManagerPages) -> None:
        """The follow-ups of poor ratings and the range figures (`counter.followups`,
        `counter.figures_range`) as pages of the manager's."""
        from counter.figures_range import RangeFiguresPage
        from counter.followups.page import FollowUpsPage

        settings = self.gui.settings

        def ratings() -> RatingsClient | None:
            return self.ratings if self.desk.online is not False else None

        data_dir = settings.data_dir or default_data_dir()
        pages.add_page(FollowUpsPage(ratings, settings.zone), lambda: QCoreApplication.translate(
            "ManagerPages", "Follow-ups"))
        pages.add_page(RangeFiguresPage(ratings, data_dir / EXPORTS,
                                        lambda: center_clock(settings.zone)().date()),
                       lambda: QCoreApplication.translate("ManagerPages", "Figures"))

    def _manager_pages_toggled(self, on: bool) -> None:
        """Open: read the page shown, and listen for a staff card to bind."""
        if self.manager_pages is not None and on:
            self.manager_pages.load()
        watcher = self.card_watcher
        if watcher is None or on == self.cards_for_manager:
            return
        self.cards_for_manager = on
        if on:
            watcher.start()  # stopped while someone is signed in
        else:
            watcher.stop()

    def _open_manager_session(self, member: StaffEntry) -> None:
        from sync.manager_client import ManagerClient
        from sync.protocol.staff import MANAGER
        from sync.ratings_client import RatingsClient

        session = self.sign_in.manager_session
        self.manager, self.ratings = None, None
        if self.shell is not None and member.role == MANAGER and session:
            self.manager = ManagerClient(self.shell.services.runtime.client, session)
            self.ratings = RatingsClient(self.shell.services.runtime.client, session)
        if self.manager_pages is not None:
            self.manager_pages.set_manager(member.name if self.manager else "")

    def _end_manager_session(self) -> None:
        """Sign the manager out at the platform too (best effort: the session
        expires by itself)."""
        manager, self.manager, self.ratings = self.manager, None, None
        if manager is not None:
            self.reads.run(manager.sign_out, lambda _done: None,
                           lambda error: log.info("manager sign-out not told: %s", error))

    def _precheck(self, tracking_number: str) -> None:
        """A kiosk application (or one owing materials) from the case desk, opened in
        the acceptance workbench for the clerk's decision."""
        opener = getattr(self.workbench, "open_receipt", None)
        if opener is None:
            return
        self.window.show_cases(False)
        opener(tracking_number)

    def _ask_rating(self, tracking_number: str) -> None:
        self._case_rated = True
        self._show_rating(lambda rating: rating.ask(tracking_number))

    def _ask_service_rating(self, served: Any) -> None:
        """A ticket served to the end without a case's rating: the resident rates the
        service itself (the ticket of its center day), on the resident's own screen
        only (on one screen the clerk would lose theirs after every ticket)."""
        asked, self._case_rated = self._case_rated, False
        if asked or self.rating_popup or served.outcome != "done" or served.number is None:
            return
        day = in_center(served.called_at, self.gui.settings.zone).date()
        self._show_rating(lambda rating: rating.ask_ticket(served.number, day))

    def _show_rating(self, ask: Callable[[Any], None]) -> None:
        rating = self.rating
        if rating is None:
            return
        ask(rating)
        if self.rating_popup:  # the clerk's screen, turned to the resident for a moment
            rating.setGeometry(self.window.screen().availableGeometry())
            rating.show()
            rating.raise_()

    @staticmethod
    def _yield_queue_keys(widget: QWidget) -> None:
        """The queue's keys (F1-F9, Shift+F4) win: a shortcut of the work area on
        one of them would make both ambiguous, so neither would fire."""
        from PySide6.QtGui import QKeySequence, QShortcut

        from counter.queue_panel import KEYS

        taken = {QKeySequence(key) for key in KEYS.values()}
        for shortcut in widget.findChildren(QShortcut):
            if shortcut.key() in taken:
                log.warning("work-area shortcut %s disabled: it is a queue key",
                            shortcut.key().toString())
                shortcut.setEnabled(False)

    def _ticket_changed(self) -> None:
        current = self.desk.current
        number = current.number if current is not None else None
        target = self.workbench or self.placeholder
        setter = getattr(target, "set_ticket", None)
        if setter is not None:
            setter(number)

    # ------------------------------------------------------------ figures
    def load_figures(self) -> None:
        if self.shell is None or self.reads.busy:
            return
        client = self.desk.client if self.desk.online is not False else None
        database, window = self.shell.services.runtime.database, self.desk.window
        zone = self.gui.settings.zone
        self.reads.run(lambda: load_figures(client, database, window, zone),
                       self.figures.show_figures,
                       lambda error: self.window.show_status(str(error)))

    def _figures_stale(self) -> None:
        if self.window.figures_button.isChecked():
            self.load_figures()

    # ------------------------------------------------------------ shutdown
    def stop(self) -> None:
        if self.reference is not None:
            self.reference.stop()
        if self.adapters is not None:
            self.adapters.stop()
        if self.rating is not None:
            self.rating.close()
        if self.card_watcher is not None:
            self.card_watcher.stop()
        self.idle.disarm()
        QApplication.instance().removeEventFilter(self.idle)
        if self.help_feed is not None:
            self.help_feed.stop(timeout=0)  # it ends when its stream does
        self.desk.cadence.stop()
        self.help_runner.wait()
        self.desk.actions.wait()
        self.desk.reads.wait()
        self.reads.wait()
        if self.case_desk is not None:
            self.case_desk.reads.wait()
        if self.manager_pages is not None:
            self.manager_pages.wait()
        self.sign_in.shutdown()
