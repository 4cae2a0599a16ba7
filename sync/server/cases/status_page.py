"""The public status page a slip's QR opens on a phone: `GET /a/{number}?c=CODE`.

It shows the matter, the state, the timeline and the promised date, in the
phone's language (Accept-Language, or `?lang=zh|en`), and nothing personal:
no names, notes, clerks or windows. The check code printed beside the QR is
derived from the number under the key of a terminal that recorded a step of
the case (`sync.protocol.status_check`): a guessed number, a wrong code and an
unknown case get the same page. Look-ups are limited per address.
"""

from __future__ import annotations

import hmac
import time
from datetime import date, datetime
from html import escape
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from sync.protocol.models import Catalog
from sync.protocol.status_check import check_code
from sync.server.access import PolicyRoute, public
from sync.server.cases.api import case_view, open_due, public_steps
from sync.server.db import WRITE, CaseEventRow, CaseRow, Document, StatusLookup, Terminal
from sync.server.errors import ApiError
from sync.server.queue.core import ZONE
from sync.server.routes import EngineDep

#: Look-ups per address and minute.
LOOKUPS_PER_MINUTE = 30
WINDOW_SECONDS = 60.0

router = APIRouter(tags=["status page"], route_class=PolicyRoute)

TEXT = {
    "zh": {
        "title": "办件进度", "number": "受理编号", "matter": "事项", "state": "状态",
        "due": "承诺办结日期", "estimated": "（预估）", "timeline": "办理经过",
        "missing": "未找到此编号，或查询码不对。请核对回执上的编号和查询码。",
        "repair": "物业报修", "code": "查询码", "look": "查询",
        "footer": "本页不显示任何个人信息。",
        "states": {"submitted": "已提交，待受理", "missing_materials": "需补齐材料",
                   "accepted": "已受理", "accepted_pending": "已受理（待补材料）",
                   "in_progress": "办理中", "completed": "已办结", "collected": "已领取",
                   "refused": "不予受理", "dispatched": "已派单处理", "closed": "已修复办结"},
        "events": {"submitted": "已提交", "accepted": "已受理",
                   "accepted_pending": "容缺受理", "one_time_notice": "一次性告知补正材料",
                   "refused": "不予受理", "on_the_spot": "当场办结",
                   "materials_supplied": "已补交材料", "in_progress": "开始办理",
                   "completed": "已办结", "collected": "已领取", "rated": "已评价",
                   "dispatched": "已派单", "note": "处理进展", "closed": "已办结"},
        "results": {"approved": "准予办理", "not_approved": "不予批准", "done": "已办结"},
    },
    "en": {
        "title": "Application progress", "number": "Tracking number", "matter": "Matter",
        "state": "State", "due": "Promised by", "estimated": " (estimated)",
        "timeline": "What happened",
        "missing": "No case has this number, or the check code is wrong. Please check both "
                   "on your slip.",
        "repair": "Property repair", "code": "Check code", "look": "Look up",
        "footer": "This page shows no personal data.",
        "states": {"submitted": "Submitted, waiting to be accepted",
                   "missing_materials": "Materials to bring", "accepted": "Accepted",
                   "accepted_pending": "Accepted, materials to follow",
                   "in_progress": "In progress", "completed": "Completed",
                   "collected": "Collected", "refused": "Not accepted",
                   "dispatched": "Sent to a repairer", "closed": "Repaired and closed"},
        "events": {"submitted": "Submitted", "accepted": "Accepted",
                   "accepted_pending": "Accepted, materials to follow",
                   "one_time_notice": "One-time notice of missing materials",
                   "refused": "Not accepted", "on_the_spot": "Handled on the spot",
                   "materials_supplied": "Materials supplied", "in_progress": "Work started",
                   "completed": "Completed", "collected": "Collected", "rated": "Rated",
                   "dispatched": "Sent to a repairer", "note": "Progress noted",
                   "closed": "Closed"},
        "results": {"approved": "approved", "not_approved": "not approved", "done": "done"},
    },
}
STYLE = ("body{font-family:sans-serif;margin:0;padding:1em;color:#1e293b;background:#f6f8fb;"
         "font-size:18px;line-height:1.45}h1{font-size:1.4em;margin:.2em 0 .6em}"
         ".card{background:#fff;border:1px solid #d5dde6;border-radius:12px;padding:1em;"
         "margin-bottom:1em}.state{font-size:1.3em;font-weight:700;color:#0b5d1e}"
         "dt{color:#4a5868;font-size:.85em}dd{margin:0 0 .6em}ol{padding-left:1.2em;margin:0}"
         "h2{font-size:1.1em;margin:0 0 .6em}li{margin-bottom:.5em}"
         "time{color:#4a5868;font-size:.85em;display:block}"
         ".missing{color:#8a4b00}input,button{font-size:1em;padding:.4em;margin:.2em 0;"
         "width:100%;box-sizing:border-box}footer{color:#4a5868;font-size:.8em}")


def language(request: Request, lang: str | None) -> str:
    if lang in TEXT:
        return lang
    accepted = request.headers.get("accept-language", "").lower()
    return "zh" if accepted.startswith("zh") else "en"


