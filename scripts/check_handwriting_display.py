"""Handwriting on a real display: a kiosk on its own Xvfb (xcb, the real Qt
Virtual Keyboard and Zinnia recognizer), driven only by xdotool.

On the repair form's location field: pinyin typed on the keyboard, then the
"handwriting" toggle (the pending pinyin is dropped), a recorded character
written with xdotool strokes on the pad, its candidate tapped into the field.
The pad with candidates is shot from the X server into docs/screenshots/kiosk/.

    .venv/bin/python scripts/check_handwriting_display.py [--display :110]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots" / "kiosk"
CHARACTER = "楼"
SHAPES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def run_kiosk(workdir: Path) -> None:
    """The kiosk side, in zh_CN, with the read-only probe."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtGui import QGuiApplication

    from kiosk.composition import KioskComposition
    from kiosk.screens.repair import RepairScreen
    from terminal.e2e_probe import start_probe
    from terminal.startup import start_gui
    from terminal.widgets.keyboard import configure_input_method

    configure_input_method()
    gui = start_gui("handwriting-check", workdir, argv=[], lock=False)
    gui.language.set_language("zh_CN")
    ui = KioskComposition(gui, kiosk_mode=False)
    window, dock = ui.window, ui.window.keyboard
    assert dock is not None, "no docked keyboard on this display"
    # the repair form without the platform behind it (phase two is not loaded)
    ui.navigator.register("repair", RepairScreen(ui.context))

    def extras() -> dict[str, Any]:
        pad = dock.handwriting
        canvas = pad.canvas
        corner = canvas.mapToGlobal(canvas.rect().topLeft())
        return {"pad_available": pad.available, "pad_shown": pad.isVisible(),
                "keyboard_shown": dock.view.isVisible(), "preedit": dock.preedit(),
                "canvas": [corner.x(), corner.y(), canvas.width(), canvas.height()]}

    probe = start_probe(extras)
    assert probe is not None
    screen = QGuiApplication.primaryScreen().geometry()
    window.setGeometry(screen)
    window.present()
    ui.navigator.go("repair")
    sys.exit(gui.app.exec())


