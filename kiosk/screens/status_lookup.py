"""Look an application's status up off the GUI thread.

Online first (the platform is the system of record); when the platform
cannot be reached, the local status cache, with the time it was fetched.
The answer reaches the GUI thread through `terminal.background`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from terminal.background import Latest, run_in_background

if TYPE_CHECKING:
    from sync.caches import Cached
    from sync.protocol.models import ApplicationStatus, ApplicationStory, Matter, StatusStep

log = logging.getLogger("kiosk.status")


class Source(StrEnum):
    ONLINE = "online"  # the platform answered just now
    CACHE = "cache"  # offline: the local copy, as of `as_of`


@dataclass(frozen=True)
class StatusAnswer:
    tracking_number: str
    status: ApplicationStatus | None  # None: not found
    source: Source
    as_of: datetime | None = None  # when the cached copy was fetched
    matter: tuple[str, str] | None = None  # the matter's names (zh, en) from the catalog
    steps: tuple[StatusStep, ...] = ()  # the timeline (online only: the cache has none)
    due_date: date | None = None  # while the deadline runs
    due_estimated: bool = False  # no published working-day calendar covers it yet
    owed_codes: tuple[str, ...] = ()  # materials still to bring (online only)
    owed: tuple[tuple[str, str], ...] = ()  # their names (zh, en) from the catalog


Online = Callable[[str], "ApplicationStory | None"]
Cache = Callable[[str], "Cached[ApplicationStatus] | None"]
Matters = Callable[[str], "Matter | None"]


def look_up(tracking_number: str, online: Online | None, cache: Cache | None,
            matters: Matters | None = None) -> StatusAnswer:
    """Blocking: the platform's answer, else the cache's (call on a worker thread)."""
    answer = _ask(tracking_number, online, cache)
    matter = matters(answer.status.matter_code) if answer.status and matters else None
    if matter is None:
        return replace(answer, owed=tuple((code, code) for code in answer.owed_codes))
    names = {material.code: (material.name_zh, material.name_en)
             for material in matter.materials}
    return replace(answer, matter=(matter.name_zh, matter.name_en),
                   owed=tuple(names.get(code, (code, code)) for code in answer.owed_codes))


def _ask(tracking_number: str, online: Online | None, cache: Cache | None) -> StatusAnswer:
    if online is not None:
        try:
            story = online(tracking_number)
        except Exception as error:  # any failure to ask: fall back to the cache
            log.info("status lookup offline (%s: %s)", type(error).__name__, error)
        else:
            if story is None:
                return StatusAnswer(tracking_number, None, Source.ONLINE)
            return StatusAnswer(tracking_number, story.status, Source.ONLINE,
                                steps=tuple(story.steps), due_date=story.due_date,
                                due_estimated=story.due_estimated,
                                owed_codes=tuple(story.materials_owed))
    cached = cache(tracking_number) if cache is not None else None
    if cached is None:
        return StatusAnswer(tracking_number, None, Source.CACHE)
    return StatusAnswer(tracking_number, cached.value, Source.CACHE, cached.fetched_at)


class StatusLookup(QObject):
    """Runs `look_up` in the background; `answered` arrives on the GUI thread.

    Only the latest request's answer is delivered, so a late answer for a
    resident who has gone is dropped.
    """

    answered = Signal(object)  # StatusAnswer

    def __init__(self, online: Online | None, cache: Cache | None,
                 matters: Matters | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.online = online
        self.cache = cache
        self.matters = matters
        self._latest = Latest()

    def request(self, tracking_number: str) -> None:
        online, cache, matters = self.online, self.cache, self.matters
        run_in_background(self, lambda: _answer(tracking_number, online, cache, matters),
                          self.answered.emit, token=self._latest.next())

    def cancel(self) -> None:
        """Forget any request in flight."""
        self._latest.cancel()


def _answer(tracking_number: str, online: Online | None, cache: Cache | None,
            matters: Matters | None) -> StatusAnswer:
    try:
        return look_up(tracking_number, online, cache, matters)
    except Exception:  # the cache itself failed: say "not found", log the bug
        log.exception("status lookup failed")
        return StatusAnswer(tracking_number, None, Source.CACHE)
