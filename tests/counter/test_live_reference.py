"""Issue 14 at the counter: the catalog of a freshly enrolled counter loads as
soon as the sync worker first pulls it, and reference data changed on the
platform (catalog, staff directory) reaches the running counter without a
restart; the status line and the queue table speak the shown language."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.counter.conftest import counter_terminal, sign_in

ROOT = Path(__file__).resolve().parents[2]
FAST_SYNC = {"poll_interval": 0.2, "refresh_interval": 0.5}


def test_a_fresh_counter_loads_the_catalog_when_the_worker_first_pulls_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot, refresh=False) as counter:
        step = counter.ui.workbench.matter_step
        qtbot.waitUntil(lambda: counter.ui.reference is not None
                        and counter.ui.reference.values.get("catalog", 1) is None,
                        timeout=10_000)  # read once: the cache holds no catalog yet
        assert step.catalog is None
        assert "not loaded" in step.status.text()
        counter.shell.start()  # the link, the devices, the sync worker: its first pass pulls
        qtbot.waitUntil(lambda: step.index is not None, timeout=20_000)
        step.search.setText("dbsq")
        assert step.results.count() >= 1
        assert step.results.item(0).text().startswith("MZ-001")
        assert "not loaded" not in step.status.text()


def test_catalog_and_roster_changed_on_the_platform_reach_the_running_counter(
        qtbot: QtBot, tmp_path: Path) -> None:
    from sync.protocol.models import Catalog, StaffMember, StaffRoster
    from sync.protocol.pin_hash import hash_pin
    from sync.server.documents import get_document, put_document

    with counter_terminal(tmp_path, qtbot, sync=FAST_SYNC) as counter:
        step = counter.ui.workbench.matter_step
        qtbot.waitUntil(lambda: step.catalog is not None, timeout=10_000)
        assert step.matter("MZ-901") is None
        counter.shell.start()
        engine = counter.platform.app.state.engine
        catalog = Catalog.model_validate_json(get_document(engine, "catalog")[0])
        first = catalog.matters[0]
        added = first.model_copy(update={"code": "MZ-901", "name_zh": "社区测试事项",
                                         "name_en": "Community test matter"})
        put_document(engine, "catalog", catalog.model_copy(
            update={"matters": [*catalog.matters, added]}))
        roster = StaffRoster.model_validate_json(get_document(engine, "staff")[0])
        newcomer = StaffMember(staff_no="1009", name="周新", role="clerk",
                               pin_hash=hash_pin("975310"))
        put_document(engine, "staff", roster.model_copy(
            update={"staff": [*roster.staff, newcomer]}))

        qtbot.waitUntil(lambda: step.matter("MZ-901") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: step.index is not None, timeout=10_000)
        step.search.setText("社区测试")
        assert step.results.item(0).text().startswith("MZ-901")
        qtbot.waitUntil(lambda: any(m.staff_no == "1009" for m in counter.ui.reference.roster),
                        timeout=20_000)
        sign_in(qtbot, counter, "1009", "975310")
        assert counter.ui.desk.clerk is not None and counter.ui.desk.clerk.name == "周新"


def test_the_status_line_and_the_queue_table_speak_chinese(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot) as counter:
        counter.shell.gui.language.set_language("zh_CN")
        counter.issue("A")
        sign_in(qtbot, counter)
        assert counter.ui.window.status.text() == "已登录：王丽。"
        panel = counter.ui.queue_panel

        def longest_wait() -> str:
            cell = panel.findChild(QLabel, "cat_1_2")
            return cell.text() if cell is not None else ""

        qtbot.waitUntil(lambda: longest_wait().endswith("分钟"), timeout=10_000)
        assert "min" not in longest_wait()
        assert panel.wait_text(65 * 60) == "1:05 小时"
        counter.shell.gui.language.set_language("en")  # the line follows a switch
        qtbot.waitUntil(lambda: counter.ui.window.status.text() == "Signed in as 王丽.")
        counter.shell.gui.language.set_language("zh_CN")
        qtbot.waitUntil(lambda: counter.ui.window.status.text() == "已登录：王丽。")
        counter.ui.sign_out()
        assert counter.ui.window.status.text() == "已退出登录。"


def test_translations_are_looked_up_in_the_context_lupdate_gives_them() -> None:
    """`other.tr(...)` is translated at run time in the context of `other`'s class,
    but lupdate files it under the calling class: it never gets its translation."""
    found = []
    for package in ("kiosk", "counter", "display", "terminal"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "tr" \
                        and not (isinstance(node.func.value, ast.Name)
                                 and node.func.value.id == "self"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
