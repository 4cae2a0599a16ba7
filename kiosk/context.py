"""What kiosk screens may use, handed to each through its constructor.

`shell` and `devices` arrive when phase two of start-up has loaded; screens
must cope with either being None (show "one moment" or the offline path).
`clock` tells the time in the center's zone (`zone`), whatever the machine's;
`live_queue` the queue state the platform pushes (`kiosk.queue_view`), and
`queue_read` takes a state a screen read itself (cached, leases topped up there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from kiosk.session import KioskSession
from terminal.adapters import Adapters
from terminal.center_time import center_clock
from terminal.startup import Gui

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sync.caches import Cached
    from sync.protocol.queue import QueueState
    from terminal.shell import Shell

ModelT = TypeVar("ModelT", bound="BaseModel")
#: The kiosk's devices: the shell's adapters (`terminal.adapters`).
KioskDevices = Adapters


@dataclass
class KioskContext:
    gui: Gui
    session: KioskSession = field(default_factory=KioskSession)
    shell: Shell | None = None
    devices: KioskDevices = field(default_factory=KioskDevices)
    clock: Callable[[], datetime] | None = None  # None: now in the center's zone
    #: The queue state while the platform's event stream keeps it current, else None.
    live_queue: Callable[[], QueueState | None] = lambda: None
    #: A state a screen read from the platform: shown, cached and the leases topped up
    #: off the shared lane (`kiosk.queue_view`); on the GUI thread.
    queue_read: Callable[[QueueState], None] = lambda _state: None

    def __post_init__(self) -> None:
        if self.clock is None:
            self.clock = center_clock(self.zone)

    @property
    def zone(self) -> ZoneInfo:
        return self.gui.settings.zone

    @property
    def language(self) -> str:
        return self.gui.language.language

    def cached(self, name: str, model: type[ModelT]) -> Cached[ModelT] | None:
        """A reference document from the local cache (None before phase two)."""
        if self.shell is None:
            return None
        return self.shell.services.runtime.cache.get(name, model)

    def link_down(self) -> bool:
        """True when the sync worker last found the platform unreachable."""
        state = self.shell.bridge.last_state if self.shell is not None else None
        return state is not None and state.online is False

    def localized(self, zh: str, en: str) -> str:
        return zh if self.language == "zh_CN" else en
