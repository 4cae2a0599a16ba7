"""The kiosk's core screens: home, identification, notices, status and help."""

from __future__ import annotations

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen


def build(context: KioskContext) -> dict[str, KioskScreen]:
    from kiosk.screens.help import HelpScreen
    from kiosk.screens.home import HomeScreen
    from kiosk.screens.identify import IdentifyScreen
    from kiosk.screens.notices import NoticesScreen
    from kiosk.screens.status import StatusScreen

    return {
        "home": HomeScreen(context),
        "identify": IdentifyScreen(context),
        "notices": NoticesScreen(context),
        "status": StatusScreen(context),
        "help": HelpScreen(context),
    }
