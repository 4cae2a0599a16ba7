"""One online truth per terminal: the platform is SIGKILLed and started again
on the same port while a kiosk, a counter and a hall display run against it;
every place each front end shows the link goes offline, then online again, and
they never disagree once settled. The times are measured (and printed); the
figures with their command are in docs/benchmarks.md
(`scripts/bench_reconnect.py`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_reconnect",
                                                  ROOT / "scripts" / "bench_reconnect.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.log_warnings(r"hall event stream", r"no audio output device", r"platform unreachable")
def test_every_front_end_follows_the_platform_down_and_back(qapp: object,
                                                            tmp_path: Path) -> None:
    bench = load_bench()
    with bench.stage(tmp_path) as (platform, ends):
        assert [end.name for end in ends] == list(bench.FRONT_ENDS)
        cycle = bench.one_cycle(platform, ends)
    print(f"offline after the kill: {cycle.offline}; online after the return: {cycle.online}")
    assert set(cycle.offline) == set(cycle.online) == set(bench.FRONT_ENDS)
    assert cycle.disagreements == []
