"""The notifier's settings: a TOML file named by `--config` or
`RECEPTION_PLATFORM_NOTIFY_CONFIG`, checked whole before anything is sent.

```toml
[notify]
transport = "http"          # or "log" (the demo: one JSON line per message)
log_file = "/var/lib/reception/sms.jsonl"
interval = 2.0              # seconds between passes
near = 3                    # "your number is near" when this many or fewer wait ahead
remind_hours = 24           # appointment reminders this long before the slot
max_attempts = 12           # then the message is marked failed
lease = 60.0                # seconds a claimed message waits before another pass sends it

[notify.http]
url = "https://sms.example.cn/v2/send"
method = "POST"
timeout = 10.0
idempotency_header = "Idempotency-Key"
body = '{"to": "${phone}", "text": "${text}", "ref": "${key}"}'
[notify.http.headers]
Content-Type = "application/json"
Authorization = "Bearer ..."
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sync.server.notify.transports import HttpSmsTransport, LogTransport, Transport

CONFIG_ENV = "RECEPTION_PLATFORM_NOTIFY_CONFIG"


class HttpSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: Annotated[str, Field(pattern=r"^https?://", description=(
        "the gateway's URL; ${phone}, ${text}, ${key}, ${kind} are filled in, "
        "URL-quoted"))]
    method: Literal["POST", "PUT", "GET"] = Field("POST", description="the HTTP method")
    headers: dict[str, str] = Field(default_factory=dict, description=(
        "request headers, placeholders filled in (a table: Content-Type, Authorization)"))
    body: str = Field("", description=(
        "the body template: values JSON-escaped for a JSON Content-Type, form-quoted for "
        "a form, as they are otherwise"))
    idempotency_header: str = Field("Idempotency-Key", description=(
        "the header carrying the message's key, so the gateway drops a repeat (\"\": none)"))
    timeout: Annotated[float, Field(gt=0, le=120)] = Field(
        10.0, description="seconds to wait for the gateway")


class NotifySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    transport: Literal["log", "http"] = Field("log", description=(
        "\"log\": one JSON line per message (masked phone, text) in log_file, for the demo; "
        "\"http\": the SMS gateway of [notify.http]"))
    log_file: Path = Field(Path("notifications.jsonl"),
                           description="the log transport's file")
    interval: Annotated[float, Field(gt=0, le=300)] = Field(
        2.0, description="seconds between passes")
    near: Annotated[int, Field(ge=1, le=50)] = Field(3, description=(
        "\"your number is near\" for a booked ticket once this many or fewer wait ahead"))
    remind_hours: Annotated[float, Field(gt=0, le=168)] = Field(
        24.0, description="appointment reminders this many hours before the slot")
    max_attempts: Annotated[int, Field(ge=1, le=100)] = Field(12, description=(
        "attempts (back-off with full jitter from 5 s, doubling, capped at an hour) before "
        "a message is marked failed; a 4xx answer but 408, 425 and 429 fails it at once"))
    lease: Annotated[float, Field(ge=1, le=3600)] = Field(60.0, description=(
        "seconds a claimed message waits before another pass may send it again"))
    keep_days: Annotated[float, Field(ge=1, le=3650)] = Field(90.0, description=(
        "days a resident's phone is kept (with the case or booking, and with a sent or "
        "failed message) before it is deleted"))
    http: HttpSettings | None = Field(None, description="the gateway, for transport \"http\"")

    @model_validator(mode="after")
    def _http_named(self) -> NotifySettings:
        if self.transport == "http" and self.http is None:
            raise ValueError("transport = \"http\" needs a [notify.http] section with a url")
        return self

    def build_transport(self) -> Transport:
        if self.transport == "http":
            assert self.http is not None
            return HttpSmsTransport(self.http.url, self.http.method, dict(self.http.headers),
                                    self.http.body, self.http.idempotency_header,
                                    self.http.timeout)
        return LogTransport(self.log_file)


def load(path: Path | None) -> NotifySettings:
    """The settings of `path` (none: the defaults, the log transport); a bad file
    raises ValueError naming the key."""
    if path is None:
        return NotifySettings()
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
        return NotifySettings.model_validate(raw.get("notify", {}))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{path}: notify.{where}: {first['msg']}") from None
