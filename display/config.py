"""The hall display's configuration: the sync core's sections with the role
"display", plus a [display] section. Same terminal.toml as the other apps."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from sync.config import Section, SyncConfig, TerminalSection


class DisplayTerminalSection(TerminalSection):
    role: Literal["display"] = Field(  # type: ignore[assignment]
        "display", description='what this terminal is: "display" for the hall display')


class DisplaySection(Section):
    fullscreen: bool = Field(True, description="true on the hall screen; false for a window")
    hide_cursor: bool = Field(True, description="hide the mouse pointer")
    speech: Literal["auto", "tts", "espeak", "silent"] = Field(
        "auto", description='"auto" (a text-to-speech engine, else espeak-ng, else none), '
                            '"tts", "espeak" or "silent"')
    tts_engine: str = Field("", description='QtTextToSpeech engine name ("" picks one)')
    announce_english: bool = Field(True, description="say each call in English too")
    volume: float = Field(1.0, ge=0.0, le=1.0, description="announcement volume, 0 to 1")
    stale_call_seconds: int = Field(120, ge=10, le=3600,
                                    description="calls older than this (replayed after an "
                                                "outage) are shown but not announced")
    recent_calls: int = Field(8, ge=3, le=10, description="recent calls listed")


class DisplayConfig(SyncConfig):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terminal: DisplayTerminalSection = DisplayTerminalSection()
    display: DisplaySection = DisplaySection()
