"""`reception-sync`: inspect and drive a terminal's outbox from a shell.

It never ends in a traceback: a known failure is one plain line naming the
fix (exit 1 if the work stopped, 2 if the store or configuration refuses), an
unexpected one is one line too (exit 3; `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from sync.client import PlatformError, ServerError
from sync.config import ConfigError, SyncConfig, load_config
from sync.diagnostics import diagnose
from sync.enroll import enroll_terminal
from sync.paths import CONFIG_FILE, SECRETS_FILE, config_dir, log_dir
from sync.recovery import restore, salvage
from sync.runtime import StoreParts, SyncRuntime, open_runtime, store_parts
from sync.secrets_file import SecretsError, load_secrets
from sync.selftest import SelfTestPlatform, run_sync_self_test
from sync.store.database import StoreError, open_database

DRAIN_SERVER_RETRIES = 30
RECOVERY = ("restore", "salvage")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reception-sync", description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="backlog, dead letters, backups, platform reachability")
    drain = commands.add_parser("drain", help="deliver the whole backlog now")
    drain.add_argument("--refresh", action="store_true", help="also pull reference data")
    commands.add_parser("dead", help="list dead letters: damaged here, or refused by the "
                                     "platform, with the reasons")
    retry = commands.add_parser("retry", help="queue a dead letter again after a fix")
    retry.add_argument("id", help="the transaction id (see `dead`)")
    enroll = commands.add_parser("enroll", help="enroll this terminal with a one-time code")
    enroll.add_argument("--url", required=True, help="the platform's base URL")
    enroll.add_argument("--code", required=True, help="the one-time enrollment code")
    commands.add_parser("backup", help="make a sealed backup of the store now")
    diagnose_command = commands.add_parser(
        "diagnose", help="write one archive for support: versions, configuration without "
                         "secrets, device health, outbox counts, recent logs, no personal data")
    diagnose_command.add_argument("--out", type=Path, default=Path.cwd(),
                          help="the archive's file name, or a folder for it (default: here)")
    diagnose_command.add_argument("--log-dir", type=Path, default=None,
                          help="the terminal's logs (default: RECEPTION_LOG_DIR or the "
                               "user's log folder)")
    self_test = commands.add_parser(
        "self-test", help="a throw-away terminal in a temporary folder: store one transaction "
                          "(and deliver it, with --platform); exit 0 when done")
    self_test.add_argument("--platform", metavar="URL", help="a platform to deliver to")
    self_test.add_argument("--enroll-code", metavar="CODE",
                           help="with --platform: a one-time enrollment code")
    restore_command = commands.add_parser(
        "restore", help="put a backup back in place of the database (terminal stopped)")
    restore_command.add_argument("--backup", metavar="NAME",
                                 help="the backup's file name or path (default: the newest)")
    restore_command.add_argument("--list", action="store_true", help="list the backups")
    salvage_command = commands.add_parser(
        "salvage", help="build a new store from every readable record of the damaged "
                        "database and the newest backup (terminal stopped)")
    salvage_command.add_argument("--from", dest="sources", metavar="FILE", type=Path,
                                 action="append", default=[],
                                 help="another copy to read records from (a database file, "
                                      "e.g. one moved aside, or a backup); repeatable")
    salvage_command.add_argument("--no-backup", action="store_true",
                                 help="do not read the newest backup")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    folder = arguments.config_dir or config_dir()
    try:
        return _main(arguments, folder)
    except Exception as error:  # a bug: one plain line, the traceback on request
        if arguments.debug:
            traceback.print_exc()
        print(f"reception-sync: internal error ({type(error).__name__}: {error}); "
              f"run again with --debug for details", file=sys.stderr)
        return 3


def _self_test(arguments: argparse.Namespace) -> int:
    platform = None
    if arguments.platform:
        platform = SelfTestPlatform(arguments.platform, arguments.enroll_code or "")
    try:
        summary = run_sync_self_test(platform)
    except Exception as error:  # report any failure as a failed self-test
        print(f"self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"self-test: ok {summary}")
    return 0


def _diagnose(arguments: argparse.Namespace, folder: Path) -> int:
    """The archive even when the store or the configuration refuses to open."""
    path = diagnose(folder, arguments.out, arguments.log_dir or log_dir())
    print(f"diagnostics written to {path}")
    return 0


def _main(arguments: argparse.Namespace, folder: Path) -> int:
    if arguments.command == "self-test":
        return _self_test(arguments)
    if arguments.command == "diagnose":
        return _diagnose(arguments, folder)
    try:
        if arguments.command == "enroll":
            secrets = enroll_terminal(arguments.url, arguments.code, folder)
            print(f"enrolled as {secrets.terminal_id}; secrets in {folder / SECRETS_FILE}")
            return 0
        config = load_config(folder / CONFIG_FILE, SyncConfig)
        secrets = load_secrets(folder / SECRETS_FILE)
        if arguments.command in RECOVERY:
            parts = store_parts(config, secrets, config_folder=folder)
            try:
                return _recover(arguments, parts)
            except OSError as error:
                print(f"reception-sync: {arguments.command} stopped: {error}. Free space in "
                      f"{parts.database.parent} and run it again (nothing is deleted: a "
                      f"database it set aside is there as terminal.db.damaged-*).",
                      file=sys.stderr)
                return 1
        runtime = open_runtime(config, secrets, config_folder=folder)
    except (ConfigError, SecretsError, StoreError, PlatformError) as error:
        print(f"reception-sync: {error}", file=sys.stderr)
        return 2
    try:
        return _run(arguments, runtime)
    except StoreError as error:
        print(f"reception-sync: {error}", file=sys.stderr)
        return 2
    finally:
        runtime.close()


def _recover(arguments: argparse.Namespace, parts: StoreParts) -> int:
    if arguments.command == "restore":
        if arguments.list:
            return _list_backups(parts)
        backup = parts.backups.find(arguments.backup) if arguments.backup \
            else parts.backups.newest()
        if backup is None:
            print(f"reception-sync: there is no backup in {parts.backups.folder}; "
                  f"`reception-sync salvage` recovers what the damaged database still holds",
                  file=sys.stderr)
            return 1
        lines = restore(parts.database, parts.backups, backup, marker=parts.marker).lines()
    else:
        lines = salvage(parts.database, parts.sealer, parts.files,
                        extra_sources=arguments.sources,
                        backups=None if arguments.no_backup else parts.backups,
                        marker=parts.marker).lines()
    print("\n".join(lines))
    database = open_database(parts.database, marker=parts.marker)
    database.close()
    print(f"the store opens again: {parts.database}")
    return 0


def _list_backups(parts: StoreParts) -> int:
    backups = parts.backups.list()
    now = datetime.now(UTC)
    for backup in backups:
        age = int((now - backup.taken_at).total_seconds() // 60)
        print(f"{backup.name}  {backup.path.stat().st_size:>10} bytes  {age} min ago")
    print(f"{len(backups)} backup(s) in {parts.backups.folder}")
    return 0


def _drain(runtime: SyncRuntime, refresh: bool) -> int:
    """Deliver everything; ride out 5xx answers so a failing record is isolated."""
    outbox = runtime.outbox
    answered = failures = 0
    while True:
        try:
            answered += runtime.synchronizer.drain()
            if refresh:
                runtime.synchronizer.refresh()
            break
        except ServerError as error:
            failures += 1
            if failures > DRAIN_SERVER_RETRIES:
                print(f"drain stopped: {error}; backlog {outbox.backlog()}", file=sys.stderr)
                return 1
            print(f"{error}; retrying ({failures})", file=sys.stderr)
            time.sleep(min(4.0, 0.25 * 2 ** (failures - 1)))
        except (PlatformError, StoreError) as error:
            print(f"drain stopped: {error}; backlog {outbox.backlog()}", file=sys.stderr)
            return 1
    damaged = outbox.damaged_count()
    print(f"answered: {answered}; backlog: {outbox.backlog()}; dead: {outbox.dead_count()}"
          + (f" ({damaged} damaged on this terminal)" if damaged else ""))
    return 0


def _run(arguments: argparse.Namespace, runtime: SyncRuntime) -> int:
    outbox = runtime.outbox
    if arguments.command == "status":
        print(f"backlog: {outbox.backlog()}")
        print(f"dead letters: {outbox.dead_count()} ({outbox.damaged_count()} damaged on "
              f"this terminal)")
        newest = runtime.backups.newest()
        print(f"newest backup: {newest.name if newest else 'none'}")
        try:
            waiting = runtime.database.checkpoint()
        except StoreError as error:
            print(f"database: {error}")
        else:
            print("database: every commit is in the database file" if not waiting else
                  f"database: {waiting} page(s) of recent commits are still only in "
                  f"{runtime.database.wal_path.name} while a reader needs them; the next "
                  f"checkpoint writes them in")
        try:
            runtime.synchronizer.heartbeat()
            print("platform: reachable")
        except PlatformError as error:
            print(f"platform: unreachable ({error})")
        return 0
    if arguments.command == "drain":
        return _drain(runtime, arguments.refresh)
    if arguments.command == "dead":
        letters = outbox.dead_letters()
        for letter in letters:
            where = "damaged on this terminal" if letter.local else "refused by the platform"
            print(f"{letter.id}  seq={letter.seq}  {letter.kind}  {letter.created_at}  "
                  f"[{where}] {letter.code}: {letter.reason}")
        damaged = sum(letter.local for letter in letters)
        print(f"{len(letters)} dead letter(s), {damaged} damaged on this terminal")
        return 0
    if arguments.command == "retry":
        if outbox.retry(arguments.id):
            print(f"{arguments.id} queued again")
            return 0
        print(f"no dead letter {arguments.id}", file=sys.stderr)
        return 1
    if arguments.command == "backup":
        backup = runtime.backups.make(runtime.database.path)
        print(f"backed up to {backup.path}")
        return 0
    raise AssertionError(arguments.command)
