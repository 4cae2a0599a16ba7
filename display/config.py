"""The hall display's configuration: the sync core's sections with the role
"display", plus a [display] section. Same terminal.toml as the other apps."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from sync.config import SyncConfig, TerminalSection
from terminal.config import DisplaySection


class DisplayTerminalSection(TerminalSection):
    role: Literal["display"] = Field(  # type: ignore[assignment]
        "display", description='what this terminal is: "display" for the hall display')


class DisplayConfig(SyncConfig):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terminal: DisplayTerminalSection = DisplayTerminalSection()
    display: DisplaySection = DisplaySection()
