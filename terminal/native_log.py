"""Qt's messages, and whatever native libraries print, into Python logging,
without ever running Python on a thread of Qt's.

A Python message handler (`qInstallMessageHandler`) runs on the thread Qt
logs from and takes the GIL there. The kiosk froze that way: the GUI thread,
holding the GIL in `setFocus`, waited for the Qt Virtual Keyboard's QML to
load, and the QML loader thread, logging while it loaded QtMultimedia, waited
for the GIL. So Qt keeps its built-in output, stderr (file descriptor 2),
and this module points descriptor 2 at a pipe:

* Qt's side is one `write()` into a non-blocking pipe (1 MiB): it never
  waits for Python. If the pipe is full, Qt's message is lost, not waited for.
* A Python thread ("native-log") reads the other end; each Qt message
  (framed by `PATTERN`) becomes a record of the "qt" logger at its level,
  any other line one of the "native" logger.
* Python's own `sys.stderr` moves to a duplicate of the original stderr, so
  tracebacks and `print(file=sys.stderr)` still reach the console or journal.

Children started without their own stderr inherit the pipe, and their output
is logged too. A fatal Qt message written just before `abort()` may not
reach the log.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import threading

from PySide6.QtCore import qSetMessagePattern

#: Qt's message pattern: one record between START and END, then Qt's "\n".
START, END = b"\x1e", b"\x1f\n"
PATTERN = "\x1e%{type} %{category}: %{message}\x1f"
PIPE_BYTES = 1 << 20
READ_BYTES = 1 << 16
#: a record longer than this without its END is logged as it is
LONGEST_RECORD = 1 << 20
LEVELS = {
    b"debug": logging.DEBUG,
    b"info": logging.INFO,
    b"warning": logging.WARNING,
    b"critical": logging.ERROR,
    b"fatal": logging.CRITICAL,
}

Record = tuple[str, int, str]  # logger name, level, message

_reader: threading.Thread | None = None


def split_records(data: bytes) -> tuple[list[Record], bytes]:
    """The complete records at the start of `data`, and the incomplete rest."""
    records: list[Record] = []
    while data:
        if data.startswith(START):
            end = data.find(END)
            if end < 0:
                if len(data) <= LONGEST_RECORD:
                    break
                end = len(data)
            body, data = data[1:end], data[end + len(END):]
            kind, _, message = body.partition(b" ")
            level = LEVELS.get(kind)
            if level is None:
                level, message = logging.WARNING, body
            records.append(("qt", level, _text(message)))
            continue
        stop = min((found for found in (data.find(b"\n"), data.find(START)) if found >= 0),
                   default=-1)
        if stop < 0:
            if len(data) <= LONGEST_RECORD:
                break
            stop = len(data)
        line, data = data[:stop], data[stop + 1 if data[stop:stop + 1] == b"\n" else stop:]
        if line.strip():
            records.append(("native", logging.WARNING, _text(line)))
    return records, data


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").rstrip()


def _drain(descriptor: int) -> None:
    pending = b""
    while chunk := os.read(descriptor, READ_BYTES):
        records, pending = split_records(pending + chunk)
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)


def route_native_output() -> bool:
    """Point stderr (descriptor 2) at the logging pipe; once per process.

    Returns False when it was already done or cannot be done here (no POSIX
    pipes, no stderr). Call before the QApplication exists.
    """
    global _reader
    if _reader is not None or os.name != "posix":
        return False
    try:
        original = os.dup(2)
    except OSError:
        return False
    os.environ.setdefault("QT_FORCE_STDERR_LOGGING", "1")  # never journald or syslog
    qSetMessagePattern(PATTERN)
    read_end, write_end = os.pipe()
    with contextlib.suppress(OSError, AttributeError):  # Linux only; the default 64 KiB
        import fcntl

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    os.set_blocking(write_end, False)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os.dup2(write_end, 2)
    os.close(write_end)
    sys.stderr = io.TextIOWrapper(io.FileIO(original, "w"), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True,
                                  write_through=True)
    _reader = threading.Thread(target=_drain, args=(read_end,), name="native-log",
                               daemon=True)
    _reader.start()
    return True