def admitted(engine: Engine, address: str, now: float) -> bool:
    """Count this look-up; False when the address made too many this minute."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(StatusLookup).where(StatusLookup.at < now - WINDOW_SECONDS))
        recent = session.scalar(select(func.count()).select_from(StatusLookup).where(
            StatusLookup.address == address, StatusLookup.at >= now - WINDOW_SECONDS)) or 0
        if recent >= LOOKUPS_PER_MINUTE:
            return False
        session.add(StatusLookup(address=address[:64], at=now))
    return True


def admit(request: Request, engine: Engine) -> None:
    """A look-up from this address within its rate, else a 429 (every public page)."""
    address = request.client.host if request.client else ""
    if not admitted(engine, address, time.time()):
        raise ApiError(429, "too_many_lookups", "Too many look-ups; try again in a minute.",
                       headers={"Retry-After": str(int(WINDOW_SECONDS))})


def code_matches(session: Session, number: str, code: str) -> bool:
    """`code` is the check code of a terminal that recorded a step of this case."""
    if not code:
        return False
    terminals = select(CaseEventRow.terminal_id).where(
        CaseEventRow.tracking_number == number).distinct()
    keys = session.scalars(select(Terminal.key).where(Terminal.id.in_(terminals)))
    wanted = code.strip().upper().encode()
    return any(hmac.compare_digest(check_code(key, number).encode(), wanted) for key in keys)


def _matter_name(session: Session, code: str, lang: str) -> str:
    if code == "repair":
        return TEXT[lang]["repair"]  # type: ignore[return-value]
    stored = session.get(Document, "catalog")
    matters = Catalog.model_validate_json(stored.body).matters if stored else []
    matter = next((m for m in matters if m.code == code), None)
    if matter is None:
        return code
    return matter.name_zh if lang == "zh" else matter.name_en


def _page(lang: str, body: str) -> str:
    words = TEXT[lang]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="robots" content="noindex">'
            f"<title>{escape(str(words['title']))}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(str(words['title']))}</h1>{body}"
            f"<footer>{escape(str(words['footer']))}</footer></body></html>")


def _day(value: date) -> str:
    return f"{value:%Y-%m-%d}"


def _when(value: datetime) -> str:
    return f"{value.astimezone(ZONE):%Y-%m-%d %H:%M}"


def _case_body(session: Session, case: CaseRow, lang: str) -> str:
    words = TEXT[lang]
    states: dict[str, str] = words["states"]  # type: ignore[assignment]
    events: dict[str, str] = words["events"]  # type: ignore[assignment]
    results: dict[str, str] = words["results"]  # type: ignore[assignment]
    view = case_view(session, None, case, notes=False)
    rows = [(words["number"], view.tracking_number),
            (words["matter"], _matter_name(session, view.matter_code, lang))]
    due_date, due_estimated = open_due(view)
    if due_date is not None:
        rows.append((words["due"], _day(due_date)
                     + (str(words["estimated"]) if due_estimated else "")))
    listed = "".join(f"<dt>{escape(str(key))}</dt><dd>{escape(str(value))}</dd>"
                     for key, value in rows)
    steps = []
    for step in public_steps(view):
        label = events.get(step.step, step.step)
        if step.result in results:
            label += f" · {results[step.result]}"
        steps.append(f"<li><time>{_when(step.at)}</time>{escape(label)}</li>")
    return (f'<div class="card"><div class="state">'
            f"{escape(states.get(view.state.value, view.state.value))}</div>"
            f"<dl>{listed}</dl></div>"
            f'<div class="card"><h2>{escape(str(words["timeline"]))}</h2>'
            f"<ol>{''.join(steps)}</ol></div>")


def _missing_body(lang: str, number: str) -> str:
    words = TEXT[lang]
    return (f'<div class="card"><p class="missing">{escape(str(words["missing"]))}</p>'
            f'<form method="get" action="/a/{escape(number)}">'
            f'<label>{escape(str(words["code"]))} <input name="c" maxlength="12" '
            'autocomplete="off" autocapitalize="characters"></label>'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<button type="submit">{escape(str(words["look"]))}</button></form></div>')


@router.get("/a/{tracking_number}", response_class=HTMLResponse,
            responses={404: {"description": "No such case, or a wrong check code"},
                       429: {"description": "Too many look-ups from this address"}})
@public(objects="a case's state and timeline, without personal data (with its check code)")
def status_page(
    tracking_number: Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{4,40}$")],
    request: Request,
    engine: EngineDep,
    c: Annotated[str, Query(max_length=12)] = "",
    lang: Annotated[str | None, Query(pattern=r"^(zh|en)$")] = None,
) -> HTMLResponse:
    """The public status page of a case, opened from the QR on the resident's slip."""
    words = language(request, lang)
    admit(request, engine)
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    with Session(engine) as session:
        case = session.get(CaseRow, tracking_number)
        if case is None or not code_matches(session, tracking_number, c):
            return HTMLResponse(_page(words, _missing_body(words, tracking_number)),
                                status_code=404, headers=headers)
        body = _case_body(session, case, words)
    return HTMLResponse(_page(words, body), headers=headers)
