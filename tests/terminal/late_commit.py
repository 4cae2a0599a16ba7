"""Make a bridge's store win the race against its caller, on purpose."""

from __future__ import annotations

from typing import Any

import pytest


def commit_before_submit_returns(monkeypatch: pytest.MonkeyPatch, bridge: Any) -> None:
    """`bridge.submit` returns only once the store thread has finished the submission
    (committed and answered): whatever its caller does after the call, such as
    connecting to the answer, happens when the answer already exists, as when the GUI
    thread is slow and the disk fast."""
    submit = bridge.submit

    def submitted(*args: Any, **kwargs: Any) -> Any:
        job = submit(*args, **kwargs)
        # the bridge's one store thread, the same on the old main and now
        assert bridge._store_lane.wait(10_000), "the store never finished"
        return job

    monkeypatch.setattr(bridge, "submit", submitted)
