"""People sign in (issue 10, Deliver 4): accounts with roles, scrypt-hashed
passwords, session cookies with CSRF, login throttling, the fleet page and the
API docs behind login and scoped by center; `reception-platform user ...`."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from platform_helpers import enroll_terminal
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.models import Role
from sync.server import operators
from sync.server.cli import main
from sync.server.db import Operator, Terminal
from sync.server.operators import OperatorRole

PASSWORD = "correct horse battery"


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    answer = client.post("/login", data={"username": username, "password": password},
                         follow_redirects=False)
    return answer.status_code


def csrf_of(client: TestClient) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get("/fleet").text)
    assert match is not None
    return match.group(1)


@pytest.fixture
def people(engine: Engine) -> None:
    operators.add_user(engine, "admin", PASSWORD, OperatorRole.PLATFORM_ADMIN, None)
    operators.add_user(engine, "manager1", PASSWORD, OperatorRole.CENTER_MANAGER, "C-001")
    operators.add_user(engine, "tech1", PASSWORD, OperatorRole.TECHNICIAN, "C-001")
    operators.add_user(engine, "auditor", PASSWORD, OperatorRole.AUDITOR, None)


def test_pages_and_docs_need_a_session(client: TestClient, people: None) -> None:
    for path in ("/fleet", "/docs"):
        answer = client.get(path, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    assert client.get("/openapi.json").status_code == 401
    assert "password" in client.get("/login").text
    assert log_in(client, "auditor") == 303
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").json()["paths"]


def test_the_session_cookie_and_the_password_hash(
    client: TestClient, engine: Engine, people: None
) -> None:
    answer = client.post("/login", data={"username": "admin", "password": PASSWORD},
                         follow_redirects=False)
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    with Session(engine) as session:
        stored = session.scalars(select(Operator.password_hash)).all()
    assert all(value.startswith("scrypt$32768$8$1$") for value in stored)
    assert PASSWORD not in " ".join(stored)
    assert log_in(client, "admin", "wrong password!") == 401
    assert log_in(client, "nobody") == 401


def test_logins_are_throttled(client: TestClient, people: None) -> None:
    codes = [log_in(client, "tech1", f"wrong password {n}") for n in range(6)]
    assert codes == [401] * 5 + [429]
    assert log_in(client, "tech1") == 429  # the right password waits too


def test_the_fleet_is_scoped_by_center(
    client: TestClient, engine: Engine, people: None
) -> None:
    home = enroll_terminal(client, engine, Role.KIOSK, center="C-001")
    away = enroll_terminal(client, engine, Role.KIOSK, center="C-002")
    log_in(client, "tech1")
    page = client.get("/fleet").text
    assert home.terminal_id in page and away.terminal_id not in page
    assert "Withdraw" not in page  # a technician looks, a manager acts
    refused = client.post(f"/fleet/terminals/{home.terminal_id}/revoke",
                          data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert refused.status_code == 403
    log_in(client, "manager1")
    csrf = csrf_of(client)
    assert client.post(f"/fleet/terminals/{away.terminal_id}/revoke", data={"csrf": csrf},
                       follow_redirects=False).status_code == 404
    assert client.post(f"/fleet/terminals/{home.terminal_id}/revoke", data={"csrf": "forged"},
                       follow_redirects=False).json()["code"] == "csrf"
    done = client.post(f"/fleet/terminals/{home.terminal_id}/revoke", data={"csrf": csrf},
                       follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/fleet")
    assert f"{home.terminal_id} (withdrawn)" in client.get("/fleet").text
    code_page = client.post(f"/fleet/terminals/{home.terminal_id}/rotate-key",
                            data={"csrf": csrf}).text
    code = re.search(r"--code ([\w-]+)", code_page)
    assert code is not None
    renewed = client.post("/v1/enroll", json={"code": code.group(1)}).json()
    assert renewed["terminal_id"] == home.terminal_id
    with Session(engine) as session:
        assert session.get(Terminal, away.terminal_id).revoked_at is None  # type: ignore[union-attr]
    log_in(client, "admin")
    page = client.get("/fleet").text
    assert home.terminal_id in page and away.terminal_id in page


def test_logout_and_disable_end_sessions(
    client: TestClient, engine: Engine, people: None
) -> None:
    log_in(client, "admin")
    csrf = csrf_of(client)
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/fleet", follow_redirects=False).status_code == 303
    log_in(client, "auditor")
    assert client.get("/fleet").status_code == 200
    operators.disable(engine, "auditor")
    assert client.get("/fleet", follow_redirects=False).status_code == 303
    assert log_in(client, "auditor") == 401


def test_user_commands(db_url: str, client: TestClient, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    def run(*argv: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["user", *argv, "--db", db_url, "--password-stdin"])

    assert run("add", "wang", "--role", "center_manager", "--center", "C-001",
               stdin="short\n") == 1
    assert "at least 12" in capsys.readouterr().err
    assert run("add", "wang", "--role", "center_manager", stdin=PASSWORD + "\n") == 1
    assert "belongs to a center" in capsys.readouterr().err
    assert run("add", "wang", "--role", "center_manager", "--center", "C-001",
               stdin=PASSWORD + "\n") == 0
    assert log_in(client, "wang") == 303
    assert run("passwd", "wang", stdin="another long password\n") == 0
    assert client.get("/fleet", follow_redirects=False).status_code == 303  # session ended
    assert log_in(client, "wang", "another long password") == 303
    assert run("disable", "wang") == 0
    assert log_in(client, "wang", "another long password") == 401
    assert run("disable", "nobody") == 1
