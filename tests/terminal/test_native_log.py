"""Qt's messages reach the log without Python ever running on a thread of Qt's."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from terminal.native_log import END, START, split_records

ROOT = Path(__file__).resolve().parents[2]


def qt_record(kind: str, text: str) -> bytes:
    return START + f"{kind} qt.test: {text}".encode() + END


def test_qt_records_and_native_lines_are_told_apart() -> None:
    data = (qt_record("warning", "first") + b"ALSA lib: no card\n"
            + qt_record("debug", "two\nlines") + b"no newline before a record"
            + qt_record("critical", "bad") + START + b"info qt.test: unfin")
    records, rest = split_records(data)
    assert records == [
        ("qt", logging.WARNING, "qt.test: first"),
        ("native", logging.WARNING, "ALSA lib: no card"),
        ("qt", logging.DEBUG, "qt.test: two\nlines"),
        ("native", logging.WARNING, "no newline before a record"),
        ("qt", logging.ERROR, "qt.test: bad"),
    ]
    assert rest == START + b"info qt.test: unfin"  # waits for the rest of the record
    records, rest = split_records(rest + b"ished" + END)
    assert records == [("qt", logging.INFO, "qt.test: unfinished")] and rest == b""


def test_a_partial_native_line_waits_for_its_end() -> None:
    assert split_records(b"half a li") == ([], b"half a li")
    assert split_records(b"\n\n") == ([], b"")


#: The freeze's shape: the GUI thread holds the GIL in a Qt call (no GIL release)
#: that waits for the QML loader thread, which logs (QtMultimedia) while loading.
PROBE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from terminal.logs import configure_logging
    log_file = configure_logging(Path(sys.argv[1]), "probe")
    from PySide6.QtCore import qInstallMessageHandler, qWarning
    from PySide6.QtQml import QQmlComponent, QQmlEngine
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    engine = QQmlEngine()
    panel = QQmlComponent(engine, "QtQuick.VirtualKeyboard", "InputPanel")
    assert panel.isReady(), panel.errors()
    assert qInstallMessageHandler(None) is None  # no Python handler was installed
    qWarning("probe warning 13812345678")
    os.write(2, b"native probe line\\n")
    print("python stderr line", file=sys.stderr)
    deadline = time.monotonic() + 20
    while "native probe line" not in log_file.read_text("utf-8"):
        assert time.monotonic() < deadline, "the log never received the lines"
        time.sleep(0.05)
""")


@pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")
def test_qml_loading_that_logs_does_not_deadlock_and_reaches_the_log(tmp_path: Path) -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    environment.pop("QT_MESSAGE_PATTERN", None)
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], cwd=ROOT,
                              env=environment, capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("deadlock: QML loading waited for a thread that waited for the GIL")
    assert done.returncode == 0, done.stderr
    assert "python stderr line" in done.stderr  # Python's stderr still reaches the console
    text = (tmp_path / "probe.log").read_text("utf-8")
    assert "WARNING qt [native-log] default: probe warning 138****5678" in text
    assert "WARNING native [native-log] native probe line" in text
