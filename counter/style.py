"""The counter's own style on top of the shared theme: a desk screen seen
from arm's length, denser than the kiosk's touch screens."""

COUNTER_QSS = """
#counterWindow QWidget { font-size: 15pt; }
#counterWindow QPushButton {
    min-height: 44px; min-width: 44px; padding: 6px 12px; border-radius: 8px;
}
#counterWindow QPushButton[role="action"] { min-height: 58px; font-size: 15pt; }
#counterWindow QPushButton[role="pad"] {
    min-height: 52px; font-size: 18pt; background: #ffffff; color: #1d2733;
    border: 2px solid #9fb3c8;
}
#counterWindow QLineEdit {
    font-size: 18pt; background: #ffffff; border: 2px solid #9fb3c8; border-radius: 8px;
    padding: 4px 8px;
}
#counterWindow QLabel[role="title"] { font-size: 22pt; font-weight: 700; }
#counterWindow QLabel[role="subtitle-strong"] { font-size: 16pt; font-weight: 700; }
#counterWindow QLabel[role="hint"] { font-size: 13pt; color: #4a5868; }
#counterWindow QLabel[role="error"] { font-size: 14pt; color: #b00020; }
#counterWindow QLabel[role="ticket"] { font-size: 48pt; font-weight: 800; color: #0b5d1e; }
#topBar { background: #1d2733; }
#topBar QLabel { background: transparent; color: #ffffff; font-size: 15pt; }
#topBar QLabel[role="strong"] { font-weight: 700; }
#topBar QLabel[state="online"] { color: #7ee2a0; }
#topBar QLabel[state="offline"] { color: #ffcf70; }
#topBar QLabel[state="attention"] { color: #ff8a8a; }
#topBar QPushButton { min-height: 36px; padding: 2px 12px; }
#statusLine { background: #e3ecf8; padding: 4px 12px; font-size: 13pt; }
#workArea { background: #ffffff; border: 1px solid #d5dde6; border-radius: 12px; }
#workArea QLabel { background: transparent; }
"""
