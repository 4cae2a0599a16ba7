"""`make screenshots`: render the terminals' screens to PNG files for review.

Every screen in every state we want a person to look at, in both languages,
at the sizes the terminals run at, offscreen and against a real reference
platform on loopback with a virtual printer and simulated devices. Files go
to `docs/screenshots/<app>/<screen>[-<state>]-<lang>-<orientation>.png` (the kiosk:
portrait, landscape) or `...-<lang>-<WxH>.png` (the counter at 1920x1080 and
1366x768, the hall display at 1920x1080, 1280x720 (cage's headless output) and
portrait 1080x1920).

    python scripts/screenshots.py                 # everything
    python scripts/screenshots.py --only kiosk    # one app
    python scripts/screenshots.py --only kiosk --shot home --shot help --lang en
    python scripts/screenshots.py --only counter --shot serving-form --size 1366x768

One function per app (`kiosk_shots`, `counter_shots`, `display_shots`); they
share `save_grab`, which names and saves a widget's grab.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Asia/Shanghai")  # the halls' clocks: slots at 09:00, not 01:00
time.tzset()

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_OUT = ROOT / "docs" / "screenshots"
DEMO_DIR = ROOT / "resources" / "demo"
LANGUAGES = ("zh_CN", "en")
#: orientation name -> window size (width, height)
KIOSK_SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
#: above this the PNGs are re-saved with a 256-colour palette
MAX_TOTAL_BYTES = 25 * 1024 * 1024
WAIT_MS = 20_000


# ---- shared helpers ---------------------------------------------------------------------

def shot_name(screen: str, state: str, language: str, orientation: str) -> str:
    """`apply-form`, `text`, `zh_CN`, `portrait` -> `apply-form-text-zh_CN-portrait.png`."""
    parts = [screen] + ([state] if state else []) + [language, orientation]
    return "-".join(parts) + ".png"


def settle(rounds: int = 3) -> None:
    """Let layouts, style polish and queued signals run before a grab."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait_until(condition: Callable[[], bool], timeout_ms: int = WAIT_MS,
               what: str = "condition") -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def pause(ms: int) -> None:
    with contextlib.suppress(TimeoutError):
        wait_until(lambda: False, ms)


def save_png(image: Any, path: Path, quantize: bool = False) -> None:
    """Qt's PNG writer at its default compression, or a 256-colour palette (Pillow)."""
    from PySide6.QtCore import QBuffer, QIODevice

    path.parent.mkdir(parents=True, exist_ok=True)
    if not quantize:
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.quantize(256).save(path, optimize=True)


@dataclass
class ShotLog:
    """What was written, and what looked wrong while writing it."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def save_grab(widget: Any, out_dir: Path, screen: str, state: str, language: str,
              orientation: str, size: tuple[int, int], log: ShotLog,
              quantize: bool = False, refit: Callable[[], None] | None = None,
              report: bool = True) -> bool:
    """Grab `widget` (after the event loop settled) into the file the naming rule
    gives; a grab that is not exactly `size` (after `refit`, if given) is saved, and
    logged as a problem (when `report`). True when the size was right."""
    settle()
    if refit is not None and (widget.width(), widget.height()) != size:
        refit()  # late events (style, language) may have changed minimum sizes
    image = widget.grab().toImage()
    path = out_dir / shot_name(screen, state, language, orientation)
    right = (image.width(), image.height()) == size
    if not right and report:
        log.problems.append(f"{path.name}: grabbed {image.width()}x{image.height()}, "
                            f"expected {size[0]}x{size[1]}; too large a minimum size: "
                            + ", ".join(too_large(widget, size)))
    save_png(image, path, quantize)
    if path not in log.files:
        log.files.append(path)
    return right


def too_large(window: Any, size: tuple[int, int]) -> list[str]:
    """The window's pages (a QStackedWidget `screens`) that ask for more than `size`."""
    pages = getattr(window, "screens", None)
    if pages is None:
        return [type(window).__name__]
    hints = []
    for index in range(pages.count()):
        page = pages.widget(index)
        hint = page.minimumSizeHint().expandedTo(page.minimumSize())
        hints.append((hint.height(), hint.width(), type(page).__name__))
    chrome = window.minimumSizeHint().height() - pages.minimumSizeHint().height()
    tallest = [f"{name} {w}x{h}" for h, w, name in sorted(hints, reverse=True)[:3]]
    widest = [f"{name} {w}x{h}" for h, w, name in sorted(hints, key=lambda t: -t[1])[:2]]
    return [f"window chrome {chrome} px high", *tallest, "widest:", *widest]


def shrink_if_needed(root: Path, files: Iterable[Path], limit: int = MAX_TOTAL_BYTES,
                     force: bool = False) -> bool:
    """Re-save `files` with a 256-colour palette when everything under `root` is
    larger than `limit` bytes (or when forced). True when it did."""
    total = sum(p.stat().st_size for p in root.rglob("*.png"))
    if not force and total <= limit:
        return False
    from PIL import Image

    for path in files:
        with Image.open(path) as picture:
            quantized = picture.convert("RGB").quantize(256)
        quantized.save(path, optimize=True)
    return True


# ---- the kiosk ----------------------------------------------------------------------------

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"
APPLY_MATTER = "MZ-001"  # minimum living allowance: number, choice, text fields
FORM_MATTER = "GA-001"  # residence permit: text, date, choice and a portrait photo
BOOKABLE = "WJ-006"  # free health check for seniors: needs an appointment


