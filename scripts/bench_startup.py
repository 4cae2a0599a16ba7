"""Child process for the start-up benchmark: `kiosk` opens the real kiosk
(shell, store, translations, theme, attract screen) offscreen; `bare` opens
an empty PySide6 window. Each prints "ready" once its window is painted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def ready_after_paint(app: object, window: object) -> None:
    from PySide6.QtCore import QTimer

    def report() -> None:
        window.grab()  # type: ignore[attr-defined] - forces a full paint
        print("ready", flush=True)
        app.quit()  # type: ignore[attr-defined]

    QTimer.singleShot(0, report)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    window = QWidget()
    window.resize(1080, 1920)
    window.show()
    ready_after_paint(app, window)
    return app.exec()


def kiosk(config_dir: Path) -> int:
    from kiosk.composition import build_kiosk
    from terminal.shell import start_shell

    shell = start_shell("reception-kiosk-bench", config_dir, argv=[sys.argv[0]])
    window = build_kiosk(shell, kiosk_mode=False)
    window.resize(1080, 1920)
    window.present()
    ready_after_paint(shell.app, window)
    try:
        return shell.app.exec()
    finally:
        shell.close()


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else kiosk(Path(sys.argv[2])))
