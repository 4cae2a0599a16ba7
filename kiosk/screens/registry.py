"""Where the kiosk finds its screens: each flow module offers
`build(context) -> {name: screen}`; the composition registers them all."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen

ScreenBuilder = Callable[[KioskContext], dict[str, KioskScreen]]


def builders() -> list[ScreenBuilder]:
    from kiosk.screens import apply_flow, core, queue_flow

    return [core.build, apply_flow.build, queue_flow.build]
