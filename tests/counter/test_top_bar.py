"""The counter's top bar at 1366x768: its buttons and the sync badge always show
their whole text; the center's name gives way (elided) when the row is full."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from sync.worker import SyncState
from tests.counter.conftest import Counter, sign_in

BADGES = [SyncState(online=False, backlog=1, dead_letters=0, last_success=None),
          SyncState(online=True, backlog=12, dead_letters=0, last_success=None,
                    last_error="busy")]


def test_the_top_bar_never_cuts_a_button(qtbot: QtBot, counter: Counter) -> None:
    """Soak finding (make soak SOAK_ARGS="--app counter --language en --seed 21", its
    screenshot): signed in, offline with a record saved, the English bar cut "Cases
    (Ctrl+K)", "Figures (F10)" and "Sign out (F12)" at both ends."""
    sign_in(qtbot, counter)
    window = counter.ui.window
    buttons: list[QPushButton] = [window.cases_button, window.figures_button,
                                  window.sign_out_button]
    for state in BADGES:
        window.badge.show_state(state)
        window.top_row.activate()
        shown = [button for button in buttons if button.isVisible()]
        assert len(shown) >= 2
        for widget in (*shown, window.badge, window.clerk_label, window.window_label):
            assert widget.width() >= widget.sizeHint().width(), (
                f"{widget.objectName()} {widget.text()!r}: {widget.width()} px of "
                f"{widget.sizeHint().width()}")
        assert max(button.geometry().right() for button in shown) < window.width()
        center = window.center
        assert center.accessibleName() == window.center_name
        assert center.text() == center.fontMetrics().elidedText(
            window.center_name, center.elide_mode, center.contentsRect().width())
