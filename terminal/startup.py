"""Phase one of start-up: only what the first screen needs.

Nothing here imports the store, the HTTP client or pydantic, so a kiosk
paints its attract screen in about the time an empty PySide6 window takes.
The display settings are read from the TOML file without validation; the
whole file is validated in phase two (`terminal.services`), which reports
every bad key precisely.
"""

from __future__ import annotations

import logging
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication

from sync.paths import (
    APP_NAME,
    CONFIG_FILE,
    DEFAULT_CENTER_NAME_EN,
    DEFAULT_CENTER_NAME_ZH,
    DEFAULT_LANGUAGE,
    DEFAULT_TIME_ZONE,
    default_data_dir,
    log_dir,
)
from terminal.center_time import center_zone
from terminal.i18n import LANGUAGES, LanguageSwitcher
from terminal.logs import configure_logging
from terminal.single_instance import acquire_instance_lock
from terminal.theme import ThemeMode, apply_theme

log = logging.getLogger("terminal.startup")
#: How long a busy background thread (a sync pass parsing reference data) may keep the
#: GIL once the GUI thread asks for it: Python's 5 ms default, paid at every call from Qt
#: into Python (event filters, overrides), made a restyle of the kiosk (a tap on "Large
#: text") take seconds during a sync pass. scripts/bench_restyle.py, docs/benchmarks.md.
GUI_SWITCH_INTERVAL_S = 0.0005


@dataclass(frozen=True)
class DisplaySettings:
    language: str = DEFAULT_LANGUAGE
    center_name_zh: str = DEFAULT_CENTER_NAME_ZH
    center_name_en: str = DEFAULT_CENTER_NAME_EN
    fullscreen: bool = True
    hide_cursor: bool = True
    data_dir: Path | None = None
    time_zone: str = DEFAULT_TIME_ZONE

    def center_name(self, language: str) -> str:
        return self.center_name_zh if language == "zh_CN" else self.center_name_en

    @property
    def zone(self) -> ZoneInfo:
        return center_zone(self.time_zone)


def _pick(table: object, key: str, kind: type, default: object) -> object:
    value = table.get(key) if isinstance(table, dict) else None
    return value if isinstance(value, kind) else default


def read_display_settings(config_path: Path) -> DisplaySettings:
    """Best effort: anything missing or odd falls back to the default."""
    try:
        data = tomllib.loads(config_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DisplaySettings()
    defaults = DisplaySettings()
    terminal, kiosk, store = (data.get(name, {}) for name in ("terminal", "kiosk", "store"))
    language = _pick(terminal, "language", str, defaults.language)
    data_dir = _pick(store, "data_dir", str, None)
    return DisplaySettings(
        language=language if language in LANGUAGES else defaults.language,
        center_name_zh=str(_pick(terminal, "center_name_zh", str, defaults.center_name_zh)),
        center_name_en=str(_pick(terminal, "center_name_en", str, defaults.center_name_en)),
        fullscreen=bool(_pick(kiosk, "fullscreen", bool, defaults.fullscreen)),
        hide_cursor=bool(_pick(kiosk, "hide_cursor", bool, defaults.hide_cursor)),
        data_dir=Path(str(data_dir)) if data_dir else None,
        time_zone=str(_pick(terminal, "time_zone", str, defaults.time_zone)),
    )


@dataclass
class Gui:
    app: QApplication
    settings: DisplaySettings
    language: LanguageSwitcher
    lock: QLockFile | None
    theme: ThemeMode

    def set_theme(self, mode: ThemeMode) -> None:
        self.theme = mode
        apply_theme(self.app, mode)

    def release(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def qt_application(argv: list[str], name: str) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv)
    app.setApplicationName(name)
    app.setOrganizationName(APP_NAME)
    return app


def start_gui(name: str, config_dir: Path, *, argv: list[str] | None = None,
              lock: bool = True) -> Gui:
    """The QApplication with language, theme and the single-instance lock."""
    settings = read_display_settings(config_dir / CONFIG_FILE)
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    configure_logging(log_dir(), name)
    app = qt_application(argv if argv is not None else sys.argv, name)
    instance_lock = (acquire_instance_lock(settings.data_dir or default_data_dir(), name)
                     if lock else None)
    language = LanguageSwitcher(app)
    language.set_language(settings.language)
    theme = ThemeMode()
    apply_theme(app, theme)
    return Gui(app, settings, language, instance_lock, theme)
