"""Who may call which route, on which objects: one declared policy per route.

Every route of the platform is a `PolicyRoute` whose endpoint carries a
`Policy`, set with the `allow` (signed terminals of some roles), `manager`
(a signed counter for the center manager signed in on it) or `public`
decorator under the router's decorator:

    @signed.get("/statuses")
    @allow(Role.KIOSK, Role.COUNTER, objects="application statuses", scope=Scope.CENTER)
    def get_statuses(caller: CallerDep, ...): ...

The route checks the policy before FastAPI parses anything: the signature
over the raw body first (401), then the caller's role (403); only then is the
body decoded and validated. A route without a policy refuses every request,
and `tests/platform/test_access.py` fails on it. The scope says whose
objects the route may touch; the route's queries enforce it (every center
object is looked up with the caller's center), and the matrix test calls
every route as every role of the same and of another center.

Transactions are checked per kind inside a batch (`TRANSACTION_ROLES`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from sync.protocol.models import Role
from sync.protocol.staff import HEADER_MANAGER_SESSION, MANAGER
from sync.server.admin import sessions as manager_sessions
from sync.server.admin.sessions import SignedInManager
from sync.server.auth import Caller, authenticate_request
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.operators import (
    SESSION_COOKIE,
    OperatorRole,
    SignedInOperator,
    csrf_matches,
    session_operator,
)

POLICY_ATTRIBUTE = "__access_policy__"
F = TypeVar("F", bound=Callable[..., Any])


class Scope(StrEnum):
    """Whose objects a route reads or changes."""

    SHARED = "shared"  # city-wide reference data, or nothing stored
    CENTER = "own center"  # objects of the caller's center only
    TERMINAL = "own terminal"  # the calling terminal's own records


@dataclass(frozen=True)
class Policy:
    """Who may call a route (no one signed: `public`) and what it touches:
    signed terminals of `roles`, or signed-in people of `operators`."""

    roles: tuple[Role, ...]
    objects: str
    scope: Scope
    public: bool = False
    operators: tuple[OperatorRole, ...] = ()
    page: bool = False  # an HTML page: without a session, off to the login page
    #: A counter asking for its signed-in center manager (`sync.server.admin`).
    manager: bool = False

    def describe(self) -> dict[str, Any]:
        """The `x-access` entry of the route in the OpenAPI document."""
        callers: str | list[str] = (
            "anyone" if self.public
            else [f"operator:{role.value}" for role in self.operators]
            or [f"{role.value}:{MANAGER}" if self.manager else role.value
                for role in self.roles])
        return {"callers": callers, "objects": self.objects, "scope": self.scope.value}

    async def admit(self, request: Request) -> Caller | SignedInOperator | None:
        """Authenticate and authorize before the body is parsed."""
        if self.public:
            return None
        if self.operators:
            return await self._admit_operator(request)
        caller = await authenticate_request(request)
        self.check_role(caller)
        if self.manager:
            who = await run_in_threadpool(
                manager_sessions.check, request.app.state.engine, caller,
                request.headers.get(HEADER_MANAGER_SESSION), time.time())
            if who is None:
                raise ApiError(403, "manager_required",
                               "Only a center manager signed in on this counter may do this.")
            request.state.manager = who
        return caller

    def check_role(self, caller: Caller) -> None:
        """403 unless the signed terminal has one of the policy's roles."""
        if caller.role not in {role.value for role in self.roles}:
            allowed = ", ".join(role.value for role in self.roles)
            raise ApiError(403, "wrong_role",
                           f"A {caller.role} terminal may not do this (only: {allowed}).")

    async def _admit_operator(self, request: Request) -> SignedInOperator:
        token = request.cookies.get(SESSION_COOKIE)
        who = (await run_in_threadpool(session_operator, request.app.state.engine, token,
                                       time.time()) if token else None)
        if who is None:
            if self.page and request.method == "GET":
                raise ApiError(303, "sign_in", "Sign in first.", headers={"Location": "/login"})
            raise ApiError(401, "sign_in", "Sign in first.")
        if who.role not in self.operators:
            raise ApiError(403, "wrong_role", f"A {who.role.value} may not do this.")
        if request.method not in ("GET", "HEAD"):
            form = parse_qs((await request.body()).decode("utf-8", "replace"))
            sent = request.headers.get("x-csrf-token") or next(iter(form.get("csrf", [])), None)
            if not csrf_matches(who, sent):
                raise ApiError(403, "csrf", "The form is stale; reload the page and try again.")
        return who


