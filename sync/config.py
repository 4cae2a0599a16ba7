"""Terminal configuration: one TOML file per terminal, validated at start.

Every key is typed and described; a bad value stops start-up with a message
naming the key, the value and the fix. The sync core reads only the sections
it owns; the terminal shell extends the model with its own sections.
"""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sync.paths import (
    DEFAULT_CENTER_NAME_EN,
    DEFAULT_CENTER_NAME_ZH,
    DEFAULT_LANGUAGE,
    DEFAULT_TIME_ZONE,
    default_data_dir,
)
from sync.synchronizer import SyncSettings

ConfigT = TypeVar("ConfigT", bound=BaseModel)


class ConfigError(Exception):
    """The configuration cannot be used; the message says what to change."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TerminalSection(Section):
    role: Literal["kiosk", "counter", "display"] = Field(
        "kiosk", description='what this terminal is: "kiosk", "counter" or "display"')
    center: str = Field("C001", min_length=1, max_length=20,
                        description="the reception center's code, as the platform knows it")
    center_name_zh: str = Field(DEFAULT_CENTER_NAME_ZH, min_length=1,
                                description="the center's name in Chinese, shown and printed")
    center_name_en: str = Field(DEFAULT_CENTER_NAME_EN, min_length=1,
                                description="the center's name in English")
    language: Literal["zh_CN", "en"] = Field(DEFAULT_LANGUAGE, description='"zh_CN" or "en"')
    time_zone: str = Field(DEFAULT_TIME_ZONE,
                           description="the center's IANA time zone: every time shown or "
                                       "printed is in it, whatever the machine's clock zone")

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"no time zone {value!r}; use a name like Asia/Shanghai") from None
        return value


class PlatformSection(Section):
    url: str = Field("http://127.0.0.1:8765", pattern=r"^https?://[^\s/]+(:\d+)?(/.*)?$",
                     description="the central platform's base URL, e.g. https://platform.city.gov.cn")
    ca_file: Path | None = Field(None, description="a PEM file of the one CA to trust (pinning)")
    status_url: str | None = Field(
        None, pattern=r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?/a/$",
        description="the status page's address on slips' QR codes, ending in /a/ (the "
                    "tracking number and check code follow); ticket and booking slips open "
                    "/q/ and /b/ beside it; default: the platform's")
    connect_timeout: float = Field(3.0, gt=0, le=60, description="seconds to connect")
    read_timeout: float = Field(15.0, gt=0, le=300, description="seconds to wait for a reply")
    sign_in_timeout: float = Field(
        30.0, gt=0, le=300,
        description="seconds to wait for the answer to a staff sign-in (the platform's PIN "
                    "check is slow on purpose, slower under load); past it the clerk is told "
                    "the platform is slow to answer")

    def status_base(self) -> str:
        """Where slips' QR codes point: `status_url`, else the platform's own /a/."""
        if self.status_url:
            return self.status_url
        origin = re.match(r"^https?://[^/]+", self.url)
        return (origin.group(0) if origin else self.url) + "/a/"

    @field_validator("ca_file")
    @classmethod
    def _ca_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"no file at {value}")
        return value


class StoreSection(Section):
    data_dir: Path | None = Field(
        None, description="where the database and attachments live (default: the "
                          "platform's user data directory)")
    retention_days: int = Field(30, ge=1, le=3650,
                                description="days personal data is kept after delivery "
                                            "(backups are deleted once this old)")
    backup_dir: Path | None = Field(
        None, description="where the sealed backups of the store go (default: `backups` in "
                          "the data folder; another disk is better)")
    backup_interval_hours: float = Field(6.0, gt=0, le=24 * 7,
                                         description="hours between two backups")
    backup_keep: int = Field(8, ge=1, le=1000, description="backups kept (the newest ones)")


class SyncSection(Section):
    batch_max_items: int = Field(500, ge=1, le=1000, description="items per batch")
    batch_max_bytes: int = Field(2_000_000, ge=10_000, le=4_000_000, description="bytes per batch")
    poll_interval: float = Field(5.0, gt=0, le=3600, description="seconds between idle passes")
    refresh_interval: float = Field(300.0, gt=0, description="seconds between reference pulls")
    heartbeat_interval: float = Field(60.0, gt=0, description="seconds between heartbeats")
    backoff_cap: float = Field(30.0, gt=0, le=3600,
                               description="longest wait between retries, in seconds")

    def settings(self, retention_days: int) -> SyncSettings:
        return SyncSettings(
            batch_max_items=self.batch_max_items, batch_max_bytes=self.batch_max_bytes,
            poll_interval=self.poll_interval, refresh_interval=self.refresh_interval,
            heartbeat_interval=self.heartbeat_interval, backoff_cap=self.backoff_cap,
            retention=timedelta(days=retention_days),
        )


class SyncConfig(BaseModel):
    """The sections the sync core owns; other sections are left to the shell."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    terminal: TerminalSection = TerminalSection()
    platform: PlatformSection = PlatformSection()
    store: StoreSection = StoreSection()
    sync: SyncSection = SyncSection()

    def data_dir(self) -> Path:
        return self.store.data_dir or default_data_dir()

    def backup_dir(self) -> Path:
        return self.store.backup_dir or self.data_dir() / "backups"


def describe_errors(path: Path, error: ValidationError, model: type[BaseModel]) -> str:
    lines = [f"{path} has {error.error_count()} problem(s):"]
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        value = item.get("input")
        hint = _field_description(model, item["loc"])
        shown = "(missing)" if item["type"] == "missing" else repr(value)
        if item["type"] == "extra_forbidden":
            lines.append(f"  - `{key}` is not a known setting: remove it or check its spelling "
                         f"(see docs/configuration.md).")
            continue
        fix = f" Expected: {hint}." if hint else ""
        lines.append(f"  - `{key}` = {shown}: {item['msg']}.{fix}")
    return "\n".join(lines)


def _field_description(model: type[BaseModel], location: tuple[Any, ...]) -> str:
    current: Any = model
    description = ""
    for part in location:
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            break
        field = fields[part]
        description = field.description or ""
        current = field.annotation
    return description


def load_config(path: Path, model: type[ConfigT]) -> ConfigT:
    """Read and validate; a missing file means all defaults."""
    if not path.exists():
        return model()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}. Fix the syntax there.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(describe_errors(path, error, model)) from error


def render_toml(sections: dict[str, dict[str, str | int | float | bool]]) -> str:
    """Write a flat two-level configuration (what enrollment and the demo need)."""
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            if isinstance(value, bool):
                rendered = "true" if value else "false"
            elif isinstance(value, int | float):
                rendered = repr(value)
            else:
                rendered = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{key} = {rendered}")
        lines.append("")
    return "\n".join(lines)