class Driver:
    def __init__(self, display: str, probe_path: str) -> None:
        self.display = display
        self.probe_path = probe_path

    def state(self) -> dict[str, Any]:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(2)
            connection.connect(self.probe_path)
            connection.sendall(b"state\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = connection.recv(1 << 16)
                if not chunk:
                    break
                data += chunk
        return json.loads(data)

    def wait(self, condition: Callable[[dict[str, Any]], Any], what: str,
             timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                state = self.state()
                if condition(state):
                    return state
            except OSError:
                pass
            if time.monotonic() > deadline:
                from PIL import ImageGrab

                ImageGrab.grab(xdisplay=self.display).save(Path(tempfile.gettempdir())
                                                           / "handwriting-check-failed.png")
                shown = [(w.get("name"), w.get("text")) for w in self.state()["widgets"]]
                raise AssertionError(f"never: {what}; shown: {shown}")
            time.sleep(0.1)

    def settled(self) -> dict[str, Any]:
        """The state once the keyboard's keys stay put (it slides in)."""
        def key_q(state: dict[str, Any]) -> list[int]:
            return next((i["rect"] for i in state["quick"] if i.get("text") == "q"), [])

        before = key_q(self.state())
        while True:
            time.sleep(0.5)
            state = self.state()
            if key_q(state) and key_q(state) == before:
                return state
            before = key_q(state)

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env=dict(os.environ, DISPLAY=self.display))

    def tap_at(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def tap(self, state: dict[str, Any], text: str = "", name: str = "") -> None:
        for widget in state["widgets"]:
            if (text and widget.get("text") == text) or (name and widget.get("name") == name):
                x, y, w, h = widget["rect"]
                self.tap_at(x + w // 2, y + h // 2)
                return
        raise AssertionError(f"no {text or name!r} on the screen")

    def tap_quick(self, state: dict[str, Any], text: str) -> None:
        for item in state["quick"]:
            if text in (item.get("text"), item.get("displayText")) and item["rect"][2] > 0:
                x, y, w, h = item["rect"]
                self.tap_at(x + w // 2, y + h // 2)
                return
        raise AssertionError(f"no key {text!r}")

    def stroke(self, points: list[tuple[int, int]]) -> None:
        args = ["mousemove", str(points[0][0]), str(points[0][1]), "mousedown", "1"]
        for x, y in points[1:]:
            args += ["mousemove", str(x), str(y)]
        self.xdotool(*args, "mouseup", "1")


def field_text(state: dict[str, Any], name: str) -> str | None:
    return next((w["text"] for w in state["widgets"] if w.get("name") == name), None)


def check(shape: str, display: str) -> Path:
    sys.path.insert(0, str(ROOT))
    from PIL import ImageGrab

    from tests.terminal.handwriting_testset import load_testset

    width, height = SHAPES[shape]
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{width}x{height}x24",
                             "-nolisten", "tcp", "+extension", "XTEST", "-dpi", "96"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workdir = Path(tempfile.mkdtemp(prefix="handwriting-check-"))
    probe_path = str(workdir / "probe.sock")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG="C.UTF-8",
               RECEPTION_E2E_PROBE=probe_path, RECEPTION_LOG_DIR=str(workdir / "logs"),
               PYTHONPATH=str(ROOT))
    env.pop("QT_IM_MODULE", None)
    kiosk = None
    try:
        time.sleep(1)  # Xvfb opens its socket
        kiosk = subprocess.Popen([sys.executable, __file__, "--kiosk", str(workdir)], env=env,
                                 cwd=ROOT)
        driver = Driver(display, probe_path)
        state = driver.wait(lambda s: any(w.get("text") == "电梯" for w in s["widgets"]),
                            "the repair form")
        time.sleep(1)  # mapped on the X server, not only shown to Qt
        driver.tap(state, "电梯")
        driver.tap(state, "下一步 ›")
        state = driver.wait(lambda s: s["focus"] == "text_location" and s["input_method"]
                            ["visible"] and s["pad_available"] and any(
                                w.get("name") == "handwritingToggle" for w in s["widgets"])
                            and any(i.get("text") == "q" for i in s["quick"]),
                            "the location field, keyboard and handwriting toggle up", 40)
        state = driver.settled()
        for key in "lou":
            driver.tap_quick(state, key)
        driver.wait(lambda s: s["preedit"] == "lou", "pinyin pending")
        driver.tap(state, name="handwritingToggle")
        state = driver.wait(lambda s: s["pad_shown"] and not s["keyboard_shown"],
                            "the pad in the keyboard's place")
        assert state["focus"] == "text_location", state["focus"]
        assert field_text(state, "text_location") == "" and state["preedit"] == "", \
            "the pending pinyin was typed"
        testset = load_testset()
        sample = next(s for s in testset.samples if s.character == CHARACTER and s.writer == 0)
        x, y, w, h = state["canvas"]
        scale = min(w, h) / testset.pad_width
        left, top = x + (w - testset.pad_width * scale) / 2, y + (h - testset.pad_width * scale) / 2
        for stroke in sample.strokes:
            driver.stroke([(round(left + px * scale), round(top + py * scale))
                           for px, py in stroke])
        state = driver.wait(lambda s: any(w.get("name") == "handwritingCandidate"
                                          and w.get("text") == CHARACTER for w in s["widgets"]),
                            f"{CHARACTER} among the candidates")
        time.sleep(0.5)  # the last paint reached the X server
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"repair-handwriting-zh_CN-{shape}.png"
        ImageGrab.grab(xdisplay=display).save(shot)  # the X server's pixels
        driver.tap(state, CHARACTER)
        state = driver.wait(lambda s: field_text(s, "text_location") == CHARACTER,
                            f"{CHARACTER} in the location field")
        assert state["focus"] == "text_location"
        for widget in state["widgets"]:
            if widget.get("name") == "handwritingToggle":
                toggle = widget["rect"]
        for text in ("‹ 上一步", "下一步 ›", "首页"):
            for widget in state["widgets"]:
                if widget.get("text") == text:
                    a, b = widget["whole"], toggle
                    assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
                                and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]), text
        print(f"{shape}: pinyin dropped, {CHARACTER} written and typed; {shot.name}")
        return shot
    finally:
        if kiosk is not None:
            kiosk.terminate()
            kiosk.wait(10)
        xvfb.terminate()
        xvfb.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--display", default=":110")
    parser.add_argument("--kiosk", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kiosk:
        run_kiosk(Path(args.kiosk))
        return
    for shape in SHAPES:
        check(shape, args.display)


if __name__ == "__main__":
    main()
