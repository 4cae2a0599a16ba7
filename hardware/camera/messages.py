"""What a resident may be told about the camera (no OpenCV: the kiosk's GUI
process reports its camera process's health with these)."""

from __future__ import annotations

from hardware.messages import QT_TRANSLATE_NOOP

RESIDENT_CAMERA_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Device", "The camera is not available right now. Please ask a staff member for help."
)
RESIDENT_CAMERA_INTERRUPTED = QT_TRANSLATE_NOOP(
    "Device", "The camera picture was interrupted. Please wait a moment."
)
