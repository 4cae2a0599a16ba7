"""The kiosk's catalog: read from the local cache off the GUI thread, with its
search index, shared by the application flow's screens (catalog, matter, form,
review) and the queue flow's (book, check in). Checked again after every sync
pass, so a catalog that arrives (or changes) while a screen shows it appears
there; only a catalog whose validator moved is parsed and indexed again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.context import KioskContext
from sync.protocol.models import Catalog, Matter
from terminal.background import run_in_background
from terminal.matter_search import SearchIndex

#: Names of the catalog's category codes (the catalog carries codes only).
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "assistance": ("社会救助", "Social assistance"),
    "certificates": ("证明开具", "Certificates"),
    "disability": ("助残服务", "Disability support"),
    "elderly": ("养老服务", "Elderly care"),
    "employment": ("就业创业", "Jobs and business"),
    "family": ("婚育家庭", "Family and children"),
    "health": ("卫生健康", "Health"),
    "housing": ("住房保障", "Housing"),
    "insurance": ("社会保险", "Social insurance"),
    "property": ("物业服务", "Property services"),
    "residence": ("户籍居住", "Residence"),
    "veterans": ("退役军人", "Veterans"),
}


class CatalogSource(QObject):
    """The cached catalog and its search index, shared by the flow's screens."""

    changed = Signal()

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.catalog: Catalog | None = None
        self.index: SearchIndex | None = None
        self._validator: str | None = None
        self._waiting: list[Callable[[], None]] = []
        self._loading = False
        if context.shell is not None:
            context.shell.bridge.stateChanged.connect(lambda _state: self.refresh())

    def refresh(self) -> None:
        """Re-read the cache in the background (a new catalog rebuilds the index)."""
        if self.context.shell is None or self._loading:
            return
        self._loading = True
        context, known = self.context, self._validator
        loaded = self.catalog is not None

        def load() -> tuple[Any, str | None, SearchIndex | None]:
            from sync.caches import CATALOG

            assert context.shell is not None
            validator = context.shell.services.runtime.cache.validator(CATALOG)
            if loaded and validator is not None and validator == known:
                return None, validator, None
            cached = context.cached(CATALOG, Catalog)
            if cached is None:
                return None, validator, None
            return cached, validator, SearchIndex(cached.value.matters)

        run_in_background(self, load, self._loaded,
                          lambda _message: self._loaded((None, None, None)))

    def _loaded(self, result: tuple[Any, str | None, SearchIndex | None]) -> None:
        self._loading = False
        cached, validator, index = result
        if cached is not None and index is not None:
            self.catalog, self.index, self._validator = cached.value, index, validator
            self.changed.emit()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call back once a catalog is loaded (at once if it already is)."""
        if self.catalog is not None:
            callback()
            return
        self._waiting.append(callback)
        self.refresh()

    def matter(self, code: str) -> Matter | None:
        if self.catalog is None:
            return None
        return next((m for m in self.catalog.matters if m.code == code), None)

    def department_name(self, code: str) -> str:
        if self.catalog is not None:
            for department in self.catalog.departments:
                if department.code == code:
                    return self.context.localized(department.name_zh, department.name_en)
        return code

    def category_name(self, code: str) -> str:
        zh, en = CATEGORY_NAMES.get(code, (code, code))
        return self.context.localized(zh, en)
