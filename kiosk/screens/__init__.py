"""Kiosk screens: each a small widget with explicit inputs, registered by
name in a registry module and wired once in kiosk.composition."""
