"""Camera: frame sources, face presence, receipt QR codes and document capture.

Plain Python over OpenCV (headless) and zxing-cpp; a Qt adapter reads a
`FrameSource` on its worker thread and sends frames to the GUI.

The names below load their module when first used: importing this package
(or one of its OpenCV-free modules, `boxes`, `latest`, `status_qr`) loads no
OpenCV and no numpy, so a process that runs its camera in a child process
(the kiosk: `terminal.devices.camera_process`) never carries them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hardware.camera.analysis import Analysis, AnalysisLoop, FrameAnalyser
    from hardware.camera.boxes import FaceBox
    from hardware.camera.document import DocumentResult, capture_document, find_document
    from hardware.camera.face import (
        FaceDetector,
        IdPhotoResult,
        IdPhotoStatus,
        crop_id_photo,
        detect_faces,
        take_id_photo,
    )
    from hardware.camera.latest import LatestSlot
    from hardware.camera.qrcode_decode import decode_qr
    from hardware.camera.sources import (
        Camera,
        DeviceCamera,
        FrameSource,
        ImageFolderSource,
        VideoFileSource,
        build_source,
    )
    from hardware.camera.status_qr import ParseError, parse_status_qr

_MODULES = {
    "analysis": ("Analysis", "AnalysisLoop", "FrameAnalyser"),
    "boxes": ("FaceBox",),
    "document": ("DocumentResult", "capture_document", "find_document"),
    "face": ("FaceDetector", "IdPhotoResult", "IdPhotoStatus", "crop_id_photo",
             "detect_faces", "take_id_photo"),
    "latest": ("LatestSlot",),
    "qrcode_decode": ("decode_qr",),
    "sources": ("Camera", "DeviceCamera", "FrameSource", "ImageFolderSource",
                "VideoFileSource", "build_source"),
    "status_qr": ("ParseError", "parse_status_qr"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "Analysis",
    "AnalysisLoop",
    "Camera",
    "DeviceCamera",
    "DocumentResult",
    "FaceBox",
    "FaceDetector",
    "FrameAnalyser",
    "FrameSource",
    "IdPhotoResult",
    "IdPhotoStatus",
    "ImageFolderSource",
    "LatestSlot",
    "ParseError",
    "VideoFileSource",
    "build_source",
    "capture_document",
    "crop_id_photo",
    "decode_qr",
    "detect_faces",
    "find_document",
    "parse_status_qr",
    "take_id_photo",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
