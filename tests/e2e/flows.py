"""Steps every flow shares, done as a resident does them: by touch."""

from __future__ import annotations

import re
import time
from typing import Any

from hardware.printer.escpos_text import EscposContent
from tests.e2e.kiosk import Kiosk, Widget
from tests.e2e.peers import CardReader, Platform, Printer, wait_until

#: the kiosk's own confirmation wait after a card read, and some slack
CONFIRM_WAIT = 4.0
TRACKING = re.compile(r"RC-\d{8}-[A-Z][A-Z0-9]{1,7}-\d{5}")


def start_session(kiosk: Kiosk) -> None:
    """From the attract screen to the home screen."""
    kiosk.begin("touch the attract screen")
    kiosk.wait_screen(None)
    kiosk.tap(kiosk.tr("AttractScreen", "Touch the screen to start"), kind="label")
    kiosk.wait_screen("home")


def start_on(kiosk: Kiosk, platform: Platform, link: str) -> None:
    """A session on a kiosk that is online, or (`link` "offline") has lost the platform."""
    if link == "offline":
        go_offline(kiosk, platform)
    start_session(kiosk)


def choose(kiosk: Kiosk, tile: str) -> None:
    """A home-screen tile, by its target screen."""
    kiosk.begin(f"home: {tile}")
    kiosk.wait_screen("home")
    kiosk.tap(name=f"tile_{tile}")


def apply_for(kiosk: Kiosk, reader: CardReader, department: str, category: str,
              matter: str) -> None:
    """From home through the catalog (office, topic, service) and the matter's
    "Start" to the application form, identified by the ID card."""
    choose(kiosk, "apply")
    kiosk.begin("catalog: office, topic, service")
    kiosk.tap(department)
    kiosk.tap(category)
    kiosk.tap(matter)
    kiosk.wait_screen("matter")
    kiosk.begin("matter: start")
    kiosk.tap(kiosk.tr("MatterScreen", "Start ›"), exact=True)
    identify_by_card(kiosk, reader, "apply_form")


def next_step(kiosk: Kiosk, last: bool = False) -> None:
    kiosk.tap(kiosk.tr("StepForm", "Check my answers ›" if last else "Next ›"), exact=True)


def submit_for_slip(kiosk: Kiosk, printer: Printer, mark: int,
                    context: str = "ReviewScreen") -> EscposContent:
    """"Submit" on the summary; the done screen sends the resident to the
    printer; what it printed since `mark`."""
    kiosk.tap(kiosk.tr(context, "Submit"), exact=True)
    kiosk.wait_screen("apply_done")
    kiosk.wait_text(kiosk.tr("DoneScreen", "Please take your slip from the printer."))
    return printer.printed(mark)


def tracking_number_of(text: str) -> str:
    found = TRACKING.search(text)
    assert found is not None, f"no tracking number in {text!r}"
    return found.group(0)


def delivered(kiosk: Kiosk, platform: Platform, link: str, kind: str,
              number: str) -> dict[str, Any]:
    """"Finish" on the done screen, the platform back if the flow ran offline,
    and the `kind` transaction of tracking number `number` once it is there."""
    finish(kiosk, "DoneScreen")
    if link == "offline":
        go_online(kiosk, platform)
    stored: dict[str, Any] = wait_until(
        lambda: next((p for p in platform.transactions(kind)
                      if p["tracking_number"] == number), None), 60,
        f"{kind} {number} on the platform")
    return stored


def label_text(kiosk: Kiosk, name: str) -> str:
    widget = kiosk.wait_for(name=name, kind="label")
    return str(widget["text"])


def type_digits(kiosk: Kiosk, digits: str, display: str) -> None:
    """Tap each key of the big keypad; each must show in `display` before the next."""
    for count, digit in enumerate(digits, start=1):
        kiosk.tap(digit, exact=True)
        kiosk.wait(lambda state, n=count: _digits_in(kiosk, state, display) == digits[:n],
                   f"{digits[:count]!r} in {display}")


