"""Drop the source text that importing modules leaves in memory.

PySide6 checks every module imported after it for the word "PySide6" (its
`__feature__` import hook reads the module's source with
`inspect.getsource`), and `linecache` keeps every line it read: 44 MB of
source text in a started kiosk, about an eighth of its memory. Nothing needs
it: a traceback reads its lines again. The apps drop it once phase two has
imported what start-up needs, and the kiosk again after each session (a
flow's first use may import a module).
"""

from __future__ import annotations

import linecache


def drop_source_cache() -> None:
    linecache.clearcache()