@dataclass
class KioskStage:
    """A running kiosk (the real composition) and the platform it talks to."""

    folder: Path
    platform: Any
    ui: Any
    shell: Any
    slips: Path
    booking_code: str = ""
    tracking_numbers: list[str] = field(default_factory=list)
    #: saves the current shot; for set-ups that must grab before they undo something
    save_current: Callable[[], None] = lambda: None
    #: large text / high contrast of the shots: switched on again after each session
    #: wipe (which turns the accessibility switches off for the next resident)
    theme: Any = None

    # ---- plumbing
    @property
    def navigator(self) -> Any:
        return self.ui.navigator

    @property
    def context(self) -> Any:
        return self.ui.context

    def screen(self, name: str) -> Any:
        return self.navigator.screens[name]

    @property
    def printer_driver(self) -> Any:
        return self.shell.services.devices.printer

    def fresh(self) -> None:
        """A clean start for the next shot: no session, a working printer, home."""
        from hardware.printer.status import PaperState

        self.printer_driver.set_faults(paper=PaperState.OK)
        self.ui.window.navigation.hide_countdown()
        if self.navigator.current is not None:
            self.navigator.end_session()
        if self.theme is not None:
            set_theme(self, self.theme)
        settle(1)

    def fit(self, size: tuple[int, int]) -> None:
        """Give the window `size`, and every screen (shown or not) the new shape.

        A screen rearranges for portrait or landscape in its resize event, which a
        hidden one only gets when shown; until then it keeps the old shape's minimum
        size, and the stack (as large as its largest page) would not fit a turned
        window. A kiosk never turns; the script does, so it tells them all."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QResizeEvent
        from PySide6.QtWidgets import QApplication

        window = self.ui.window
        pages = window.screens
        for attempt in range(5):
            if attempt >= 2 and (window.width(), window.height()) == size:
                break
            target = QSize(*size) if attempt == 0 else pages.size()
            for index in range(pages.count()):
                page = pages.widget(index)
                page.ensurePolished()  # a page never shown has no style sheet sizes yet
                old = page.size()
                page.resize(target)
                QApplication.sendEvent(page, QResizeEvent(target, old))
            settle(1)
            window.resize(*size)
            settle(1)

    def visit_all(self, size: tuple[int, int]) -> None:
        """Show every screen once at `size` (as the kiosk tests' `fit` does): each
        takes the shape and style it has at this size, then the session is wiped."""
        self.ui.window.resize(*size)
        for name in list(self.navigator.screens):
            self.navigator.go(name)
            settle(1)
        self.fresh()
        self.fit(size)

    def identify_as(self, id_number: str = ID_NUMBER, phone: str = PHONE) -> None:
        self.context.session.id_number = id_number
        self.context.session.phone = phone

    def slip_count(self) -> int:
        return len(list(self.slips.glob("*.png"))) if self.slips.exists() else 0

    @contextlib.contextmanager
    def platform_down(self) -> Iterator[None]:
        """The link is down for the duration (the platform comes back on its port)."""
        from terminal.local_platform import LocalPlatform

        port = int(self.platform.url.rsplit(":", 1)[1])
        self.platform.stop()
        try:
            yield
        finally:
            platform = LocalPlatform(f"sqlite:///{self.folder / 'platform.db'}",
                                     demo_data=DEMO_DIR)
            platform._server.config.port = port  # come back on the same address
            platform.start()
            self.platform = platform

    # ---- preparation (once)
    def prepare(self) -> None:
        """Applications to look up, statuses in the cache, a booking for today."""
        from sync.protocol.models import ApplicationPayload, ApplicationStatus, Channel, Person

        runtime = self.shell.services.runtime
        day = datetime.now().strftime("%Y%m%d")
        self.tracking_numbers = [f"RC-{day}-K01-{n:05d}" for n in (901, 902)]
        for number in self.tracking_numbers:
            runtime.outbox.submit(ApplicationPayload(
                tracking_number=number, matter_code=APPLY_MATTER, channel=Channel.KIOSK,
                applicant=Person(id_number=ID_NUMBER, name="张三丰", phone=PHONE,
                                 address="北京市东城区幸福里1号")))
        wait_until(lambda: runtime.outbox.backlog() == 0, what="the applications to sync")
        fetched = datetime.now(UTC) - timedelta(hours=2)
        runtime.cache.put_statuses([ApplicationStatus(
            tracking_number=f"RC-{day}-K01-00777", matter_code=APPLY_MATTER,
            status="missing", note="", updated_at=fetched)], "screenshots", fetched)
        self.booking_code = self._book_for_today()

    def _book_for_today(self) -> str:
        """One booking, moved to start in a minute, for the check-in screen."""
        from sqlalchemy import update
        from sqlalchemy.orm import Session

        from sync.server.db import BookingRow

        outcome = self.book_through_confirm(confirm=True)
        code = str(outcome.booking_code)
        runtime = self.shell.services.runtime
        wait_until(lambda: runtime.outbox.backlog() == 0, what="the booking to sync")
        now = time.time()
        with Session(self.platform.app.state.engine) as session, session.begin():
            session.execute(update(BookingRow).where(BookingRow.booking_code == code)
                            .values(slot_start=now + 60, slot_end=now + 1860))
        self.fresh()
        return code

    # ---- flows
    def go_catalog(self) -> Any:
        self.navigator.go("home")
        self.navigator.go("apply")
        catalog = self.screen("apply")
        wait_until(lambda: catalog.source.catalog is not None, what="the catalog")
        return catalog

    def fill_form_to_review(self, matter: str = APPLY_MATTER) -> Any:
        from sync.protocol.models import FieldType
        from terminal.form_fields import CaptureInput, ChoiceInput

        self.identify_as()
        self.navigator.go("home")
        self.navigator.go("matter", {"matter": matter})
        wait_until(lambda: self.screen("matter").matter is not None, what="the matter")
        self.navigator.go("apply_form", {"matter": matter})
        form_screen = self.screen("apply_form")
        wait_until(lambda: form_screen.form is not None, what="the form")
        values = {FieldType.NUMBER: "3", FieldType.TEXT: "幸福里1号楼2单元302室",
                  FieldType.DATE: "2025-09-15"}
        for page in form_screen.form.pages:
            widget = page.input
            if isinstance(widget, ChoiceInput):
                widget.buttons[0].click()
            elif isinstance(widget, CaptureInput):
                continue
            elif widget.field.type in values and not widget.locked:
                widget.set_value(values[widget.field.type])
        while self.navigator.current == "apply_form":
            index = form_screen.form.index
            form_screen.form.next.click()
            if form_screen.form.index == index and self.navigator.current == "apply_form":
                raise RuntimeError(form_screen.form.pages[index].error.text())
        return self.screen("apply_review")

    def submit_application(self) -> Any:
        review = self.fill_form_to_review()
        review.submit_button.click()
        wait_until(lambda: self.navigator.current == "apply_done", what="apply_done")
        return self.screen("apply_done")

    def form_step(self, matter: str, kind: Any) -> Any:
        self.identify_as()
        self.navigator.go("home")
        self.navigator.go("apply_form", {"matter": matter})
        screen = self.screen("apply_form")
        wait_until(lambda: screen.form is not None and screen.matter is not None
                   and screen.matter.code == matter, what="the form")
        form = screen.form
        index = next(i for i, page in enumerate(form.pages) if page.input.field.type is kind)
        form.show_step(index)
        return form.pages[index].input

    def open_take_number(self) -> Any:
        self.navigator.go("home")
        self.navigator.go("take_number")
        screen = self.screen("take_number")
        wait_until(lambda: "A" in screen.tiles and not screen.estimated,
                   what="the queue categories")
        return screen

    def take_ticket(self, category: str = "A") -> Any:
        self.open_take_number().tiles[category].click()
        wait_until(lambda: self.navigator.current == "queue_ticket", what="the ticket")
        return self.screen("queue_ticket")

    def open_slots(self) -> Any:
        self.navigator.go("home")
        self.navigator.go("book", {"matter": BOOKABLE})
        book = self.screen("book")
        wait_until(lambda: book.pages.currentIndex() == 1 and book.found is not None,
                   what="the slots")
        return book

    def open_free_day(self) -> Any:
        """The slots of the first day with a free time."""
        book = self.open_slots()
        for day in list(book.day_buttons):
            book.choose_day(day)
            wait_until(lambda: book.found is not None, what="the day's slots")
            if any(button.isEnabled() for button in book.slot_buttons):
                return book
        raise RuntimeError("no free slot in the next working days")

    def book_through_confirm(self, confirm: bool = False) -> Any:
        book = self.open_free_day()
        self.identify_as()
        next(button for button in book.slot_buttons if button.isEnabled()).click()
        wait_until(lambda: self.navigator.current == "book_confirm", what="book_confirm")
        if not confirm:
            return self.screen("book_confirm")
        self.screen("book_confirm").confirm.click()
        wait_until(lambda: self.navigator.current == "booking_done", what="booking_done")
        return self.screen("booking_done").item


def _printed(stage: KioskStage, before: int, screen: Any) -> None:
    wait_until(lambda: stage.slip_count() > before and not getattr(screen, "_printing", False),
               what="the slip to print")
    pause(300)


@dataclass(frozen=True)
class State:
    """One shot: the screen, its state, how to get there (from `fresh()`), what to
    undo afterwards, and whether the set-up saves the shot itself."""

    screen: str
    state: str
    show: Callable[[], Any]
    after: Callable[[], Any] | None = None
    saves_itself: bool = False


def kiosk_states(stage: KioskStage) -> list[State]:
    """Every kiosk shot."""
    from hardware.printer.status import PaperState
    from kiosk.screens.identify import Page as IdPage
    from kiosk.screens.status import Page as StatusPage
    from kiosk.screens.status_lookup import look_up
    from sync.protocol.models import FieldType

    nav, ui = stage.navigator, stage.ui

    def attract() -> None:
        ui.attract.refresh()

    def out_of_service() -> None:
        ui.show_out_of_service()

    def home() -> None:
        nav.go("home")

    def identify(page: str) -> Callable[[], None]:
        def show() -> None:
            nav.go("home")
            screen = stage.screen("identify")
            reader = stage.context.devices.card_reader
            take_number = stage.screen("take_number")
            purpose = lambda: take_number.tr(  # noqa: E731 - as the take-number flow asks
                "Your ID card shows your age for the priority queue.")
            nav.go("identify", {"next": "take_number", "purpose": purpose})
            if page == "done":  # a real read from the simulated card
                wait_until(lambda: screen.page() is IdPage.DONE, what="the card read")
                return
            if reader is not None:  # hold the simulated card back
                reader.stop_polling()
                pause(400)  # a read already under way arrives and is undone below
            stage.context.session.wipe()
            screen._clear_entries()
            screen._show(IdPage.CARD)
            if page == "card":
                return
            screen.type_instead.click()
            for key in (ID_NUMBER[:17] + "X" if page == "id" else "1101051949"):
                screen.id_keypad.buttons[key].click()
            if page == "phone":
                for key in ID_NUMBER[10:17] + "X":
                    screen.id_keypad.buttons[key].click()
                screen.id_next.click()
                for key in PHONE[:7]:
                    screen.phone_keypad.buttons[key].click()
        return show

    def notices(detail: bool) -> Callable[[], None]:
        def show() -> None:
            nav.go("home")
            nav.go("notices")
            screen = stage.screen("notices")
            if detail:
                screen.show_notice(screen.notices()[0].id)
        return show

    def status_ask() -> None:
        nav.go("home")
        camera = stage.context.devices.camera
        stage.context.devices.camera = None  # the typed page with its keyboard
        try:
            nav.go("status", {"new": True})
        finally:
            stage.context.devices.camera = camera
        screen = stage.screen("status")
        screen.reason_label.hide()
        screen.number_edit.setText(f"RC-{datetime.now():%Y%m%d}-K01-009")

    def status_scan() -> None:
        nav.go("home")
        screen = stage.screen("status")
        camera = stage.context.devices.camera
        if screen._camera_connected:  # show the preview, not the answer it finds
            camera.analysed.disconnect(screen._analysed)
        else:
            camera.frameReady.connect(screen._frame)
            camera.healthChanged.connect(screen._camera_health)
            screen._camera_connected = True
        nav.go("status", {"new": True})
        wait_until(lambda: screen.preview.frame() is not None, what="a camera frame")
        pause(200)

    def status_scan_done() -> None:  # after the shot: the screen connects afresh
        screen = stage.screen("status")
        camera = stage.context.devices.camera
        stage.fresh()
        with contextlib.suppress(RuntimeError, TypeError):
            camera.frameReady.disconnect(screen._frame)
            camera.healthChanged.disconnect(screen._camera_health)
        screen._camera_connected = False

    def status_online() -> None:
        nav.go("home")
        screen = stage.screen("status")
        nav.go("status", {"tracking_number": stage.tracking_numbers[0]})
        wait_until(lambda: screen.page() is StatusPage.RESULT, what="the status")

    def status_cached() -> None:
        nav.go("home")
        nav.go("status", {"new": True})
        screen = stage.screen("status")
        cache = stage.shell.services.runtime.cache
        number = f"RC-{datetime.now():%Y%m%d}-K01-00777"
        screen._answered(look_up(number, None, cache.status, screen._matter))

    def status_not_found() -> None:
        nav.go("home")
        screen = stage.screen("status")
        nav.go("status", {"tracking_number": f"RC-{datetime.now():%Y%m%d}-K01-00999"})
        wait_until(lambda: screen.page() is StatusPage.RESULT, what="the status")

    def help_screen() -> None:
        nav.go("home")
        nav.go("help")

    def apply_departments() -> None:
        stage.go_catalog()

    def apply_topics() -> None:
        catalog = stage.go_catalog()
        department = next(key for key in catalog.tiles.buttons if key.startswith("department:"))
        catalog.tiles.buttons[department].click()

    def apply_search() -> None:
        catalog = stage.go_catalog()
        catalog.search_box.setText("dbsq")

    def matter() -> None:
        nav.go("home")
        nav.go("matter", {"matter": FORM_MATTER})
        wait_until(lambda: stage.screen("matter").matter is not None, what="the matter")

    def form_step(kind: Any) -> Callable[[], None]:
        def show() -> None:
            widget = stage.form_step(FORM_MATTER, kind)
            if kind is FieldType.TEXT:
                widget.set_value("幸福里1号楼")
            if kind is FieldType.PHOTO:
                wait_until(lambda: widget.preview.frame() is not None, what="a camera frame")
                pause(200)
        return show

    def review() -> None:
        stage.fill_form_to_review()

    def done_printed() -> None:
        before = stage.slip_count()
        done = stage.submit_application()
        _printed(stage, before, done)

    def done_slip() -> None:
        stage.printer_driver.set_faults(paper=PaperState.OUT)
        done = stage.submit_application()
        wait_until(done.slip_shown, what="the slip on screen")

    def repair(state: str) -> Callable[[], None]:
        def show() -> None:
            nav.go("home")
            nav.go("repair", {"restart": True})
            screen = stage.screen("repair")
            if state == "kind":
                return
            if state == "details":
                screen.inputs["description"].set_value("电梯在5楼和6楼之间停住了。")
                screen.form.show_step(list(screen.inputs).index("description"))
                return
            screen.inputs["kind"].buttons[2].click()
            screen.inputs["location"].set_value("3号楼2单元")
            screen.inputs["description"].set_value("电梯在5楼和6楼之间停住了。")
            screen.inputs["phone"].set_value("13900001111")
            for _step in range(len(screen.inputs)):
                if screen.stack.currentIndex() == 1:
                    break
                screen.form.next.click()
        return show

    def take_number() -> None:
        stage.open_take_number()

    def ticket() -> None:
        before = stage.slip_count()
        screen = stage.take_ticket()
        wait_until(lambda: stage.slip_count() > before, what="the ticket to print")
        pause(300)
        settle()
        del screen

    def ticket_slip() -> None:
        stage.printer_driver.set_faults(paper=PaperState.OUT)
        screen = stage.take_ticket("B")
        wait_until(screen.slip_shown, what="the ticket slip on screen")

    def book_matters() -> None:
        nav.go("home")
        nav.go("book")
        book = stage.screen("book")
        wait_until(lambda: bool(book.matter_tiles) and book.pages.currentIndex() == 0,
                   what="the bookable matters")

    def book_slots() -> None:
        stage.open_free_day()

    def book_offline() -> None:
        book = stage.open_free_day()
        with stage.platform_down():
            book.choose_day(book.day)  # again, offline: the day's slots from the cache
            wait_until(lambda: book.found is not None and book.found.offline,
                       what="the cached slots")
            stage.save_current()

    def book_confirm() -> None:
        stage.book_through_confirm()

    def booking_done() -> None:
        before = stage.slip_count()
        stage.book_through_confirm(confirm=True)
        wait_until(lambda: stage.slip_count() > before, what="the booking slip")
        pause(300)

    def check_in(identified: bool) -> Callable[[], None]:
        def show() -> None:
            nav.go("home")
            if identified:
                stage.identify_as()
            nav.go("check_in")
            screen = stage.screen("check_in")
            if identified:
                wait_until(lambda: stage.booking_code in screen.tiles, what="the booking")
        return show

    def technician_pin() -> None:
        nav.go("technician")

    def technician_panel() -> None:
        nav.go("technician")
        stage.screen("technician")._open_panel()
        pause(500)

    def idle_countdown() -> None:
        notices(True)()  # a screen with "Back", a title and "Home" beside the banner
        ui.window.navigation.show_countdown(12)

    states = [
        State("attract", "", attract),
        State("out-of-service", "", out_of_service),
        State("home", "", home),
        State("identify", "card", identify("card")),
        State("identify", "id-number", identify("id")),
        State("identify", "phone", identify("phone")),
        State("identify", "confirmed", identify("done")),
        State("notices", "", notices(False)),
        State("notices", "detail", notices(True)),
        State("status", "ask", status_ask),
        State("status", "scan", status_scan, after=status_scan_done),
        State("status", "online", status_online),
        State("status", "cached", status_cached),
        State("status", "not-found", status_not_found),
        State("help", "", help_screen),
        State("apply", "departments", apply_departments),
        State("apply", "topics", apply_topics),
        State("apply", "search", apply_search),
        State("matter", "", matter),
        State("apply-form", "text", form_step(FieldType.TEXT)),
        State("apply-form", "choice", form_step(FieldType.CHOICE)),
        State("apply-form", "date", form_step(FieldType.DATE)),
        State("apply-form", "photo", form_step(FieldType.PHOTO)),
        State("apply-review", "", review),
        State("apply-done", "printed", done_printed),
        State("apply-slip", "", done_slip),
        State("repair", "kind", repair("kind")),
        State("repair", "details", repair("details")),
        State("repair", "check", repair("check")),
        State("take-number", "", take_number),
        State("ticket", "", ticket),
        State("ticket-slip", "", ticket_slip),
        State("book", "matters", book_matters),
        State("book", "slots", book_slots),
        State("book", "offline-slots", book_offline, saves_itself=True),
        State("book-confirm", "", book_confirm),
        State("booking-done", "", booking_done),
        State("check-in", "", check_in(True)),
        State("check-in", "identify", check_in(False)),
        State("technician-pin", "", technician_pin),
        State("technician-panel", "", technician_panel),
        State("idle", "countdown", idle_countdown),
    ]
    return states


#: (screen, state) pairs also shot in each accessibility theme
THEMED = [("home", ""), ("apply-form", "text")]


@contextlib.contextmanager
def kiosk_stage(folder: Path, *, separate_platform: bool = False,
                as_application: bool = False) -> Iterator[KioskStage]:
    """Platform, enrolled terminal, real shell with devices, the kiosk composition.

    `separate_platform` runs the platform as its own process (benchmarks that
    measure the kiosk process alone); `as_application` runs the camera and the
    store's migration in child processes, as the kiosk application does."""
    from kiosk.composition import KioskComposition
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from terminal.background import wait_for_background
    from terminal.shell import start_shell

    os.environ.setdefault("RECEPTION_LOG_DIR", str(folder / "logs"))
    platform: Any
    if separate_platform:
        from sync.server.process import PlatformProcess

        platform = PlatformProcess(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
        platform.start()
        url = platform.url
    else:  # in this process: the kiosk's memory would include the platform's
        from terminal.local_platform import LocalPlatform

        platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
        url = platform.start()
    config_dir = folder / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    os.environ["RECEPTION_CONFIG_DIR"] = str(config_dir)  # the technician panel's file
    slips = folder / "slips"
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "zh_CN"},
        "platform": {"url": url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(folder / "data")},
        "sync": {"poll_interval": 1.0, "backoff_cap": 2.0},
        "devices.printer": {"kind": "virtual", "output_dir": str(slips)},
        "devices.card_reader": {"kind": "simulated"},
        "devices.camera": {"kind": "simulated"},
    }), "utf-8")
    enroll_terminal(url, enroll_code(platform, separate_platform), config_dir)
    shell = start_shell("reception-kiosk-screenshots", config_dir, argv=[sys.argv[0]],
                        lock=False, with_devices=True, as_kiosk_application=as_application)
    ui = None
    stage = None
    try:
        shell.services.runtime.synchronizer.refresh()  # catalog, notices, staff: cached
        ui = KioskComposition(shell.gui, kiosk_mode=False)
        ui.attach(shell)
        ui.idle.idle_seconds = 24 * 3600  # no wipe half-way through a long run
        ui.window.resize(*KIOSK_SIZES["portrait"])
        ui.window.present()
        shell.bridge.start()
        stage = KioskStage(folder, platform, ui, shell, slips)
        settle()
        yield stage
    finally:
        if ui is not None:
            with contextlib.suppress(Exception):
                ui.navigator.end_session()
            wait_for_background()
            ui.stop()
            ui.context.shell = None  # the widgets outlive the store: no more look-ups
            ui.window.close()
            ui.window.deleteLater()
        shell.close()
        (stage.platform if stage is not None else platform).stop()


