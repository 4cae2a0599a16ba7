"""Sign-in and the queue actions against the real reference platform."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.counter.conftest import CLERK_PIN, Counter, settle, sign_in


def expire_platform_lockouts(counter: Counter) -> None:
    from sqlalchemy import update

    from sync.server.db import StaffLockout, make_engine

    engine = make_engine(f"sqlite:///{counter.tmp / 'platform.db'}")
    with engine.begin() as connection:
        connection.execute(update(StaffLockout).values(locked_until=0.0))
    engine.dispose()


def test_wrong_pins_lock_out_then_the_right_pin_signs_in(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.ui.sign_in
    for _ in range(5):
        screen.staff_no.setText("1001")
        screen.pin.setText("000000")
        screen.submit()
        qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)
    assert screen.is_locked()
    assert "Wait" in screen.message.text()
    assert not screen.sign_in_button.isEnabled()
    screen.lockout.succeeded()  # the screen's lockout elapsed; the platform's has not
    screen.refresh()
    screen.staff_no.setText("1001")
    screen.pin.setText(CLERK_PIN)
    screen.submit()
    qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)
    assert counter.ui.desk.clerk is None and screen.is_locked()
    expire_platform_lockouts(counter)
    screen.lockout.succeeded()
    screen.refresh()
    sign_in(qtbot, counter)
    assert counter.ui.window.clerk_label.text() == "Clerk: 王丽"
    assert counter.ui.window.pages.currentIndex() == 1


def test_on_screen_keypad_and_enter(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.ui.sign_in
    for digit in "1001":
        screen.keys[digit].click()
    screen.sign_in_button.click()  # on to the PIN
    for digit in CLERK_PIN:
        screen.keys[digit].click()
    assert screen.staff_no.text() == "1001" and screen.pin.text() == CLERK_PIN
    screen.sign_in_button.click()
    qtbot.waitUntil(lambda: counter.ui.desk.clerk is not None, timeout=10_000)


def test_call_recall_no_show_park_resume_transfer_walk_in_end(qtbot: QtBot,
                                                             counter: Counter) -> None:
    desk, panel = counter.ui.desk, counter.ui.queue_panel
    first, second, third = counter.issue("A"), counter.issue("A"), counter.issue("B")
    sign_in(qtbot, counter)
    qtbot.waitUntil(lambda: desk.state is not None, timeout=10_000)
    assert "2" in [cell.text() for cell in panel.category_cells]  # two waiting in A

    panel.trigger("call")
    settle(qtbot, counter)
    assert desk.current is not None and desk.current.number == first
    assert not panel.buttons["no_show"].isEnabled()
    panel.trigger("recall")
    settle(qtbot, counter)
    assert desk.current.recalls == 1 and not desk.can("no_show")
    panel.trigger("recall")
    settle(qtbot, counter)
    assert desk.current.recalls == 2 and panel.buttons["no_show"].isEnabled()
    panel.trigger("no_show")
    settle(qtbot, counter)
    assert desk.current is None

    panel.trigger("call")
    settle(qtbot, counter)
    assert desk.current.number == second
    panel.trigger("serve")
    settle(qtbot, counter)
    assert desk.current.status == "serving"
    panel.trigger("park")
    settle(qtbot, counter)
    assert desk.current is None and [t.number for t in desk.parked] == [second]

    panel.trigger("call")
    settle(qtbot, counter)
    assert desk.current.number == third
    panel.trigger("transfer")
    assert panel.stack.currentWidget() is panel.chooser
    assert "A" in panel.chooser.buttons and "B" not in panel.chooser.buttons
    panel.chooser.buttons["A"].click()
    settle(qtbot, counter)
    assert desk.current is None
    state = counter.kiosk.queue_state()
    assert {c.code: c.waiting for c in state.categories}["A"] == 1  # the transferred one

    panel.parked_buttons[0].click()
    settle(qtbot, counter)
    assert desk.current.number == second and desk.current.status == "serving"
    panel.trigger("end")
    settle(qtbot, counter)
    assert desk.current is None and not desk.parked

    panel.trigger("walk_in")
    panel.chooser.choose_index(1)  # B
    settle(qtbot, counter)
    assert desk.current is not None and desk.current.category == "B"
    walk_in = desk.current.number
    panel.trigger("end")
    settle(qtbot, counter)

    stats = counter.shell.services.runtime.client.queue_stats()
    window = next(w for w in stats.windows if w.window == "3")
    assert window.served == 2 and window.no_shows == 1
    assert walk_in is not None
    assert counter.drain() >= 3  # the served records reach the platform as records only
    assert counter.shell.services.runtime.outbox.dead_count() == 0


def test_pause_blocks_calls(qtbot: QtBot, counter: Counter) -> None:
    desk, panel = counter.ui.desk, counter.ui.queue_panel
    counter.issue("A")
    sign_in(qtbot, counter)
    panel.trigger("pause")
    panel.chooser.buttons["meeting"].click()
    assert desk.paused is not None
    assert not panel.buttons["call"].isEnabled()
    panel.trigger("call")
    assert not desk.actions.busy and desk.current is None
    assert "Paused" in panel.number.text()
    panel.trigger("pause")  # F8 again: back to work
    assert desk.paused is None and panel.buttons["call"].isEnabled()


def test_function_keys_trigger_actions(qtbot: QtBot, counter: Counter) -> None:
    from PySide6.QtCore import Qt

    desk, window = counter.ui.desk, counter.ui.window
    number = counter.issue("A")
    sign_in(qtbot, counter)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    settle(qtbot, counter)
    assert desk.current is not None and desk.current.number == number
    qtbot.keyClick(window, Qt.Key.Key_F2)
    settle(qtbot, counter)
    assert desk.current.recalls == 1
    qtbot.keyClick(window, Qt.Key.Key_F7)
    settle(qtbot, counter)
    assert desk.current is None
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert counter.ui.queue_panel.stack.currentWidget() is counter.ui.queue_panel.chooser
    qtbot.keyClick(counter.ui.queue_panel.chooser, Qt.Key.Key_1)
    assert desk.paused is not None
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert desk.clerk is None and window.pages.currentIndex() == 0


def test_idle_signs_out_after_a_warning(qtbot: QtBot, counter: Counter) -> None:
    sign_in(qtbot, counter)
    idle = counter.ui.idle
    idle.seconds, idle.warn_seconds = 1.2, 0.8
    idle.arm()
    with qtbot.waitSignal(idle.warning, timeout=5000):
        pass
    assert "signing out" in counter.ui.window.status.text()
    with qtbot.waitSignal(idle.expired, timeout=5000):
        pass
    assert counter.ui.desk.clerk is None
    assert counter.ui.window.pages.currentIndex() == 0
