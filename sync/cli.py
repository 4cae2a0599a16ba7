"""`reception-sync`: inspect and drive a terminal's outbox from a shell."""

from __future__ import annotations

import argparse
import base64
import socket
import sys
from pathlib import Path

from sync.client import PlatformClient, PlatformError
from sync.config import ConfigError, SyncConfig, load_config
from sync.paths import CONFIG_FILE, SECRETS_FILE, config_dir
from sync.runtime import SyncRuntime, open_runtime
from sync.secrets_file import SecretsError, TerminalSecrets, load_secrets, save_secrets
from sync.store.database import StoreError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reception-sync", description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="backlog, dead letters, platform reachability")
    drain = commands.add_parser("drain", help="deliver the whole backlog now")
    drain.add_argument("--refresh", action="store_true", help="also pull reference data")
    commands.add_parser("dead", help="list dead letters with the platform's reasons")
    retry = commands.add_parser("retry", help="queue a dead letter again after a fix")
    retry.add_argument("id", help="the transaction id (see `dead`)")
    enroll = commands.add_parser("enroll", help="enroll this terminal with a one-time code")
    enroll.add_argument("--url", required=True, help="the platform's base URL")
    enroll.add_argument("--code", required=True, help="the one-time enrollment code")
    return parser


def enroll_terminal(url: str, code: str, folder: Path) -> TerminalSecrets:
    """Trade a one-time code for this terminal's id and key; keep a data key."""
    answer = PlatformClient.enroll(url, code, socket.gethostname())
    secrets = TerminalSecrets(
        terminal_id=answer.terminal_id,
        signing_key=base64.urlsafe_b64decode(answer.key),
        data_key=TerminalSecrets.new_data_key(),
    )
    save_secrets(folder / SECRETS_FILE, secrets)
    return secrets


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    folder = arguments.config_dir or config_dir()
    try:
        if arguments.command == "enroll":
            secrets = enroll_terminal(arguments.url, arguments.code, folder)
            print(f"enrolled as {secrets.terminal_id}; secrets in {folder / SECRETS_FILE}")
            return 0
        config = load_config(folder / CONFIG_FILE, SyncConfig)
        runtime = open_runtime(config, load_secrets(folder / SECRETS_FILE))
    except (ConfigError, SecretsError, StoreError, PlatformError) as error:
        print(f"reception-sync: {error}", file=sys.stderr)
        return 2
    try:
        return _run(arguments, runtime)
    finally:
        runtime.close()


def _run(arguments: argparse.Namespace, runtime: SyncRuntime) -> int:
    outbox = runtime.outbox
    if arguments.command == "status":
        print(f"backlog: {outbox.backlog()}")
        print(f"dead letters: {outbox.dead_count()}")
        try:
            runtime.synchronizer.heartbeat()
            print("platform: reachable")
        except PlatformError as error:
            print(f"platform: unreachable ({error})")
        return 0
    if arguments.command == "drain":
        try:
            answered = runtime.synchronizer.drain()
            if arguments.refresh:
                runtime.synchronizer.refresh()
        except PlatformError as error:
            print(f"drain stopped: {error}; backlog {outbox.backlog()}", file=sys.stderr)
            return 1
        print(f"answered: {answered}; backlog: {outbox.backlog()}; dead: {outbox.dead_count()}")
        return 0
    if arguments.command == "dead":
        letters = outbox.dead_letters()
        for letter in letters:
            print(f"{letter.id}  seq={letter.seq}  {letter.kind}  {letter.created_at}  "
                  f"{letter.code}: {letter.reason}")
        print(f"{len(letters)} dead letter(s)")
        return 0
    if arguments.command == "retry":
        if outbox.retry(arguments.id):
            print(f"{arguments.id} queued again")
            return 0
        print(f"no dead letter {arguments.id}", file=sys.stderr)
        return 1
    raise AssertionError(arguments.command)
