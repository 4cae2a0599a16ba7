"""A network ESC/POS printer on loopback: records bytes, answers DLE EOT status queries."""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

from hardware.printer.status import PaperState, encode_status


class PrinterSimulator:
    """A raw-TCP (port 9100 style) peer for tests and demos.

    Start with `with PrinterSimulator() as sim:` or `start()`; `stop()` closes
    the listener and every connection (the printer "vanishes"); `start()` again
    listens on the same port (it comes back).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host, self.port = host, port
        self.paper = PaperState.OK
        self.cover_open = False
        self.silent = False  # answer no status query at all
        self.reply_override: bytes | None = None  # answer every query with these bytes
        self.stop_after_bytes: int | None = None  # vanish once this many bytes arrived
        self._fault_at: tuple[int, PaperState, bool] | None = None  # see fault_after()
        self._received = bytearray()
        self._lock = threading.Lock()
        self._server: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    # ---- lifecycle -------------------------------------------------------
    def start(self) -> PrinterSimulator:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self.port))
        server.listen(4)
        self.port = server.getsockname()[1]
        self._server = server
        self._spawn(self._accept_loop, server)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server:
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        current = threading.current_thread()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            if thread is not current and thread.ident is not None:
                thread.join(2)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> PrinterSimulator:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def fault_after(self, count: int, *, paper: PaperState = PaperState.OUT,
                    cover_open: bool = False) -> None:
        """Once `count` more bytes have arrived (mid-job), the paper state becomes `paper`
        and the cover `cover_open`: status asked before says OK, asked after says so."""
        with self._lock:
            self._fault_at = (len(self._received) + count, paper, cover_open)

    # ---- recorded data -----------------------------------------------------
    @property
    def received(self) -> bytes:
        with self._lock:
            return bytes(self._received)

    def clear(self) -> None:
        with self._lock:
            self._received.clear()

    # ---- internals ---------------------------------------------------------
    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,  # type: ignore[arg-type]
                                  name=f"printer-sim-{self.port}")
        thread.start()
        with self._lock:
            self._threads.append(thread)

    def _accept_loop(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            self._spawn(self._serve, conn)

    def _reply(self, n: int) -> bytes:
        if self.silent:
            return b""
        if self.reply_override is not None:
            return self.reply_override
        return encode_status(self.paper, self.cover_open).get(n, b"")

    def _serve(self, conn: socket.socket) -> None:
        pending = b""  # a DLE EOT split across reads
        while True:
            try:
                chunk = conn.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._received += chunk
                total = len(self._received)
                if self._fault_at is not None and total >= self._fault_at[0]:
                    _, self.paper, self.cover_open = self._fault_at
                    self._fault_at = None
            data = pending + chunk
            start = 0
            while (k := data.find(b"\x10\x04", start)) >= 0 and k + 2 < len(data):
                answer = self._reply(data[k + 2])
                if answer:
                    with contextlib.suppress(OSError):
                        conn.sendall(answer)
                start = k + 3
            pending = data[-2:] if data.endswith((b"\x10", b"\x10\x04")) else b""
            if self.stop_after_bytes is not None and total >= self.stop_after_bytes:
                self.stop_after_bytes = None
                self.stop()  # skips joining this thread
                return