def enroll_code(platform: Any, separate: bool) -> str:
    from sync.protocol.models import Role

    if not separate:
        return platform.enroll_code("C001", Role.KIOSK)
    # the platform's own command, so that this process loads none of the platform
    done = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db", platform.database_url,
         "--center", "C001", "--role", Role.KIOSK.value],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def set_theme(stage: KioskStage, mode: Any) -> None:
    """Large text and high contrast through the accessibility bar's switches."""
    stage.theme = mode
    bar = stage.ui.bar
    bar.large_text_button.setChecked(mode.large_text)
    bar.contrast_button.setChecked(mode.high_contrast)


def kiosk_shots(out_dir: Path, *, shots: Sequence[str] = (),
                languages: Sequence[str] = LANGUAGES,
                orientations: Sequence[str] = tuple(KIOSK_SIZES), themes: bool = True,
                quantize: bool = False, log: ShotLog | None = None) -> ShotLog:
    """Every kiosk screen state into `out_dir/kiosk`. `shots` limits it to names like
    `home` or `apply-form-text` (screen, or screen-state); empty: all of them."""
    from terminal.theme import ThemeMode

    log = log or ShotLog()
    target = out_dir / "kiosk"
    wanted = set(shots)
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as folder, \
            kiosk_stage(Path(folder)) as stage:
        gui = stage.shell.gui
        chosen = [s for s in kiosk_states(stage) if not wanted or s.screen in wanted
                  or f"{s.screen}-{s.state}" in wanted]
        if any(s.screen in ("status", "check-in") for s in chosen):
            stage.prepare()
        modes = ((ThemeMode(high_contrast=True), "high-contrast"),
                 (ThemeMode(large_text=True), "large-text")) if themes else ()
        runs = [(s, None, "") for s in chosen] + [
            (s, mode, label) for s in chosen if (s.screen, s.state) in THEMED
            for mode, label in modes]
        retry: list[tuple[str, str, State, Any, str]] = []
        for attempt in (1, 2):
            jobs = [(language, orientation, shot, mode, label)
                    for language in languages for orientation in orientations
                    for shot, mode, label in runs] if attempt == 1 else retry
            retry = [] if attempt == 1 else retry
            shaped: tuple[Any, ...] = ()
            for job in list(jobs):
                language, orientation, shot, mode, label = job
                if gui.language.language != language:
                    # the kiosk's own language (a session's wipe returns to it)
                    gui.settings = dataclasses.replace(gui.settings, language=language)
                    gui.language.set_language(language)
                    stage.ui.bar.set_language(language)
                size = KIOSK_SIZES[orientation]
                full_state = "-".join(p for p in (label, shot.state) if p)
                name = shot_name(shot.screen, full_state, language, orientation)
                right = [True]

                def save(shot: State = shot, full_state: str = full_state,
                         size: tuple[int, int] = size, orientation: str = orientation,
                         language: str = language, right: list[bool] = right,
                         final: bool = attempt == 2) -> None:
                    right[0] = save_grab(stage.ui.window, target, shot.screen, full_state,
                                         language, orientation, size, log, quantize,
                                         refit=lambda: stage.fit(size), report=final)

                stage.save_current = save
                try:
                    if mode is not None:  # as a resident does: the accessibility bar
                        set_theme(stage, mode)
                    if attempt == 2 or (language, orientation, mode) != shaped:
                        stage.visit_all(size)
                        shaped = (language, orientation, mode)
                    stage.fit(size)
                    stage.fresh()
                    stage.fit(size)
                    shot.show()
                    if not shot.saves_itself:
                        save()
                    if not right[0] and attempt == 1:
                        retry.append(job)  # once more, after every screen took the shape
                    note = "" if right[0] else (" (size off; again later)" if attempt == 1
                                                else " (size off: see PROBLEM)")
                    print(f"  {name}{note}", flush=True)
                except Exception as error:  # one bad state must not stop the rest
                    log.problems.append(f"{name}: {type(error).__name__}: {error}")
                    print(f"  {name}: FAILED {error}", flush=True)
                finally:
                    if shot.after is not None:
                        shot.after()
                    if mode is not None:
                        set_theme(stage, ThemeMode())
        stage.fresh()
    return log


