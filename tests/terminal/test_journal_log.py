"""A front end run by a systemd unit logs to the journal too: its stderr is the
journal stream named by JOURNAL_STREAM, each record one line led by its syslog
priority, scrubbed; a journal that does not read never holds the program."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "110101199003077777"
PHONE = "13812345678"

LOGGER = textwrap.dedent("""
    import logging, sys
    from pathlib import Path
    from terminal.logs import configure_logging
    configure_logging(Path(sys.argv[1]), "kiosk")
    log = logging.getLogger("kiosk.test")
    for _ in range(int(sys.argv[2])):
        log.info("resident %s identified", "{id_number}")
    log.warning("slip not printed for %s", "{phone}")
    try:
        raise ValueError("broken frame")
    except ValueError:
        log.exception("reader failed")
""").format(id_number=ID_NUMBER, phone=PHONE)


def run_logger(tmp_path: Path, stderr: int, journal: str | None,
               records: int = 1) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("JOURNAL_STREAM", None)
    if journal is not None:
        environment["JOURNAL_STREAM"] = journal
    return subprocess.run([sys.executable, "-c", LOGGER, str(tmp_path / "logs"), str(records)],
                          stderr=stderr, env=environment, timeout=60, check=True)


def stream_name(descriptor: int) -> str:
    status = os.fstat(descriptor)
    return f"{status.st_dev}:{status.st_ino}"


def test_records_reach_the_journal_stream_with_their_priority_scrubbed(tmp_path: Path) -> None:
    with open(tmp_path / "journal", "wb") as journal:
        run_logger(tmp_path, journal.fileno(), stream_name(journal.fileno()))
    lines = (tmp_path / "journal").read_text("utf-8").splitlines()
    assert lines[0].startswith("<6>kiosk.test [MainThread] resident 110101")
    assert lines[1].startswith("<4>kiosk.test [MainThread] slip not printed for 138****5678")
    assert lines[2].startswith("<3>kiosk.test [MainThread] reader failed | Traceback")
    assert lines[2].endswith("ValueError: broken frame")
    assert len(lines) == 3  # one line a record, a traceback's too
    text = "\n".join(lines)
    assert ID_NUMBER not in text and PHONE not in text
    assert "slip not printed" in (tmp_path / "logs" / "kiosk.log").read_text("utf-8")


def test_a_stderr_that_is_not_the_named_stream_gets_no_records(tmp_path: Path) -> None:
    with open(tmp_path / "other", "wb") as other, open(tmp_path / "journal", "wb") as journal:
        run_logger(tmp_path, journal.fileno(), stream_name(other.fileno()))
        run_logger(tmp_path, journal.fileno(), None)
    assert (tmp_path / "journal").read_text("utf-8") == ""
    assert (tmp_path / "logs" / "kiosk.log").read_text("utf-8").count("slip not printed") == 2


def test_a_journal_that_does_not_read_never_holds_the_program(tmp_path: Path) -> None:
    """Far more than a pipe holds, logged into a pipe nobody reads: the program
    logs all of it and exits (the records past the backlog are dropped)."""
    read_end, write_end = os.pipe()
    try:
        finished = run_logger(tmp_path, write_end, stream_name(write_end), records=30_000)
    finally:
        os.close(write_end)
        os.close(read_end)
    assert finished.returncode == 0
    logged = (tmp_path / "logs" / "kiosk.log").read_text("utf-8")
    assert logged.count("resident ") == 30_000 and "reader failed" in logged


AGAIN = textwrap.dedent("""
    import logging, os, sys
    from pathlib import Path
    from terminal.logs import configure_logging
    for name in ("kiosk", "kiosk", "counter"):
        configure_logging(Path(sys.argv[1]), name)
    logging.getLogger("again").warning("once")
    fds = [f"/proc/self/fd/{fd}" for fd in os.listdir("/proc/self/fd")]
    opened = [os.readlink(fd) for fd in fds if os.path.exists(fd)]  # not listdir's own
    print(len(logging.getLogger().handlers), sum(path.endswith(".log") for path in opened),
          sum(path.startswith(str(Path(sys.argv[2]))) for path in opened))
""")


def test_logging_configured_again_keeps_one_file_and_one_journal_stream(tmp_path: Path) -> None:
    """A process that starts its GUI again (the tests, hundreds of times) held one
    more log file each time: the suite ran past 1024 descriptors, where a serial
    card reader's select() fails. The last configuration replaces the earlier ones."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "journal", "wb") as journal:
        environment["JOURNAL_STREAM"] = stream_name(journal.fileno())
        done = subprocess.run([sys.executable, "-c", AGAIN, str(tmp_path / "logs"),
                               str(tmp_path / "journal")], stderr=journal, env=environment,
                              capture_output=False, stdout=subprocess.PIPE, timeout=60,
                              check=True)
    handlers, log_files, journals = map(int, done.stdout.split())
    assert (handlers, log_files) == (2, 1)  # the counter's file and the journal
    assert journals == 2  # stderr itself, and the one duplicate the journal handler writes to
    assert "once" in (tmp_path / "logs" / "counter.log").read_text("utf-8")
    assert "once" not in (tmp_path / "logs" / "kiosk.log").read_text("utf-8")
    assert (tmp_path / "journal").read_bytes().count(b"once") == 1
