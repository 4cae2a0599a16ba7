"""`serve --workers N`: uvicorn's worker processes, each listening on a socket of
its own.

uvicorn's workers share the one socket their parent bound, and a burst of new
connections (every hall display after a platform restart) was accepted by one
of them. Here each worker binds the port itself with SO_REUSEPORT (Linux), so
the kernel hashes every new connection to one of the workers' sockets. uvicorn
still supervises the workers (health checks, restarts); the parent only checks
that the port is free and binds nothing it keeps.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
from typing import cast

from uvicorn import Config
from uvicorn.server import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess

log = logging.getLogger(__name__)


class ReusePortSocket:
    """Stands for a listening socket in what uvicorn hands a worker process:
    unpickled there, it is a new socket bound to the port with SO_REUSEPORT."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def __reduce__(self) -> tuple[object, tuple[str, int]]:
        return bind_reuse_port, (self.host, self.port)


def bind_reuse_port(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port beside the other workers' (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        log.error("cannot listen on %s:%d: %s", host, port, error)
        sys.exit(STARTUP_FAILURE)
    sock.set_inheritable(True)
    return sock


def port_is_free(host: str, port: int) -> bool:
    """Nothing else listens there (a socket without SO_REUSEPORT can bind it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def run(config: Config) -> int:
    """Serve `config.app` (an import string) in `config.workers` processes."""
    if not port_is_free(config.host, config.port):
        log.error("%s:%d is in use", config.host, config.port)
        return STARTUP_FAILURE
    listener = cast(socket.socket, ReusePortSocket(config.host, config.port))
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[listener]).run()
    return 0
