"""Camera: frame sources, face presence, receipt QR codes and document capture.

Plain Python over OpenCV (headless) and zxing-cpp; a Qt adapter reads a
`FrameSource` on its worker thread and sends frames to the GUI.
"""

from hardware.camera.analysis import Analysis, AnalysisLoop, FrameAnalyser
from hardware.camera.document import DocumentResult, capture_document, find_document
from hardware.camera.face import (
    FaceBox,
    FaceDetector,
    IdPhotoResult,
    IdPhotoStatus,
    crop_id_photo,
    detect_faces,
    take_id_photo,
)
from hardware.camera.latest import LatestSlot
from hardware.camera.qrcode_decode import ParseError, decode_qr, parse_status_qr
from hardware.camera.sources import (
    Camera,
    DeviceCamera,
    FrameSource,
    ImageFolderSource,
    VideoFileSource,
    build_source,
)

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
