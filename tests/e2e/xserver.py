"""An Xvfb X server of its own for the real-display tests.

Xvfb picks a free display number itself (`-displayfd`), so several test
runs and other users of the machine never collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass

TOOLS = ("Xvfb", "xdotool")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class XServer:
    width: int
    height: int
    display: str = ""
    _process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 20.0) -> XServer:
        read_end, write_end = os.pipe()
        self._process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0",
             f"{self.width}x{self.height}x24", "-nolisten", "tcp", "-noreset", "+extension",
             "XTEST", "-dpi", "96"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        number = b""
        deadline = time.monotonic() + timeout
        with os.fdopen(read_end, "rb") as pipe:
            while not number.endswith(b"\n"):
                if time.monotonic() > deadline or self._process.poll() is not None:
                    self.stop()
                    raise RuntimeError("Xvfb did not start")
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            self.stop()
            raise RuntimeError("Xvfb did not say which display it took")
        self.display = f":{number.decode().strip()}"
        return self

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display}

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
