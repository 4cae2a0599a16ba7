"""The running shell: the GUI of phase one joined with the services of
phase two, the sync bridge between them, the link (the one online truth)
and the device adapters, the same for every front end."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer

from terminal.adapters import Adapters, build_adapters
from terminal.link import Link, LinkedState
from terminal.services import Services, ServicesLoader, open_services
from terminal.slips import configure_status_links
from terminal.source_cache import drop_source_cache
from terminal.startup import Gui, start_gui
from terminal.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from sync.synchronizer import Synchronizer


@dataclass
class Shell:
    gui: Gui
    services: Services
    bridge: SyncBridge
    link: Link
    adapters: Adapters
    linked: LinkedState

    def start(self) -> None:
        """The link's probe, a first check of every device, the sync worker."""
        self.link.start()
        self.adapters.check()
        self.bridge.start()

    def close(self) -> None:
        self.link.stop()
        self.adapters.stop()
        self.bridge.stop()
        self.services.close()
        self.gui.release()
        for piece in (self.linked, self.link):
            piece.deleteLater()


def attach_services(gui: Gui, services: Services) -> Shell:
    """On the GUI thread, once phase two has loaded: the sync worker behind the
    bridge, the link whose verdict every published state carries, and the
    device adapters whose health every heartbeat reports (for every front end)."""
    from terminal.device_report import HealthRecorder

    runtime = services.runtime
    link = Link(runtime.client.probe, parent=gui.app)
    bridge, linked = link_sync(runtime.synchronizer, link)
    adapters = build_adapters(services.devices, gui.app)
    # every heartbeat also records the devices for `reception-sync diagnose`
    runtime.synchronizer.device_health = HealthRecorder(adapters, services.config.data_dir())
    configure_status_links(services.config.platform.status_base(),
                           runtime.client.status_check_code)
    drop_source_cache()  # phase two has imported what start-up needs
    return Shell(gui, services, bridge, link, adapters, linked)


def link_sync(synchronizer: Synchronizer, link: Link) -> tuple[SyncBridge, LinkedState]:
    """The sync worker behind a new bridge, its states published with `link`'s
    verdict, its back-off ended when the link sees the platform return."""
    from sync.worker import SyncWorker

    bridge = SyncBridge(synchronizer.outbox, None, link.parent())
    linked = LinkedState(bridge, link, parent=link.parent())
    worker = SyncWorker(synchronizer, on_state=linked.worker_state)
    bridge.attach_worker(worker)
    link.changed.connect(lambda online: worker.retry_now() if online else None)
    return bridge, linked


def start_shell(name: str, config_dir: Path, *, argv: list[str] | None = None,
                lock: bool = True, with_devices: bool = True,
                as_kiosk_application: bool = False, camera_process: bool = False) -> Shell:
    """Both phases, blocking: for tests, the self-test and tools
    (`as_kiosk_application`: the camera and a due store migration in child
    processes, as the kiosk application opens its services; `camera_process`:
    the camera in its child process, as the counter application opens it)."""
    gui = start_gui(name, config_dir, argv=argv, lock=lock)
    try:
        return attach_services(gui, open_services(
            config_dir, with_devices=with_devices,
            camera_process=camera_process or as_kiosk_application,
            migrate_in_child=as_kiosk_application))
    except Exception:
        gui.release()
        raise


class FrontEnd(Protocol):
    """A kiosk, counter or hall display, built in phase one."""

    def attach(self, shell: Shell) -> None: ...

    def stop(self) -> None: ...


def run_front_end(name: str, gui: Gui, ui: FrontEnd, loader: ServicesLoader,
                  on_failed: Callable[[str], None]) -> int:
    """Start phase two after the first paint, run the event loop, close all.

    `on_failed` shows the resident or clerk what they may know; the precise
    cause goes to stderr and the log."""
    shells: list[Shell] = []

    def loaded(services: Services) -> None:
        shell = attach_services(gui, services)
        shells.append(shell)
        ui.attach(shell)
        shell.start()

    def failed(message: str) -> None:
        print(f"{name}: {message}", file=sys.stderr)
        on_failed(message)

    loader.loaded.connect(loaded)
    loader.failed.connect(failed)
    QTimer.singleShot(0, loader.start)  # after the first paint
    # systemd stops a terminal with SIGTERM: leave the loop so everything closes
    # cleanly. exit(), not quit(): quit() first asks every window to close, and a
    # kiosk-mode window refuses. Python runs signal handlers only between
    # bytecodes, hence the tick.
    signal.signal(signal.SIGTERM, lambda *_: gui.app.exit(0))
    tick = QTimer(gui.app, interval=500)
    tick.timeout.connect(lambda: None)
    tick.start()
    try:
        return gui.app.exec()
    finally:
        loader.wait(30)
        ui.stop()
        for shell in shells:
            shell.close()
        gui.release()
