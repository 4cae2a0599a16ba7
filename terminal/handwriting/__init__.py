"""Handwriting input for residents who cannot type pinyin.

`ink` holds the strokes model (pure Python); `zinnia` recognizes Chinese
characters with the Zinnia library and the Tegaki simplified-Chinese model.
The pad widget is `terminal.widgets.handwriting_pad`.
"""

from terminal.handwriting.ink import Point, Stroke, Strokes, fit_to_canvas
from terminal.handwriting.zinnia import Candidate, HandwritingUnavailable, ZinniaRecognizer

__all__ = ["Candidate", "HandwritingUnavailable", "Point", "Stroke", "Strokes",
           "ZinniaRecognizer", "fit_to_canvas"]
