"""The queue's services refuse with domain errors; the HTTP layer alone gives
them a status (sync/server/queue/errors.py, routes.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.server.queue import core, routes
from sync.server.queue.errors import Kind, QueueError, Reason


def test_a_service_raises_a_domain_error_not_an_http_one(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(QueueError) as refused:
        core.category(session, "default", "Z")
    assert refused.value.reason is Reason.UNKNOWN_CATEGORY
    assert refused.value.code == "unknown_category"
    assert "Z" in refused.value.message
    assert not hasattr(refused.value, "status_code")


def test_every_refusal_has_a_status_and_a_code_of_its_own() -> None:
    assert set(routes.STATUS) == set(Kind)
    assert {reason.kind for reason in Reason} <= set(routes.STATUS)
    codes = [reason.code for reason in Reason]
    assert len(set(codes)) == len(codes)


def test_the_http_layer_maps_a_refusal(client: TestClient, counter: SignedClient) -> None:
    answer = counter.request("POST", "/v1/queue/tickets/A999/serve",
                             json_body={"window": "1", "staff_no": "1001"})
    assert (answer.status_code, answer.json()["code"]) == (404, "unknown_ticket")
    assert answer.json()["message"] == "No ticket A999 today at this center."

