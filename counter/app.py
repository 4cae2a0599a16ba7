"""`reception-counter`: the clerk's window terminal.

Today it opens the shared shell (configuration, store, sync worker, status
badge) in a window; sign-in, the queue panel and acceptance arrive with the
counter's own issue.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sync.paths import config_dir
from terminal.services import StartupError
from terminal.shell import start_shell
from terminal.single_instance import AlreadyRunning
from terminal.sync_badge import SyncBadge

APP_NAME = "reception-counter"


class CounterWindow(QWidget):
    def __init__(self, badge: SyncBadge, center_name: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Window terminal"))
        title = QLabel(center_name, alignment=Qt.AlignmentFlag.AlignCenter)
        title.setProperty("role", "title")
        layout = QVBoxLayout(self)
        layout.addWidget(badge)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addStretch(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None)
    arguments = parser.parse_args(argv)
    try:
        shell = start_shell(APP_NAME, arguments.config_dir or config_dir())
    except (StartupError, AlreadyRunning) as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    badge = SyncBadge()
    shell.bridge.stateChanged.connect(badge.show_state)
    window = CounterWindow(badge, shell.services.config.terminal.center_name_zh)
    window.resize(1366, 768)
    window.show()
    shell.bridge.start()
    try:
        return shell.gui.app.exec()
    finally:
        shell.close()


if __name__ == "__main__":
    sys.exit(main())
