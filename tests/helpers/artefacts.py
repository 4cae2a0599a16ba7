"""Where a test writes what a person may want to look at (screenshots, renders):
a folder under that test's own temporary directory, never a fixed path that
outlives the run or that parallel runs share.

    path = artefact_dir("kiosk-apply") / "en-1080x1920-review.png"

`tests/conftest.py` points the root at each test's `tmp_path`; pytest keeps the
last runs' temporary directories for a look afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

_root: list[Path] = []


def set_root(folder: Path | None) -> None:
    """The current test's artefact folder (None once it has finished)."""
    _root[:] = [folder] if folder is not None else []


def artefact_dir(name: str, override: str = "") -> Path:
    """`name`'s folder for the current test, made on first use; `override` names an
    environment variable that, when set, is the folder instead (a script collecting
    screenshots for docs/)."""
    if not _root:
        raise RuntimeError("artefacts are written during a test only")
    chosen = os.environ.get(override) if override else None
    folder = Path(chosen) if chosen else _root[0] / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
