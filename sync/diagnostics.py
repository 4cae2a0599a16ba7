"""`reception-sync diagnose` and the technician panel's button: one archive a
technician sends for help.

It holds the versions, the configuration without secrets, the devices' health
and last errors, the outbox and dead-letter counts, the platform's
reachability, and the last lines of the logs, with no personal data: ID and
mobile numbers are masked (sync.scrub) and Chinese text is replaced (the logs
are written in English; Chinese in a line is a resident's name or words).
secrets.toml, the store and its backups never go in.

The devices' health comes from the running front end: the panel's button
hands it over live, and every heartbeat writes it to `device-health.json` in
the data folder (terminal/device_report.py), which the command
reads, so a technician's shell sees the devices of the terminal on screen.
"""

from __future__ import annotations

import io
import json
import platform
import re
import socket
import tarfile
import time
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from sync.client import PlatformError
from sync.config import ConfigError, SyncConfig, load_config
from sync.paths import CONFIG_FILE, SECRETS_FILE
from sync.runtime import SyncRuntime, open_runtime
from sync.scrub import scrub
from sync.secrets_file import SecretsError, load_secrets
from sync.store.database import StoreError

#: Lines kept from the end of each log file.
LOG_LINES = 2000
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
#: Configuration keys whose values stay out (none today: secrets live apart).
SECRET_KEY = re.compile(r"key|password|secret|token|pin", re.IGNORECASE)
URL_CREDENTIALS = re.compile(r"://[^/@\s]+@")
#: The devices' health as the running front end last reported it, in the data folder.
DEVICE_HEALTH_FILE = "device-health.json"
#: The button's archives, in the data folder (0700, the terminal user's).
ARCHIVE_FOLDER = "diagnostics"


def redact(text: str) -> str:
    """`text` without ID numbers, mobile numbers, Chinese words or URL passwords."""
    return URL_CREDENTIALS.sub("://***@", CJK.sub("＊", scrub(text)))


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "system": platform.platform()}
    for name in ("reception-terminals", "PySide6-Essentials", "SQLAlchemy", "httpx"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    os_release = Path("/etc/os-release")
    if os_release.exists():
        fields = dict(line.split("=", 1) for line in os_release.read_text().splitlines()
                      if "=" in line)
        versions["os"] = fields.get("PRETTY_NAME", "").strip('"')
    return versions


def _without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: "(left out)" if SECRET_KEY.search(key) else _without_secrets(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_without_secrets(item) for item in value]
    if isinstance(value, str):
        return redact(value)
    return value


def _configuration(config_dir: Path) -> Any:
    path = config_dir / CONFIG_FILE
    try:
        return _without_secrets(tomllib.loads(path.read_text("utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as error:
        return f"unreadable: {redact(str(error))}"


def _outbox(runtime: SyncRuntime) -> dict[str, Any]:
    outbox = runtime.outbox
    newest = runtime.backups.newest()
    letters = [{"id": letter.id, "kind": letter.kind, "created_at": letter.created_at,
                "code": letter.code, "reason": redact(letter.reason),
                "attempts": letter.attempts} for letter in outbox.dead_letters()]
    try:
        runtime.client.probe(timeout=5.0)
        reachable = "reachable"
    except PlatformError as error:
        reachable = f"unreachable: {redact(str(error))}"
    return {"backlog": outbox.backlog(), "dead_letters": outbox.dead_count(),
            "damaged": outbox.damaged_count(), "dead": letters[:100],
            "newest_backup": newest.name if newest else None, "platform": reachable}


def _devices(live: dict[str, Any] | None, data_dir: Path | None) -> dict[str, Any]:
    """The devices' state, reason and last errors: `live` from the running front end,
    else as its last heartbeat wrote them to the data folder."""
    if live is not None:
        return {"source": "live, from the running terminal", "devices": _without_secrets(live)}
    if data_dir is None:
        return {"source": "unknown: the configuration names no data folder"}
    path = data_dir / DEVICE_HEALTH_FILE
    try:
        recorded = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {"source": f"none: {path} does not exist (the running terminal writes it at "
                          "every heartbeat)"}
    except (OSError, ValueError) as error:
        return {"source": f"unreadable: {redact(str(error))}"}
    return {"source": f"{path}, written at {recorded.get('written_at', '?')}",
            "devices": _without_secrets(recorded.get("devices", {}))}


def _log_tail(path: Path) -> bytes:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()[-LOG_LINES:]
    return "".join(redact(line) for line in lines).encode("utf-8")


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mtime = int(time.time())
    member.mode = 0o600
    archive.addfile(member, io.BytesIO(data))


def write_archive(target: Path, config_dir: Path, log_dir: Path,
                  runtime: SyncRuntime | None, store_error: str | None = None, *,
                  devices: dict[str, Any] | None = None, data_dir: Path | None = None) -> Path:
    """Write the archive (mode 0600) to `target` (a folder: a new file in it)."""
    if target.is_dir():
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        target = target / f"reception-diagnostics-{socket.gethostname()}-{stamp}.tar.gz"
    summary: dict[str, Any] = {
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "host": socket.gethostname(),
        "versions": _versions(),
        "configuration": _configuration(config_dir),
        "devices": _devices(devices, data_dir),
    }
    if runtime is not None:
        summary["terminal_id"] = runtime.client.terminal_id
        summary["outbox"] = _outbox(runtime)
    if store_error is not None:
        summary["store"] = redact(store_error)
    logs = sorted(log_dir.glob("*.log*")) if log_dir.is_dir() else []
    summary["logs"] = [path.name for path in logs] or f"no logs in {log_dir}"
    target.touch(mode=0o600)
    with tarfile.open(target, "w:gz") as archive:
        _add(archive, "summary.json",
             json.dumps(summary, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
        for path in logs:
            _add(archive, f"logs/{path.name}", _log_tail(path))
    return target


def diagnose(config_dir: Path, out: Path | None, log_dir: Path,
             devices: dict[str, Any] | None = None) -> Path:
    """The archive for the terminal of `config_dir`, also when its store or its
    configuration refuses to open; `out` None: a new file in the data folder's
    diagnostics/ (made 0700). Blocking (store, network, disk): never on the GUI thread."""
    runtime, problem, data_dir = None, None, None
    try:
        config = load_config(config_dir / CONFIG_FILE, SyncConfig)
        data_dir = config.data_dir()
        runtime = open_runtime(config, load_secrets(config_dir / SECRETS_FILE),
                               config_folder=config_dir)
    except (ConfigError, SecretsError, StoreError) as error:
        problem = str(error)
    if out is None:
        out = (data_dir or config_dir) / ARCHIVE_FOLDER
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        return write_archive(out, config_dir, log_dir, runtime, problem, devices=devices,
                             data_dir=data_dir)
    finally:
        if runtime is not None:
            runtime.close()
