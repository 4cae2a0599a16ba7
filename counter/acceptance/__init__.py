"""Acceptance at the window: the clerk's workbench, its receipts and history."""
