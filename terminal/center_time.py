"""The center's local time. Every time a terminal shows or prints (slots,
slips, the clock, "last change") is in the center's zone, the zone the
platform counts its days in, never the machine's own clock zone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sync.paths import DEFAULT_TIME_ZONE

log = logging.getLogger("terminal.center_time")


def center_zone(name: str) -> ZoneInfo:
    """The zone called `name`, else the default one (logged)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.error("unknown time zone %r: using %s", name, DEFAULT_TIME_ZONE)
        return ZoneInfo(DEFAULT_TIME_ZONE)


def center_clock(zone: ZoneInfo) -> Callable[[], datetime]:
    """Now, as an aware time in the center's zone."""
    return lambda: datetime.now(zone)


def in_center(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` in the center's zone (a naive time is taken as UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)
