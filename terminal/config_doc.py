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
        rows.append(f"| `{name}` | {_default(field.default)} | {field.description or ''} |")
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
)


def _platform_environment() -> list[str]:
    lines = ["## The platform's environment", "",
             "Settings of the reference platform (`reception-platform serve`), read from "
             "its environment at start; a bad value stops the start with its name.", "",
             "| variable | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {default} | {meaning} |"
              for name, default, meaning in PLATFORM_ENVIRONMENT]
    return [*lines, ""]


def render() -> str:
    lines = [*_sections(TerminalConfig, ""), *_sections(DisplaySection, "display"),
             *_platform_environment()]
    return HEADER + "\n" + "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
