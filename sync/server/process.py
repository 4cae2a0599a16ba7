"""Run the reference platform as a child process on loopback.

Used by the demo, the chaos run, benchmarks and integration tests: a real
server over real HTTP that can be killed and started again on the same port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PlatformProcess:
    def __init__(
        self,
        database_url: str,
        *,
        port: int | None = None,
        demo_data: Path | None = None,
        fault_plan: Path | None = None,
        log_path: Path | None = None,
        workers: int = 1,
    ) -> None:
        self.database_url = database_url
        self.workers = workers
        self.port = port or free_port()
        self.demo_data = demo_data
        self.fault_plan = fault_plan
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        command = [
            sys.executable,
            "-m",
            "sync.server.cli",
            "serve",
            "--db",
            self.database_url,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(self.workers),
        ]
        if self.demo_data is not None:
            command += ["--demo-data", str(self.demo_data)]
        environment = dict(os.environ)
        if self.fault_plan is not None:
            environment["RECEPTION_PLATFORM_FAULTS"] = "1"
            environment["RECEPTION_PLATFORM_FAULT_PLAN"] = str(self.fault_plan)
        if self.log_path is None:
            self._process = subprocess.Popen(
                command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
            )
        else:
            with open(self.log_path, "ab") as output:  # the child keeps its own descriptor
                self._process = subprocess.Popen(
                    command, env=environment, stdout=output, stderr=subprocess.STDOUT
                )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"platform exited with {self._process.returncode}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"platform not ready on {self.url} after {timeout}s")

    def stop(self, kill: bool = False) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def restart(self, kill: bool = True) -> None:
        self.stop(kill=kill)
        self.start()

    def __enter__(self) -> PlatformProcess:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
