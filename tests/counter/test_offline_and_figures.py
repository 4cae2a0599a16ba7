"""Offline service and reconciliation, the day's figures, responsiveness."""

from __future__ import annotations

import csv
import itertools
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.counter.conftest import Counter, settle, sign_in


@pytest.mark.log_warnings(r"hall event stream", r"platform unreachable")
def test_offline_walk_in_and_typed_number_reconcile(qtbot: QtBot, counter: Counter) -> None:
    desk, panel = counter.ui.desk, counter.ui.queue_panel
    slip = counter.issue("A")  # printed by a kiosk before the link went down
    sign_in(qtbot, counter)
    qtbot.waitUntil(lambda: desk.online is True, timeout=10_000)
    counter.platform.stop()

    panel.trigger("call")
    settle(qtbot, counter)
    assert desk.online is False and desk.current is None
    assert "cannot be reached" in counter.ui.window.status.text()
    assert panel.offline_box.isVisible()

    panel.trigger("walk_in")
    panel.chooser.choose_index(0)
    assert desk.current is not None and desk.current.local and desk.current.number is None
    panel.trigger("end")
    panel.number_entry.setText(slip.lower())
    panel.number_button.click()
    assert desk.current is not None and desk.current.number == slip
    panel.trigger("park")
    panel.trigger("resume")
    assert desk.current is not None and desk.current.number == slip
    panel.trigger("end")
    assert desk.current is None
    outbox = counter.shell.services.runtime.outbox
    qtbot.waitUntil(lambda: outbox.backlog() == 2, timeout=10_000)

    counter.ui.window.figures_button.setChecked(True)  # offline figures: local records
    qtbot.waitUntil(lambda: counter.ui.figures.figures is not None, timeout=10_000)
    figures = counter.ui.figures.figures
    assert figures.source == "local" and figures.this_window.served == 2
    assert figures.center is None

    counter.restart_platform()
    assert counter.drain() == 2
    assert outbox.backlog() == 0 and outbox.dead_count() == 0
    stats = counter.shell.services.runtime.client.queue_stats(window="3")
    assert stats.windows[0].served == 2
    state = counter.kiosk.queue_state()
    assert {c.code: c.waiting for c in state.categories}["A"] == 0  # the slip is closed
    desk.refresh()
    qtbot.waitUntil(lambda: desk.online is True, timeout=10_000)


def test_figures_online_with_outcomes_ratings_and_csv(qtbot: QtBot, counter: Counter) -> None:
    from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Person, RatingPayload

    outbox = counter.shell.services.runtime.outbox
    outbox.submit(AcceptancePayload(tracking_number="T-0001", matter_code="MZ-001",
                                    outcome=AcceptanceOutcome.ACCEPTED, applicant=Person()))
    outbox.submit(AcceptancePayload(tracking_number="T-0002", matter_code="MZ-001",
                                    outcome=AcceptanceOutcome.MISSING_MATERIALS,
                                    applicant=Person()))
    outbox.submit(RatingPayload(tracking_number="T-0001", level=5))
    outbox.submit(RatingPayload(tracking_number="T-0002", level=4))
    desk, panel = counter.ui.desk, counter.ui.queue_panel
    counter.issue("A")
    sign_in(qtbot, counter)
    panel.trigger("call")
    settle(qtbot, counter)
    panel.trigger("end")
    settle(qtbot, counter)
    qtbot.keyClick(counter.ui.window, _key("F10"))
    view = counter.ui.figures
    qtbot.waitUntil(lambda: view.figures is not None, timeout=10_000)
    figures = view.figures
    assert figures.source == "platform"
    assert figures.this_window.served == 1 and figures.center is not None
    assert figures.this_window.longest_wait is not None
    assert figures.outcomes["MZ-001"]["accepted"] == 1
    assert figures.ratings[5] == 1 and figures.average_rating == 4.5
    assert counter.ui.window.right.currentWidget() is view
    path = view.export()
    assert path is not None and path.parent == counter.tmp / "data" / "exports"
    assert str(path) in view.export_path.text()
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    assert rows[1][:3] == ["window", "3", "1"]
    assert ["MZ-001", "1", "0", "1", "0"] in rows
    assert desk.current is None


def test_gui_stays_responsive_during_a_slow_platform_call(qtbot: QtBot,
                                                          counter: Counter) -> None:
    from PySide6.QtCore import QTimer

    from sync.server.faults import FaultRule, write_plan

    counter.issue("A")
    sign_in(qtbot, counter)
    qtbot.waitUntil(lambda: not counter.ui.desk.reads.busy, timeout=10_000)
    write_plan(counter.fault_plan, [FaultRule(action="delay", delay=1.5,
                                              path="/v1/queue/call-next")])
    ticks: list[datetime] = []
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: ticks.append(datetime.now(UTC)))
    timer.start()
    started = datetime.now(UTC)
    counter.ui.queue_panel.trigger("call")
    assert (datetime.now(UTC) - started).total_seconds() < 0.2  # returned at once
    assert counter.ui.desk.busy and not counter.ui.queue_panel.buttons["end"].isEnabled()
    settle(qtbot, counter)
    timer.stop()
    assert counter.ui.desk.current is not None
    assert len(ticks) >= 15  # the timer kept firing while the platform was slow
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.5


def _key(name: str) -> object:
    from PySide6.QtCore import Qt

    return getattr(Qt.Key, f"Key_{name}")
