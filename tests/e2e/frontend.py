"""A front end (kiosk, counter or hall display) in a fresh process on the
test's X server: configured and enrolled with the test's platform, with a data
folder of its own, the e2e probe on, and its threads' stacks on demand."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.peers import Platform
from tests.e2e.xserver import XServer

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FrontEndProcess:
    """`python -m <module>` on `xserver` with a terminal.toml whose [sync] holds
    `sync` besides a quick poll and which ends with `sections`, enrolled with
    `platform` in `role`; `zone` is the machine's time zone (TZ) when given."""

    module: str
    role: str
    xserver: XServer
    platform: Platform
    language: str
    folder: Path
    sections: str
    arguments: tuple[str, ...] = ()
    sync: str = ""
    zone: str | None = None
    process: subprocess.Popen[bytes] | None = None
    probe_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="e2e-")))

    @property
    def name(self) -> str:
        return self.module.split(".")[0]

    @property
    def probe_path(self) -> str:
        return str(self.probe_dir / "probe")

    @property
    def output(self) -> Path:
        """Its standard output and error (the stack dumps land here too)."""
        return self.folder / f"{self.name}.out"

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
            "poll_interval = 1.0\n" + self.sync +
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
        if self.zone is not None:
            environment["TZ"] = self.zone
        with open(self.output, "ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.module, "--config-dir", str(config),
                 *self.arguments],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)

    def stacks(self) -> str:
        """Every thread's Python stack, written by the process on SIGUSR1 (see the probe)."""
        process = self.process
        if process is None or process.poll() is not None:
            status = None if process is None else process.returncode
            return f"the {self.name} exited with status {status}\n{self.log_tail()}"
        before = self.output.stat().st_size if self.output.exists() else 0
        process.send_signal(signal.SIGUSR1)
        size, settled = before, time.monotonic()
        deadline = settled + 5
        while time.monotonic() < deadline:  # until the dump stops growing
            time.sleep(0.2)
            now = self.output.stat().st_size if self.output.exists() else 0
            if now != size:
                size, settled = now, time.monotonic()
            elif size > before and time.monotonic() - settled > 1:
                break
        with open(self.output, "rb") as file:
            file.seek(before)
            return f"the {self.name}'s threads:\n" + file.read().decode("utf-8", "replace")

    def log_tail(self, lines: int = 40) -> str:
        texts = []
        for path in (self.output, *sorted((self.folder / "logs").glob("*.log"))):
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
