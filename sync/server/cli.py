"""`reception-platform`: run and administer the reference central platform."""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from starlette.types import ASGIApp

from sync.protocol.models import Role
from sync.server import documents, enrollment, operators, workers
from sync.server.admin import roster
from sync.server.app import create_app
from sync.server.db import create_schema, make_engine
from sync.server.faults import faults_from_env
from sync.server.migrate import MigrationRefused, current_revision, head_revision
from sync.server.queue.purge import KEEP_DAYS_ENV, purge_events

DEFAULT_DB = "sqlite:///reception-platform.db"


#: Environment variable naming the database for `serve --workers N` (each worker
#: process builds its own app from it).
DB_ENV = "RECEPTION_PLATFORM_DB"
#: Seconds a worker may take to answer uvicorn's health check: a worker imports the
#: whole app first (~2 s of CPU, over uvicorn's 5 s on a busy 2-core machine, where
#: every worker was killed and started again, for ever).
WORKER_HEALTHCHECK_SECONDS = 60
#: Seconds a stopping worker waits for its open requests before it cancels them. The
#: hall displays' and counters' event streams never end by themselves: without a bound
#: uvicorn waited for them until systemd killed the platform (TimeoutStopSec, 90 s),
#: at every upgrade and restart of a city's platform with a hall display connected.
GRACEFUL_SHUTDOWN_SECONDS = 5


def app_from_environment() -> ASGIApp:
    """The app of one uvicorn worker process (`serve --workers N`)."""
    return _serving(faults_from_env(create_app(os.environ[DB_ENV])))


