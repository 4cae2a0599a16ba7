"""POST /v1/help/{request_id}/acknowledge: a counter answers a kiosk's
"call staff" ("I'm coming"). The requests themselves arrive as kiosk
transactions and reach counters and the hall display on the event stream
(`sync.server.queue.hall`); the logic is in `sync.server.help_requests`."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Path

from sync.protocol.help import HelpAcknowledgement, HelpRequestShown
from sync.protocol.models import Role
from sync.server import help_requests
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.errors import ERROR_RESPONSE
from sync.server.routes import EngineDep

router = APIRouter(prefix="/v1", tags=["queue"], responses={404: ERROR_RESPONSE},
                   route_class=PolicyRoute)


@router.post("/help/{request_id}/acknowledge")
@allow(Role.COUNTER, objects="help requests", scope=Scope.CENTER)
def acknowledge_help(
    caller: CallerDep,
    request_id: Annotated[int, Path(ge=1, le=2**31 - 1)],  # an INTEGER column
    body: HelpAcknowledgement,
    engine: EngineDep,
) -> HelpRequestShown:
    """A clerk of this center is coming to the kiosk; the first answer stands."""
    return help_requests.acknowledge(engine, caller, request_id, body, time.time())
