"""Wire models of help requests ("call staff" at a kiosk) as staff see them.

A kiosk raises one as a transaction (`HelpRequestPayload` in `models`); the
platform shows its center's requests on the hall event stream (`help` events,
each the whole `HelpBoard`) until a counter acknowledges one with
POST /v1/help/{request_id}/acknowledge.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from sync.protocol.models import WireModel

#: Seconds an acknowledged request stays on the board ("staff are on the way").
ON_THE_WAY_SECONDS = 120


class HelpRequestShown(WireModel):
    """One help request of the center; `window` is the window whose clerk is coming."""

    id: str
    kiosk: str
    screen: str
    screen_title: str = ""
    language: str = "zh_CN"
    raised_at: datetime
    acknowledged_at: datetime | None = None
    window: str | None = None

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


class HelpBoard(WireModel):
    """The data of a `help` event: today's open requests of the center and those
    acknowledged in the last ON_THE_WAY_SECONDS, oldest first."""

    requests: list[HelpRequestShown]


class HelpAcknowledgement(WireModel):
    """The body of POST /v1/help/{request_id}/acknowledge: who is coming."""

    window: Annotated[str, Field(min_length=1, max_length=16)]
    staff_no: Annotated[str, Field(min_length=1, max_length=32)]
