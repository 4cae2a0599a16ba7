"""The committed OpenAPI document matches the app."""

from __future__ import annotations

import json
from pathlib import Path

from sync.server.app import create_app
from sync.server.cli import main, with_access_matrix

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_is_current() -> None:
    app = create_app("sqlite://")
    try:
        current = json.dumps(app.openapi(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    finally:
        app.state.engine.dispose()
    assert COMMITTED.read_text(encoding="utf-8") == current, (
        "docs/openapi.json is stale: run `reception-platform export-openapi docs/openapi.json`"
    )


def test_export_openapi_cli(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    assert main(["export-openapi", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_role_matrix_in_docs_security_md_is_current() -> None:
    security = COMMITTED.parent / "security.md"
    text = security.read_text(encoding="utf-8")
    assert with_access_matrix(text) == text, (
        "docs/security.md's role matrix is stale: run `make openapi`")
