"""One soak: the monkey's steps on the program for a while, each followed by the
checks (the process alive, the GUI thread answering the probe and the watchdog,
no fault in its logs), what the resident was told was saved noted as it shows,
then a normal flow to the end and every promise looked up on the platform.

A failure (`SoakFailure`) names the seed and the last steps; the whole trace
(one JSON object a line) is in `trace` and, with `trace_path`, in that file,
which `--replay` performs again step by step."""

from __future__ import annotations

import contextlib
import json
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.monkey import Step, choose, perform
from tests.e2e.soak_end import PROMISING, final_flow, promises_kept
from tests.e2e.soak_rig import SoakApp

TRACKING = re.compile(r"RC-\d{8}-[A-Z][A-Z0-9]{1,7}-\d{5}")
#: the steps a failure repeats
LAST_STEPS = 15
#: how often a wait looks at the program (s)
WAIT_LOOK = 1.0


class SoakFailure(AssertionError):
    """What the soak found, with the seed and the last steps to replay it."""


@dataclass
class Soak:
    app: SoakApp
    seed: int
    shots: Path | None = None  # a screenshot of each screen the first time it shows
    trace_path: Path | None = None
    say: Callable[[str], None] = print
    trace: list[Step] = field(default_factory=list)
    #: ticket numbers and tracking numbers the program showed as saved
    promised: dict[str, str] = field(default_factory=dict)
    screens: dict[str, int] = field(default_factory=dict)
    _platform_down_at: float | None = None
    _started: float = 0.0

    def run(self, seconds: float, replay: Iterable[Step] | None = None) -> dict[str, Any]:
        """The steps for `seconds` (or those of `replay`), the end flow, the promises."""
        rng = random.Random(self.seed)
        self._started = time.monotonic()
        state = self.look()
        steps = iter(replay) if replay is not None else None
        while True:
            if steps is not None:
                step = next(steps, None)
                if step is None:
                    break
                step = {key: value for key, value in step.items()
                        if key not in ("n", "t", "screen")}
            elif time.monotonic() - self._started >= seconds:
                break
            else:
                away = (None if self._platform_down_at is None
                        else time.monotonic() - self._platform_down_at)
                step = choose(rng, self.app, state, away)
            state = self.take(step, state)
        self.take({"do": "platform", "up": True}, state)
        self.say(f"soak: {len(self.trace)} steps done; the normal flow at the end")
        self.check(final_flow(self.app, self.look), "the normal flow at the end")
        missing = promises_kept(self.app, self.promised)
        self.check(not missing, "the platform holds everything the program said was saved",
                   f"missing on the platform: {missing}")
        return self.summary()

    def take(self, step: Step, state: dict[str, Any]) -> dict[str, Any]:
        step = {"n": len(self.trace) + 1, "t": round(time.monotonic() - self._started, 1),
                "screen": state.get("screen"), **step}
        self.trace.append(step)
        line = json.dumps(step, ensure_ascii=False)
        self.say(f"step {line}")
        if self.trace_path is not None:
            with open(self.trace_path, "a", encoding="utf-8") as trace:
                trace.write(line + "\n")
        driver = self.app.driver
        assert driver is not None
        driver.begin(f"soak step {step['n']}: {step['do']}")
        try:
            perform(self.app, step)
        except Exception as error:  # any failure to act is reported with the seed
            self.fail(f"step {step['n']} could not be done: {error!r}")
        if step["do"] == "platform":
            self._platform_down_at = None if step["up"] else time.monotonic()
        if step["do"] != "wait":
            return self.look(settle=0.15)
        until = time.monotonic() + step["s"]
        while True:
            state = self.look()
            left = until - time.monotonic()
            if left <= 0:
                return state
            time.sleep(min(WAIT_LOOK, left))

    def look(self, settle: float = 0.0) -> dict[str, Any]:
        """The program's state after `settle` s, checked; the promises it shows noted."""
        if settle:
            time.sleep(settle)
        assert self.app.driver is not None and self.app.logs is not None
        self.check(self.app.alive(), "the process is alive",
                   f"it exited with status {self._status()}\n{self.app.process.log_tail()}")
        try:
            state = self.app.driver.state()
        except AssertionError as error:  # GuiNotAnswering: the GUI thread, or the watchdog
            self.fail(f"the GUI thread did not answer: {error}")
        except OSError as error:  # the probe's socket closed under the request: it died
            self._died(error)
        faults = self.app.logs.faults()
        self.check(not faults, "no ERROR, CRITICAL or traceback in its logs",
                   "\n".join(faults))
        self.check(self.app.app != "kiosk" or state.get("screen") is not None
                   or not state.get("identified"),
                   "the attract screen holds nobody's session",
                   "a resident is still identified on the attract screen")
        self._note(state)
        return state

    def _note(self, state: dict[str, Any]) -> None:
        screen = str(state.get("screen") if self.app.app == "kiosk"
                     else f"counter-{state.get('clerk') is not None}-{state.get('step')}")
        if screen not in self.screens and self.shots is not None:
            self.app.driver.screenshot(f"soak-{self.app.app}-{self.app.language}-"
                                       f"{self.seed}-{screen}")
        self.screens[screen] = self.screens.get(screen, 0) + 1
        if state.get("screen") not in PROMISING:
            return
        for widget in state["widgets"]:
            text = widget.get("text") or ""
            if widget["name"] == "ticketNumber" and text.strip():
                self.promised.setdefault(text.strip(), "ticket")
            for number in TRACKING.findall(text):
                self.promised.setdefault(number, "tracking")

    def _died(self, error: OSError) -> None:
        process = self.app.process.process if self.app.process is not None else None
        status = process.wait(10) if process is not None else None
        output = self.app.process.output
        tail = output.read_bytes()[-4000:] if output.exists() else b""
        dumping = status == -11 and b"most recent call first" in tail and not tail.endswith(b"\n\n")
        self.fail(f"the process is alive: NO. The probe said {error!r}; exit status {status}"
                  f"{' (SIGSEGV)' if status == -11 else ''}"
                  + (" while writing the stack dump the watchdog asked for on a late ping "
                     "(faulthandler's all-thread dump can crash a busy process: a late ping "
                     "is the finding)" if dumping else "")
                  + f"\n{self.app.process.log_tail()}")

    def _status(self) -> Any:
        process = self.app.process.process if self.app.process is not None else None
        return None if process is None else process.returncode

    def check(self, ok: Any, what: str, detail: str = "") -> None:
        if not ok:
            self.fail(f"{what}: NO. {detail}")

    def fail(self, message: str) -> None:
        last = "\n".join(json.dumps(step, ensure_ascii=False)
                         for step in self.trace[-LAST_STEPS:])
        shot = ""
        with contextlib.suppress(Exception):  # the X server itself may be the trouble
            shot = f"\nscreenshot: {self.app.driver.screenshot(f'soak-failure-{self.seed}')}"
        raise SoakFailure(
            f"soak of the {self.app.app} ({self.app.language}), seed {self.seed}, after "
            f"{len(self.trace)} steps: {message}{shot}\nthe last steps:\n{last}\n"
            f"replay: scripts/soak.py --app {self.app.app} --language {self.app.language} "
            f"--seed {self.seed}" + (f" --replay {self.trace_path}" if self.trace_path else ""))

    def summary(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for step in self.trace:
            kinds[step["do"]] = kinds.get(step["do"], 0) + 1
        watchdog = self.app.driver.watchdog if self.app.driver is not None else None
        return {"app": self.app.app, "language": self.app.language, "seed": self.seed,
                "steps": len(self.trace), "kinds": kinds, "screens": self.screens,
                "promised": len(self.promised),
                "slowest_ping_s": round(watchdog.worst, 2) if watchdog else None,
                "seconds": round(time.monotonic() - self._started)}
