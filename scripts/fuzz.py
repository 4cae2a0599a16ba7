"""`make fuzz`: attack a real platform on loopback from outside.

1. schemathesis, from the committed OpenAPI document (docs/openapi.json):
   every operation, positive and negative examples, sent unsigned and signed
   as each terminal role (a signing hook on the requests session signs the
   exact bytes sent), each answer checked: no server error, a documented
   status code and content type, a body that matches the declared schema.
2. hypothesis on POST /v1/transactions/batch: transaction items built from
   the wire models' JSON schema, with out-of-range integers, extreme dates,
   long strings, many keys and deep nesting mixed in; every answer must be
   200 with one result per item, or a documented refusal (4xx).

The last line is the tally: requests sent, server errors, violations.
Exit status 1 when any server error or violation was found.

    .venv/bin/python scripts/fuzz.py [--examples 30] [--batches 300]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.protocol import signing  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from sync.server import enrollment  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

OPENAPI = ROOT / "docs" / "openapi.json"
DEMO = ROOT / "resources" / "demo"
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
]
STREAM_OPERATION = "GET /v1/queue/events"


class Signer(requests.auth.AuthBase):
    """Signs a prepared request as one terminal: the path and body as sent."""

    def __init__(self, terminal_id: str, key: bytes) -> None:
        self.terminal_id = terminal_id
        self.key = key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        request.headers.update(signing.signed_headers(
            self.terminal_id, self.key, request.method or "GET", request.path_url, raw,
            int(time.time())))
        return request


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0
    violations: int = 0
    unsendable: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    findings: list[str] = field(default_factory=list)

    def note(self, label: str, detail: str) -> None:
        if len(self.findings) < 40:
            self.findings.append(f"{label}: {detail[:400]}")


def enroll_sessions(url: str, database_url: str) -> dict[str, requests.Session]:
    """An unsigned session and one signing session per terminal role."""
    engine = make_engine(database_url)
    sessions = {"unsigned": requests.Session()}
    sessions["unsigned"].base_url = url  # type: ignore[attr-defined]
    try:
        for role in Role:
            code = enrollment.issue_code(engine, "C001", role)
            answer = requests.post(f"{url}/v1/enroll", json={"code": code, "hostname": "fuzz"},
                                   timeout=10)
            answer.raise_for_status()
            body = answer.json()
            session = requests.Session()
            session.base_url = url  # type: ignore[attr-defined]
            session.auth = Signer(body["terminal_id"], base64.urlsafe_b64decode(body["key"]))
            sessions[role.value] = session
    finally:
        engine.dispose()
    return sessions


def call_stream(case: Any, session: requests.Session, tally: Tally) -> None:
    """The event stream never ends by itself: check its status and first bytes."""
    kwargs = case.as_transport_kwargs(base_url=session.base_url)  # type: ignore[attr-defined]
    response = session.request(**kwargs, stream=True, timeout=10)
    try:
        tally.requests += 1
        tally.statuses[response.status_code] += 1
        documented = {str(code) for code in case.operation.definition.raw["responses"]}
        if response.status_code >= 500:
            tally.server_errors += 1
            tally.note(STREAM_OPERATION, f"HTTP {response.status_code}")
        elif str(response.status_code) not in documented:
            tally.violations += 1
            tally.note(STREAM_OPERATION, f"undocumented HTTP {response.status_code}")
    finally:
        response.close()


def run_schema(url: str, sessions: dict[str, requests.Session], examples: int,
               tally: Tally, document: Path = OPENAPI) -> None:
    schema = schemathesis.openapi.from_path(document)
    schema.config.update(base_url=url)
    for result in schema.get_all_operations():
        operation = result.ok()
        callers = callers_of(operation.definition.raw.get("x-access", {}), sessions)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = st.tuples(operation.as_strategy(generation_mode=mode),
                                 st.sampled_from(callers))

            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck),
                      phases=[hypothesis.Phase.generate])
            @given(strategy)
            def attack(pair: tuple[Any, requests.Session]) -> None:
                send_case(*pair, tally)

            # Unsatisfiable: no invalid input exists (an operation without parameters)
            with contextlib.suppress(hypothesis.errors.Unsatisfiable):
                attack()


def callers_of(access: dict[str, Any],
               sessions: dict[str, requests.Session]) -> list[requests.Session]:
    """Mostly the roles the operation admits (x-access), then unsigned and the others."""
    allowed = access.get("callers", "anyone")
    names = [name for name in sessions if name != "unsigned"]
    admitted = names if allowed == "anyone" else [n for n in names if n in allowed]
    refused = [name for name in names if name not in admitted]
    return [sessions[name] for name in admitted * 3 + ["unsigned", *refused]]


def send_case(case: Any, session: requests.Session, tally: Tally) -> None:
    label = f"{case.operation.method.upper()} {case.operation.path}"
    if label == STREAM_OPERATION:
        call_stream(case, session, tally)
        return
    try:
        response = case.call(session=session, timeout=30)
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader,
            ValueError, UnicodeError):
        tally.unsendable += 1  # the client library refuses to send it
        return
    tally.requests += 1
    tally.statuses[response.status_code] += 1
    if response.status_code >= 500:
        tally.server_errors += 1
    try:
        case.validate_response(response, checks=CHECKS)
    except (Exception, BaseExceptionGroup) as failure:  # a check failed: count it, go on
        if response.status_code < 500:
            tally.violations += 1
        parts = failure.exceptions if isinstance(failure, BaseExceptionGroup) else [failure]
        tally.note(label, "; ".join(" ".join(str(part).split())[:300] for part in parts))


# ---------------------------------------------------------------- batch fuzzing
EXTREME_INTS = st.sampled_from([0, -1, 1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1])
EXTREME_TIMES = st.sampled_from([
    "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
    "2026-02-29T10:00:00+08:00", "2026-03-01T10:00:00", "not a time", 0, 1e308,
])
TEXT = st.one_of(st.text(max_size=40), st.text(min_size=5000, max_size=6000),
                 st.sampled_from(["²", "\u0000", "A001", "MZ-001", "'; DROP TABLE x; --"]))


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"x": [value]}
    return value


SCALAR = st.one_of(st.none(), st.booleans(), EXTREME_INTS, TEXT, st.floats(allow_nan=False))
PAYLOADS = st.fixed_dictionaries({
    "kind": st.sampled_from(["application", "ticket", "booking", "check_in", "repair",
                             "rating", "acceptance", "served", "nonsense"]),
}, optional={
    "tracking_number": TEXT, "matter_code": st.sampled_from(["MZ-001", "RS-006", "X"]),
    "channel": st.sampled_from(["kiosk", "counter", "x"]),
    "applicant": st.one_of(st.just({}), st.fixed_dictionaries({}, optional={
        "name": TEXT, "id_number": TEXT})),
    "fields": st.one_of(st.dictionaries(TEXT, SCALAR, max_size=5),
                        st.just({f"k{n}": n for n in range(2000)}),
                        st.just({"deep": nested(60)})),
    "number": TEXT, "category": st.sampled_from(["A", "B", "ZZZZZZZZZ"]),
    "issued_offline": st.booleans(), "booking_code": TEXT,
    "slot_start": EXTREME_TIMES, "slot_end": EXTREME_TIMES,
    "ticket_number": TEXT, "outcome": st.sampled_from(["accepted", "not_accepted", "x"]),
    "level": EXTREME_INTS, "window": TEXT, "staff_no": TEXT,
    "called_at": EXTREME_TIMES, "ended_at": EXTREME_TIMES, "issued_at": EXTREME_TIMES,
    "materials_missing": st.lists(TEXT, max_size=3), "reason": TEXT,
    "promised_date": st.sampled_from(["0001-01-01", "9999-12-31", "2026-13-01", 0]),
})
ITEMS = st.fixed_dictionaries({
    "id": st.one_of(st.uuids().map(str), TEXT),
    "seq": EXTREME_INTS,
    "created_at": st.one_of(EXTREME_TIMES, st.just(datetime.now(UTC).isoformat())),
    "payload": PAYLOADS,
}, optional={"attachments": st.lists(st.sampled_from(["0" * 64, "x"]), max_size=2),
             "corrects": st.one_of(st.uuids().map(str), TEXT)})


def run_batches(url: str, sessions: dict[str, requests.Session], batches: int,
                tally: Tally) -> None:
    senders = [sessions[Role.KIOSK.value], sessions[Role.COUNTER.value]]

    @settings(max_examples=batches, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[hypothesis.Phase.generate])
    @given(st.lists(ITEMS, min_size=1, max_size=8), st.sampled_from(senders))
    def attack(items: list[dict[str, Any]], session: requests.Session) -> None:
        body = json.dumps({"items": items}).encode()
        response = session.post(f"{url}/v1/transactions/batch", data=body, timeout=30,
                                headers={"Content-Type": "application/json"})
        tally.requests += 1
        tally.statuses[response.status_code] += 1
        if response.status_code >= 500:
            tally.server_errors += 1
            tally.note("batch", f"HTTP {response.status_code} for {body[:300]!r}")
        elif response.status_code == 200:
            results = response.json()["results"]
            if len(results) != len(items) or any(
                    r["status"] not in ("accepted", "duplicate", "rejected") for r in results):
                tally.violations += 1
                tally.note("batch", f"answer does not match the items: {results!r}")
        elif response.status_code not in (413, 422):
            tally.violations += 1
            tally.note("batch", f"undocumented HTTP {response.status_code}")

    attack()
    deep = b'{"items": [' + b'{"x": [' * 100_000 + b"1" + b"]}" * 100_000 + b"]}"
    response = senders[0].post(f"{url}/v1/transactions/batch", data=deep, timeout=30,
                               headers={"Content-Type": "application/json"})
    tally.requests += 1
    tally.statuses[response.status_code] += 1
    if response.status_code >= 500:
        tally.server_errors += 1
        tally.note("batch", "HTTP 5xx for a body nested 100,000 deep")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=30,
                        help="examples per operation and generation mode")
    parser.add_argument("--batches", type=int, default=300, help="hypothesis batches")
    parser.add_argument("--schema", type=Path, default=OPENAPI, help="OpenAPI document")
    args = parser.parse_args()
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'platform.db'}"
        with PlatformProcess(database_url, demo_data=DEMO,
                             log_path=Path(folder) / "platform.log") as platform:
            sessions = enroll_sessions(platform.url, database_url)
            run_schema(platform.url, sessions, args.examples, tally, args.schema)
            run_batches(platform.url, sessions, args.batches, tally)
            log = (Path(folder) / "platform.log").read_text("utf-8", "replace")
    for finding in tally.findings:
        print(finding)
    if "Traceback" in log:
        print(log[log.index("Traceback"):][:3000])
    statuses = ", ".join(f"{code}: {count}" for code, count in sorted(tally.statuses.items()))
    print(f"statuses {statuses}; {tally.unsendable} examples the HTTP client refused to send; "
          f"{time.monotonic() - started:.0f} s")
    print(f"fuzz: {tally.requests} requests, {tally.server_errors} server errors, "
          f"{tally.violations} response violations")
    return 0 if tally.server_errors == 0 and tally.violations == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
