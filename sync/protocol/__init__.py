"""The wire contract between terminals and the central platform.

Both the terminal's sync code and the reference platform import this package
and nothing else of each other, so the two can never drift apart silently.
"""
