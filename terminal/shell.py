"""The running shell: the GUI of phase one joined with the services of
phase two and the sync bridge between them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from terminal.services import Services, open_services
from terminal.startup import Gui, start_gui
from terminal.sync_bridge import SyncBridge


@dataclass
class Shell:
    gui: Gui
    services: Services
    bridge: SyncBridge

    def close(self) -> None:
        self.bridge.stop()
        self.services.close()
        self.gui.release()


def attach_services(gui: Gui, services: Services) -> Shell:
    """On the GUI thread, once phase two has loaded: wire the sync worker."""
    from sync.worker import SyncWorker

    bridge = SyncBridge(services.runtime.outbox, None, gui.app)
    bridge.attach_worker(SyncWorker(services.runtime.synchronizer, on_state=bridge.publish))
    return Shell(gui, services, bridge)


def start_shell(name: str, config_dir: Path, *, argv: list[str] | None = None,
                lock: bool = True, with_devices: bool = True) -> Shell:
    """Both phases, blocking: for the counter, the self-test and tools."""
    gui = start_gui(name, config_dir, argv=argv, lock=lock)
    try:
        return attach_services(gui, open_services(config_dir, with_devices=with_devices))
    except Exception:
        gui.release()
        raise
