"""Entry of the terminal bundle: one program under four names.

`make bundle` builds it as reception-kiosk, reception-counter,
reception-display and reception-sync (the same program, one shared folder of
libraries); the name it was started under picks the front end."""

import importlib
import sys
from pathlib import Path

ENTRIES = {
    "reception-kiosk": "kiosk.app",
    "reception-counter": "counter.app",
    "reception-display": "display.app",
    "reception-sync": "sync.cli",
}

if __name__ == "__main__":
    name = Path(sys.executable).name
    if name not in ENTRIES:
        sys.exit(f"{name}: start this program as one of {', '.join(ENTRIES)}")
    sys.exit(importlib.import_module(ENTRIES[name]).main())
