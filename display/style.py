"""The hall display's style sheet: light text on a dark ground, sizes in pixels
for a 1920x1080 screen read from ten metres (a 300 px number is ~8 cm high on
a 55-inch panel)."""

from __future__ import annotations

BACKGROUND = "#07142b"
PANEL = "#0e2244"
ACCENT = "#ffd400"  # the called number
TEXT = "#ffffff"
MUTED = "#b9c6dc"
ONLINE = "#3ddc84"
OFFLINE = "#ff8a3d"

# The sheet is set on the hall widget, so a bare `QLabel` rule reaches only its labels;
# it must stay less specific than the `QLabel#name` rules below, or it overrides them.
# `categoryPrimary` has no size here: a `FitLabel` sets it (a long name shrinks to fit).
HALL_QSS = f"""
QWidget#hall {{ background: {BACKGROUND}; }}
QLabel {{ background: transparent; color: {TEXT}; }}
QFrame[panel="true"] {{ background: {PANEL}; border-radius: 24px; }}
QFrame[panel="true"][flash="true"] {{ background: #1d4f9c; }}
QLabel#centerPrimary {{ font-size: 52px; font-weight: 700; }}
QLabel#centerSecondary {{ font-size: 28px; color: {MUTED}; }}
QLabel#clock {{ font-size: 66px; font-weight: 700; }}
QLabel#date {{ font-size: 26px; color: {MUTED}; }}
QLabel#status[online="true"] {{ font-size: 28px; font-weight: 700; color: {ONLINE}; }}
QLabel#status[online="false"] {{ font-size: 28px; font-weight: 700; color: {OFFLINE}; }}
QLabel#headingPrimary {{ font-size: 44px; font-weight: 700; color: {MUTED}; }}
QLabel#headingSecondary {{ font-size: 30px; color: {MUTED}; }}
QLabel#callNumber {{ color: {ACCENT}; }}
QLabel#callWindowSecondary {{ color: {MUTED}; }}
QLabel#waitingPrimary {{ font-size: 34px; font-weight: 700; color: {MUTED}; }}
QLabel#waitingSecondary {{ font-size: 24px; color: {MUTED}; }}
QLabel#columnHeader {{ font-size: 30px; color: {MUTED}; }}
QLabel#recentNumber {{ font-size: 64px; font-weight: 700; color: {ACCENT}; }}
QLabel#recentWindow {{ font-size: 64px; font-weight: 700; }}
QFrame#categoryCard {{ background: {PANEL}; border-radius: 18px; }}
QLabel#categoryPrefix {{
    font-size: 60px; font-weight: 800; color: {BACKGROUND}; background: {ACCENT};
    border-radius: 12px; min-width: 68px; max-width: 68px; qproperty-alignment: AlignCenter;
}}
QLabel#categorySecondary {{ font-size: 21px; color: {MUTED}; }}
QLabel#categoryCount {{ font-size: 66px; font-weight: 800; }}
"""
