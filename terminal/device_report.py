"""The devices' health and last errors for the diagnostics archive (sync/diagnostics.py).

`device_report` reads the adapters (their health and error history are safe
to read from any thread); `HealthRecorder` wraps the heartbeat's health
provider so that every heartbeat, on the sync worker's thread, also writes
the report to `device-health.json` in the data folder, where
`reception-sync diagnose` finds it while the front end runs.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sync.diagnostics import DEVICE_HEALTH_FILE

if TYPE_CHECKING:
    from sync.protocol.models import DeviceHealth
    from terminal.adapters import Adapters
    from terminal.devices import DeviceAdapter

log = logging.getLogger("terminal.device_report")


def device_report(adapters: Mapping[str, DeviceAdapter]) -> dict[str, Any]:
    """Each device's state, reason, failed attempts and last errors (oldest first)."""
    return {name: {"state": adapter.health.state.value, "reason": adapter.health.reason,
                   "failed_attempts": adapter.failed_attempts,
                   "errors": [{"when": entry.when.isoformat(timespec="seconds"),
                               "message": entry.message, "count": entry.count}
                              for entry in adapter.errors()]}
            for name, adapter in adapters.items()}


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Replace `path` (0600) with the report, whole or not at all."""
    data = json.dumps({"written_at": datetime.now(UTC).isoformat(timespec="seconds"),
                       "devices": report}, ensure_ascii=False, indent=1)
    handle, name = tempfile.mkstemp(prefix=".device-health-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


class HealthRecorder:
    """The heartbeat's health provider that also records the report (worker thread)."""

    def __init__(self, adapters: Adapters, data_dir: Path) -> None:
        self._adapters = adapters
        self.path = data_dir / DEVICE_HEALTH_FILE

    def __call__(self) -> dict[str, DeviceHealth]:
        try:
            write_report(self.path, device_report(self._adapters.devices()))
        except OSError as error:  # the heartbeat goes on without the record
            log.warning("device health not recorded in %s: %s", self.path, error)
        return self._adapters.health()
