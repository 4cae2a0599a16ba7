"""The platform client loads no command-line tooling into a terminal."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI_MODULES = ("click", "pygments", "rich")


@pytest.mark.skipif(any(importlib.util.find_spec(name) is None for name in CLI_MODULES),
                    reason="httpx's command line needs click, pygments and rich installed")
def test_the_client_does_not_import_httpx_command_line() -> None:
    probe = ("import json, sys\n"
             "import sync.client, httpx\n"
             "httpx.Client().close()\n"
             f"print(json.dumps(sorted(m for m in {CLI_MODULES!r} if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
