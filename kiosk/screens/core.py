"""Kiosk screens of this flow (to be filled by its owner)."""

from __future__ import annotations

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen


def build(context: KioskContext) -> dict[str, KioskScreen]:
    return {}
