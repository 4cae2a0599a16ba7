"""Reference data (catalog, notices, staff roster) stored as JSON with an ETag,
and the queue set-up (categories, fairness policy) loaded with the demo data."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import Engine, delete, insert
from sqlalchemy.orm import Session

from sync.protocol.models import Catalog, NoticeList, StaffRoster
from sync.protocol.queue import QueueCategoryList, QueuePolicy
from sync.server.db import WRITE, CatalogMatter, Document, QueueCategoryRow, QueuePolicyRow
from sync.server.queue.core import DEFAULT_CENTER

#: Document name -> (model, demo file name).
DOCUMENTS: dict[str, tuple[type[BaseModel], str]] = {
    "catalog": (Catalog, "catalog.json"),
    "notices": (NoticeList, "notices.json"),
    "staff": (StaffRoster, "staff.json"),
}
_EMPTY: dict[str, BaseModel] = {
    "catalog": Catalog(departments=[], matters=[]),
    "notices": NoticeList(notices=[]),
    "staff": StaffRoster(staff=[]),
}


def etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def put_document(engine: Engine, name: str, document: BaseModel) -> None:
    """Store a document; storing the catalog also refreshes the matter codes."""
    body = document.model_dump_json().encode("utf-8")
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.merge(Document(name=name, body=body, etag=etag_of(body), updated_at=time.time()))
        if isinstance(document, Catalog):
            session.execute(delete(CatalogMatter))
            codes = sorted({matter.code for matter in document.matters})
            if codes:
                session.execute(insert(CatalogMatter), [{"code": code} for code in codes])


def get_document(engine: Engine, name: str) -> tuple[bytes, str]:
    """The body and ETag of a document (an empty document when never loaded)."""
    with Session(engine) as session:
        stored = session.get(Document, name)
        if stored is not None:
            return stored.body, stored.etag
    body = _EMPTY[name].model_dump_json().encode("utf-8")
    return body, etag_of(body)


def put_queue_categories(
    engine: Engine, categories: QueueCategoryList, center: str = DEFAULT_CENTER
) -> None:
    """Replace the queue categories of a center ("*": of every center without its own)."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(QueueCategoryRow).where(QueueCategoryRow.center == center))
        session.add_all(
            QueueCategoryRow(
                center=center,
                code=category.code,
                prefix=category.prefix,
                name_zh=category.name_zh,
                name_en=category.name_en,
                position=position,
            )
            for position, category in enumerate(categories.categories)
        )


def put_queue_policy(engine: Engine, policy: QueuePolicy, center: str = DEFAULT_CENTER) -> None:
    """Set the call-next fairness policy of a center ("*": the default)."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.merge(
            QueuePolicyRow(
                center=center,
                priority_weight=policy.priority_weight,
                interleave=policy.interleave,
            )
        )


def load_demo(engine: Engine, directory: Path) -> list[str]:
    """Load whichever of catalog.json, notices.json, staff.json exist, and
    queue_categories.json with the default queue policy (queue_policy.json
    when present); names loaded."""
    loaded = []
    for name, (model, filename) in DOCUMENTS.items():
        path = directory / filename
        if path.is_file():
            put_document(engine, name, model.model_validate_json(path.read_bytes()))
            loaded.append(name)
    queues = directory / "queue_categories.json"
    if queues.is_file():
        put_queue_categories(engine, QueueCategoryList.model_validate_json(queues.read_bytes()))
        loaded.append("queue_categories")
        policy_file = directory / "queue_policy.json"
        policy = (
            QueuePolicy.model_validate_json(policy_file.read_bytes())
            if policy_file.is_file()
            else QueuePolicy()
        )
        put_queue_policy(engine, policy)
        loaded.append("queue_policy")
    return loaded
