"""A withdrawn terminal says so plainly, keeps its outbox, and delivers it once
enrolled again with a renewal code (same id, new key, same data key)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from sync.cli import enroll_terminal
from sync.client import AuthError, PlatformClient
from sync.paths import SECRETS_FILE
from sync.protocol.models import Role
from sync.secrets_file import load_secrets
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from sync.synchronizer import SyncSettings
from sync.worker import SyncState, SyncWorker
from terminal.i18n import LanguageSwitcher
from terminal.sync_badge import SyncBadge
from tests.sync.helpers import DEMO_DIR, application, make_terminal

FAST = SyncSettings(poll_interval=0.1, backoff_base=0.05, backoff_cap=0.3,
                    refresh_interval=60, heartbeat_interval=60)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    process = PlatformProcess(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR)
    process.start()
    yield process
    process.stop()


def code_for(platform: PlatformProcess, terminal_id: str | None = None) -> str:
    engine = make_engine(platform.database_url)
    try:
        if terminal_id is None:
            return enrollment.issue_code(engine, "C001", Role.KIOSK)
        code = enrollment.renewal_code(engine, terminal_id)
        assert code is not None
        return code
    finally:
        engine.dispose()


def revoke(platform: PlatformProcess, terminal_id: str) -> None:
    engine = make_engine(platform.database_url)
    assert enrollment.revoke(engine, terminal_id)
    engine.dispose()


@pytest.mark.log_warnings(r"platform unreachable")
def test_withdrawn_then_enrolled_again_delivers_what_it_kept(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    first = enroll_terminal(platform.url, code_for(platform), config)
    terminal = make_terminal(tmp_path / "data", platform.url, first.terminal_id,
                             first.signing_key, settings=FAST)
    for n in range(3):
        terminal.outbox.submit(application(n))
    revoke(platform, first.terminal_id)
    with pytest.raises(AuthError) as refused:
        terminal.sync.deliver_batch()
    assert refused.value.code == "terminal_revoked"

    states: list[SyncState] = []
    worker = SyncWorker(terminal.sync, on_state=states.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(states) and states[-1].revoked, timeout=10_000)
    finally:
        worker.stop()
    assert states[-1].backlog == 3 and terminal.outbox.backlog() == 3
    badge = SyncBadge()
    qtbot.addWidget(badge)
    badge.show_state(states[-1])
    switcher = LanguageSwitcher(QCoreApplication.instance())
    assert switcher.set_language("en")
    qtbot.waitUntil(lambda: "records kept" in badge.text())
    assert badge.text() == "● This terminal was withdrawn; enroll it again (3 records kept)"
    assert badge.property("state") == "attention"
    assert switcher.set_language("zh_CN")
    qtbot.waitUntil(lambda: "停用" in badge.text())
    assert badge.text() == "● 本终端已被停用，请重新登记（已保留 3 条记录）"
    assert switcher.set_language("en")

    again = enroll_terminal(platform.url, code_for(platform, first.terminal_id), config)
    assert again.terminal_id == first.terminal_id
    assert again.data_key == first.data_key != again.signing_key
    assert load_secrets(config / SECRETS_FILE).signing_key != first.signing_key
    terminal.client.close()
    terminal.client = PlatformClient(platform.url, again.terminal_id, again.signing_key)
    terminal.sync.client = terminal.client
    assert terminal.sync.drain() == 3
    assert terminal.outbox.backlog() == 0 and terminal.outbox.dead_count() == 0
    terminal.close()
