"""The center manager's ratings requests from the counter: the follow-ups of
poor ratings and the center's figures over a range of days (`/v1/followups`,
`/v1/figures`), signed by the counter and carrying the manager's session.

Blocking (network): call from a worker thread. Failures are the client's
(`TransientError` offline, `RequestRefused` with the platform's code).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from sync.client import PlatformClient
from sync.protocol.ratings import (
    FollowUp,
    FollowUpAnswer,
    FollowUpList,
    FollowUpState,
    RangeFigures,
)


class RatingsClient:
    def __init__(self, client: PlatformClient, session: str) -> None:
        self._client = client
        self._session = session

    def follow_ups(self, state: FollowUpState | None = None) -> FollowUpList:
        path = "/v1/followups" + (f"?state={state.value}" if state else "")
        return FollowUpList.model_validate_json(
            self._client.as_manager("GET", path, b"", self._session))

    def answer(self, follow_up_id: int, text: str) -> FollowUp:
        body = FollowUpAnswer(answer=text).model_dump_json().encode("utf-8")
        return FollowUp.model_validate_json(self._client.as_manager(
            "POST", f"/v1/followups/{follow_up_id}/answer", body, self._session))

    def figures(self, start: date, end: date) -> RangeFigures:
        query = urlencode({"start": start.isoformat(), "end": end.isoformat()})
        return RangeFigures.model_validate_json(
            self._client.as_manager("GET", f"/v1/figures?{query}", b"", self._session))
