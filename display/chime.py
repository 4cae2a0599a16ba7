"""The call chime: a two-tone "ding-dong" WAV made with the `wave` module.

Generated at build time into resources/sounds/ (`python -m display.chime`),
or on first use into the display's cache folder when that file is missing.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
CHIME_FILE = "chime.wav"
RATE = 16_000
#: (frequency Hz, seconds) of each tone: E6 then C6, softly decaying.
TONES = ((1318.5, 0.45), (1046.5, 0.75))
AMPLITUDE = 0.45


def chime_samples() -> bytes:
    frames = bytearray()
    for frequency, seconds in TONES:
        count = int(RATE * seconds)
        for index in range(count):
            t = index / RATE
            attack = min(1.0, index / (RATE * 0.01))  # 10 ms fade-in: no click
            envelope = attack * math.exp(-3.5 * t / seconds)
            value = envelope * AMPLITUDE * (math.sin(2 * math.pi * frequency * t)
                                            + 0.25 * math.sin(4 * math.pi * frequency * t))
            frames += struct.pack("<h", int(max(-1.0, min(1.0, value)) * 32767))
    return bytes(frames)


def write_chime(path: Path) -> Path:
    """Write the chime (16 kHz mono 16-bit, about 38 KB) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with wave.open(str(partial), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(RATE)
        output.writeframes(chime_samples())
    partial.replace(path)
    return path


def chime_path(cache_dir: Path) -> Path:
    """The shipped chime, else one generated into `cache_dir` on first use."""
    shipped = SOUNDS_DIR / CHIME_FILE
    if shipped.is_file():
        return shipped
    cached = cache_dir / CHIME_FILE
    return cached if cached.is_file() else write_chime(cached)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SOUNDS_DIR / CHIME_FILE
    print(write_chime(target))
