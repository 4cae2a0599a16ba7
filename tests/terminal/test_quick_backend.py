"""The kiosk's Qt Quick (the on-screen keyboard) draws without OpenGL unless
a technician chose otherwise."""

from __future__ import annotations

from terminal.quick_backend import SOFTWARE, prefer_software_quick


def test_software_unless_chosen() -> None:
    env: dict[str, str] = {}
    assert prefer_software_quick(env) == SOFTWARE and env["QT_QUICK_BACKEND"] == SOFTWARE
    chosen = {"QT_QUICK_BACKEND": "opengl"}
    assert prefer_software_quick(chosen) == "opengl" and chosen["QT_QUICK_BACKEND"] == "opengl"
