"""Qt Quick (the Qt Virtual Keyboard's QML) draws with Qt's own raster engine.

On a machine without a GPU driver (Xvfb here, a kiosk PC on the VESA
fallback) Qt Quick's default OpenGL path runs on Mesa's llvmpipe, which maps
libLLVM and its software rasteriser into the process: measured under Xvfb,
opening the keyboard cost 146 MB that way and 35 MB with the software
backend. A keyboard panel needs no GPU. A technician may still choose
another backend by setting `QT_QUICK_BACKEND` in the environment.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

SOFTWARE = "software"


def prefer_software_quick(environ: MutableMapping[str, str] | None = None) -> str:
    """Choose the software scene graph unless one is set; call before the QApplication."""
    env = os.environ if environ is None else environ
    return env.setdefault("QT_QUICK_BACKEND", SOFTWARE)