# ---- the counter ----------------------------------------------------------------------------

#: size name -> window size: the two desk monitors a counter runs on
COUNTER_SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}
DISPLAY_SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1080x1920": (1080, 1920)}
CLERK, CLERK_PIN = "1001", "246810"  # resources/demo/staff.json
COUNTER_WINDOW = "3"
ACCEPTANCE_MATTER = "MZ-001"  # minimum living allowance: committed, four materials
ACCEPTANCE_FORM = {"phone": PHONE, "household_size": 3, "monthly_income": 1200,
                   "reason": "疾病 Illness", "address": "北京市东城区幸福里1号"}
WORKBENCH_STEPS = ("matter", "applicant", "form", "materials", "documents", "outcome")


def enroll_client(url: str, code: str) -> Any:
    """A bare platform client of another terminal (a kiosk issuing, a counter calling)."""
    import base64

    from sync.client import PlatformClient

    answer = PlatformClient.enroll(url, code)
    return PlatformClient(url, answer.terminal_id, base64.urlsafe_b64decode(answer.key))


@dataclass
class CounterStage:
    """A running counter (the real composition, signed-in clerk and all), the
    platform it talks to and a kiosk client that gives residents their tickets."""

    folder: Path
    platform: Any
    shell: Any
    ui: Any  # CounterComposition
    kiosk: Any
    platform_up: bool = True

    @property
    def desk(self) -> Any:
        return self.ui.desk

    @property
    def panel(self) -> Any:
        return self.ui.queue_panel

    @property
    def workbench(self) -> Any:
        return self.ui.workbench

    def issue(self, *categories: str) -> None:
        from uuid import uuid4

        for category in categories:
            self.kiosk.issue_ticket(category, uuid4())

    def idle_desk(self) -> None:
        wait_until(lambda: not self.desk.actions.busy and not self.desk.reads.busy,
                   what="the desk's platform calls")
        settle()

    def set_language(self, language: str) -> None:
        """What the counter does when the clerk switches language: the texts (Qt's
        LanguageChange), the category names and the center's name."""
        gui = self.shell.gui
        if gui.language.language != language:
            gui.language.set_language(language)
        self.panel.set_language(language)
        self.ui.window.set_identity(gui.settings.center_name(language), self.desk.window)
        settle()


