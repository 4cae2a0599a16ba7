"""Log warnings a test may cause: a test that makes a device fail or the
platform refuse declares what it expects to be logged,

    @pytest.mark.log_warnings(r"printer .* offline", r"could not top up the leases")

and any other record at WARNING or above fails it (tests/conftest.py), except
those in `ANY_TEST`.
"""

from __future__ import annotations

import logging
import re

import pytest

#: Warnings any test may cause, whatever it declares: the working days of a year
#: the installed calendar lacks are estimated with one warning per year and process
#: (sync/workdays.py), so which test logs it depends on the date and on the tests
#: run before it.
ANY_TEST = (r"WARNING sync\.workdays: No published working-day calendar for \d+;",)


def unexpected(item: pytest.Item, records: list[logging.LogRecord]) -> list[str]:
    """`records` at WARNING or above that no `log_warnings` pattern of `item` matches,
    as "LEVEL logger: message" lines."""
    patterns = [re.compile(pattern) for pattern in ANY_TEST]
    patterns += [re.compile(pattern) for marker in item.iter_markers("log_warnings")
                 for pattern in marker.args]
    found = []
    for record in records:
        if record.levelno < logging.WARNING:
            continue
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        if not any(pattern.search(line) for pattern in patterns):
            found.append(line)
    return found
