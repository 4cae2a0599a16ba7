"""Moved to `terminal.background` (shared with the counter); kept for the kiosk's imports."""

from terminal.background import pool, run_in_background, wait_for_background

__all__ = ["pool", "run_in_background", "wait_for_background"]
