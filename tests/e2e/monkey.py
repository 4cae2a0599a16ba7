"""The soak's random user ("monkey"): seeded choices of what to do next from
what the probe's `state` shows (mostly the visible enabled buttons, sometimes
another widget or a random point, long waits that let the idle countdown run,
the ID card on the reader and off, the platform stopped and started again,
on the counter also keys, typing, sign-in and residents' tickets); every touch
a real X input event. Each step is one JSON-ready dict: the trace, which
`perform` replays as it was."""

from __future__ import annotations

import random
from typing import Any

from tests.e2e.soak_rig import COUNTDOWN_SECONDS, IDLE_SECONDS, SoakApp

Step = dict[str, Any]

CLERK, PIN = "1001", "246810"
#: the counter's keys a clerk presses (counter/queue_panel.py, window.py, workbench)
COUNTER_KEYS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
                "shift+F4", "ctrl+n", "ctrl+k", "ctrl+i", "ctrl+Next", "ctrl+Prior",
                "ctrl+Return", "Escape", "Return", "Tab", "space", "1", "2", "3", "BackSpace")
TYPED = ("1001", "246810", "dbsq", "zhang", "13800138000", "A001", "42", "x")
#: the longest the platform stays away before the monkey brings it back
PLATFORM_AWAY = 45.0


def _weights(app: str, platform_up: bool) -> dict[str, float]:
    common = {"button": 55, "widget": 10, "point": 6, "wheel": 4, "pause": 6, "idle": 1.5,
              "platform": 0.7 if platform_up else 4}
    if app == "kiosk":
        return common | {"card": 4}
    return common | {"key": 14, "type": 3, "issue": 3, "sign_in": 0, "card": 1}


def _inside(rng: random.Random, rect: list[int]) -> tuple[int, int]:
    """A point well inside `rect` (a finger does not hit the very edge)."""
    x, y, width, height = rect
    return (x + int(width * rng.uniform(0.2, 0.8)), y + int(height * rng.uniform(0.2, 0.8)))


def _label(widget: dict[str, Any]) -> str:
    text = widget.get("text") or widget.get("displayText") or widget.get("accessible") or ""
    return f"{widget.get('kind')} {widget.get('name') or ''} {' '.join(text.split())[:40]!r}"


def _tappable(state: dict[str, Any], buttons: bool) -> list[dict[str, Any]]:
    widgets = [w for w in state["widgets"] + state.get("quick", [])
               if w.get("enabled") and w["rect"][2] > 4 and w["rect"][3] > 4]
    if buttons:
        return [w for w in widgets if w["kind"] in ("button", "quick")]
    return [w for w in widgets if w["kind"] not in ("button", "quick")]


def choose(rng: random.Random, app: SoakApp, state: dict[str, Any],
           platform_away: float | None) -> Step:
    """The next step, drawn by `rng` from `state`; `platform_away`: seconds the
    platform has been stopped (None: it runs)."""
    width, height = app.size
    if platform_away is not None and platform_away > PLATFORM_AWAY:
        return {"do": "platform", "up": True}
    if app.app == "counter" and state.get("clerk") is None and rng.random() < 0.5:
        return {"do": "sign_in"}
    weights = _weights(app.app, platform_away is None)
    kind = rng.choices(list(weights), list(weights.values()))[0]
    if kind in ("button", "widget"):
        candidates = _tappable(state, kind == "button")
        if candidates:
            widget = rng.choice(candidates)
            x, y = _inside(rng, widget["rect"])
            return {"do": "tap", "x": x, "y": y, "what": _label(widget)}
        kind = "point"
    if kind == "point":
        return {"do": "tap", "x": rng.randrange(width), "y": rng.randrange(height),
                "what": "a random point"}
    if kind == "wheel":
        return {"do": "wheel", "x": rng.randrange(width), "y": rng.randrange(height),
                "down": rng.random() < 0.6}
    if kind == "pause":
        return {"do": "wait", "s": round(rng.uniform(0.3, 3.0), 1)}
    if kind == "idle":
        return {"do": "wait", "s": round(rng.uniform(IDLE_SECONDS, IDLE_SECONDS
                                                     + COUNTDOWN_SECONDS + 8), 1)}
    if kind == "card":
        return {"do": "card", "on": rng.random() < 0.6}
    if kind == "platform":
        return {"do": "platform", "up": platform_away is not None}
    if kind == "key":
        return {"do": "key", "keys": [rng.choice(COUNTER_KEYS)]}
    if kind == "type":
        return {"do": "type", "text": rng.choice(TYPED)}
    return {"do": "issue", "category": rng.choice("AB")}


def perform(app: SoakApp, step: Step) -> None:
    """Do `step` as the user (or the world around the program) would; a wait is
    the caller's (it keeps watching meanwhile)."""
    driver = app.driver
    assert driver is not None and app.platform is not None and app.reader is not None
    do = step["do"]
    if do == "tap":
        driver.tap_at(step["x"], step["y"])
    elif do == "wheel":
        driver.xdotool("mousemove", str(step["x"]), str(step["y"]),
                       "click", "5" if step["down"] else "4")
    elif do == "card":
        (app.reader.place if step["on"] else app.reader.take_away)()
    elif do == "platform":
        if step["up"] and not app.platform.running:
            app.platform.start()
        elif not step["up"] and app.platform.running:
            app.platform.stop()
    elif do == "key":
        driver.xdotool("key", *step["keys"])
    elif do == "type":
        driver.xdotool("type", "--delay", "40", step["text"])
    elif do == "issue":
        if app.platform.running:
            import uuid

            try:
                app.issuer.issue_ticket(step["category"], uuid.uuid4())
            except Exception as error:  # a resident's kiosk beside: not the soak's subject
                step["note"] = f"not issued: {error}"
    elif do == "sign_in":
        sign_in(app)
    elif do != "wait":
        raise ValueError(f"unknown step {step}")


def sign_in(app: SoakApp) -> None:
    """The clerk types the staff number and PIN at the counter's sign-in (keys to
    the window under the pointer, as there is no window manager)."""
    from tests.e2e.center import Desk

    desk = app.driver
    assert isinstance(desk, Desk)
    desk.point_at_window("counterWindow")
    desk.keys("Escape")
    desk.xdotool("mousemove", *(str(v) for v in _field_centre(desk, "staffNo")), "click", "1")
    desk.keys("ctrl+a")
    desk.type_text(CLERK)
    desk.keys("Return")
    desk.type_text(PIN)
    desk.keys("Return")


def _field_centre(desk: Any, name: str) -> tuple[int, int]:
    widget = next((w for w in desk.state()["widgets"] if w["name"] == name), None)
    if widget is None:
        windows = desk.last["windows"]
        x, y, width, height = windows[0]["rect"]
        return x + width // 2, y + 8
    x, y, width, height = widget["rect"]
    return x + width // 2, y + height // 2
