"""The read-only fleet page: every terminal and its latest heartbeat."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.models import Heartbeat
from sync.server.access import PolicyRoute, public
from sync.server.db import HeartbeatRecord, Terminal

router = APIRouter(tags=["fleet"], route_class=PolicyRoute)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<title>Reception platform: fleet</title>
<style>body{{font-family:sans-serif;margin:1.5em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #bbb;padding:.3em .6em;text-align:left}}
.offline{{color:#b00}}.degraded,.unknown{{color:#b60}}.ready{{color:#070}}</style></head>
<body><h1>Fleet</h1><p>{count} terminals. Generated {now} UTC.</p>
<table><tr><th>Terminal</th><th>Center</th><th>Role</th><th>Host</th><th>Last heartbeat</th>
<th>Version</th><th>Backlog</th><th>Dead letters</th><th>Free disk</th><th>Devices</th></tr>
{rows}</table></body></html>
"""


def _when(timestamp: float) -> str:
    moment = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S")
    return f"{moment} ({int(time.time() - timestamp)} s ago)"


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


def render_fleet(engine: Engine) -> str:
    with Session(engine) as session:
        pairs = session.execute(
            select(Terminal, HeartbeatRecord)
            .outerjoin(HeartbeatRecord, HeartbeatRecord.terminal_id == Terminal.id)
            .order_by(Terminal.center, Terminal.id)
        ).all()
        rows = "\n".join(_row(terminal, record) for terminal, record in pairs)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return _PAGE.format(count=len(pairs), now=now, rows=rows)


@router.get("/fleet", response_class=HTMLResponse)
@public(objects="terminals and their latest heartbeats (every center)")
def fleet(request: Request) -> HTMLResponse:
    """Terminals, their centers and roles, and the health of each."""
    return HTMLResponse(render_fleet(request.app.state.engine))
