"""The checksum a terminal takes of each payload when it is submitted.

SHA-256 (hex) of the payload as canonical JSON: UTF-8, keys sorted, no
whitespace, non-ASCII characters kept as they are. The terminal takes it at
submit and checks it again before sending; the platform checks it on arrival,
so a payload changed at rest or on the way is refused instead of stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def payload_checksum(payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()