@contextlib.contextmanager
def counter_stage(folder: Path) -> Iterator[CounterStage]:
    """Platform, a counter enrolled as window 3 (real shell, simulated card reader and
    camera, the virtual printer), its composition root, and a kiosk client."""
    from counter.composition import CounterComposition
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.background import wait_for_background
    from terminal.local_platform import LocalPlatform
    from terminal.shell import start_shell

    os.environ.setdefault("RECEPTION_LOG_DIR", str(folder / "logs"))
    platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
    url = platform.start()
    config_dir = folder / "counter-config"
    config_dir.mkdir(parents=True, exist_ok=True)
    text = render_toml({
        "terminal": {"language": "zh_CN", "role": "counter"},
        "platform": {"url": url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(folder / "counter-data")},
        "sync": {"poll_interval": 1.0, "backoff_cap": 2.0},
        "counter": {"window": COUNTER_WINDOW, "recalls_before_no_show": 2,
                    "idle_signout_seconds": 14_400},  # no sign-out half-way through
        "devices.printer": {"kind": "virtual", "output_dir": str(folder / "slips")},
        "devices.card_reader": {"kind": "simulated"},
        "devices.camera": {"kind": "simulated"},
    })
    # render_toml writes no arrays: the categories line goes in by hand
    text = text.replace("[counter]\n", '[counter]\ncategories = ["A", "B"]\n')
    (config_dir / CONFIG_FILE).write_text(text, "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role.COUNTER), config_dir)
    shell = start_shell("reception-counter-screenshots", config_dir, argv=[sys.argv[0]],
                        lock=False, with_devices=True, camera_process=True)
    kiosk = None
    ui = None
    stage = None
    try:
        shell.services.runtime.synchronizer.refresh()  # staff roster and catalog: cached
        kiosk = enroll_client(url, platform.enroll_code("C001", Role.KIOSK))
        ui = CounterComposition(shell.gui)
        ui.attach(shell)
        ui.window.resize(*COUNTER_SIZES["1920x1080"])
        ui.window.show()
        shell.bridge.start()
        stage = CounterStage(folder, platform, shell, ui, kiosk)
        reference = ui.reference
        wait_until(lambda: reference is not None and bool(reference.roster)
                   and reference.catalog is not None,
                   what="the roster and the catalog (read off the GUI thread)")
        settle()
        yield stage
    finally:
        if ui is not None:
            wait_for_background()
            if ui.rating is not None:
                ui.rating.hide()
            ui.stop()
            ui.window.close()
            ui.window.deleteLater()
        if kiosk is not None:
            kiosk.close()
        shell.close()
        if stage is None or stage.platform_up:
            platform.stop()


@dataclass(frozen=True)
class CounterState:
    """One counter shot: how to get there from the shot before it (they run in this
    order, one clerk's morning), and what to grab (the window, or the rating window)."""

    screen: str
    state: str
    show: Callable[[], Any]
    rating: bool = False  # the resident-facing rating window, not the clerk's
    #: run again after each language switch (messages of past events stay in the old one)
    each_language: Callable[[], Any] | None = None


def counter_states(stage: CounterStage) -> list[CounterState]:
    """Every counter shot, in the order a clerk's morning reaches them."""
    from counter.acceptance.model import MaterialState
    from counter.acceptance.workbench import HISTORY, OUTCOME
    from counter.rating.window import LEVELS_PAGE, REASONS_PAGE, THANKS
    from sync.protocol.models import AcceptanceOutcome

    ui, desk, panel = stage.ui, stage.desk, stage.panel
    workbench = stage.workbench

    def sign_in_screen() -> None:
        ui.sign_in.reset()
        ui.sign_in.staff_no.setText(CLERK)

    def queue_idle() -> None:
        stage.issue("A", "A", "B", "A", "B", "A")
        ui.sign_in.staff_no.setText(CLERK)
        ui.sign_in.pin.setText(CLERK_PIN)
        ui.sign_in.submit()
        wait_until(lambda: desk.clerk is not None, what="the clerk to sign in")
        desk.refresh()
        wait_until(lambda: panel.state is not None, what="the queue figures")
        stage.idle_desk()
        ui.window.show_status("")

    def serving() -> None:
        panel.trigger("call")
        stage.idle_desk()
        wait_until(lambda: desk.current is not None, what="a called ticket")
        panel.trigger("serve")
        stage.idle_desk()
        ui.window.show_status("")
        wait_until(lambda: workbench.matter_step.matter(ACCEPTANCE_MATTER) is not None,
                   what="the catalog in the workbench")
        workbench.new_application()
        workbench.choose_matter(workbench.matter_step.matter(ACCEPTANCE_MATTER))
        applicant = workbench.applicant_step
        workbench.go(1)
        applicant.read_button.click()
        wait_until(lambda: applicant.id_number.text() != "", what="the ID card")
        workbench.go(2)
        workbench.form_step.set_values(ACCEPTANCE_FORM)
        workbench.go(3)
        workbench.materials_step.all_received.click()
        workbench.materials_step.set("INCOME", MaterialState.MISSING)
        workbench.materials_step.set("BANK", MaterialState.PROMISED)
        workbench.go(4)
        import numpy as np

        from hardware.camera.synthetic import page_scene

        documents = workbench.documents_step
        documents.capture_frame(page_scene(np.random.default_rng(5)).frame)
        wait_until(lambda: len(documents.documents) == 1, what="the scanned page")

    def step(index: int) -> Callable[[], None]:
        def show() -> None:
            if index == 0:
                serving()
                workbench.go(0)
                workbench.matter_step.search.setText("dbsq")
            else:
                workbench.go(index)
            if WORKBENCH_STEPS[index] == "documents":
                pause(800)  # the camera's live picture
        return show

    def transfer() -> None:
        panel.trigger("transfer")

    def rating_levels() -> None:
        panel.close_chooser()
        workbench.go(OUTCOME)
        workbench.outcome_step.choose(AcceptanceOutcome.MISSING_MATERIALS)
        rating = ui.rating
        rating.resize(*COUNTER_SIZES["1920x1080"])
        rating.show()
        workbench.outcome_step.record.click()
        wait_until(lambda: rating.page() == LEVELS_PAGE, what="the rating request")

    def rating_reasons() -> None:
        ui.rating.choose(1)
        ui.rating.reason_buttons["long_wait"].click()
        ui.rating.reason_buttons["unclear"].click()
        assert ui.rating.page() == REASONS_PAGE

    def rating_thanks() -> None:
        ui.rating.submit_button.click()
        ui.rating._reset_timer.stop()  # it would go back to idle by itself in 4 s
        assert ui.rating.page() == THANKS

    def history() -> None:
        ui.rating.reset()
        ui.rating.hide()
        workbench._say("")  # "Recorded ...": said once, in the language of that moment
        workbench.go(HISTORY)
        wait_until(lambda: len(workbench.history.entries) >= 1, what="today's outcomes")
        pause(200)

    def walk_in() -> None:
        panel.trigger("end")
        stage.idle_desk()
        workbench.new_application()
        workbench._say("")
        panel.trigger("walk_in")

    def paused() -> None:
        panel.close_chooser()
        panel.trigger("pause")
        panel.chooser.buttons["break"].click()
        stage.idle_desk()
        ui.window.show_status("")

    def figures() -> None:
        panel.trigger("pause")  # back to work
        stage.idle_desk()
        ui.window.figures_button.setChecked(True)
        wait_until(lambda: ui.figures.figures is not None and not ui.reads.busy,
                   what="the day's figures")

    def offline() -> None:
        ui.window.figures_button.setChecked(False)
        stage.platform.stop()
        stage.platform_up = False
        panel.trigger("call")
        stage.idle_desk()
        wait_until(lambda: desk.online is False, what="the desk to go offline")
        # a walk-in served offline: its record waits in the outbox, and the sync
        # worker (which only notices a dead link when it has something to send) says so
        panel.trigger("walk_in")
        panel.chooser.choose_index(0)
        stage.idle_desk()
        panel.trigger("end")
        stage.idle_desk()
        wait_until(lambda: ui.badge._state is not None and ui.badge._state.online is False,
                   what="the sync badge to go offline")
        offline_again()

    def offline_again() -> None:
        panel.trigger("call")  # the status line's message, in the language now shown
        stage.idle_desk()

    states = [
        CounterState("sign-in", "", sign_in_screen),
        CounterState("queue", "idle", queue_idle),
        *[CounterState("serving", name, step(index))
          for index, name in enumerate(WORKBENCH_STEPS)],
        CounterState("transfer", "", transfer),
        CounterState("rating", "levels", rating_levels, rating=True),
        CounterState("rating", "reasons", rating_reasons, rating=True),
        CounterState("rating", "thanks", rating_thanks, rating=True),
        CounterState("history", "", history),
        CounterState("walk-in", "", walk_in),
        CounterState("paused", "", paused),
        CounterState("figures", "", figures),
        CounterState("offline", "", offline, each_language=offline_again),
    ]
    return states


def _wanted(shots: Sequence[str], screen: str, state: str) -> bool:
    """`hall` wants every hall state; `hall-offline`, or `queue-idle`, just that one."""
    return not shots or screen in shots or "-".join(p for p in (screen, state) if p) in shots


def counter_shots(out_dir: Path, *, shots: Sequence[str] = (),
                  languages: Sequence[str] = LANGUAGES,
                  sizes: Sequence[str] = tuple(COUNTER_SIZES), quantize: bool = False,
                  log: ShotLog | None = None, **_options: Any) -> ShotLog:
    """Every counter screen into `out_dir/counter`, at each desk size, in each
    language. The states build on each other (sign in, call, accept, rate...), so
    all run up to the last one wanted; only the wanted ones are saved."""
    log = log or ShotLog()
    target = out_dir / "counter"
    with tempfile.TemporaryDirectory(prefix="counter-screenshots-") as folder, \
            counter_stage(Path(folder)) as stage:
        states = counter_states(stage)
        chosen = [i for i, s in enumerate(states) if _wanted(shots, s.screen, s.state)]
        for shot in states[:max(chosen) + 1] if chosen else []:
            name = "-".join(p for p in (shot.screen, shot.state) if p)
            try:
                shot.show()
            except Exception as error:  # later states build on this one: stop here
                log.problems.append(f"counter {name}: {type(error).__name__}: {error}")
                print(f"  {name}: FAILED {error}", flush=True)
                break
            if not _wanted(shots, shot.screen, shot.state):
                continue
            widget = stage.ui.rating if shot.rating else stage.ui.window
            for language in languages:
                stage.set_language(language)
                if shot.each_language is not None:
                    shot.each_language()
                for size_name in sizes:
                    size = COUNTER_SIZES[size_name]
                    widget.resize(*size)
                    settle()
                    right = save_grab(widget, target, shot.screen, shot.state, language,
                                      size_name, size, log, quantize,
                                      refit=lambda w=widget, s=size: w.resize(*s))
                    note = "" if right else " (size off: see PROBLEM)"
                    print(f"  {shot_name(shot.screen, shot.state, language, size_name)}"
                          f"{note}", flush=True)
    return log


# ---- the hall display ---------------------------------------------------------------------

@dataclass
class DisplayStage:
    platform: Any
    shell: Any
    ui: Any  # DisplayComposition
    clients: list[Any]
    platform_up: bool = True

    def set_language(self, language: str) -> None:
        gui = self.shell.gui
        if gui.language.language != language:
            gui.language.set_language(language)
        self.ui.screen.set_language(language)
        self.ui.refresh_notices()  # the configured language's title first
        settle()


@contextlib.contextmanager
def display_stage(folder: Path) -> Iterator[DisplayStage]:
    """Platform, a hall display enrolled with it (real feed, silent voice), and a
    kiosk and a counter client to issue and call tickets."""
    from display.composition import DisplayComposition
    from display.services import open_display_services
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.local_platform import LocalPlatform
    from terminal.shell import attach_services
    from terminal.startup import start_gui

    os.environ.setdefault("RECEPTION_LOG_DIR", str(folder / "logs"))
    platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
    url = platform.start()
    config_dir = folder / "display-config"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "zh_CN", "role": "display"},
        "platform": {"url": url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(folder / "display-data")},
        "display": {"speech": "silent", "fullscreen": False},
    }), "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role.DISPLAY), config_dir)
    gui = start_gui("reception-display-screenshots", config_dir, argv=[sys.argv[0]],
                    lock=False)
    shell = attach_services(gui, open_display_services(config_dir))
    ui = None
    clients: list[Any] = []
    stage = None
    try:
        shell.services.runtime.synchronizer.refresh()  # the notices into the cache
        for role in (Role.KIOSK, Role.COUNTER, Role.KIOSK):
            clients.append(enroll_client(url, platform.enroll_code("C001", role)))
        ui = DisplayComposition(gui, fullscreen=False)
        ui.screen.resize(*DISPLAY_SIZES["1920x1080"])
        ui.attach(shell)
        ui.present()
        shell.bridge.start()
        stage = DisplayStage(platform, shell, ui, clients)
        wait_until(lambda: ui.screen.online is True, what="the hall feed")
        wait_until(lambda: bool(ui.screen.ticker.text), what="the notices (read off the GUI "
                                                             "thread)")
        settle()
        yield stage
    finally:
        if ui is not None:
            ui.stop()
            ui.screen.close()
            ui.screen.deleteLater()
        for client in clients:
            client.close()
        shell.close()
        if stage is None or stage.platform_up:
            platform.stop()


