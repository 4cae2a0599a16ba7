"""Render docs/configuration.md from the configuration model itself, so the
document can never drift from what start-up validates.

    python -m terminal.config_doc > docs/configuration.md
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from terminal.config import DisplaySection, TerminalConfig

HEADER = """# Terminal configuration

One TOML file per terminal, `terminal.toml`, in the platform's configuration
directory (`~/.config/reception-terminal/` on Linux; `RECEPTION_CONFIG_DIR`
overrides it). Every key is optional: a missing key takes its default. Start-up
validates the whole file and refuses to run with a message naming each bad
key, its value and what is expected.

The terminal's id and keys live apart, in `secrets.toml` beside it, written by
`reception-sync enroll` with mode 0600 and never logged. The terminal refuses
a secrets file that other users can read.

The hall display (`reception-display`) reads the same file with role
`"display"`: the sections above but `[kiosk]`, `[counter]` and `[devices]`,
and its own `[display]` section at the end.

This page is generated from `terminal/config.py` by
`python -m terminal.config_doc > docs/configuration.md`; a test fails when
they differ.
"""


def _default(value: Any) -> str:
    if isinstance(value, BaseModel):
        return ""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _sections(model: type[BaseModel], prefix: str) -> list[str]:
    lines: list[str] = []
    rows: list[str] = []
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested.append((f"{prefix}.{name}" if prefix else name, annotation))
            continue
        default = "(required)" if field.is_required() else \
            _default(field.get_default(call_default_factory=True))
        rows.append(f"| `{name}` | {default} | {field.description or ''} |")
    if rows:
        lines += [f"## [{prefix}]", "", "| key | default | meaning |", "| --- | --- | --- |"]
        lines += [*rows, ""]
    for name, section in nested:
        lines += _sections(section, name)
    return lines


#: The reference platform's own settings (environment of `reception-platform serve`).
PLATFORM_ENVIRONMENT = (
    ("RECEPTION_PLATFORM_FOLLOWUP_DAYS", "3",
     "working days (1-60, on the center's calendar) the center manager has to answer the "
     "follow-up a poor or very poor rating opens; later ones are listed as overdue"),
    ("RECEPTION_PLATFORM_DB_POOL_SIZE", "10",
     "PostgreSQL connections each platform process keeps open, at least 3 (the heartbeat "
     "and call-next threads hold up to 3 of them) "
     "([capacity.md](capacity.md#database-connections): workers x (size + overflow + 1) "
     "must stay under `max_connections`)"),
    ("RECEPTION_PLATFORM_DB_POOL_OVERFLOW", "0",
     "connections a process may open beyond the pool at a peak (closed again when "
     "returned)"),
    ("RECEPTION_PLATFORM_DB_POOL_TIMEOUT", "10",
     "seconds a request waits for a free connection before it fails"),
    ("RECEPTION_PLATFORM_QUEUE_EVENT_DAYS", "400",
     "center days of queue events kept (today included) for statistics; older ones go at "
     "every start and with `reception-platform purge`"),
    ("RECEPTION_PLATFORM_HALL_PUSH", "notify",
     "`notify`: hall and counter event streams are woken by commits (PostgreSQL "
     "LISTEN/NOTIFY, in-process on SQLite); `poll`: every stream reads the database every "
     "0.5 s (the old way, for comparison)"),
    ("RECEPTION_PLATFORM_HALL_POLL_SECONDS", "15 (PostgreSQL), 5 (SQLite)",
     "seconds between a stream's own looks when nothing woke it"),
    ("RECEPTION_PLATFORM_NOTIFY_CONFIG", "(none)",
     "the notifier's TOML file for `reception-platform notify` (or `--config`); none: "
     "messages go to `notifications.jsonl` in the working folder (the log transport)"),
)
#: The notifier's file (sync/server/notify/settings.py; tests/platform/test_notify.py
#: checks that this lists its every key): (section, key, default, meaning).
NOTIFY_SETTINGS = (
    ('notify', 'transport', '"log"',
     '"log": one JSON line per message (masked phone, text) in log_file, for the demo;'
     ' "http": the SMS gateway of [notify.http]'),
    ('notify', 'log_file', 'notifications.jsonl',
     "the log transport's file"),
    ('notify', 'interval', '2.0',
     'seconds between passes'),
    ('notify', 'near', '3',
     '"your number is near" for a booked ticket once this many or fewer wait ahead'),
    ('notify', 'remind_hours', '24.0',
     'appointment reminders this many hours before the slot'),
    ('notify', 'max_attempts', '12',
     'attempts (back-off with full jitter from 5 s, doubling, capped at an hour) '
     'before a message is marked failed; a 4xx answer but 408, 425 and 429 fails it at'
     ' once'),
    ('notify', 'lease', '60.0',
     'seconds a claimed message waits before another pass may send it again'),
    ('notify', 'keep_days', '90.0',
     "days a resident's phone is kept (with the case or booking, and with a sent or "
     'failed message) before it is deleted'),
    ('notify', 'http', '(none)',
     'the gateway, for transport "http"'),
    ('notify.http', 'url', '(required)',
     "the gateway's URL; ${phone}, ${text}, ${key}, ${kind} are filled in, URL-quoted"),
    ('notify.http', 'method', '"POST"',
     'the HTTP method'),
    ('notify.http', 'headers', '{}',
     'request headers, placeholders filled in (a table: Content-Type, Authorization)'),
    ('notify.http', 'body', '""',
     'the body template: values JSON-escaped for a JSON Content-Type, form-quoted for '
     'a form, as they are otherwise'),
    ('notify.http', 'idempotency_header', '"Idempotency-Key"',
     'the header carrying the message\'s key, so the gateway drops a repeat ("": none)'),
    ('notify.http', 'timeout', '10.0',
     'seconds to wait for the gateway'),
)
NOTIFY_INTRO = """### The notifier's file

`reception-platform notify --db URL [--config FILE]` sends the residents' messages
("your case moved", "your number is near", appointment reminders) that the platform
queues in its database. Run one or more beside `serve`; each message has a key that
goes to the gateway as its idempotency header, so a sender killed mid-way and started
again never makes the gateway send a message twice. Logs show a masked phone only.

```toml
[notify]
transport = "http"
[notify.http]
url = "https://sms.example.cn/v2/send"
body = '{"to": "${phone}", "text": "${text}", "ref": "${key}"}'
[notify.http.headers]
Content-Type = "application/json"
Authorization = "Bearer ..."
```
"""


def _platform_environment() -> list[str]:
    lines = ["## The platform's environment", "",
             "Settings of the reference platform (`reception-platform serve`), read from "
             "its environment at start; a bad value stops the start with its name.", "",
             "| variable | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {default} | {meaning} |"
              for name, default, meaning in PLATFORM_ENVIRONMENT]
    notify: list[str] = []
    for section in dict.fromkeys(row[0] for row in NOTIFY_SETTINGS):
        notify += [f"#### [{section}]", "", "| key | default | meaning |", "| --- | --- | --- |"]
        notify += [f"| `{key}` | {default} | {meaning} |"
                   for where, key, default, meaning in NOTIFY_SETTINGS if where == section]
        notify.append("")
    return [*lines, "", NOTIFY_INTRO, *notify]


def render() -> str:
    lines = [*_sections(TerminalConfig, ""), *_sections(DisplaySection, "display"),
             *_platform_environment()]
    return HEADER + "\n" + "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
