"""A counter in a fresh process of its own, for `test_counter_camera_process`.

The counter's composition offscreen over CONFIG_DIR, its services opened as the
counter application opens them (`counter.app.open_counter_services`); a clerk
signs in, the camera (a folder, CAMERA_DIR) reads the specimen passport's MRZ and
the chip opens to it; then the camera sees the images of FACES_DIR and the clerk
compares the face with the chip photo. Prints, as one JSON line, what the clerk
got and which of numpy, cv2 and dlib this process imported.

    python -m tests.counter.gui_process_probe CONFIG_DIR CAMERA_DIR FACES_DIR STAFF_NO PIN
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

#: what the counter's window process must not import (the camera process does)
IMAGE_LIBRARIES = ("numpy", "cv2", "dlib")
#: ICAO 9303's specimen passport expired on 1994-06-23: the applicant step's day
SPECIMEN_DAY = date(1994, 6, 1)
WAIT_S = 120.0


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Run the event loop until `condition()` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from counter.acceptance.workbench import APPLICANT
    from counter.app import open_counter_services
    from counter.composition import CounterComposition
    from terminal.shell import attach_services
    from terminal.startup import start_gui

    config_dir, camera_dir, faces_dir = (Path(arg) for arg in argv[:3])
    staff_no, pin = argv[3:5]
    gui = start_gui("reception-counter-probe", config_dir, argv=[sys.argv[0]], lock=False)
    shell = attach_services(gui, open_counter_services(config_dir))
    shell.gui.language.set_language("en")
    shell.services.runtime.synchronizer.refresh()  # the staff roster and the catalog
    ui = CounterComposition(gui)
    ui.attach(shell)
    ui.window.resize(1920, 1080)
    ui.window.show()
    try:
        ui.sign_in.staff_no.setText(staff_no)
        ui.sign_in.pin.setText(pin)
        ui.sign_in.submit()
        wait_until(lambda: ui.desk.clerk is not None, "the clerk to sign in")
        workbench = ui.workbench
        workbench.go(APPLICANT)
        step = workbench.applicant_step
        step._today = lambda: SPECIMEN_DAY  # the step's clock only
        step.nationality.setText("UTO")
        chips: list[object] = []
        step.passport.passportRead.connect(lambda record, *_: chips.append(record))
        step.scan_mrz_button.click()
        wait_until(lambda: bool(chips), "the camera's MRZ, then the chip")
        key = (step.id_number.text(), step.birth.text(), step.expiry.text())
        for page in camera_dir.iterdir():  # the passport is taken away, the applicant looks
            page.unlink()
        for face in faces_dir.iterdir():
            shutil.copy(face, camera_dir)
        compare = step.face_compare
        compare.button.click()
        wait_until(lambda: compare.result is not None, "the face match")
        result = compare.result
        assert result is not None
        report = {"key": key, "holder": step.name.text(), "face": result.outcome.value,
                  "distance": result.distance, "text": compare.label.text(),
                  "camera": type(workbench.camera).__name__,
                  "imported": [name for name in IMAGE_LIBRARIES if name in sys.modules]}
    finally:
        ui.stop()
        shell.close()
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
