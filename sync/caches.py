"""Local caches of what the platform publishes, so an offline terminal serves.

Each cache keeps the body as last received and its validator (ETag, or the
status feed's cursor); `fetched_at` lets a screen say "as of ...".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync.protocol import models as wire
from sync.protocol.center import CenterSetup
from sync.protocol.staff import OfflineVerifier, StaffDirectory
from sync.protocol.work_calendar import WorkCalendar
from sync.store.database import Database
from sync.store.schema import CachedStatus, CacheEntry, utc_text

ModelT = TypeVar("ModelT", bound=BaseModel)

CATALOG = "catalog"
NOTICES = "notices"
STAFF = "staff"
CALENDAR = "calendar"
#: The center's windows and opening rules (sync.protocol.center).
CENTER = "center"
STATUS_CURSOR = "status_cursor"
#: Offline sign-in verifiers of staff who signed in on this terminal.
STAFF_VERIFIERS = "staff_verifiers"
PUBLISHED: dict[str, tuple[str, type[BaseModel]]] = {
    CATALOG: ("/v1/catalog", wire.Catalog),
    NOTICES: ("/v1/notices", wire.NoticeList),
    STAFF: ("/v1/staff", StaffDirectory),
    CALENDAR: ("/v1/calendar", WorkCalendar),
    CENTER: ("/v1/center", CenterSetup),
}
#: What each role pulls; the platform refuses a role the rest (a hall display
#: shows notices and the queue, it has no use for staff or statuses).
PULLED_BY: dict[wire.Role, tuple[str, ...]] = {
    wire.Role.KIOSK: (CATALOG, NOTICES, STAFF, CALENDAR, CENTER, STATUS_CURSOR),
    wire.Role.COUNTER: (CATALOG, NOTICES, STAFF, CALENDAR, CENTER, STATUS_CURSOR),
    wire.Role.DISPLAY: (CATALOG, NOTICES, CENTER),
}


def published_for(role: wire.Role) -> dict[str, tuple[str, type[BaseModel]]]:
    """The reference documents `role` pulls, by cache name."""
    return {name: source for name, source in PUBLISHED.items() if name in PULLED_BY[role]}


def pulls_statuses(role: wire.Role) -> bool:
    return STATUS_CURSOR in PULLED_BY[role]


@dataclass(frozen=True)
class Cached(Generic[ModelT]):
    value: ModelT
    fetched_at: datetime


class ReferenceCache:
    def __init__(self, database: Database) -> None:
        self.database = database

    def get(self, name: str, model: type[ModelT]) -> Cached[ModelT] | None:
        with self.database.read() as connection:
            row = connection.execute(
                select(CacheEntry.body, CacheEntry.fetched_at).where(CacheEntry.name == name)
            ).first()
        if row is None:
            return None
        return Cached(model.model_validate_json(row.body), datetime.fromisoformat(row.fetched_at))

    def validator(self, name: str) -> str | None:
        with self.database.read() as connection:
            return connection.execute(
                select(CacheEntry.validator).where(CacheEntry.name == name)
            ).scalar_one_or_none()

    def put(self, name: str, body: str, validator: str | None, fetched_at: datetime) -> None:
        statement = sqlite_insert(CacheEntry).values(
            name=name, body=body, validator=validator, fetched_at=utc_text(fetched_at))
        with self.database.write() as connection:
            connection.execute(statement.on_conflict_do_update(
                index_elements=[CacheEntry.name],
                set_={"body": statement.excluded.body, "validator": statement.excluded.validator,
                      "fetched_at": statement.excluded.fetched_at},
            ))

    def touch(self, name: str, fetched_at: datetime) -> None:
        with self.database.write() as connection:
            connection.execute(update(CacheEntry).where(CacheEntry.name == name)
                               .values(fetched_at=utc_text(fetched_at)))

    def put_statuses(self, statuses: list[wire.ApplicationStatus], cursor: str,
                     fetched_at: datetime) -> None:
        """Store a page of the status feed and its cursor in one commit."""
        stamp = utc_text(fetched_at)
        with self.database.write() as connection:
            for status in statuses:
                statement = sqlite_insert(CachedStatus).values(
                    tracking_number=status.tracking_number, body=status.model_dump_json(),
                    fetched_at=stamp)
                connection.execute(statement.on_conflict_do_update(
                    index_elements=[CachedStatus.tracking_number],
                    set_={"body": statement.excluded.body,
                          "fetched_at": statement.excluded.fetched_at}))
            statement = sqlite_insert(CacheEntry).values(
                name=STATUS_CURSOR, body="{}", validator=cursor, fetched_at=stamp)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[CacheEntry.name],
                set_={"validator": statement.excluded.validator,
                      "fetched_at": statement.excluded.fetched_at}))

    def status(self, tracking_number: str) -> Cached[wire.ApplicationStatus] | None:
        with self.database.read() as connection:
            row = connection.execute(
                select(CachedStatus.body, CachedStatus.fetched_at)
                .where(CachedStatus.tracking_number == tracking_number)
            ).first()
        if row is None:
            return None
        return Cached(wire.ApplicationStatus.model_validate_json(row.body),
                      datetime.fromisoformat(row.fetched_at))

    def staff_verifiers(self) -> list[OfflineVerifier]:
        cached = self.get(STAFF_VERIFIERS, _Verifiers)
        return list(cached.value.verifiers) if cached else []

    def put_staff_verifier(self, verifier: OfflineVerifier) -> None:
        """Keep the member's newest verifier (one per staff number)."""
        kept = [v for v in self.staff_verifiers()
                if v.member.staff_no != verifier.member.staff_no]
        body = _Verifiers(verifiers=[*kept, verifier]).model_dump_json()
        self.put(STAFF_VERIFIERS, body, None, verifier.issued_at)


class _Verifiers(BaseModel):
    verifiers: list[OfflineVerifier]
