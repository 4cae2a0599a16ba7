"""Write the `[devices]` section back into the terminal's TOML configuration.

The file is read with `tomllib`, its other sections kept as they are, and
written again by a small TOML writer (tables, strings, numbers, booleans,
dates and arrays: what the configuration uses). Comments are not kept.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.config import DevicesSection

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def save_devices_config(path: Path, devices: DevicesSection) -> None:
    """Replace the `[devices]` tables of `path` (created if missing), atomically."""
    data: dict[str, Any] = {}
    if path.exists():
        data = tomllib.loads(path.read_text("utf-8"))
    data["devices"] = devices.model_dump(mode="json", exclude_none=True)
    text = dumps(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(data: Mapping[str, Any]) -> str:
    """TOML text for nested mappings of plain values."""
    lines: list[str] = []
    _table(data, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _table(data: Mapping[str, Any], prefix: tuple[str, ...], lines: list[str]) -> None:
    scalars = {k: v for k, v in data.items() if not isinstance(v, Mapping)}
    tables = {k: v for k, v in data.items() if isinstance(v, Mapping)}
    if prefix and (scalars or not tables):
        lines.append("")
        lines.append("[" + ".".join(_key(part) for part in prefix) + "]")
    for key, value in scalars.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables.items():
        _table(value, (*prefix, key), lines)


def _key(key: str) -> str:
    return key if key and set(key) <= _BARE_KEY else _string(key)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid TOML


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Path):
        return _string(str(value))
    raise TypeError(f"cannot write {type(value).__name__} to TOML")
