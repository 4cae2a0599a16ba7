"""`make screenshots`: the counter and hall-display parts render real screens at the
exact sizes, under the naming rule (a few shots here; the whole set is
`make screenshots`)."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
COUNTER_SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}


@pytest.fixture(autouse=True)
def _own_time_zone() -> Iterator[None]:
    """The script sets TZ (the halls' clocks) for the whole process: put it back, or a
    later test's "today" could cross midnight in another zone."""
    before = os.environ.get("TZ")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "screenshots", ROOT / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sizes_of(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in folder.glob("*.png"):
        image = QImage(str(path))
        found[path.name] = (image.width(), image.height())
    return found


def test_counter_shots_render_at_both_desk_sizes(qapp: object, tmp_path: Path) -> None:
    script = load_script()
    log = script.counter_shots(tmp_path, shots=["sign-in", "queue-idle", "rating-levels"],
                               languages=["zh_CN", "en"])
    expected = {f"{shot}-{language}-{name}.png": size
                for shot in ("sign-in", "queue-idle", "rating-levels")
                for language in ("zh_CN", "en")
                for name, size in COUNTER_SIZES.items()}
    assert sizes_of(tmp_path / "counter") == expected
    assert {path.name for path in log.files} == set(expected)
    assert log.problems == []


@pytest.mark.log_warnings(r"hall event stream", r"no audio output device", r"platform unreachable")
def test_display_shots_render_the_hall_at_every_size(qapp: object, tmp_path: Path) -> None:
    script = load_script()
    log = script.display_shots(tmp_path, shots=["hall"], languages=["zh_CN", "en"])
    expected = {f"hall{state}-{language}-{name}.png": size
                for state in ("", "-empty", "-help", "-offline") for language in ("zh_CN", "en")
                for name, size in (("1920x1080", (1920, 1080)), ("1280x720", (1280, 720)),
                                   ("1080x1920", (1080, 1920)))}
    assert sizes_of(tmp_path / "display") == expected
    assert {path.name for path in log.files} == set(expected)
    assert log.problems == []
