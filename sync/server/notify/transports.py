"""How a message leaves the platform: a log file for the demo, or an HTTP SMS
gateway whose request (URL, method, headers, body) is configured as templates.

Placeholders `${phone}`, `${text}`, `${key}` and `${kind}` are filled in the URL
(URL-quoted), the headers and the body (JSON-escaped when the body is JSON,
form-quoted when it is a form, as they are otherwise). The message's key also
goes as the idempotency header, so a gateway drops a message sent again after
the sender died between the gateway's answer and the sender's record of it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Protocol
from urllib.parse import quote, quote_plus

import httpx

#: Statuses of a gateway refusal worth trying again.
_TRANSIENT = {408, 425, 429}


@dataclass(frozen=True)
class Outgoing:
    key: str
    kind: str
    phone: str
    text: str


class SendFailed(Exception):
    """The gateway did not take the message; `permanent`: sending again will not help."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


class Transport(Protocol):
    def send(self, message: Outgoing) -> None:
        """Deliver or raise SendFailed; the same key twice is one message."""


def mask_phone(phone: str) -> str:
    """`139****5678`: what logs may show of a phone number."""
    digits = phone.strip()
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


@dataclass
class LogTransport:
    """Appends one JSON line per message (masked phone, text) to `path`: the demo's
    gateway. A key already in the file is not written again."""

    path: Path

    def send(self, message: Outgoing) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            with self.path.open(encoding="utf-8") as lines:
                if any(json.loads(line).get("key") == message.key
                       for line in lines if line.strip()):
                    return
        line = json.dumps({"key": message.key, "kind": message.kind,
                           "to": mask_phone(message.phone), "text": message.text},
                          ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())


@dataclass
class HttpSmsTransport:
    """One HTTP request per message, shaped by the configured templates."""

    url: str
    method: str = "POST"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    idempotency_header: str = "Idempotency-Key"
    timeout: float = 10.0
    client: httpx.Client | None = None

    def _values(self, message: Outgoing) -> dict[str, str]:
        return {"phone": message.phone, "text": message.text, "key": message.key,
                "kind": message.kind}

    def _body(self, message: Outgoing) -> str:
        kind = next((value for name, value in self.headers.items()
                     if name.lower() == "content-type"), "").lower()
        values = self._values(message)
        if "json" in kind:
            values = {name: json.dumps(value, ensure_ascii=False)[1:-1]
                      for name, value in values.items()}
        elif "x-www-form-urlencoded" in kind:
            values = {name: quote_plus(value) for name, value in values.items()}
        return Template(self.body).safe_substitute(values)

    def send(self, message: Outgoing) -> None:
        values = self._values(message)
        url = Template(self.url).safe_substitute(
            {name: quote(value, safe="") for name, value in values.items()})
        headers = {name: Template(value).safe_substitute(values)
                   for name, value in self.headers.items()}
        if self.idempotency_header:
            headers[self.idempotency_header] = message.key
        client = self.client or httpx.Client(timeout=self.timeout)
        try:
            answer = client.request(self.method, url, headers=headers,
                                    content=self._body(message).encode("utf-8"))
        except httpx.HTTPError as error:
            raise SendFailed(f"gateway unreachable: {type(error).__name__}",
                             permanent=False) from None
        finally:
            if self.client is None:
                client.close()
        if answer.is_success:
            return
        status = answer.status_code
        raise SendFailed(f"gateway answered HTTP {status}",
                         permanent=status < 500 and status not in _TRANSIENT)
