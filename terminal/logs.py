"""Logging to rotating files, with personal data scrubbed from every line; under
systemd also to the journal.

Qt's own messages land in the same files through `terminal.native_log`
(never through a Python message handler: see there why). When the program's
stderr is systemd's journal stream (`JOURNAL_STREAM` names it: a unit's
program, also when it runs inside cage), every record goes there too, scrubbed
the same way, with the syslog priority prefix journald reads as the line's
priority (`journalctl -u reception-kiosk -p warning`). A thread of its own
writes them: a journald that does not read (hung, or its socket full) drops
records past `JOURNAL_BACKLOG` instead of holding the thread that logged,
which may be the GUI thread.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import logging.handlers
import os
import queue
import sys
import threading
from pathlib import Path

from sync.scrub import scrub
from terminal.native_log import route_native_output

__all__ = ["ScrubbingFormatter", "configure_logging", "scrub"]

#: records waiting for the journal, beyond which new ones are dropped
JOURNAL_BACKLOG = 10_000
#: how long an exiting program waits for its last records to reach the journal (s)
JOURNAL_EXIT_WAIT = 2.0
#: syslog priorities of the logging levels, for journald's "<N>" line prefix
PRIORITIES = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3,
              logging.CRITICAL: 2}


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class JournalFormatter(ScrubbingFormatter):
    """One record a line (a traceback's lines joined), led by its syslog priority."""

    def __init__(self) -> None:
        super().__init__("%(name)s [%(threadName)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        priority = PRIORITIES.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        return f"<{priority}>" + super().format(record).replace("\n", " | ")


class JournalHandler(logging.Handler):
    """Writes each record, formatted where it was logged, to `descriptor` from a
    thread of its own (never with a lock of logging's held: an exiting program
    flushes its handlers); past JOURNAL_BACKLOG waiting lines new ones are dropped."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.setFormatter(JournalFormatter())
        self._descriptor = descriptor
        self._lines: queue.Queue[bytes] = queue.Queue(JOURNAL_BACKLOG)
        threading.Thread(target=self._write, name="journal-log", daemon=True).start()
        atexit.register(self._written)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = (self.format(record) + "\n").encode("utf-8", "backslashreplace")
        except Exception:  # logging's own rule: a handler never raises
            self.handleError(record)
            return
        with contextlib.suppress(queue.Full):
            self._lines.put_nowait(line)

    def _write(self) -> None:
        while True:
            line = memoryview(self._lines.get())
            try:
                while line:
                    line = line[os.write(self._descriptor, line):]
            except OSError:
                pass  # the journal went away: nobody left to tell
            finally:
                self._lines.task_done()

    def close(self) -> None:
        """The lines still waiting written, then the descriptor closed (its thread
        stays idle: nothing is put to it any more)."""
        self._written()
        with contextlib.suppress(OSError):
            os.close(self._descriptor)
        super().close()

    def _written(self) -> None:
        """At exit: the lines still waiting written, for at most JOURNAL_EXIT_WAIT s."""
        with self._lines.all_tasks_done:
            self._lines.all_tasks_done.wait_for(lambda: not self._lines.unfinished_tasks,
                                                JOURNAL_EXIT_WAIT)


def journal_stream() -> bool:
    """Whether `sys.stderr` is the journal stream systemd gave this program: its
    device and inode are those in JOURNAL_STREAM (systemd's documented check)."""
    named = os.environ.get("JOURNAL_STREAM", "")
    try:
        device, inode = (int(part) for part in named.split(":"))
        status = os.fstat(sys.stderr.fileno())
    except (ValueError, OSError, AttributeError, io.UnsupportedOperation):
        return False
    return (status.st_dev, status.st_ino) == (device, inode)


def configure_logging(log_dir: Path, name: str, level: int = logging.INFO) -> Path:
    """The process's log file (and the journal, under systemd), in place of those an
    earlier call set up: a process that starts its GUI again (the tests do, hundreds
    of times) keeps one file open, not one more each time."""
    os.umask(0o077)  # logs, rotated ones too, and all else the terminal writes: 0600 / 0700
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    for earlier in [h for h in root.handlers if getattr(h, _CONFIGURED, False)]:
        root.removeHandler(earlier)
        earlier.close()
    root.setLevel(level)
    _add_configured(root, handler)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    route_native_output()  # sys.stderr is the original stderr's duplicate from here
    if journal_stream():
        _add_configured(root, JournalHandler(os.dup(sys.stderr.fileno())))
    return path


#: marks the handlers `configure_logging` added (and replaces at its next call)
_CONFIGURED = "reception_configured"


def _add_configured(root: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, _CONFIGURED, True)
    root.addHandler(handler)