def display_states(stage: DisplayStage) -> list[State]:
    """Nobody called yet, a morning's calls, two kiosks asking for staff (one
    answered), then the link lost."""
    import json
    from uuid import uuid4

    kiosk, counter, other_kiosk = stage.clients
    screen = stage.ui.screen

    def empty() -> None:
        pause(300)

    def calls() -> None:
        for category, count in (("A", 9), ("B", 6), ("C", 2), ("D", 4)):
            for _ in range(count):
                kiosk.issue_ticket(category, uuid4())
        called = []
        for window, category in (("1", "A"), ("2", "B"), ("4", "A"), ("5", "D"), ("6", "A"),
                                 ("2", "B"), ("1", "C"), ("4", "A"), ("3", "B"),
                                 ("6", "A")):
            ticket = counter.call_next(window, CLERK, [category])
            if ticket is not None:
                called.append(ticket.number)
        wait_until(lambda: bool(screen.calls) and screen.calls[0].number == called[-1]
                   and screen.state is not None
                   and sum(c.waiting for c in screen.state.categories) > 0,
                   what="the calls on the hall screen")
        wait_until(lambda: not screen._flash_timer.isActive(), what="the call panel's flash")

    def help_board() -> None:
        for client, name in ((kiosk, "2"), (other_kiosk, "5")):
            item = {"id": str(uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
                    "payload": {"kind": "help_request", "kiosk": name, "screen": "take_number",
                                "screen_title": "Take a number", "language": "zh_CN"}}
            client.post_batch(json.dumps({"items": [item]}).encode())
        wait_until(lambda: screen.help is not None and len(screen.help.requests) == 2,
                   what="the help requests on the hall screen")
        assert screen.help is not None
        counter.acknowledge_help(screen.help.requests[0].id, "3", CLERK)
        wait_until(lambda: screen.help is not None and not screen.help.requests[0].open,
                   what="staff on the way")

    def offline() -> None:
        # the event stream never ends by itself: without force_exit the server would
        # wait for it (and keep serving it) instead of going away
        import logging

        stage.platform._server.force_exit = True
        quiet = logging.getLogger("uvicorn.error")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)  # the cancelled stream's traceback
        try:
            stage.platform.stop()
        finally:
            quiet.setLevel(level)
        stage.platform_up = False
        wait_until(lambda: screen.online is False, what="the hall feed to drop")

    return [State("hall", "empty", empty), State("hall", "", calls),
            State("hall", "help", help_board), State("hall", "offline", offline)]


