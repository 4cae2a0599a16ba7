"""The reference platform served inside this process, on a loopback port.

For `--self-test` (which must work inside the frozen bundle, where no second
Python can be started) and for tests that want a real HTTP peer cheaply.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import uvicorn

from sync.protocol.models import Role
from sync.server import documents, enrollment
from sync.server.app import create_app
from sync.server.faults import FaultInjectionMiddleware


class LocalPlatform:
    def __init__(self, database_url: str, demo_data: Path | None = None, *,
                 fault_plan: Path | None = None,
                 tls: tuple[Path, Path] | None = None, port: int = 0) -> None:
        """`tls` is (certificate chain file, key file): serve HTTPS. `port` 0 takes any
        free port; a given one brings a stopped platform back on its address."""
        self.app = create_app(database_url)
        if demo_data is not None:
            documents.load_demo(self.app.state.engine, demo_data)
        served = self.app if fault_plan is None else FaultInjectionMiddleware(self.app, fault_plan)
        config = uvicorn.Config(served, host="127.0.0.1", port=port, log_level="warning",
                                lifespan="off",
                                # event streams (hall display, counters) never end by
                                # themselves: a stop cuts them after this many seconds
                                timeout_graceful_shutdown=1,
                                ssl_certfile=str(tls[0]) if tls else None,
                                ssl_keyfile=str(tls[1]) if tls else None)
        self._scheme = "https" if tls else "http"
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="local-platform",
                                        daemon=True)

    def start(self, timeout: float = 20.0) -> str:
        self.app.state.streams_stopping.clear()
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the local platform did not start")
            time.sleep(0.02)
        return self.url

    @property
    def url(self) -> str:
        socket = self._server.servers[0].sockets[0]
        return f"{self._scheme}://127.0.0.1:{socket.getsockname()[1]}"

    def enroll_code(self, center: str, role: Role) -> str:
        return enrollment.issue_code(self.app.state.engine, center, role)

    def stop(self) -> None:
        self.app.state.streams_stopping.set()
        self._server.should_exit = True
        self._thread.join(10)
        self.app.state.engine.dispose()  # its connections' files closed (opened again if restarted)
