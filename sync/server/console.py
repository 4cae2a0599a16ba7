"""The people's side of the platform: log in and out (`sync.server.operators`)."""

from __future__ import annotations

import time
from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from sync.server.access import OperatorDep, PolicyRoute, Scope, operator, public
from sync.server.operators import (
    SESSION_COOKIE,
    SESSION_IDLE_SECONDS,
    OperatorRole,
    log_in,
    log_out,
)

router = APIRouter(tags=["people"], route_class=PolicyRoute)
ANYONE_SIGNED_IN = tuple(OperatorRole)

STYLE = ("body{font-family:sans-serif;margin:1.5em;color:#1e293b}"
         "form.login{max-width:22em;display:grid;gap:.6em}"
         "input{font-size:1em;padding:.4em}button{font-size:1em;padding:.4em 1em}"
         ".error{color:#b00}table{border-collapse:collapse}"
         "td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left}"
         ".offline{color:#b00}.degraded,.unknown{color:#b60}.ready{color:#070}"
         "form.inline{display:inline}")


def login_page(message: str = "") -> str:
    error = f'<p class="error">{escape(message)}</p>' if message else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Reception platform: sign in</title><style>{STYLE}</style></head><body>"
            f"<h1>Reception platform</h1>{error}"
            '<form class="login" method="post" action="/login">'
            '<label>User name <input name="username" autocomplete="username" required></label>'
            '<label>Password <input name="password" type="password" '
            'autocomplete="current-password" required></label>'
            '<button type="submit">Sign in</button></form></body></html>')


@router.get("/login", response_class=HTMLResponse)
@public(objects="the login form")
def get_login() -> HTMLResponse:
    """The login form."""
    return HTMLResponse(login_page())


@router.post("/login", response_class=HTMLResponse,
             responses={303: {"description": "Signed in: to the fleet page"},
                        401: {"description": "Wrong name or password"},
                        429: {"description": "Too many failed logins"}})
@public(objects="operator accounts (password check), sessions (created)")
async def post_login(request: Request) -> Response:
    """Check a name and password (form fields); on success a session cookie."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    username = next(iter(form.get("username", [])), "")[:120]
    password = next(iter(form.get("password", [])), "")[:200]
    address = request.client.host if request.client else ""
    result = await run_in_threadpool(log_in, request.app.state.engine, username, password,
                                     address, time.time())
    if result.throttled:
        return HTMLResponse(login_page("Too many failed logins. Try again in 15 minutes."),
                            status_code=429, headers={"Retry-After": "900"})
    if result.token is None:
        return HTMLResponse(login_page("Wrong user name or password."), status_code=401)
    answer = RedirectResponse("/fleet", status_code=303)
    answer.set_cookie(SESSION_COOKIE, result.token, max_age=SESSION_IDLE_SECONDS, path="/",
                      httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return answer


@router.post("/logout", responses={303: {"description": "Signed out: to the login page"}})
@operator(*ANYONE_SIGNED_IN, objects="its own session", scope=Scope.SHARED)
def post_logout(_who: OperatorDep, request: Request) -> Response:
    """End this session."""
    log_out(request.app.state.engine, request.cookies.get(SESSION_COOKIE, ""))
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, path="/")
    return answer
