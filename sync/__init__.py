"""Local store, transactional outbox, platform client and sync worker,
plus the reference central platform (sync.server)."""

import sys

__version__ = "0.1.0"

# httpx imports its command-line client (click, pygments, rich: about 5 MB of
# modules) when those are installed; no terminal runs it. A None entry makes
# httpx fall back to its stub `main`.
sys.modules.setdefault("httpx._main", None)
