"""The reference platform served in this process on loopback, with the demo data."""

from __future__ import annotations

from pathlib import Path

from terminal.local_platform import LocalPlatform

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


def start_platform(db: Path, port: int = 0) -> LocalPlatform:
    """A platform on `db` (SQLite); `port` brings one back on the address a stopped
    one had (0: any free port)."""
    platform = LocalPlatform(f"sqlite:///{db}", demo_data=DEMO_DIR, port=port)
    platform.start()
    return platform
