"""Where the clerk needs it: a configured sign-in hint (the demo's staff number
and PIN) stands under the sign-in while nobody is signed in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.counter.conftest import counter_terminal, sign_in

HINT = "Demo: staff number 1001, PIN 246810"


def test_the_sign_in_hint_shows_until_a_clerk_signs_in_and_after_sign_out(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot, sign_in_hint=HINT) as counter:
        status = counter.ui.window.status
        assert status.text() == HINT and status.isVisible()
        sign_in(qtbot, counter)
        assert HINT not in status.text()
        counter.ui.sign_out()
        assert status.text().endswith(HINT)
