"""`make soak`: a seeded random-touch soak ("monkey") of the kiosk or the counter on a
real X display (Xvfb, started here), with the reference platform on loopback, the
loopback printer and the pty card reader of the e2e harness (tests/e2e). For
--minutes it taps what the screen shows through XTest (tests/e2e/monkey.py),
checking all along that the process lives, that its GUI thread answers the probe's
pings (the e2e watchdog) and that its logs hold no ERROR, CRITICAL or traceback;
at the end a normal flow must complete and everything the program said was saved
must be on the platform.

It prints the seed, every step (a replayable trace, also written to --trace) and a
summary; a failure names the seed and the last steps. `--replay TRACE` performs the
steps of a trace file again instead of drawing new ones. Exit status 1 on a finding.

    make soak SOAK_ARGS="--app kiosk --minutes 10 --seed 123"
    .venv/bin/python scripts/soak.py --app counter --language en --minutes 3
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.kiosk import SHOTS  # noqa: E402
from tests.e2e.soak_rig import APPS, KIOSK_SIZES, SoakApp  # noqa: E402
from tests.e2e.soak_run import Soak, SoakFailure  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", choices=APPS, default="kiosk")
    parser.add_argument("--language", choices=sorted(KIOSK_SIZES), default="zh_CN",
                        help="zh_CN (the kiosk portrait 1080x1920) or en (landscape "
                             "1920x1080); the counter is 1366x768 either way")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=None, help="default: a random one")
    parser.add_argument("--trace", type=Path, default=None,
                        help="write the steps here, one JSON object a line "
                             "(default: var/e2e/soak-APP-LANGUAGE-SEED.jsonl)")
    parser.add_argument("--replay", type=Path, default=None,
                        help="perform the steps of this trace instead of drawing new ones")
    parser.add_argument("--keep", action="store_true",
                        help="keep the run's folder (logs, data) and say where")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    seed = arguments.seed if arguments.seed is not None else random.randrange(1_000_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    trace = arguments.trace or SHOTS / f"soak-{arguments.app}-{arguments.language}-{seed}.jsonl"
    replay = None
    if arguments.replay is not None:
        replay = [json.loads(line) for line in arguments.replay.read_text("utf-8").splitlines()
                  if line.strip()]
        if trace.resolve() == arguments.replay.resolve():
            trace = trace.with_suffix(".replayed.jsonl")
    trace.unlink(missing_ok=True)
    print(f"soak: {arguments.app} ({arguments.language}), seed {seed}, "
          f"{arguments.minutes:g} min; trace {trace}; screenshots in {SHOTS}", flush=True)
    app = SoakApp(arguments.app, arguments.language)
    soak = Soak(app, seed, shots=SHOTS, trace_path=trace,
                say=lambda line: print(line, flush=True))
    failed = False
    try:
        app.start()
        summary = soak.run(arguments.minutes * 60, replay)
        print("soak: passed " + json.dumps(summary, ensure_ascii=False))
    except SoakFailure as failure:
        failed = True
        print(f"soak: FAILED\n{failure}", file=sys.stderr)
    except BaseException:
        failed = True
        print(f"soak: FAILED (seed {seed}) at {app.driver.step if app.driver else 'start-up'}",
              file=sys.stderr)
        if app.process is not None:
            print(app.process.log_tail(), file=sys.stderr)
        raise
    finally:
        code = app.close(keep=arguments.keep or failed)
        if arguments.keep or failed:
            print(f"soak: kept {app.folder} (logs, data)")
    if not failed and code != 0:
        print(f"soak: FAILED: the {arguments.app} did not exit cleanly on SIGTERM "
              f"(exit status {code}); seed {seed}", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
