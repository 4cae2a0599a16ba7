"""Switching the UI language at run time with Qt's translators.

Widgets retranslate themselves on `QEvent.LanguageChange`, which Qt sends
to every widget when a translator is installed or removed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger("terminal.i18n")
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")


class LanguageSwitcher:
    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS_DIR) -> None:
        self._app = app
        self._directory = directory
        self._translator: QTranslator | None = None
        self.language = "en"

    def set_language(self, language: str) -> bool:
        """Install `language`. English is the source text, but its file still
        carries the plural forms of `%n` messages."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        translator = QTranslator(self._app)
        loaded = translator.load(str(self._directory / f"reception_{language}.qm"))
        if loaded:
            self._app.installTranslator(translator)
            self._translator = translator
        else:
            log.error("no compiled translation for %s in %s (run `make translations`)",
                      language, self._directory)
        QLocale.setDefault(QLocale(language))
        self.language = language
        return loaded
