"""HTTP client of the central platform: signed requests, bounded replies.

Every failure is classified so the sync worker knows what to do with it:
`TransientError` (network, timeout, 5xx, 429, garbled or oversized reply:
retry with back-off; `Unreachable`, its kind for no answer at all, is the only
one that says the platform is out of reach; `SlowAnswer`, its own kind, for a request
sent whose answer did not come in time), `AuthError` (the platform refuses this terminal: a
technician must act), `RequestRefused` (this request can never succeed).
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode
from uuid import UUID

import httpx
from pydantic import BaseModel, ValidationError

from sync.protocol import help as help_wire
from sync.protocol import models as wire
from sync.protocol import queue, staff
from sync.protocol.cases import CaseList, CaseView
from sync.protocol.signing import signed_headers
from sync.protocol.staff import HEADER_MANAGER_SESSION
from sync.protocol.status_check import check_code

ModelT = TypeVar("ModelT", bound=BaseModel)
MAX_REPLY_BYTES = 16 * 1024 * 1024


class PlatformError(Exception):
    """Base of every platform failure; the message is for technicians."""


class TransientError(PlatformError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unreachable(TransientError):
    """No answer: the connection failed, broke or timed out. The other transient
    failures are answers (busy, failing, unreadable): the platform is reachable."""


class SlowAnswer(Unreachable):
    """The request went out, but its answer did not come within the read timeout:
    the platform may have acted on it, and may only be slow (to a person: "slow to
    answer, try again", not "cannot be reached")."""


class ServerError(TransientError):
    """The platform answered with a 5xx status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message, retry_after)
        self.status = status


class AuthError(PlatformError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class RequestRefused(PlatformError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"HTTP {status} {code}: {message}")
        self.status = status
        self.code = code


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Parse Retry-After as delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


def tls_verification(ca_file: Path | None) -> ssl.SSLContext | bool:
    """Always verify; with a pinned CA file, trust only that CA."""
    if ca_file is None:
        return True
    return ssl.create_default_context(cafile=str(ca_file))


class PlatformClient:
    def __init__(self, base_url: str, terminal_id: str, key: bytes, *,
                 ca_file: Path | None = None, connect_timeout: float = 3.0,
                 read_timeout: float = 15.0, sign_in_timeout: float = 30.0,
                 max_reply_bytes: int = MAX_REPLY_BYTES,
                 clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.terminal_id = terminal_id
        self._key = key
        self._clock = clock
        self._max_reply_bytes = max_reply_bytes
        self.clock_offset = 0.0
        # A staff sign-in waits longer: the platform's PIN check is slow on purpose.
        self._sign_in_timeout = httpx.Timeout(sign_in_timeout, connect=connect_timeout)
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                  verify=tls_verification(ca_file), transport=transport,
                                  headers={"User-Agent": "reception-terminal"})

    def close(self) -> None:
        self._http.close()

    def status_check_code(self, tracking_number: str) -> str:
        """The check code of this terminal's slips for `tracking_number` (offline too)."""
        return check_code(self._key, tracking_number)

    def __repr__(self) -> str:
        return f"PlatformClient({self._http.base_url!s}, terminal={self.terminal_id})"

    def probe(self, timeout: float) -> None:
        """GET /healthz, unsigned, within `timeout` seconds (the terminal's link check):
        returns when the platform answers, raises TransientError when it does not."""
        try:
            response = self._http.get("/healthz", timeout=httpx.Timeout(timeout))
        except httpx.HTTPError as error:
            raise Unreachable(f"platform unreachable: {error!r}") from error
        if response.status_code != 200:
            raise TransientError(f"platform unhealthy: HTTP {response.status_code}")

    # ------------------------------------------------------------ enrollment
    @staticmethod
    def enroll(base_url: str, code: str, hostname: str = "", *, ca_file: Path | None = None,
               transport: httpx.BaseTransport | None = None) -> wire.EnrollResponse:
        request = wire.EnrollRequest(code=code, hostname=hostname)
        with httpx.Client(base_url=base_url.rstrip("/"), timeout=15.0,
                          verify=tls_verification(ca_file), transport=transport) as http:
            try:
                response = http.post("/v1/enroll", content=request.model_dump_json(),
                                     headers={"Content-Type": "application/json"})
            except httpx.HTTPError as error:
                raise Unreachable(f"platform unreachable: {error!r}") from error
        if response.status_code != 200:
            code_, message = _error_fields(response.content)
            raise RequestRefused(response.status_code, code_, message)
        return _parse(wire.EnrollResponse, response.content)

    # ------------------------------------------------------------ transactions
    def post_batch(self, body: bytes) -> wire.BatchResponse:
        return _parse(wire.BatchResponse, self._send("POST", "/v1/transactions/batch", body))

    def missing_attachments(self, hashes: list[str]) -> list[str]:
        body = wire.AttachmentQuery(sha256=hashes).model_dump_json().encode()
        reply = _parse(wire.AttachmentQueryResponse,
                       self._send("POST", "/v1/attachments/query", body))
        return list(reply.missing)

    def put_attachment(self, sha256: str, data: bytes) -> None:
        self._send("PUT", f"/v1/attachments/{sha256}", data,
                   content_type="application/octet-stream")

    def heartbeat(self, beat: wire.Heartbeat) -> None:
        self._send("POST", "/v1/heartbeat", beat.model_dump_json().encode())

    # ------------------------------------------------------------ reference data
    def fetch(self, path: str, model: type[ModelT],
              validator: str | None) -> tuple[ModelT | None, str | None]:
        """GET with If-None-Match; (None, validator) when unchanged."""
        headers = {"If-None-Match": validator} if validator else {}
        response = self._request("GET", path, b"", headers)
        if response.status_code == 304:
            return None, validator
        return _parse(model, response.content), response.headers.get("ETag")

    def statuses(self, cursor: str | None, limit: int = 500) -> wire.StatusPage:
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        return _parse(wire.StatusPage, self._send("GET", "/v1/statuses" + query, b""))

    def application(self, tracking_number: str) -> wire.ApplicationStatus | None:
        try:
            body = self._send("GET", f"/v1/applications/{tracking_number}", b"")
        except RequestRefused as error:
            if error.status == 404:
                return None
            raise
        return _parse(wire.ApplicationStatus, body)

    def application_story(self, tracking_number: str) -> wire.ApplicationStory | None:
        """The status with its public timeline and promised date (None: not found)."""
        try:
            body = self._send("GET", f"/v1/applications/{tracking_number}/story", b"")
        except RequestRefused as error:
            if error.status == 404:
                return None
            raise
        return _parse(wire.ApplicationStory, body)

    # ------------------------------------------------------------ plumbing
    def as_manager(self, method: str, path: str, body: bytes, session: str) -> bytes:
        """A signed request on behalf of the center manager signed in here
        (`session`: the token the manager's sign-in answered)."""
        headers = {HEADER_MANAGER_SESSION: session}
        if body:
            headers["Content-Type"] = "application/json"
        return self._request(method, path, body, headers).content

    def _send(self, method: str, path: str, body: bytes,
              content_type: str = "application/json",
              timeout: httpx.Timeout | None = None) -> bytes:
        headers = {"Content-Type": content_type} if body else {}
        return self._request(method, path, body, headers, timeout).content

    def _request(self, method: str, path: str, body: bytes,
                 extra_headers: dict[str, str],
                 timeout: httpx.Timeout | None = None) -> httpx.Response:
        for attempt in (1, 2):
            response = self._exchange(method, path, body, extra_headers, timeout)
            if response.status_code in (200, 201, 204, 304):
                return response
            code, message, server_time = _error_details(response.content)
            if response.status_code == 401 and code == "clock_skew" and attempt == 1 \
                    and server_time is not None:
                self.clock_offset = server_time - self._clock()
                continue
            self._raise_for(response, code, message)
        raise AssertionError("unreachable")

    def _exchange(self, method: str, path: str, body: bytes, extra_headers: dict[str, str],
                  timeout: httpx.Timeout | None = None) -> httpx.Response:
        timestamp = int(self._clock() + self.clock_offset)
        headers = signed_headers(self.terminal_id, self._key, method, path, body, timestamp)
        headers.update(extra_headers)
        try:
            with self._http.stream(method, path, content=body, headers=headers,
                                   timeout=timeout or self._http.timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared is not None and declared.isdigit() \
                        and int(declared) > self._max_reply_bytes:
                    raise TransientError(f"reply of {declared} bytes exceeds the cap")
                chunks, total = [], 0
                for chunk in response.iter_bytes():
                    total += len(chunk)
                    if total > self._max_reply_bytes:
                        raise TransientError(
                            f"reply exceeds {self._max_reply_bytes} bytes: refusing it")
                    chunks.append(chunk)
                response._content = b"".join(chunks)  # read once, bounded
                return response
        except httpx.ReadTimeout as error:
            raise SlowAnswer(f"platform timed out: no answer yet ({type(error).__name__})") \
                from error
        except httpx.TimeoutException as error:
            raise Unreachable(f"platform timed out ({type(error).__name__})") from error
        except httpx.HTTPError as error:
            raise Unreachable(f"platform unreachable: {error!r}") from error

    def _raise_for(self, response: httpx.Response, code: str, message: str) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"), self._clock())
            if status >= 500:
                raise ServerError(f"platform failed: HTTP {status} {code}", status, retry_after)
            raise TransientError(f"platform busy: HTTP {status} {code}", retry_after)
        if status in (401, 403):
            raise AuthError(code, message)
        raise RequestRefused(status, code, message)

    # ------------------------------------------------------------ queue and bookings
    def issue_ticket(self, category: str, client_ref: UUID,
                     priority: queue.Priority | None = None,
                     booking_code: str | None = None) -> queue.Ticket:
        """Take a number online; retry with the same client_ref after a lost reply."""
        request = queue.IssueRequest(category=category, client_ref=client_ref,
                                     priority=priority, booking_code=booking_code)
        body = request.model_dump_json().encode()
        return _parse(queue.Ticket, self._send("POST", "/v1/queue/tickets", body))

    def lease_numbers(self, category: str, size: int) -> queue.Lease:
        body = queue.LeaseRequest(category=category, size=size).model_dump_json().encode()
        return _parse(queue.Lease, self._send("POST", "/v1/queue/leases", body))

    def queue_state(self) -> queue.QueueState:
        return _parse(queue.QueueState, self._send("GET", "/v1/queue/state", b""))

    def call_next(self, window: str, staff_no: str,
                  categories: list[str] | None = None) -> queue.Ticket | None:
        """The ticket called to `window`, or None when nobody waits."""
        request = queue.CallNextRequest(window=window, staff_no=staff_no,
                                        categories=categories or [])
        reply = self._send("POST", "/v1/queue/call-next", request.model_dump_json().encode())
        return _parse(queue.Ticket, reply) if reply else None

    def ticket_action(self, number: str, action: queue.TicketAction | str, window: str,
                      staff_no: str, *, to_category: str | None = None,
                      to_window: str | None = None) -> queue.Ticket:
        """serve, recall, no-show, park, resume, transfer or end a ticket."""
        request = queue.TicketActionRequest(window=window, staff_no=staff_no,
                                            to_category=to_category, to_window=to_window)
        path = f"/v1/queue/tickets/{quote(number, safe='')}/{queue.TicketAction(action).value}"
        return _parse(queue.Ticket, self._send("POST", path, request.model_dump_json().encode()))

    def walk_in(self, category: str, window: str, staff_no: str) -> queue.Ticket:
        request = queue.WalkInRequest(category=category, window=window, staff_no=staff_no)
        body = request.model_dump_json().encode()
        return _parse(queue.Ticket, self._send("POST", "/v1/queue/walk-in", body))

    def queue_stats(self, day: date | None = None,
                    window: str | None = None) -> queue.QueueStats:
        query = urlencode({key: value for key, value in
                           (("day", day.isoformat() if day else None), ("window", window))
                           if value is not None})
        path = "/v1/queue/stats" + (f"?{query}" if query else "")
        return _parse(queue.QueueStats, self._send("GET", path, b""))

    def booking_slots(self, matter_code: str, day: date) -> queue.BookingSlots:
        query = urlencode({"matter": matter_code, "date": day.isoformat()})
        return _parse(queue.BookingSlots, self._send("GET", f"/v1/bookings/slots?{query}", b""))

    def bookings_for(self, person: wire.Person) -> queue.BookingList:
        """The person's bookings from today on (the document number goes only to the
        platform, with its kind and issuing country when it is not a resident ID card)."""
        params = {"id_number": person.id_number or "", "document_kind": person.document_kind,
                  "nationality": person.nationality}
        query = urlencode({key: value for key, value in params.items() if value})
        return _parse(queue.BookingList, self._send("GET", f"/v1/bookings?{query}", b""))

    def acknowledge_help(self, request_id: str, window: str,
                         staff_no: str) -> help_wire.HelpRequestShown:
        """A clerk at `window` is coming to the kiosk that asked for help."""
        body = help_wire.HelpAcknowledgement(window=window, staff_no=staff_no)
        path = f"/v1/help/{quote(request_id, safe='')}/acknowledge"
        reply = self._send("POST", path, body.model_dump_json().encode())
        return _parse(help_wire.HelpRequestShown, reply)

    # ------------------------------------------------------------ hall events (SSE)
    #: Longest silence on the event stream before it counts as dead (3 keep-alives).
    STREAM_READ_TIMEOUT = 45.0
    #: Largest single server-sent event accepted.
    MAX_EVENT_BYTES = 1024 * 1024

    def queue_events(self, last_event_id: int | None = None) -> Iterator[queue.HallEvent]:
        """Server-sent events of GET /v1/queue/events, parsed, until the stream ends.

        Blocking: iterate on a worker thread. Raises TransientError when the
        stream cannot be opened or breaks (reconnect with the last `event_id`
        seen), AuthError or RequestRefused as the other requests do."""
        path = "/v1/queue/events"
        extra = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if last_event_id is not None:
            extra["Last-Event-ID"] = str(last_event_id)
        timeout = httpx.Timeout(self.STREAM_READ_TIMEOUT,
                                connect=self._http.timeout.connect)
        for attempt in (1, 2):
            timestamp = int(self._clock() + self.clock_offset)
            headers = signed_headers(self.terminal_id, self._key, "GET", path, b"", timestamp)
            headers.update(extra)
            try:
                with self._http.stream("GET", path, headers=headers,
                                       timeout=timeout) as response:
                    if response.status_code == 200:
                        yield from self._hall_events(response.iter_bytes())
                        return
                    body = response.read()[:65536]
            except httpx.TimeoutException as error:
                raise Unreachable(f"event stream timed out ({type(error).__name__})") \
                    from error
            except httpx.HTTPError as error:
                raise Unreachable(f"event stream broken: {error!r}") from error
            code, message, server_time = _error_details(body)
            if response.status_code == 401 and code == "clock_skew" and attempt == 1 \
                    and server_time is not None:
                self.clock_offset = server_time - self._clock()
                continue
            self._raise_for(response, code, message)

    def _hall_events(self, chunks: Iterable[bytes]) -> Iterator[queue.HallEvent]:
        """Parse text/event-stream bytes into HallEvents (comments and unknown events skipped)."""
        buffer = b""
        for chunk in chunks:
            buffer += chunk.replace(b"\r\n", b"\n")
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                event = self._hall_event(block.decode("utf-8", "replace"))
                if event is not None:
                    yield event
            if len(buffer) > self.MAX_EVENT_BYTES:
                raise TransientError(f"a server-sent event exceeds {self.MAX_EVENT_BYTES} bytes")

    @staticmethod
    def _hall_event(block: str) -> queue.HallEvent | None:
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            fields[name] = fields[name] + "\n" + value if name == "data" and name in fields \
                else value
        name, data = fields.get("event"), fields.get("data")
        if name not in ("state", "call", "help") or data is None:
            return None
        event_id = int(fields["id"]) if fields.get("id", "").isdigit() else None
        if name == "state":
            return queue.HallEvent(event="state", event_id=event_id,
                                   state=_parse(queue.QueueState, data.encode()))
        if name == "help":
            return queue.HallEvent(event="help", event_id=event_id,
                                   help=_parse(help_wire.HelpBoard, data.encode()))
        return queue.HallEvent(event="call", event_id=event_id,
                               call=_parse(queue.HallCall, data.encode()))

    # ------------------------------------------------------------ staff
    def staff_sign_in(self, request: staff.StaffSignInRequest) -> staff.StaffSignInResponse:
        """The platform's verdict on a staff member's PIN (and a verifier on success)."""
        reply = self._send("POST", "/v1/staff/sign-in", request.model_dump_json().encode(),
                           timeout=self._sign_in_timeout)
        return _parse(staff.StaffSignInResponse, reply)

    # ------------------------------------------------------------ pre-applications
    def application_detail(self, tracking_number: str) -> wire.ApplicationPayload | None:
        """A kiosk application in full, personal data included (counter terminals only);
        None when the platform has no kiosk application with this number."""
        path = f"/v1/applications/{quote(tracking_number, safe='')}/detail"
        try:
            body = self._send("GET", path, b"")
        except RequestRefused as error:
            if error.status in (404, 422):
                return None
            raise
        return _parse(wire.ApplicationPayload, body)

    # ------------------------------------------------------------ cases
    def cases(self, states: Sequence[str] = ()) -> CaseList:
        """The center's cases (of `states`), the earliest deadline first."""
        query = "&".join(f"state={quote(state, safe='')}" for state in states)
        return _parse(CaseList, self._send("GET", "/v1/cases" + (f"?{query}" if query else ""),
                                           b""))

    def case(self, tracking_number: str) -> CaseView | None:
        """One case with its whole story; None when the platform has none of the center's."""
        try:
            body = self._send("GET", f"/v1/cases/{quote(tracking_number, safe='')}", b"")
        except RequestRefused as error:
            if error.status in (404, 422):
                return None
            raise
        return _parse(CaseView, body)


def _error_details(content: bytes) -> tuple[str, str, float | None]:
    try:
        error = wire.ErrorBody.model_validate_json(content)
    except ValidationError:
        try:
            detail = json.loads(content).get("detail")
        except (ValueError, AttributeError):
            detail = None
        if isinstance(detail, dict):
            try:
                error = wire.ErrorBody.model_validate(detail)
            except ValidationError:
                return "unknown", content[:200].decode("utf-8", "replace"), None
        else:
            return "unknown", content[:200].decode("utf-8", "replace"), None
    return error.code, error.message, error.server_time


def _error_fields(content: bytes) -> tuple[str, str]:
    code, message, _ = _error_details(content)
    return code, message


def _parse(model: type[ModelT], content: bytes) -> ModelT:
    try:
        return model.model_validate_json(content)
    except ValidationError as error:
        raise TransientError(
            f"garbled reply from the platform (not a valid {model.__name__}): "
            f"{error.error_count()} errors"
        ) from error