def _digits_in(kiosk: Kiosk, state: dict[str, Any], display: str) -> str:
    widget = kiosk.find(state, name=display, kind="label", enabled=False)
    return "".join(ch for ch in (widget or {}).get("text", "") if ch.isdigit() or ch == "X")


def identify_by_card(kiosk: Kiosk, reader: CardReader, next_screen: str) -> None:
    """Lay the ID card on the reader; the kiosk reads it and goes on to `next_screen`."""
    kiosk.begin("identify: card")
    kiosk.wait_screen("identify")
    kiosk.wait_text(kiosk.tr("IdentifyScreen", "Place your ID card on the reader"))
    reader.place()
    confirm_identity(kiosk, next_screen)
    reader.take_away()


def identify_by_keypad(kiosk: Kiosk, id_number: str, phone: str, next_screen: str) -> None:
    """No card with me: type the ID number and a mobile number on the keypad."""
    kiosk.begin("identify: keypad")
    kiosk.wait_screen("identify")
    kiosk.tap(kiosk.tr("IdentifyScreen", "I have no card with me: type my ID number"))
    type_digits(kiosk, id_number, "idDisplay")
    kiosk.tap(kiosk.tr("IdentifyScreen", "Next"), exact=True)
    kiosk.wait_text(kiosk.tr("IdentifyScreen", "Type your mobile phone number (11 digits)"))
    type_digits(kiosk, phone, "phoneDisplay")
    kiosk.tap(kiosk.tr("IdentifyScreen", "Confirm"), exact=True)
    confirm_identity(kiosk, next_screen)


def confirm_identity(kiosk: Kiosk, next_screen: str) -> None:
    """The masked details show; the kiosk goes on by itself, or on "Continue"."""
    kiosk.wait_for(name="doneIdentity", kind="label", timeout=30)
    started = time.monotonic()
    continue_text = kiosk.tr("IdentifyScreen", "Continue")
    while True:
        state = kiosk.state()
        if state.get("screen") == next_screen:
            return
        if time.monotonic() - started > CONFIRM_WAIT:
            kiosk.tap(continue_text, exact=True)
            kiosk.wait_screen(next_screen)
            return
        time.sleep(0.1)


def finish(kiosk: Kiosk, context: str) -> None:
    """"Finish" on a slip screen ends the session: back to the attract screen."""
    kiosk.begin("finish")
    kiosk.tap(kiosk.tr(context, "Finish"), exact=True)
    kiosk.wait_screen(None)


def go_offline(kiosk: Kiosk, platform: Platform) -> None:
    """Once the kiosk has been online (its caches filled), the platform goes away;
    wait until the kiosk's badge says it is offline."""
    online = kiosk.tr("SyncBadge", "● Online")
    kiosk.begin("the kiosk has been online")
    kiosk.wait(lambda state: _badge(kiosk, state) == online, f"badge {online!r}", timeout=90)
    platform.stop()
    badge = kiosk.tr("SyncBadge", "● Offline · %n saved, will be sent").split("%n")[0]
    kiosk.begin("the kiosk notices it is offline")
    kiosk.wait(lambda state: _badge(kiosk, state).startswith(badge), f"badge {badge!r}",
               timeout=60)


def go_online(kiosk: Kiosk, platform: Platform) -> None:
    """The platform comes back on the same address."""
    platform.start()
    online = kiosk.tr("SyncBadge", "● Online")
    kiosk.begin("the kiosk is back online")
    kiosk.wait(lambda state: _badge(kiosk, state) == online, f"badge {online!r}", timeout=90)


def _badge(kiosk: Kiosk, state: dict[str, Any]) -> str:
    widget: Widget | None = kiosk.find(state, name="syncBadge", kind="label", enabled=False)
    return str((widget or {}).get("text", ""))

