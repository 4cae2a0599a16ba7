"""The self-service application and repair flows, registered by name.

apply (catalog) -> matter -> identify -> apply_form -> apply_review -> apply_done;
repair -> apply_done {"mode": "repair"}.
"""

from __future__ import annotations

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen


def build(context: KioskContext) -> dict[str, KioskScreen]:
    from kiosk.catalog_source import CatalogSource
    from kiosk.screens.catalog import CatalogScreen
    from kiosk.screens.done import DoneScreen
    from kiosk.screens.form import FormScreen
    from kiosk.screens.matter import MatterScreen
    from kiosk.screens.repair import RepairScreen
    from kiosk.screens.review import ReviewScreen

    catalog = CatalogScreen(context, CatalogSource(context))
    source = catalog.source
    source.setParent(catalog)
    return {
        "apply": catalog,
        "matter": MatterScreen(context, source),
        "apply_form": FormScreen(context, source),
        "apply_review": ReviewScreen(context, source),
        "apply_done": DoneScreen(context),
        "repair": RepairScreen(context),
    }
