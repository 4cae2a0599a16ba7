"""The fleet page, behind login: the terminals a person may see (their center's,
or every center's) and their latest heartbeats; platform admins and center
managers can withdraw a terminal or rotate its key from it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.models import Heartbeat
from sync.server import audit, enrollment
from sync.server.access import OperatorDep, PolicyRoute, Scope, operator
from sync.server.console import STYLE
from sync.server.db import HeartbeatRecord, Terminal
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.operators import OperatorRole, SignedInOperator

router = APIRouter(tags=["fleet"], route_class=PolicyRoute)

#: Who sees the fleet, and who may withdraw terminals and rotate their keys.
VIEWERS = tuple(OperatorRole)
MANAGERS = (OperatorRole.PLATFORM_ADMIN, OperatorRole.CENTER_MANAGER)
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<title>Reception platform: fleet</title><style>{style}</style></head>
<body><form class="inline" method="post" action="/logout">{who}
<input type="hidden" name="csrf" value="{csrf}"><button type="submit">Sign out</button></form>
{links}
<h1>Fleet</h1><p>{count} terminals of {scope}. Generated {now} UTC.</p>
<table><tr><th>Terminal</th><th>Center</th><th>Role</th><th>Host</th><th>Last heartbeat</th>
<th>Version</th><th>Backlog</th><th>Dead letters</th><th>Free disk</th><th>Devices</th>
{actions}</tr>
{rows}</table></body></html>
"""


def _when(timestamp: float) -> str:
    moment = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S")
    return f"{moment} ({int(time.time() - timestamp)} s ago)"


def _actions(terminal: Terminal, csrf: str) -> str:
    def button(action: str, label: str) -> str:
        return (f'<form class="inline" method="post" action="/fleet/terminals/'
                f'{escape(terminal.id)}/{action}"><input type="hidden" name="csrf" '
                f'value="{escape(csrf)}"><button type="submit">{label}</button></form>')

    withdraw = "" if terminal.revoked_at is not None else button("revoke", "Withdraw")
    return f"<td>{withdraw} {button('rotate-key', 'New key')}</td>"


def _row(terminal: Terminal, record: HeartbeatRecord | None) -> str:
    withdrawn = " (withdrawn)" if terminal.revoked_at is not None else ""
    cells = [terminal.id + withdrawn, terminal.center, terminal.role, terminal.hostname]
    devices = ""
    if record is None:
        cells += ["never", "", "", "", ""]
    else:
        beat = Heartbeat.model_validate_json(record.body)
        cells += [
            _when(record.received_at),
            beat.version,
            str(beat.backlog),
            f"{beat.dead_letters} ({beat.damaged_records} damaged on the terminal)"
            if beat.damaged_records else str(beat.dead_letters),
            f"{beat.free_disk_bytes / 1024**3:.1f} GB",
        ]
        devices = "<br>".join(
            f'<span class="{health.state.value}">{escape(name)}: {health.state.value}'
            + (f" ({escape(health.reason)})" if health.reason else "")
            + "</span>"
            for name, health in sorted(beat.devices.items())
        )
    return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + f"<td>{devices}</td></tr>"


def render_fleet(engine: Engine, who: SignedInOperator) -> str:
    query = (select(Terminal, HeartbeatRecord)
             .outerjoin(HeartbeatRecord, HeartbeatRecord.terminal_id == Terminal.id)
             .order_by(Terminal.center, Terminal.id))
    if who.center is not None:
        query = query.where(Terminal.center == who.center)
    acts = who.role in MANAGERS
    with Session(engine) as session:
        pairs = session.execute(query).all()
        rows = "\n".join(
            _row(terminal, record).removesuffix("</tr>")
            + (_actions(terminal, who.csrf) if acts else "") + "</tr>"
            for terminal, record in pairs)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return _PAGE.format(
        style=STYLE, count=len(pairs), now=now, rows=rows, csrf=escape(who.csrf),
        who=escape(f"{who.username} ({who.role.value}) "),
        scope=escape(f"center {who.center}" if who.center else "every center"),
        actions="<th>Actions</th>" if acts else "",
        links=' · <a href="/audit">Audit log</a>' if who.role in audit.READERS else "")


@router.get("/fleet", response_class=HTMLResponse)
@operator(*VIEWERS, objects="terminals and their latest heartbeats", scope=Scope.CENTER,
          page=True)
def fleet(who: OperatorDep, request: Request) -> HTMLResponse:
    """Terminals, their centers and roles, and the health of each (the viewer's center,
    or every center for platform admins and auditors)."""
    return HTMLResponse(render_fleet(request.app.state.engine, who))


def _act(request: Request, who: SignedInOperator, terminal_id: str, action: str) -> None:
    """404 unless the person sees the terminal; else the action goes in the audit log."""
    with Session(request.app.state.engine) as session:
        terminal = session.get(Terminal, terminal_id)
        if terminal is None or not who.sees(terminal.center):
            raise ApiError(404, "not_found", "No terminal with this id in your centers.")
        center = terminal.center
    audit.record(request.app.state.engine, audit.Event(
        f"operator:{who.username}", center, action, terminal_id,
        request.client.host if request.client else ""))


TerminalId = Annotated[str, Path(max_length=40)]
ACTION_RESPONSES: dict[int | str, dict[str, Any]] = {
    303: {"description": "Done: back to the fleet page"}, 404: ERROR_RESPONSE}


@router.post("/fleet/terminals/{terminal_id}/revoke", responses=ACTION_RESPONSES)
@operator(*MANAGERS, objects="terminals (withdrawn)", scope=Scope.CENTER)
def revoke_terminal(who: OperatorDep, terminal_id: TerminalId,
                    request: Request) -> RedirectResponse:
    """Withdraw a terminal: it is refused until enrolled again with a renewal code."""
    _act(request, who, terminal_id, "terminal_withdrawn")
    enrollment.revoke(request.app.state.engine, terminal_id)
    return RedirectResponse("/fleet", status_code=303)


@router.post("/fleet/terminals/{terminal_id}/rotate-key", response_class=HTMLResponse,
             responses={404: ERROR_RESPONSE})
@operator(*MANAGERS, objects="terminals (renewal codes)", scope=Scope.CENTER)
def rotate_key(who: OperatorDep, terminal_id: TerminalId, request: Request) -> HTMLResponse:
    """A one-time code that gives the terminal a new key (its old key works until then)."""
    _act(request, who, terminal_id, "renewal_code_issued")
    code = enrollment.renewal_code(request.app.state.engine, terminal_id)
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New key</title>'
        f"<style>{STYLE}</style></head><body><h1>New key for {escape(terminal_id)}</h1>"
        f"<p>One-time code, valid 24 hours: <code>{escape(code or '')}</code></p>"
        f"<p>On the terminal: <code>reception-sync enroll --url URL --code "
        f"{escape(code or '')}</code>. It keeps its id and its outbox; its old key works "
        f'until the code is used.</p><p><a href="/fleet">Back to the fleet</a></p>'
        f"</body></html>")
