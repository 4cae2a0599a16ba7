"""Marker for resident-facing device messages.

Drivers are plain Python, so they cannot call Qt's `tr()`. They mark each
resident message with `QT_TRANSLATE_NOOP("Device", "...")` so that
pyside6-lupdate extracts it, and the Qt layer translates it at display time
with `QCoreApplication.translate("Device", message)`.
"""

CONTEXT = "Device"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
