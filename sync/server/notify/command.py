"""`reception-platform notify`: the sender's loop, until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from sync.server import sealing
from sync.server.notify.sender import Sender
from sync.server.notify.settings import CONFIG_ENV, load
from sync.server.notify.timed import purge, queue_timed


def run(engine: Engine, config: Path | None, *, once: bool = False) -> int:
    path = config or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    try:
        settings = load(path)
    except ValueError as error:
        print(f"reception-platform notify: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sealing.keys_for(engine)  # no key, no start
    sender = Sender(engine, settings.build_transport(), lease=settings.lease,
                    max_attempts=settings.max_attempts)

    def timed(now: float) -> int:
        purge(engine, now, settings.keep_days)
        return queue_timed(engine, now, near=settings.near, remind_hours=settings.remind_hours)

    if once:
        timed(time.time())
        sender.pass_once()
        return 0
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    logging.getLogger(__name__).info("sending notifications through %s every %.1f s",
                                     settings.transport, settings.interval)
    sender.run(stop, settings.interval, before_pass=timed)
    return 0
