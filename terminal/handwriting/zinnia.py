"""Chinese handwriting recognition with Zinnia, through its C API (ctypes).

Zinnia is an SVM stroke recognizer; Debian ships the library as `libzinnia0`
and a simplified-Chinese model (6,763 GB2312 characters, trained by the
Tegaki project) as `tegaki-zinnia-simplified-chinese`. Nothing is compiled
in this project: the library is loaded with ctypes when a recognizer opens.

A recognizer is not shared between threads: open it and classify on one
worker thread (the handwriting pad keeps it on its own lane). Opening maps
the 26 MB model file, so it too belongs off the GUI thread.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

from terminal.handwriting.ink import Strokes, fit_to_canvas

LIBRARY_NAMES = ("libzinnia.so.0", "libzinnia.so")
MODEL_PATH = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
#: the square canvas the Tegaki models were trained on
CANVAS_SIZE = 1000
LIBRARY_PACKAGE = "libzinnia0"
MODEL_PACKAGE = "tegaki-zinnia-simplified-chinese"


class HandwritingUnavailable(RuntimeError):
    """The recognizer cannot run here; the message names what is missing and the fix."""


@dataclass(frozen=True)
class Candidate:
    character: str
    score: float


def load_library(names: tuple[str, ...] = LIBRARY_NAMES) -> ctypes.CDLL:
    """libzinnia with the prototypes this module calls; HandwritingUnavailable if absent."""
    errors = []
    for name in names:
        try:
            library = ctypes.CDLL(name)
        except OSError as error:
            errors.append(str(error))
            continue
        _declare(library)
        return library
    raise HandwritingUnavailable(
        f"the handwriting library Zinnia is not installed ({'; '.join(errors)}); "
        f"install it with `apt-get install {LIBRARY_PACKAGE}`")


def _declare(library: ctypes.CDLL) -> None:
    handle, size, text = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
    prototypes = {
        "zinnia_recognizer_new": (handle, []),
        "zinnia_recognizer_destroy": (None, [handle]),
        "zinnia_recognizer_open": (ctypes.c_int, [handle, text]),
        "zinnia_recognizer_strerror": (text, [handle]),
        "zinnia_recognizer_size": (size, [handle]),
        "zinnia_recognizer_classify": (handle, [handle, handle, size]),
        "zinnia_character_new": (handle, []),
        "zinnia_character_destroy": (None, [handle]),
        "zinnia_character_set_width": (None, [handle, size]),
        "zinnia_character_set_height": (None, [handle, size]),
        "zinnia_character_add": (ctypes.c_int, [handle, size, ctypes.c_int, ctypes.c_int]),
        "zinnia_result_size": (size, [handle]),
        "zinnia_result_value": (text, [handle, size]),
        "zinnia_result_score": (ctypes.c_float, [handle, size]),
        "zinnia_result_destroy": (None, [handle]),
    }
    for name, (result, arguments) in prototypes.items():
        function = getattr(library, name)
        function.restype = result
        function.argtypes = arguments


class ZinniaRecognizer:
    """One open Zinnia model. `classify` takes strokes in any units."""

    def __init__(self, model: Path = MODEL_PATH, library: ctypes.CDLL | None = None) -> None:
        if not model.is_file():
            raise HandwritingUnavailable(
                f"the Chinese handwriting model is missing: no file {model}; "
                f"install it with `apt-get install {MODEL_PACKAGE}`")
        self._lib = library if library is not None else load_library()
        self._handle = self._lib.zinnia_recognizer_new()
        if not self._lib.zinnia_recognizer_open(self._handle, str(model).encode()):
            reason = (self._lib.zinnia_recognizer_strerror(self._handle) or b"").decode(
                errors="replace")
            self.close()
            raise HandwritingUnavailable(
                f"the handwriting model {model} cannot be opened ({reason}); "
                f"reinstall it with `apt-get install --reinstall {MODEL_PACKAGE}`")
        self.model = model

    @property
    def characters(self) -> int:
        """How many characters the model knows."""
        return int(self._lib.zinnia_recognizer_size(self._open_handle()))

    def classify(self, strokes: Strokes, best: int = 10) -> list[Candidate]:
        """The `best` likeliest characters, likeliest first; [] without any point."""
        handle = self._open_handle()
        if not any(len(stroke) for stroke in strokes):
            return []
        lib = self._lib
        character = lib.zinnia_character_new()
        try:
            lib.zinnia_character_set_width(character, CANVAS_SIZE)
            lib.zinnia_character_set_height(character, CANVAS_SIZE)
            for index, stroke in enumerate(fit_to_canvas(strokes, CANVAS_SIZE)):
                for x, y in stroke:
                    lib.zinnia_character_add(character, index, x, y)
            result = lib.zinnia_recognizer_classify(handle, character, best)
        finally:
            lib.zinnia_character_destroy(character)
        if not result:
            return []
        try:
            return [Candidate(lib.zinnia_result_value(result, i).decode(),
                              float(lib.zinnia_result_score(result, i)))
                    for i in range(lib.zinnia_result_size(result))]
        finally:
            lib.zinnia_result_destroy(result)

    def _open_handle(self) -> int:
        if self._handle is None:  # libzinnia dereferences a null recognizer
            raise RuntimeError("the handwriting recognizer is closed")
        return self._handle

    def close(self) -> None:
        if self._handle is not None:
            self._lib.zinnia_recognizer_destroy(self._handle)
            self._handle = None
