"""Damaged records are visible: on the sync badge and in the technician panel,
read from a real store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sync.outbox import Outbox
from sync.protocol.models import ItemResult, ItemStatus
from sync.worker import SyncState
from terminal.config import DevicesSection
from terminal.sync_badge import SyncBadge
from terminal.technician import TechnicianPanel
from tests.sync.helpers import application, flip_personal_byte, make_outbox

SCREENSHOT_DIR = Path(os.environ.get("PANEL_SCREENSHOT_DIR", "/tmp"))


def test_the_badge_names_damaged_records(qtbot: QtBot) -> None:
    badge = SyncBadge()
    qtbot.addWidget(badge)
    badge.show_state(SyncState(True, 0, 3, None, damaged=2))
    assert "2 damaged record" in badge.text()
    assert badge.property("state") == "attention"
    badge.show_state(SyncState(True, 0, 1, None))
    assert "1 record" in badge.text() and "damaged" not in badge.text()


def _store_with_dead_letters(folder: Path) -> Outbox:
    outbox = make_outbox(folder)
    ids = [outbox.submit(application(n)).id for n in range(3)]
    outbox.database.close()
    flip_personal_byte(folder / "terminal.db", 2)
    outbox = make_outbox(folder)
    sent = outbox.next_batch(10, 10**6)
    assert [item.id for item in sent] == [ids[0], ids[2]]
    outbox.record_results([ItemResult(id=ids[2], status=ItemStatus.REJECTED,
                                      code="unknown_matter", reason="Matter 'MZ-001' is not "
                                                                    "in the catalog.")],
                          [ids[2]])
    return outbox


@pytest.mark.log_warnings(r"set aside as a dead letter")
def test_the_technician_panel_lists_dead_letters_with_their_reasons(
        qtbot: QtBot, tmp_path: Path) -> None:
    outbox = _store_with_dead_letters(tmp_path)
    panel = TechnicianPanel(DevicesSection(), dead_letters=outbox.dead_letters)
    qtbot.addWidget(panel)
    view = panel.dead_letters
    assert view is not None
    for size in ((1920, 1080), (1080, 1920)):
        panel.resize(*size)
        panel.show()
        qtbot.waitUntil(lambda: "damaged on this terminal" in view.body.text(), timeout=10_000)
        text = view.body.text()
        assert "1 damaged on this terminal · 1 refused by the platform" in text
        assert "#2 application · damaged here · local_undecryptable" in text
        assert "#3 application · refused by the platform · unknown_matter" in text
        # laid out in full, not clipped
        qtbot.waitUntil(lambda: view.body.height() >= view.body.heightForWidth(view.body.width()),
                        timeout=10_000)
        panel.grab().save(str(SCREENSHOT_DIR / f"dead_letters_{size[0]}x{size[1]}.png"))
        panel.hide()
    panel.shutdown()
    outbox.database.close()