def display_shots(out_dir: Path, *, shots: Sequence[str] = (),
                  languages: Sequence[str] = LANGUAGES, quantize: bool = False,
                  log: ShotLog | None = None, **_options: Any) -> ShotLog:
    """The hall display at each of DISPLAY_SIZES into `out_dir/display`: empty, with
    calls, with help requests, offline, in each language (its first language; the
    other one under it)."""
    log = log or ShotLog()
    target = out_dir / "display"
    with tempfile.TemporaryDirectory(prefix="display-screenshots-") as folder, \
            display_stage(Path(folder)) as stage:
        states = display_states(stage)
        chosen = [i for i, s in enumerate(states) if _wanted(shots, s.screen, s.state)]
        for shot in states[:max(chosen) + 1] if chosen else []:
            name = "-".join(p for p in (shot.screen, shot.state) if p)
            try:
                shot.show()
            except Exception as error:
                log.problems.append(f"display {name}: {type(error).__name__}: {error}")
                print(f"  {name}: FAILED {error}", flush=True)
                break
            if not _wanted(shots, shot.screen, shot.state):
                continue
            screen = stage.ui.screen
            for language in languages:
                stage.set_language(language)
                for size_name, size in DISPLAY_SIZES.items():
                    screen.resize(*size)
                    right = save_grab(screen, target, shot.screen, shot.state, language,
                                      size_name, size, log, quantize,
                                      refit=lambda w=screen, s=size: w.resize(*s))
                    note = "" if right else " (size off: see PROBLEM)"
                    print(f"  {shot_name(shot.screen, shot.state, language, size_name)}"
                          f"{note}", flush=True)
    return log


