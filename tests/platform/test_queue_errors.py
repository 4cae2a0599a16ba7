"""The queue's services refuse with domain errors; the HTTP layer alone gives
them a status (sync/server/queue/errors.py, routes.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.server.queue import core, routes
from sync.server.queue.errors import (
    Conflict,
    Invalid,
    NotFound,
    QueueError,
    UnknownCategory,
    UnknownTicket,
)


def test_a_service_raises_a_domain_error_not_an_http_one(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(UnknownCategory) as refused:
        core.category(session, "default", "Z")
    assert refused.value.code == "unknown_category"
    assert "Z" in refused.value.message
    assert not hasattr(refused.value, "status_code")


def test_every_domain_error_has_a_status() -> None:
    kinds = {kind for kind in _subclasses(QueueError) if "code" in vars(kind)}
    assert kinds  # the concrete refusals
    for kind in kinds:
        assert issubclass(kind, NotFound | Conflict | Invalid), kind
        assert [status for base, status in routes.STATUS.items() if issubclass(kind, base)]


def test_the_http_layer_maps_a_refusal(client: TestClient, counter: SignedClient) -> None:
    answer = counter.request("POST", "/v1/queue/tickets/A999/serve",
                             json_body={"window": "1", "staff_no": "1001"})
    assert (answer.status_code, answer.json()["code"]) == (404, UnknownTicket.code)
    assert answer.json()["message"] == "No ticket A999 today at this center."


def _subclasses(kind: type[QueueError]) -> set[type[QueueError]]:
    found = set(kind.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found))
