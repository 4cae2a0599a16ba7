"""The queue and appointment flows, registered by name.

take_number -> queue_ticket; book -> (identify) -> book_confirm -> booking_done;
book -> (identify) -> check_in -> queue_ticket.
"""

from __future__ import annotations

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen


def build(context: KioskContext) -> dict[str, KioskScreen]:
    from kiosk.catalog_source import CatalogSource
    from kiosk.screens.book import BookConfirmScreen, BookScreen
    from kiosk.screens.check_in import CheckInScreen
    from kiosk.screens.take_number import TakeNumberScreen
    from kiosk.screens.ticket import SlipScreen

    book = BookScreen(context, CatalogSource(context))
    source = book.source
    source.setParent(book)
    return {
        "take_number": TakeNumberScreen(context),
        "queue_ticket": SlipScreen(context, "ticket"),
        "book": book,
        "book_confirm": BookConfirmScreen(context, source),
        "booking_done": SlipScreen(context, "booking"),
        "check_in": CheckInScreen(context, source),
    }