APPS: dict[str, Callable[..., ShotLog]] = {
    "kiosk": kiosk_shots, "counter": counter_shots, "display": display_shots}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(APPS), help="one app instead of all")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--shot", action="append", default=[],
                        help="only this screen or screen-state (repeatable)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, default=[],
                        help="only this language (repeatable)")
    parser.add_argument("--orientation", action="append", choices=sorted(KIOSK_SIZES),
                        default=[], help="only this orientation (repeatable)")
    parser.add_argument("--size", action="append", choices=sorted(COUNTER_SIZES), default=[],
                        help="only this counter window size (repeatable)")
    parser.add_argument("--no-themes", action="store_true",
                        help="skip the high-contrast and large-text variants")
    parser.add_argument("--quantize", choices=("auto", "always", "never"), default="auto",
                        help="256-colour PNGs: when the total passes 25 MB (auto)")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    from terminal.startup import qt_application

    qt_application([sys.argv[0]], "reception-screenshots")
    log = ShotLog()
    for name, shots in APPS.items():
        if arguments.only and name != arguments.only:
            continue
        print(f"{name}:", flush=True)
        options: dict[str, Any] = {"shots": arguments.shot,
                                   "languages": arguments.lang or LANGUAGES,
                                   "quantize": arguments.quantize == "always", "log": log}
        if name == "kiosk":
            options.update(themes=not arguments.no_themes,
                           orientations=arguments.orientation or tuple(KIOSK_SIZES))
        elif name == "counter":
            options.update(sizes=arguments.size or tuple(COUNTER_SIZES))
        shots(arguments.out, **options)
    if arguments.quantize == "auto" and log.files and shrink_if_needed(arguments.out, log.files):
        print("quantized to 256 colours (the total passed 25 MB)")
    total = sum(p.stat().st_size for p in arguments.out.rglob("*.png")) \
        if arguments.out.exists() else 0
    print(f"{len(log.files)} files written, {total / 1024 / 1024:.1f} MB in {arguments.out}")
    for problem in log.problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    return 1 if log.problems else 0


if __name__ == "__main__":
    sys.exit(main())
