"""Stand-ins built on the real interfaces, for screens tested without a whole shell.

`cache_shell(cache, answer)` is a `Shell` whose services hold just a reference cache
and a real `PlatformClient`; the client's requests go to `answer` (an httpx handler:
the platform's HTTP side) instead of the network, and without one the platform is
unreachable, so the client raises what it raises on a dead link.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.runtime import SyncRuntime
from terminal.services import Services
from terminal.shell import Shell

Answer = Callable[[httpx.Request], httpx.Response]


def unreachable(request: httpx.Request) -> httpx.Response:
    """The platform's address refuses connections."""
    raise httpx.ConnectError("platform unreachable (test)", request=request)


def not_found(_request: httpx.Request) -> httpx.Response:
    """The platform knows nothing of what is asked."""
    return httpx.Response(404, json={"code": "not_found", "message": "Not found (test)."})


def platform_client(answer: Answer = unreachable) -> PlatformClient:
    """A real client of a platform whose HTTP answers `answer` gives."""
    return PlatformClient("http://platform.test", "K-TEST", b"\x01" * 32,
                          transport=httpx.MockTransport(answer))


class CacheRuntime(SyncRuntime):
    """A sync runtime of only the reference cache and a client (no store, no worker)."""

    def __init__(self, cache: ReferenceCache, client: PlatformClient) -> None:
        self.cache, self.client = cache, client


class CacheServices(Services):
    def __init__(self, runtime: SyncRuntime) -> None:
        self.runtime, self.terminal_id = runtime, runtime.client.terminal_id


class CacheShell(Shell):
    """A shell of services only: no GUI start-up, devices, link or sync worker."""

    def __init__(self, services: Services) -> None:
        self.services = services


def cache_shell(cache: ReferenceCache, answer: Answer = unreachable) -> Shell:
    return CacheShell(CacheServices(CacheRuntime(cache, platform_client(answer))))