def allow(*roles: Role, objects: str, scope: Scope) -> Callable[[F], F]:
    """Declare that signed terminals of `roles` may call the decorated route."""
    if not roles:
        raise ValueError("a terminal policy names at least one role")
    policy = Policy(tuple(roles), objects, scope)

    def declare(endpoint: F) -> F:
        setattr(endpoint, POLICY_ATTRIBUTE, policy)
        return endpoint

    return declare


def operator(*roles: OperatorRole, objects: str, scope: Scope,
             page: bool = False) -> Callable[[F], F]:
    """Declare that signed-in people of `roles` may call the decorated route
    (`page`: an HTML page, which sends a visitor without a session to log in)."""
    if not roles:
        raise ValueError("an operator policy names at least one role")
    policy = Policy((), objects, scope, operators=tuple(roles), page=page)

    def declare(endpoint: F) -> F:
        setattr(endpoint, POLICY_ATTRIBUTE, policy)
        return endpoint

    return declare


def manager(*, objects: str) -> Callable[[F], F]:
    """Declare that a counter may call the decorated route for its center's manager
    signed in on it (the session token in `X-Manager-Session`)."""
    policy = Policy((Role.COUNTER,), objects, Scope.CENTER, manager=True)

    def declare(endpoint: F) -> F:
        setattr(endpoint, POLICY_ATTRIBUTE, policy)
        return endpoint

    return declare


def public(*, objects: str) -> Callable[[F], F]:
    """Declare that anyone may call the decorated route, unsigned."""
    policy = Policy((), objects, Scope.SHARED, public=True)

    def declare(endpoint: F) -> F:
        setattr(endpoint, POLICY_ATTRIBUTE, policy)
        return endpoint

    return declare


def policy_of(endpoint: Callable[..., Any] | None) -> Policy | None:
    policy = getattr(endpoint, POLICY_ATTRIBUTE, None)
    return policy if isinstance(policy, Policy) else None


class PolicyRoute(APIRoute):
    """An APIRoute that admits a request by its endpoint's policy first."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self.policy = policy_of(endpoint)
        if self.policy is not None:
            kwargs["openapi_extra"] = {**(kwargs.get("openapi_extra") or {}),
                                       "x-access": self.policy.describe()}
            if not self.policy.public:
                refused = {303: {"description": "Not signed in: to the login page"}} \
                    if self.policy.page else {401: ERROR_RESPONSE}
                kwargs["responses"] = {**refused, 403: ERROR_RESPONSE,
                                       **(kwargs.get("responses") or {})}
        super().__init__(path, endpoint, **kwargs)
        takes = self.dependant
        if self.body_field is not None:
            self.responses = {413: ERROR_RESPONSE, **self.responses}
        if self.body_field is not None or takes.query_params or takes.path_params \
                or takes.header_params:
            self.responses = {422: ERROR_RESPONSE, **self.responses}

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()
        policy = self.policy
        takes_json = self.body_field is not None

        async def admitted(request: Request) -> Response:
            if policy is None:
                raise ApiError(403, "no_policy", "This route declares no access policy.")
            admitted_as = await policy.admit(request)
            if isinstance(admitted_as, SignedInOperator):
                request.state.operator = admitted_as
            else:
                request.state.caller = admitted_as
            if takes_json:
                await decode_json(request)
            response: Response = await handler(request)
            return response

        return admitted


async def decode_json(request: Request) -> None:
    """Decode a JSON body once, after admission, with a plain answer for what
    the decoder cannot take (FastAPI then reuses the decoded body)."""
    content_type = request.headers.get("content-type", "")
    if "json" not in content_type.split(";")[0] or not await request.body():
        return
    try:
        await request.json()
    except RecursionError:
        raise ApiError(422, "invalid_request", "The JSON body is nested too deeply.") from None
    except ValueError:
        raise ApiError(422, "invalid_request", "The body is not valid JSON.") from None


def current_caller(request: Request) -> Caller:
    """The terminal the route's policy admitted."""
    caller = getattr(request.state, "caller", None)
    if not isinstance(caller, Caller):
        raise RuntimeError("a route asked for its caller but its policy admits anyone")
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


