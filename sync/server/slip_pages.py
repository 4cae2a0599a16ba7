"""The public pages a queue ticket's and a booking slip's QR open on a phone:
`GET /q/{day}/{number}?c=CODE` (the ticket's place in the queue, refreshed
every 30 seconds while it waits) and `GET /b/{booking_code}?c=CODE` (the
booking's matter, time and state).

Nothing personal is shown. The check code is derived from the ticket's day and
number, or the booking code, under the printing kiosk's key
(`sync.protocol.status_check`): a ticket's under the key of the kiosk that
issued it, a booking's under the key of a kiosk of its center. A guessed
number, a wrong code and an unknown one get the same page; look-ups share the
status page's limit per address.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterable
from datetime import datetime
from html import escape
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol.models import Catalog
from sync.protocol.status_check import booking_subject, check_code, ticket_subject
from sync.server.access import PolicyRoute, public
from sync.server.cases.status_page import STYLE, admit, language
from sync.server.db import BookingRow, Document, QueueTicket, Terminal
from sync.server.queue.core import WAITING, ZONE, categories
from sync.server.routes import EngineDep

router = APIRouter(tags=["status page"], route_class=PolicyRoute)
REFRESH_SECONDS = 30
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
TOO_MANY = {429: {"description": "Too many look-ups from this address"}}

TEXT = {
    "zh": {
        "ticket": "排队号", "booking": "预约", "number": "号码", "queue": "队列",
        "day": "日期", "matter": "事项", "time": "预约时间", "code": "预约号",
        "waiting": "等候中", "ahead": "您前面还有 {n} 人。",
        "none_ahead": "下一位就是您，请留意叫号。",
        "called": "请到 {w} 号窗口办理", "serving": "正在 {w} 号窗口办理", "done": "已办理完毕",
        "parked": "暂挂，请留意叫号", "no_show": "已过号，请到服务台咨询",
        "other_day": "此号码仅限 {d} 当天有效",
        "refresh": "本页每 30 秒自动刷新。",
        "booked": "已预约", "checked_in": "已签到，排队号 {t}", "cancelled": "已取消",
        "expired": "预约时间已过",
        "check_in": "请在预约时间前 15 分钟到自助终端刷身份证签到。",
        "missing": "未找到此号码，或查询码不对。请扫描小票上的二维码。",
        "footer": "本页不显示任何个人信息。",
    },
    "en": {
        "ticket": "Queue ticket", "booking": "Appointment", "number": "Number",
        "queue": "Queue", "day": "Date", "matter": "Matter", "time": "Time",
        "code": "Booking code", "waiting": "Waiting",
        "ahead": "{n} people ahead of you.", "none_ahead": "You are next; watch the display.",
        "called": "Please go to window {w} now", "serving": "Being served at window {w}",
        "done": "Served", "parked": "On hold; watch the display",
        "no_show": "Your number was missed; please ask at the front desk",
        "other_day": "This number is valid on {d} only",
        "refresh": "This page refreshes itself every 30 seconds.",
        "booked": "Booked", "checked_in": "Checked in, ticket {t}", "cancelled": "Cancelled",
        "expired": "The appointment time has passed",
        "check_in": "Check in at a kiosk with your ID card 15 minutes before your time.",
        "missing": "No such number, or the check code is wrong. Please scan the code on "
                   "your slip.",
        "footer": "This page shows no personal data.",
    },
}


def _matches(keys: Iterable[bytes], subject: str, code: str) -> bool:
    wanted = code.strip().upper().encode()
    return bool(code) and any(hmac.compare_digest(check_code(key, subject).encode(), wanted)
                              for key in keys)


def _page(lang: str, title: str, body: str, *, refresh: bool = False) -> str:
    words = TEXT[lang]
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><meta name="robots" content="noindex">{meta}'
            f"<title>{escape(title)}</title><style>{STYLE}.big{{font-size:3em;font-weight:700;"
            "margin:.1em 0}</style></head>"
            f"<body><h1>{escape(title)}</h1>{body}"
            f"<footer>{escape(words['footer'])}</footer></body></html>")


def _card(state: str, rows: list[tuple[str, str]], *, big: str = "", hint: str = "") -> str:
    listed = "".join(f"<dt>{escape(key)}</dt><dd>{escape(value)}</dd>" for key, value in rows)
    return ('<div class="card">' + (f'<div class="big">{escape(big)}</div>' if big else "")
            + f'<div class="state">{escape(state)}</div><dl>{listed}</dl>'
            + (f"<p>{escape(hint)}</p>" if hint else "") + "</div>")


def _missing(lang: str, title: str) -> HTMLResponse:
    body = f'<div class="card"><p class="missing">{escape(TEXT[lang]["missing"])}</p></div>'
    return HTMLResponse(_page(lang, title, body), status_code=404, headers=HEADERS)


def _ticket_state(session: Session, ticket: QueueTicket, lang: str,
                  today: str) -> tuple[str, str, bool]:
    """(state line, hint, still waiting)."""
    words = TEXT[lang]
    if ticket.day != today:
        return words["other_day"].format(d=ticket.day), "", False
    if ticket.status in WAITING:
        ahead = session.scalar(select(func.count()).select_from(QueueTicket).where(
            QueueTicket.center == ticket.center, QueueTicket.day == ticket.day,
            QueueTicket.category == ticket.category, QueueTicket.status.in_(WAITING),
            QueueTicket.queued_at < ticket.queued_at)) or 0
        hint = words["ahead"].format(n=ahead) if ahead else words["none_ahead"]
        return words["waiting"], hint, True
    window = ticket.window or ""
    if ticket.status == "called":
        return words["called"].format(w=window), "", True
    if ticket.status == "serving":
        return words["serving"].format(w=window), "", False
    if ticket.status == "parked":
        return words["parked"], "", True
    return words.get(ticket.status, ticket.status), "", False


@router.get("/q/{day}/{number}", response_class=HTMLResponse,
            responses={404: {"description": "No such ticket, or a wrong check code"},
                       **TOO_MANY})
@public(objects="a queue ticket's place in the queue, without personal data "
                "(with its check code)")
def ticket_page(
    day: Annotated[str, Path(pattern=r"^\d{8}$")],
    number: Annotated[str, Path(pattern=r"^[A-Za-z0-9]{2,12}$")],
    request: Request,
    engine: EngineDep,
    c: Annotated[str, Query(max_length=12)] = "",
    lang: Annotated[str | None, Query(pattern=r"^(zh|en)$")] = None,
) -> HTMLResponse:
    """A queue ticket's page, opened from the QR on the ticket: waiting with how many
    ahead, called to a window, or served."""
    words = language(request, lang)
    title = TEXT[words]["ticket"]
    admit(request, engine)
    try:
        issued = datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        return _missing(words, title)
    subject = ticket_subject(issued, number)
    with Session(engine) as session:
        tickets = session.execute(
            select(QueueTicket, Terminal.key).join(Terminal, Terminal.id ==
                                                   QueueTicket.terminal_id)
            .where(QueueTicket.day == issued.isoformat(), QueueTicket.number == number)).all()
        ticket = next((row for row, key in tickets if _matches([key], subject, c)), None)
        if ticket is None:
            return _missing(words, title)
        names = {row.code: row.name_zh if words == "zh" else row.name_en
                 for row in categories(session, ticket.center)}
        today = datetime.now(ZONE).date().isoformat()
        state, hint, waiting = _ticket_state(session, ticket, words, today)
    rows = [(TEXT[words]["queue"], names.get(ticket.category, ticket.category)),
            (TEXT[words]["day"], issued.isoformat())]
    if waiting:
        hint = f"{hint} {TEXT[words]['refresh']}".strip()
    body = _card(state, rows, big=ticket.number, hint=hint)
    return HTMLResponse(_page(words, title, body, refresh=waiting), headers=HEADERS)


def _matter_name(session: Session, code: str, lang: str) -> str:
    stored = session.get(Document, "catalog")
    matters = Catalog.model_validate_json(stored.body).matters if stored else []
    matter = next((m for m in matters if m.code == code), None)
    return code if matter is None else (matter.name_zh if lang == "zh" else matter.name_en)


@router.get("/b/{booking_code}", response_class=HTMLResponse,
            responses={404: {"description": "No such booking, or a wrong check code"},
                       **TOO_MANY})
@public(objects="a booking's matter, time and state, without personal data "
                "(with its check code)")
def booking_page(
    booking_code: Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{4,40}$")],
    request: Request,
    engine: EngineDep,
    c: Annotated[str, Query(max_length=12)] = "",
    lang: Annotated[str | None, Query(pattern=r"^(zh|en)$")] = None,
) -> HTMLResponse:
    """A booking's page, opened from the QR on the booking slip."""
    words = language(request, lang)
    text = TEXT[words]
    admit(request, engine)
    with Session(engine) as session:
        booking = session.get(BookingRow, booking_code)
        keys = session.scalars(select(Terminal.key).where(
            Terminal.center == booking.center)) if booking is not None else []
        if booking is None or not _matches(keys, booking_subject(booking_code), c):
            return _missing(words, text["booking"])
        matter = _matter_name(session, booking.matter_code, words)
    start = datetime.fromtimestamp(booking.slot_start, ZONE)
    end = datetime.fromtimestamp(booking.slot_end, ZONE)
    if booking.status == "checked_in":
        state, hint = text["checked_in"].format(t=booking.ticket_number or ""), ""
    elif booking.status == "booked" and end.timestamp() < time.time():
        state, hint = text["expired"], ""
    elif booking.status == "booked":
        state, hint = text["booked"], text["check_in"]
    else:
        state, hint = text.get(booking.status, booking.status), ""
    rows = [(text["matter"], matter), (text["time"], f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"),
            (text["code"], booking_code)]
    return HTMLResponse(_page(words, text["booking"], _card(state, rows, hint=hint)),
                        headers=HEADERS)
