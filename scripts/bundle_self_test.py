"""`make bundle-self-test`: every program of the terminal bundle passes `--self-test`
against a real platform (started from this checkout, apart from the bundle), and
the bundle holds none of the platform's server stack.

    python scripts/bundle_self_test.py [dist/reception]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.protocol.models import Role  # noqa: E402
from sync.server import enrollment  # noqa: E402
from sync.server.db import make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

PROGRAMS = {
    "reception-kiosk": (Role.KIOSK, ["--self-test"]),
    "reception-counter": (Role.COUNTER, ["--self-test"]),
    "reception-display": (Role.DISPLAY, ["--self-test"]),
    "reception-sync": (Role.KIOSK, ["self-test"]),
}
#: Top-level modules of the platform's server stack, as PyInstaller names them.
SERVER_MODULES = ("sync.server", "fastapi", "starlette", "uvicorn", "psycopg")


def server_modules_in(build_folder: Path) -> list[str]:
    """Modules of the server stack in the bundle's archive (PyInstaller's PYZ table)."""
    found = []
    for table in build_folder.glob("PYZ-*.toc"):
        for line in table.read_text("utf-8").splitlines():
            name = line.strip(" (),'[]").split("'")[0]
            if any(name == top or name.startswith(top + ".") for top in SERVER_MODULES):
                found.append(name)
    return sorted(set(found))


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "reception"
    leaked = server_modules_in(ROOT / "build" / "build")
    if leaked:
        print(f"the terminal bundle carries the platform: {', '.join(leaked[:10])}",
              file=sys.stderr)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="bundle-self-test-") as folder:
        url = f"sqlite:///{Path(folder) / 'platform.db'}"
        platform = PlatformProcess(url)
        platform.start()
        engine = make_engine(url)
        try:
            for name, (role, command) in PROGRAMS.items():
                code = enrollment.issue_code(engine, "C001", role)
                result = subprocess.run(
                    # =: a code may begin with "-"
                    [str(bundle / name), *command, f"--platform={platform.url}",
                     f"--enroll-code={code}"],
                    capture_output=True, text=True, check=False, timeout=300)
                lines = (result.stdout + result.stderr).strip().splitlines()
                print(f"{name}: {lines[-1] if lines else f'exit {result.returncode}'}")
                failed += result.returncode != 0
        finally:
            engine.dispose()
            platform.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
