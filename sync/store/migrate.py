"""The child process that runs a store's migrations (`migrate(..., in_child=True)`).

Alembic with Mako and SQLAlchemy's other dialects is about 12 MB of modules
that stay in a process once imported; a terminal migrates once after an
install or an upgrade, so its front end lets this child process do it and
never carries alembic.

    python -m sync.store.migrate DATABASE TARGET
"""

from __future__ import annotations

import sys
from pathlib import Path

from sync.store.database import Database, migrate


def main(argv: list[str]) -> int:
    path, target = Path(argv[0]), argv[1]
    database = Database(path)
    try:
        migrate(database, target)
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
