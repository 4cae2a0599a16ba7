"""The kiosk's on-screen keyboard (the Qt Virtual Keyboard, docked in the
window) as a finger meets it: its keys and candidates are Qt Quick items
the probe lists with their place on screen."""

from __future__ import annotations

from typing import Any

from tests.e2e.kiosk import Kiosk, Widget, centre

#: what the keyboard's space bar says in each of its two languages
SPACE_BAR = {"zh_CN": "简体中文", "en": "American English"}
#: its language key: the language it types now
LANGUAGE_KEY = {"zh_CN": "zh", "en": "en"}
#: the keys that switch between letters and digits / symbols
SYMBOLS_KEY, LETTERS_KEY = "&123", "ABC"


def keyboard_items(state: dict[str, Any]) -> list[Widget]:
    """The keyboard's keys and candidates (the kiosk's only Qt Quick items)."""
    return [item for item in state["quick"] if item["rect"][2] > 0 and item["rect"][3] > 0]


def keyboard_up(state: dict[str, Any]) -> bool:
    return bool(state["input_method"]["visible"] and keyboard_items(state))


def shown_by_keyboard(state: dict[str, Any], text: str) -> bool:
    return any(text in (item.get("text"), item.get("displayText"))
               for item in keyboard_items(state))


def typing_in(state: dict[str, Any]) -> str:
    """The language the keyboard types, from its space bar."""
    return next((language for language, name in SPACE_BAR.items()
                 if shown_by_keyboard(state, name)), "")


def overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def type_keys(kiosk: Kiosk, keys: str) -> None:
    for key in keys:
        kiosk.tap_quick(key)


def pick(kiosk: Kiosk, candidate: str) -> None:
    """Tap a candidate in the keyboard's candidate bar."""
    kiosk.tap_quick(candidate)


def switch_keyboard_language(kiosk: Kiosk, to: str) -> None:
    """The language key toggles between the two languages (no list of 35)."""
    kiosk.begin(f"the keyboard's language key: to {to}")
    kiosk.tap_quick(LANGUAGE_KEY["en" if to == "zh_CN" else "zh_CN"])
    kiosk.wait(lambda state: typing_in(state) == to, f"the keyboard typing {to}")


def bring_into_view(kiosk: Kiosk, text: str = "", *, name: str = "",
                    kind: str = "button") -> Widget:
    """The widget showing `text` (or named `name`), scrolled into view when the
    page is taller than the screen (landscape steps are, issue 8 finding 7)."""
    for turn in [True] * 8 + [False] * 16:  # down, then up
        widget = kiosk.find(kiosk.state(), text, name=name, kind=kind, exact=bool(text))
        if widget is not None and widget["rect"] == widget["whole"]:
            return widget
        kiosk.scroll(turn)
    raise AssertionError(f"{text or name!r} never came into view")


def tap_below(kiosk: Kiosk, text: str) -> None:
    kiosk.tap_at(*centre(bring_into_view(kiosk, text)))


def field_text(kiosk: Kiosk, name: str) -> str:
    return str(bring_into_view(kiosk, name=name, kind="field")["text"])


def type_latin(kiosk: Kiosk, text: str, field: str) -> None:
    """Type letters, digits and ASCII marks into the field named `field`, key by
    key, in the keyboard's English mode; each must arrive before the next."""
    kiosk.wait(keyboard_up, "the on-screen keyboard")
    if typing_in(kiosk.last) == "zh_CN":  # Latin-only fields have no language to switch
        switch_keyboard_language(kiosk, "en")
    start = field_text(kiosk, field)
    for count, char in enumerate(text, start=1):
        letters = char.isalpha() or char == " "
        mode_key = LETTERS_KEY if letters else SYMBOLS_KEY
        if shown_by_keyboard(kiosk.state(), mode_key):
            kiosk.tap_quick(mode_key)
            kiosk.wait(lambda state, key=mode_key: not shown_by_keyboard(state, key),
                       f"the keyboard out of {mode_key!r}'s mode")
        kiosk.tap_quick(char.lower() if char.isalpha() else char)
        wanted = (start + text[:count]).casefold()  # it may capitalise a first letter
        kiosk.wait(lambda _state, wanted=wanted: field_text(kiosk, field).casefold() == wanted,
                   f"{text[:count]!r} typed")


def type_pinyin(kiosk: Kiosk, syllables: str, word: str) -> None:
    """Spell `syllables` in pinyin on the Chinese keyboard and pick `word`."""
    kiosk.wait(keyboard_up, "the on-screen keyboard")
    if typing_in(kiosk.last) != "zh_CN":
        switch_keyboard_language(kiosk, "zh_CN")
    if shown_by_keyboard(kiosk.state(), LETTERS_KEY):
        kiosk.tap_quick(LETTERS_KEY)
    type_keys(kiosk, syllables)
    kiosk.wait(lambda state: shown_by_keyboard(state, word), f"the candidate {word!r}")
    pick(kiosk, word)


def write_by_hand(kiosk: Kiosk, character: str, field: str) -> None:
    """"Handwriting" in the keyboard's place, `character` written with the finger
    (strokes recorded in tests/data/handwriting, drawn with XTest), its candidate
    picked into the field named `field`; then back to the keys."""
    from tests.terminal.handwriting_testset import load_testset

    recorded = load_testset()
    sample = next(s for s in recorded.samples if s.character == character and s.writer == 0)
    start = field_text(kiosk, field)
    kiosk.begin(f"handwriting: {character}")
    kiosk.tap(name="handwritingToggle")
    canvas = kiosk.reveal(name="handwritingCanvas", kind="widget")
    kiosk.wait(lambda state: not keyboard_up(state) or not keyboard_items(state),
               "the pad in the keyboard's place", timeout=10)
    x, y, width, height = canvas["rect"]
    scale = min(width, height) / max(recorded.pad_width, recorded.pad_height)
    left = x + (width - recorded.pad_width * scale) / 2
    top = y + (height - recorded.pad_height * scale) / 2
    for stroke in sample.strokes:
        points = [(round(left + px * scale), round(top + py * scale)) for px, py in stroke]
        path = ["mousemove", str(points[0][0]), str(points[0][1]), "mousedown", "1"]
        for px, py in points[1:]:
            path += ["mousemove", str(px), str(py)]
        kiosk.xdotool(*path, "mouseup", "1")
    candidate = kiosk.reveal(character, name="handwritingCandidate", exact=True)
    xserver = kiosk.process.xserver
    kiosk.screenshot(f"handwriting-{kiosk.language}-{xserver.width}x{xserver.height}")
    kiosk.tap_at(*centre(candidate))
    kiosk.wait(lambda _state: field_text(kiosk, field) == start + character,
               f"{character!r} written into {field}")
    kiosk.tap(name="handwritingToggle")
    kiosk.wait(keyboard_up, "the keys back in their place")