def _serving(app: ASGIApp) -> ASGIApp:
    """`app`, with every object made so far (modules, the app, its engine) left out
    of the garbage collector's full collections: a full collection looked at them
    all, about 40 ms in which the process answered nothing, which set call-next's
    p99 (ten calls waiting through one pause) in `make load`."""
    gc.freeze()
    return app


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    app = create_app(args.db)  # migrates once, before any worker starts
    purge_events(app.state.engine, time.time())  # and drops old days' queue events
    if args.demo_data is not None:
        loaded = documents.load_demo(app.state.engine, args.demo_data)
        print(f"loaded demo data: {', '.join(loaded) or 'nothing'}", file=sys.stderr)
    if args.workers > 1:
        app.state.engine.dispose()
        os.environ[DB_ENV] = args.db
        return workers.run(uvicorn.Config(
            "sync.server.cli:app_from_environment", factory=True, workers=args.workers,
            host=args.host, port=args.port, http="httptools", log_level=args.log_level,
            access_log=args.access_log, timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS))
    # uvloop and asyncio both set TCP_NODELAY on accepted sockets.
    uvicorn.run(
        _serving(faults_from_env(app)),
        host=args.host,
        port=args.port,
        http="httptools",
        log_level=args.log_level,
        access_log=args.access_log,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    return 0


@contextmanager
def _engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        create_schema(engine)
        yield engine
    finally:
        engine.dispose()


def _self_test(_args: argparse.Namespace) -> int:
    """Every migration on a scratch SQLite file, then the app answers /healthz."""
    from fastapi.testclient import TestClient

    from sync.server.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="reception-platform-self-test-") as folder:
        url = f"sqlite:///{Path(folder) / 'platform.db'}"
        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        app = create_app(url)
        try:
            with TestClient(app) as client:
                answer = client.get("/healthz")
        finally:
            app.state.engine.dispose()
    if answer.status_code != 200:
        print(f"self-test: FAILED: /healthz answered {answer.status_code}", file=sys.stderr)
        return 1
    print(f"self-test: ok schema {head_revision()}, /healthz answered")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    try:
        before = current_revision(engine)
        backup = create_schema(engine, backup_dir=args.backup_dir)
    finally:
        engine.dispose()
    head = head_revision()
    if before == head:
        print(f"schema at {head}: nothing to migrate")
    else:
        print(f"schema migrated from {before or 'nothing'} to {head}")
    if backup is not None:
        print(f"backup taken first: {backup}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    with _engine(args.db) as engine:
        removed = purge_events(engine, time.time(), args.keep_days)
    print(f"{removed} queue events of older days removed")
    return 0


def _notify(args: argparse.Namespace) -> int:
    from sync.server.notify.command import run

    with _engine(args.db) as engine:
        return run(engine, args.config, once=args.once)


def _enroll_code(args: argparse.Namespace) -> int:
    with _engine(args.db) as engine:
        print(enrollment.issue_code(engine, args.center, Role(args.role)))
    return 0


def _terminal(args: argparse.Namespace) -> int:
    with _engine(args.db) as engine:
        if args.action == "revoke":
            done = enrollment.revoke(engine, args.terminal_id)
            message = (f"{args.terminal_id} is withdrawn: its requests are refused until it "
                       "is enrolled again with a code from `terminal rotate-key`.")
        else:
            code = enrollment.renewal_code(engine, args.terminal_id)
            done = code is not None
            message = (f"{code}\n(one-time code for 24 hours: `reception-sync enroll --url URL "
                       f"--code {code}` on {args.terminal_id} gives it a new key and keeps its "
                       "id and outbox; the old key works until then)")
    if not done:
        print(f"no terminal {args.terminal_id} on this platform", file=sys.stderr)
        return 1
    print(message)
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise operators.AccountError("the two passwords differ")
    return first


def _user(args: argparse.Namespace) -> int:
    try:
        with _engine(args.db) as engine:
            if args.action == "add":
                role = operators.OperatorRole(args.role)
                operators.add_user(engine, args.username, _password(args), role, args.center)
                done = f"user {args.username} added ({role.value})"
            elif args.action == "passwd":
                operators.set_password(engine, args.username, _password(args))
                done = f"password of {args.username} changed; its sessions ended"
            else:
                operators.disable(engine, args.username)
                done = f"user {args.username} disabled; its sessions ended"
    except operators.AccountError as error:
        print(f"reception-platform user: {error}", file=sys.stderr)
        return 1
    print(done)
    return 0


def _manager(args: argparse.Namespace) -> int:
    pin = sys.stdin.readline().rstrip("\n") if args.pin_stdin else getpass.getpass("PIN: ")
    if not args.pin_stdin and getpass.getpass("Again: ") != pin:
        print("reception-platform manager: the two PINs differ", file=sys.stderr)
        return 1
    try:
        with _engine(args.db) as engine:
            roster.add_manager(engine, args.center, args.staff_no, args.name, pin,
                               f"cli:{getpass.getuser()}")
    except ValueError as error:  # a PIN or number the roster refuses (pydantic's included)
        print(f"reception-platform manager: {error}", file=sys.stderr)
        return 1
    print(f"{args.name} ({args.staff_no}) manages {args.center}: sign in on one of its "
          "counters and press Ctrl+M")
    return 0


def _load_demo(args: argparse.Namespace) -> int:
    with _engine(args.db) as engine:
        loaded = documents.load_demo(engine, args.dir)
    if not loaded:
        print(f"no catalog.json, notices.json or staff.json in {args.dir}", file=sys.stderr)
        return 1
    print(f"loaded: {', '.join(loaded)}")
    return 0


def _calendar(args: argparse.Namespace) -> int:
    from pydantic import TypeAdapter, ValidationError

    from sync.protocol.work_calendar import CalendarDay
    from sync.server.cases import calendar

    with _engine(args.db) as engine:
        calendar.seed(engine)
        if args.action == "show":
            from sqlalchemy.orm import Session

            with Session(engine) as session:
                print(calendar.center_calendar(session, args.center).model_dump_json(indent=1))
            return 0
        if args.file is None or args.year is None:
            print("reception-platform calendar publish: --year and --file are needed",
                  file=sys.stderr)
            return 2
        try:
            days = TypeAdapter(list[CalendarDay]).validate_json(args.file.read_bytes())
            moved = calendar.publish_year(engine, args.center, args.year, days,
                                          f"cli:{getpass.getuser()}")
        except (ValidationError, ValueError) as error:
            print(f"reception-platform calendar: {error}", file=sys.stderr)
            return 1
    print(f"published {args.year} for {args.center}: {len(days)} days; "
          f"{moved} open cases' deadlines counted again")
    return 0


def export_openapi(path: Path) -> None:
    """Write the OpenAPI document with sorted keys, as committed in docs/."""
    app = create_app("sqlite://")
    document = app.openapi()
    app.state.engine.dispose()
    path.write_text(
        json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _export_openapi(args: argparse.Namespace) -> int:
    export_openapi(args.path)
    return 0


MATRIX_START = "<!-- access matrix: generated from the code by `make openapi` -->\n"
MATRIX_END = "<!-- end of the access matrix -->\n"


def with_access_matrix(document: str) -> str:
    """`document` with the text between the matrix markers generated anew."""
    from sync.server.access import matrix_markdown

    head, rest = document.split(MATRIX_START, 1)
    _, tail = rest.split(MATRIX_END, 1)
    app = create_app("sqlite://")
    try:
        return head + MATRIX_START + matrix_markdown(app) + MATRIX_END + tail
    finally:
        app.state.engine.dispose()


def _export_access_matrix(args: argparse.Namespace) -> int:
    args.path.write_text(with_access_matrix(args.path.read_text("utf-8")), "utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reception-platform", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--db", default=DEFAULT_DB, help="SQLAlchemy database URL")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--demo-data", type=Path, help="load catalog/notices/staff JSON first")
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-access-log", dest="access_log", action="store_false")
    serve.add_argument("--workers", type=int, default=1,
                       help="worker processes (each with its own connection pool)")
    serve.set_defaults(handler=_serve)

    self_test = commands.add_parser(
        "self-test", help="run every migration on a scratch database and answer /healthz")
    self_test.set_defaults(handler=_self_test)

    migrate = commands.add_parser(
        "migrate", help="bring the database's schema to this version, backing it up first")
    migrate.add_argument("--db", default=DEFAULT_DB)
    migrate.add_argument("--backup-dir", type=Path,
                         help="where the backup goes (PostgreSQL: a pg_dump, needed); "
                         "SQLite: next to the database file by default")
    migrate.set_defaults(handler=_migrate)

    purge = commands.add_parser(
        "purge", help="remove the queue events of days older than the ones kept")
    purge.add_argument("--db", default=DEFAULT_DB)
    purge.add_argument("--keep-days", type=int,
                       help=f"days kept, today included (default: ${KEEP_DAYS_ENV} or 400)")
    purge.set_defaults(handler=_purge)

    notify = commands.add_parser(
        "notify", help="send the queued notifications to residents (SMS gateway or log)")
    notify.add_argument("--db", default=DEFAULT_DB)
    notify.add_argument("--config", type=Path,
                        help="the notifier's TOML file (default: $RECEPTION_PLATFORM_NOTIFY_"
                        "CONFIG; none: the log transport)")
    notify.add_argument("--once", action="store_true", help="one pass, then exit")
    notify.set_defaults(handler=_notify)

    code = commands.add_parser("enroll-code", help="print a one-time enrollment code")
    code.add_argument("--db", default=DEFAULT_DB)
    code.add_argument("--center", required=True)
    code.add_argument("--role", required=True, choices=[role.value for role in Role])
    code.set_defaults(handler=_enroll_code)

    terminal = commands.add_parser("terminal", help="withdraw a terminal or rotate its key")
    terminal.add_argument("action", choices=["revoke", "rotate-key"])
    terminal.add_argument("terminal_id")
    terminal.add_argument("--db", default=DEFAULT_DB)
    terminal.set_defaults(handler=_terminal)

    user = commands.add_parser("user", help="people who sign in: add, passwd, disable")
    user.add_argument("action", choices=["add", "passwd", "disable"])
    user.add_argument("username")
    user.add_argument("--role", choices=[role.value for role in operators.OperatorRole],
                      default=operators.OperatorRole.TECHNICIAN.value, help="for add")
    user.add_argument("--center", help="for add: the center of a manager or technician")
    user.add_argument("--password-stdin", action="store_true",
                      help="read the password from the first line of standard input")
    user.add_argument("--db", default=DEFAULT_DB)
    user.set_defaults(handler=_user)

    manager = commands.add_parser(
        "manager", help="appoint a center's manager (who then keeps its staff on the counter)")
    manager.add_argument("action", choices=["add"])
    manager.add_argument("center")
    manager.add_argument("staff_no")
    manager.add_argument("name")
    manager.add_argument("--pin-stdin", action="store_true",
                         help="read the PIN from the first line of standard input")
    manager.add_argument("--db", default=DEFAULT_DB)
    manager.set_defaults(handler=_manager)

    demo = commands.add_parser("load-demo", help="load catalog.json, notices.json, staff.json")
    demo.add_argument("--db", default=DEFAULT_DB)
    demo.add_argument("--dir", type=Path, required=True)
    demo.set_defaults(handler=_load_demo)

    days = commands.add_parser(
        "calendar", help="show a center's working-day calendar, or publish a year of it")
    days.add_argument("action", choices=["show", "publish"])
    days.add_argument("--center", default="*", help='a center, or "*" (default): every center')
    days.add_argument("--year", type=int, help="for publish")
    days.add_argument("--file", type=Path, help='for publish: a JSON list of {"day": '
                      '"YYYY-MM-DD", "working": false, "name": "..."}, holidays on weekdays '
                      "and worked weekends")
    days.add_argument("--db", default=DEFAULT_DB)
    days.set_defaults(handler=_calendar)

    export = commands.add_parser("export-openapi", help="write the OpenAPI document")
    export.add_argument("path", type=Path)
    export.set_defaults(handler=_export_openapi)

    matrix = commands.add_parser("export-access-matrix",
                                 help="rewrite the role matrix in docs/security.md")
    matrix.add_argument("path", type=Path)
    matrix.set_defaults(handler=_export_access_matrix)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = args.handler
    try:
        return int(handler(args))
    except MigrationRefused as refused:
        print(f"reception-platform: {refused}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
