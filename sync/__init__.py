"""Local store, transactional outbox, platform client and sync worker,
plus the reference central platform (sync.server)."""

__version__ = "0.1.0"
