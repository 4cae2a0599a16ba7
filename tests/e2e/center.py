"""The counter and the hall display in fresh processes on X servers of their
own, for the real-display tests: configured and enrolled like the kiosk
(tests/e2e/kiosk.py), read through the same probe and driven by the same
XTest driver, the clerk by real key events."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.kiosk import ROOT, Kiosk, _empty_counter
from tests.e2e.peers import CardReader, Platform, Printer
from tests.e2e.xserver import XServer

#: Set to a folder (e.g. docs/screenshots) to keep the named X-server shots there too.
DOC_SHOTS = os.environ.get("RECEPTION_E2E_DOC_SHOTS", "")
WINDOW = "3"


@dataclass
class FrontEndProcess:
    """`python -m <module>` on `xserver` with a terminal.toml of `sections`, enrolled
    with `platform` in `role`, with a data folder of its own."""

    module: str
    role: str
    xserver: XServer
    platform: Platform
    language: str
    folder: Path
    sections: str
    arguments: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    probe_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="e2e-")))

    @property
    def name(self) -> str:
        return self.module.split(".")[0]

    @property
    def probe_path(self) -> str:
        return str(self.probe_dir / "probe")

    def configure(self) -> Path:
        from sync.cli import enroll_terminal

        config = self.folder / "config"
        config.mkdir(parents=True, exist_ok=True)
        (config / "terminal.toml").write_text(
            "[terminal]\n"
            f'language = "{self.language}"\n'
            f'role = "{self.role}"\n'
            "[platform]\n"
            f'url = "{self.platform.url}"\n'
            "connect_timeout = 1.0\n"
            "read_timeout = 5.0\n"
            "[sync]\n"  # deliveries soon after each record (the tests read the platform's DB)
            "poll_interval = 1.0\n"
            "[store]\n"
            f"data_dir = {json.dumps(str(self.folder / 'data'))}\n" + self.sections, "utf-8")
        if not (config / "secrets.toml").exists():
            enroll_terminal(self.platform.url, self.platform.enroll_code(self.role), config)
        return config

    def start(self) -> None:
        config = self.configure()
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("QT_IM_MODULE", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        environment.update(self.xserver.env(), **self.platform.clock.env(),
                           QT_QPA_PLATFORM="xcb",
                           RECEPTION_E2E_PROBE=self.probe_path,
                           RECEPTION_CONFIG_DIR=str(config),
                           RECEPTION_LOG_DIR=str(self.folder / "logs"))
        with open(self.folder / f"{self.name}.out", "ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.module, "--config-dir", str(config),
                 *self.arguments],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)

    def log_tail(self, lines: int = 40) -> str:
        texts = []
        for path in (self.folder / f"{self.name}.out",
                     *sorted((self.folder / "logs").glob("*.log"))):
            if path.exists():
                texts.append(f"--- {path.name}\n" + "\n".join(
                    path.read_text("utf-8", "replace").splitlines()[-lines:]))
        return "\n".join(texts)

    def stop_gracefully(self, timeout: float) -> int | None:
        """SIGTERM, as systemd stops it; its exit status, or None when it had to be killed."""
        process, self.process = self.process, None
        shutil.rmtree(self.probe_dir, ignore_errors=True)
        if process is None:
            return None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return None
        return process.returncode


def counter_process(xserver: XServer, platform: Platform, printer: Printer,
                    reader: CardReader, language: str, folder: Path) -> FrontEndProcess:
    """The counter of window 3, full screen, with the loopback printer, the pty card
    reader and a camera over a folder; one recall before a no-show."""
    camera = folder / "camera"
    camera.mkdir(parents=True, exist_ok=True)
    _empty_counter(camera / "frame.png")
    return FrontEndProcess(
        "counter.app", "counter", xserver, platform, language, folder,
        "[counter]\n"
        f'window = "{WINDOW}"\n'
        'categories = ["A", "B"]\n'
        "recalls_before_no_show = 1\n"
        "idle_signout_seconds = 3600\n"
        "[devices.printer]\n"
        'kind = "network"\n'
        f'address = "{printer.address}"\n'
        'chinese_mode = "gb18030"\n'
        "[devices.card_reader]\n"
        'kind = "ga467"\n'
        f'port = "{reader.port}"\n'
        "[devices.camera]\n"
        'kind = "folder"\n'
        f"path = {json.dumps(str(camera))}\n",
        ("--size", f"{xserver.width}x{xserver.height}"))


def display_process(xserver: XServer, platform: Platform, language: str,
                    folder: Path) -> FrontEndProcess:
    """The hall display, full screen; speech as configured by default ("auto")."""
    return FrontEndProcess("display", "display", xserver, platform, language, folder,
                           "[display]\nfullscreen = true\n")


class Desk(Kiosk):
    """A front end driven as its user does: the clerk by keys, the resident by taps."""

    def __init__(self, process: Any) -> None:
        super().__init__(process)
        self.process = process

    def keys(self, *names: str) -> None:
        """Real key events (XTest) to the window under the pointer, one after another."""
        self.xdotool("key", "--delay", "60", *names)

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def point_at_window(self, name: str = "") -> None:
        """The pointer over the window (`name`: its object name; the first one by default),
        so the keys go to it (no window manager)."""
        windows = self.state()["windows"]
        window = next((w for w in windows if w["name"] == name), windows[0])
        x, y, width, _height = window["rect"]
        self.xdotool("mousemove", str(x + width // 2), str(y + 8))

    def shot(self, folder: str, name: str) -> Path:
        """An X-server screenshot, kept under `folder` in the docs when asked to."""
        path = self.screenshot(f"{folder}-{name}")
        if DOC_SHOTS:
            target = Path(DOC_SHOTS) / folder / f"x11-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return path
