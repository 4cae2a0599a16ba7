"""Where the kiosk finds its screens: each flow module offers
`build(context) -> {name: screen}`; the composition registers them all."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen

ScreenBuilder = Callable[[KioskContext], dict[str, KioskScreen]]


FLOW_MODULES = ("kiosk.screens.core", "kiosk.screens.apply_flow", "kiosk.screens.queue_flow")


def import_flows() -> None:
    """Import every flow module (safe on a worker thread: no widget is made)."""
    for name in FLOW_MODULES:
        importlib.import_module(name)


def builders() -> list[ScreenBuilder]:
    return [importlib.import_module(name).build for name in FLOW_MODULES]