def current_operator(request: Request) -> SignedInOperator:
    """The signed-in person the route's policy admitted."""
    who = getattr(request.state, "operator", None)
    if not isinstance(who, SignedInOperator):
        raise RuntimeError("a route asked for its operator but its policy admits terminals")
    return who


OperatorDep = Annotated[SignedInOperator, Depends(current_operator)]


def current_manager(request: Request) -> SignedInManager:
    """The center manager the route's policy admitted."""
    who = getattr(request.state, "manager", None)
    if not isinstance(who, SignedInManager):
        raise RuntimeError("a route asked for its manager but its policy admits no manager")
    return who


ManagerDep = Annotated[SignedInManager, Depends(current_manager)]


@dataclass(frozen=True)
class RouteEntry:
    method: str
    path: str
    route: object
    policy: Policy | None


def route_table(app: FastAPI) -> Iterator[RouteEntry]:
    """Every (method, path) the app serves, with its policy (None: undeclared)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before 0.165 flattens included routers itself
        contexts: list[Any] = list(app.routes)
    else:
        contexts = list(iter_route_contexts(app.routes))
    for context in contexts:
        route = getattr(context, "original_route", context)
        methods = sorted(getattr(context, "methods", None) or {"*"})
        policy = route.policy if isinstance(route, PolicyRoute) else None
        for method in methods:
            if method != "HEAD":
                yield RouteEntry(method, str(getattr(context, "path", "")), route, policy)


#: Transaction kinds each terminal role may deliver in a batch.
TRANSACTION_ROLES: dict[str, frozenset[Role]] = {
    "application": frozenset({Role.KIOSK, Role.COUNTER}),  # its channel is the role
    "ticket": frozenset({Role.KIOSK}),
    "booking": frozenset({Role.KIOSK}),
    "check_in": frozenset({Role.KIOSK}),
    "repair": frozenset({Role.KIOSK}),
    "acceptance": frozenset({Role.COUNTER}),
    "served": frozenset({Role.COUNTER}),
    "rating": frozenset({Role.COUNTER}),
    "help_request": frozenset({Role.KIOSK}),  # "call staff"; its center is the kiosk's
    "case_progress": frozenset({Role.COUNTER}),  # of an accepted case of its center
}


def may_record(role: str, kind: str) -> bool:
    return role in {allowed.value for allowed in TRANSACTION_ROLES.get(kind, frozenset())}


def matrix_markdown(app: FastAPI) -> str:
    """The role matrix of docs/security.md: every route, who may call it, on what."""
    columns = [*(role.value for role in Role), *(f"{role.value}" for role in OperatorRole)]
    lines = ["| route | " + " | ".join(columns) + " | objects | scope |",
             "| --- " * (len(columns) + 3) + "|"]
    for entry in sorted(route_table(app), key=lambda entry: (entry.path, entry.method)):
        policy = entry.policy
        if policy is None:
            marks = ["?"] * len(columns)
            objects, scope = "NO POLICY", ""
        else:
            allowed = {role.value for role in (*policy.roles, *policy.operators)}
            granted = "manager" if policy.manager else "yes"
            marks = ["anyone" if policy.public else (granted if name in allowed else "")
                     for name in columns]
            objects, scope = policy.objects, policy.scope.value
        lines.append(f"| `{entry.method} {entry.path}` | " + " | ".join(marks)
                     + f" | {objects} | {scope} |")
    kinds = ["", "| transaction kind | " + " | ".join(role.value for role in Role) + " |",
             "| --- " * (len(Role) + 1) + "|"]
    for kind, roles in TRANSACTION_ROLES.items():
        kinds.append(f"| `{kind}` | " + " | ".join("yes" if role in roles else ""
                                                    for role in Role) + " |")
    return "\n".join(lines + kinds) + "\n"
