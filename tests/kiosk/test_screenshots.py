"""`make screenshots`: the kiosk part renders real screens at the exact sizes, under
the naming rule (a few screens here; the whole set is `make screenshots`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "screenshots", ROOT / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shot_names_carry_screen_state_language_and_orientation() -> None:
    script = load_script()
    assert script.shot_name("apply-form", "", "zh_CN", "portrait") == \
        "apply-form-zh_CN-portrait.png"
    assert script.shot_name("status", "cached", "en", "landscape") == \
        "status-cached-en-landscape.png"


def test_kiosk_shots_render_at_the_exact_sizes(qapp: object, tmp_path: Path) -> None:
    script = load_script()
    log = script.kiosk_shots(tmp_path, shots=["home", "help", "notices-detail"],
                             languages=["zh_CN", "en"], themes=False)
    expected = {f"{screen}-{language}-{orientation}.png": size
                for screen in ("home", "help", "notices-detail")
                for language in ("zh_CN", "en")
                for orientation, size in (("portrait", (1080, 1920)),
                                          ("landscape", (1920, 1080)))}
    written = {path.name for path in (tmp_path / "kiosk").glob("*.png")}
    assert written == set(expected)
    assert {path.name for path in log.files} == set(expected)
    for name, (width, height) in expected.items():
        image = QImage(str(tmp_path / "kiosk" / name))
        assert (image.width(), image.height()) == (width, height), name
    assert log.problems == []
