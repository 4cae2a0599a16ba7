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


TRANSLATOR_NAME = "reception-translator"


class LanguageSwitcher:
    """One UI language per application: installing one removes the previous
    one, whichever switcher installed it (it is found by its object name)."""

    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS_DIR) -> None:
        self._app = app
        self._directory = directory
        self.language = "en"

    def set_language(self, language: str) -> bool:
        """Install `language`. English is the source text, but its file still
        carries the plural forms of `%n` messages."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        for previous in self._app.findChildren(QTranslator, TRANSLATOR_NAME):
            self._app.removeTranslator(previous)
            previous.deleteLater()
            previous.setObjectName("")
        translator = QTranslator(self._app)
        translator.setObjectName(TRANSLATOR_NAME)
        loaded = translator.load(str(self._directory / f"reception_{language}.qm"))
        if loaded:
            self._app.installTranslator(translator)
        else:
            log.error("no compiled translation for %s in %s (run `make translations`)",
                      language, self._directory)
        QLocale.setDefault(QLocale(language))
        self.language = language
        return loaded
