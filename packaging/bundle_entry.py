"""Entry of the terminal bundle: one program under four names.

`make bundle` builds it as reception-kiosk, reception-counter,
reception-display and reception-sync (the same program, one shared folder of
libraries); the name it was started under picks the front end. The kiosk starts itself
again for its camera process and a due store migration (`CHILDREN`: the
switch comes first)."""

import importlib
import multiprocessing
import sys
from pathlib import Path

ENTRIES = {
    "reception-kiosk": "kiosk.app",
    "reception-counter": "counter.app",
    "reception-display": "display.app",
    "reception-sync": "sync.cli",
}
#: child processes of a front end (terminal/devices/camera_process.py, sync/store/migrate.py)
CHILDREN = {
    "--camera-process": "terminal.devices.camera_child",
    "--migrate-store": "sync.store.migrate",
}

if __name__ == "__main__":
    # multiprocessing's helpers (the resource tracker of the camera's shared memory)
    # start this program with Python's own arguments: run them, not a front end
    multiprocessing.freeze_support()
    if sys.argv[1:2] and sys.argv[1] in CHILDREN:
        sys.exit(importlib.import_module(CHILDREN[sys.argv[1]]).main(sys.argv[2:]))
    name = Path(sys.executable).name
    if name not in ENTRIES:
        sys.exit(f"{name}: start this program as one of {', '.join(ENTRIES)}")
    sys.exit(importlib.import_module(ENTRIES[name]).main())
