"""Start a systemd service unit's ExecStart as its user, where systemd is not running.

`make deploy-check` runs on CI machines whose PID 1 may not be systemd. There
the installed units are still what is tested: this reads the unit file
(User=, Group=, SupplementaryGroups=, Environment=, EnvironmentFile=,
WorkingDirectory=, ExecStart= with its continuation lines) and starts that
command line as that user, in a process group of its own. It understands
what the project's units use, not every systemd directive: specifiers (%h)
are not expanded, and directives such as PAMName=, TTYPath= or the sandbox
(ProtectSystem=) are left out (the caller says so).
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

#: ${NAME} anywhere in a word; $NAME as a whole word (split into words, as systemd does)
BRACED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
BARE = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")


@dataclass
class ServiceUnit:
    """The [Service] settings of one unit that starting it needs."""

    path: Path
    settings: dict[str, list[str]] = field(default_factory=dict)

    def last(self, key: str, default: str = "") -> str:
        values = self.settings.get(key, [])
        return values[-1] if values else default

    @property
    def user(self) -> str:
        return self.last("User", "root")

    @property
    def group(self) -> str:
        return self.last("Group", self.user)

    @property
    def supplementary_groups(self) -> list[str]:
        return [name for value in self.settings.get("SupplementaryGroups", [])
                for name in value.split()]

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """Environment= over `base`, then EnvironmentFile= over both: a variable set by
        both comes from the file, as in systemd."""
        env = dict(base or {})
        for value in self.settings.get("Environment", []):
            for assignment in shlex.split(value):
                key, _, text = assignment.partition("=")
                env[key] = text
        for name in self.settings.get("EnvironmentFile", []):
            optional = name.startswith("-")
            path = Path(name.lstrip("-"))
            if not path.exists() and optional:
                continue
            for line in path.read_text("utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith(("#", ";")) and "=" in line:
                    key, value = line.split("=", 1)
                    env[key.strip()] = value.strip().strip('"').strip("'")
        return env

    def command(self, env: dict[str, str]) -> list[str]:
        """ExecStart's words with ${NAME} and $NAME expanded from `env`."""
        words: list[str] = []
        for word in shlex.split(self.last("ExecStart").lstrip("-@:+!")):
            bare = BARE.match(word)
            if bare:
                words += env.get(bare.group(1), "").split()
            else:
                words.append(BRACED.sub(lambda m: env.get(m.group(1), ""), word))
        return words


def read_unit(path: Path) -> ServiceUnit:
    """The [Service] section of `path` (continuation lines joined)."""
    unit = ServiceUnit(path)
    section = ""
    text = re.sub(r"\\\n\s*", " ", path.read_text("utf-8"))
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "Service" and "=" in line:
            key, value = line.split("=", 1)
            unit.settings.setdefault(key.strip(), []).append(value.strip())
    return unit


def start_as_user(unit: ServiceUnit, extra_env: dict[str, str],
                  output: IO[bytes]) -> subprocess.Popen[bytes]:
    """Start the unit's command as its user and groups, with the unit's environment
    over a minimal one (PATH, HOME, USER, LOGNAME) and `extra_env` last."""
    account = pwd.getpwnam(unit.user)
    base = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": account.pw_dir,
            "USER": unit.user, "LOGNAME": unit.user, "LANG": os.environ.get("LANG", "C.UTF-8")}
    env = {**unit.environment(base), **extra_env}
    return subprocess.Popen(
        unit.command(env), env=env, user=account.pw_uid, group=grp.getgrnam(unit.group).gr_gid,
        extra_groups=[grp.getgrnam(name).gr_gid for name in unit.supplementary_groups],
        cwd=unit.last("WorkingDirectory") or "/", stdin=subprocess.DEVNULL, stdout=output,
        stderr=subprocess.STDOUT, start_new_session=True)
