"""The hall screen's sizes and colours come from the application style sheet
(resources/themes/hall.qss), as in the display app."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from terminal.theme import ThemeMode, apply_theme


@pytest.fixture(autouse=True)
def _themed(qapp: QApplication) -> None:
    apply_theme(qapp, ThemeMode())
