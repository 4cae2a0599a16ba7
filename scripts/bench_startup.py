"""Child process for the start-up benchmark: `kiosk` runs the kiosk's
phase one (configuration, logging, lock, translations, theme, attract screen)
offscreen; `bare` opens an empty PySide6 window. Each prints "ready" once its
window is painted. The store and sync core load after that, off the GUI
thread (terminal.services), as in kiosk.app."""

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
    """The kiosk's own start-up sequence (kiosk.app.main), timed at first paint."""
    from kiosk.composition import KioskComposition
    from terminal.startup import start_gui

    gui = start_gui("reception-kiosk-bench", config_dir, argv=[sys.argv[0]])
    ui = KioskComposition(gui, kiosk_mode=False)
    ui.window.resize(1080, 1920)
    ui.window.present()
    ready_after_paint(gui.app, ui.window)
    try:
        return gui.app.exec()
    finally:
        gui.release()


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else kiosk(Path(sys.argv[2])))
