"""The dependency rules of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in sources(package):
        for name in imported_modules(path):
            if name.startswith(forbidden) and not name.startswith(allowed):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", ["sync", "hardware"])
def test_the_core_never_imports_qt_or_the_apps(package: str) -> None:
    assert offenders(package, ("PySide6", "kiosk", "counter", "display", "terminal")) == []


def test_hardware_knows_nothing_of_sync() -> None:
    assert offenders("hardware", ("sync",)) == []


def test_sync_knows_nothing_of_hardware() -> None:
    assert offenders("sync", ("hardware",)) == []


def test_the_platform_imports_only_the_protocol_of_the_terminal_side() -> None:
    assert offenders("sync/server", ("sync",), allowed=("sync.protocol", "sync.server")) == []


def test_the_front_ends_do_not_import_each_other() -> None:
    assert offenders("kiosk", ("counter", "display")) == []
    assert offenders("counter", ("kiosk", "display")) == []
    assert offenders("display", ("kiosk", "counter")) == []
    assert offenders("terminal", ("kiosk", "counter", "display")) == []


def test_the_terminal_side_never_imports_the_platform_outside_its_test_harness() -> None:
    harness = {"terminal/local_platform.py"}
    found = [line for package in ("kiosk", "counter", "display", "terminal")
             for line in offenders(package, ("sync.server",))
             if line.split(" imports ")[0] not in harness]
    assert found == []


#: Ways Python code gets called on a thread of Qt's (a message handler runs on the
#: logging thread; a direct or blocking connection runs the slot on the emitting
#: thread). The GUI thread may wait on such a thread while holding the GIL.
ON_QT_THREADS = {"qInstallMessageHandler", "DirectConnection", "BlockingQueuedConnection"}


def test_no_python_runs_on_a_thread_of_qts() -> None:
    found = []
    for package in ("kiosk", "counter", "display", "terminal", "hardware", "sync", "scripts"):
        for path in sources(package):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                name = node.attr if isinstance(node, ast.Attribute) else \
                    node.id if isinstance(node, ast.Name) else \
                    node.name if isinstance(node, ast.alias) else None
                if name in ON_QT_THREADS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {name}")
    assert found == []


# ---- background work: one shape (terminal/background.py) --------------------------------

GUI_PACKAGES = ("kiosk", "counter", "display", "terminal")
#: Threads and pools are made in terminal/background.py only, except the long-lived
#: threads of one object each that run a loop until stopped, documented in "Threads" of
#: docs/architecture.md.
OWN_THREADS = {
    "terminal/background.py": "the lanes and their one dispatcher",
    "terminal/devices/workers.py": "one thread per device adapter",
    "counter/staff_card.py": "the staff card reader's polling loop (a device)",
    "terminal/hall_feed.py": "the hall event stream of a display or counter (like the sync "
                             "worker)",
    "terminal/native_log.py": "the reader of Qt's stderr pipe, for the process's life",
    "terminal/logs.py": "the writer of log lines to the journal, for the process's life",
    "terminal/local_platform.py": "the reference platform's server (test and demo harness)",
    "terminal/link.py": "the link's probe of the platform (one long-lived loop)",
    "terminal/devices/camera_process.py": "the reader of the camera process's pipe",
    "terminal/devices/camera_child.py": "the camera process's reader of the kiosk's commands",
}
POOLS = {"QRunnable", "QThreadPool", "QThread", "QtConcurrent", "ThreadPoolExecutor",
         "ProcessPoolExecutor"}
THREADING = {"Thread", "Timer"}


def _names(tree: ast.AST) -> set[str]:
    """Pool and thread names a module uses (plain, attribute or imported)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in POOLS:
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            if node.attr in POOLS:
                found.add(node.attr)
            elif (node.attr in THREADING and isinstance(node.value, ast.Name)
                  and node.value.id == "threading"):
                found.add(f"threading.{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in POOLS:
                    found.add(alias.name)
                elif node.module == "threading" and alias.name in THREADING:
                    found.add(f"threading.{alias.name}")
    return found


def _job_objects(tree: ast.AST) -> list[str]:
    """QObject subclasses made for one job: with a `run(self)` body, or only signals."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        if "QObject" not in bases:
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr)
                                             and isinstance(s.value, ast.Constant))]
        job_body = any(isinstance(s, ast.FunctionDef) and s.name == "run"
                       and len(s.args.args) == 1 for s in body)  # run(self), as a thread's
        signals_only = all(isinstance(s, ast.Assign | ast.AnnAssign) for s in body)
        if job_body or signals_only:
            found.append(node.name)
    return found


def test_gui_code_runs_background_work_only_through_the_lanes() -> None:
    found = []
    for package in GUI_PACKAGES:
        for path in sources(package):
            relative = str(path.relative_to(ROOT))
            tree = ast.parse(path.read_text("utf-8"))
            if relative not in OWN_THREADS:
                found += [f"{relative} uses {name}" for name in sorted(_names(tree))]
            found += [f"{relative}: per-job QObject {name}" for name in _job_objects(tree)]
    assert found == []


# ---- input rules, clock and keypads: one of each (terminal/validation.py) ---------------

#: A phone number's pattern: a regular expression for 1x... or 0x... digits.
PHONE_PATTERN = re.compile(r"(?:^|[(|])[01](?:\\d|\[\d-\d\])")
#: Modules that read the digits of a phone or ID number other than to check them.
PHONE_MASKING = {"terminal/logs.py": "masks phone numbers in log lines"}
#: Where what residents and clerks type is checked: the day comes from the injected clock.
INPUT_MODULES = ("terminal/form_fields", "terminal/validation.py", "kiosk/screens",
                 "counter/acceptance")
MACHINE_CLOCK = {("date", "today"), ("datetime", "today"), ("datetime", "now")}
#: Keys laid out like a telephone's: only the one keypad widget builds them.
DIGIT_ROWS = {"123456789", "1234567890", "0123456789"}


def _gui_trees() -> list[tuple[str, ast.AST]]:
    return [(str(path.relative_to(ROOT)), ast.parse(path.read_text("utf-8")))
            for package in GUI_PACKAGES for path in sources(package)]


def test_id_and_phone_rules_live_only_in_terminal_validation() -> None:
    found = []
    for relative, tree in _gui_trees():
        if relative == "terminal/validation.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "hardware.identity":
                found += [f"{relative} imports {alias.name}" for alias in node.names
                          if alias.name == "validate_id_number"]
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and PHONE_PATTERN.search(node.value) and relative not in PHONE_MASKING):
                found.append(f"{relative}:{node.lineno} has a phone rule {node.value!r}")
    assert found == []


def test_input_checks_read_the_injected_clock_never_the_machines() -> None:
    found = []
    for relative, tree in _gui_trees():
        if not relative.startswith(INPUT_MODULES):
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and (node.func.value.id, node.func.attr) in MACHINE_CLOCK):
                found.append(f"{relative}:{node.lineno} calls {node.func.value.id}."
                             f"{node.func.attr}()")
            elif isinstance(node, ast.arguments):
                defaults = [*node.defaults, *(d for d in node.kw_defaults if d is not None)]
                found += [f"{relative}:{d.lineno} defaults to the machine's clock"
                          for d in defaults if isinstance(d, ast.Attribute)
                          and isinstance(d.value, ast.Name)
                          and (d.value.id, d.attr) in MACHINE_CLOCK and d.attr == "today"]
    assert found == []


def test_one_digit_keypad_widget() -> None:
    found = []
    for relative, tree in _gui_trees():
        if relative == "terminal/widgets/keypad.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in DIGIT_ROWS:
                found.append(f"{relative}:{node.lineno} lays out digit keys")
            elif isinstance(node, ast.List | ast.Tuple):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if "".join(map(str, items[:9])) == "123456789":
                    found.append(f"{relative}:{node.lineno} lays out digit keys")
    assert found == []


def test_each_helper_function_is_defined_once() -> None:
    """No two GUI modules define the same module-level function (same name, same body)."""
    seen: dict[str, str] = {}
    found = []
    for relative, tree in _gui_trees():
        for node in getattr(tree, "body", []):
            if isinstance(node, ast.FunctionDef):
                key = ast.dump(node)
                if key in seen:
                    found.append(f"{relative} repeats {node.name} of {seen[key]}")
                seen.setdefault(key, relative)
    assert found == []


# ---- no import cycles -------------------------------------------------------------------

PACKAGES = ("kiosk", "counter", "display", "terminal", "hardware", "sync")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Project modules `path` imports when it runs (at the top or inside a function),
    leaving out imports under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for statement in node.body for inner in ast.walk(statement)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] \
                if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while (other := stack.pop()) != module:
                group.append(other)
            if group:
                groups.append(sorted([module, *group]))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycles() -> None:
    paths = {_module_name(path): path for package in PACKAGES for path in sources(package)}
    graph = {name: _runtime_imports(path, name, set(paths)) for name, path in paths.items()}
    assert _cycles(graph) == []



# ---- the platform's queue: a subpackage by domain, services free of HTTP ----------------

QUEUE = ROOT / "sync" / "server" / "queue"
#: The queue's HTTP layer: the endpoints, and the hall display's event stream.
QUEUE_HTTP = {"routes.py", "hall.py"}
HTTP = ("fastapi", "starlette", "sync.server.errors", "sync.server.access",
        "sync.server.routes")


def test_the_queue_is_a_subpackage_by_domain() -> None:
    modules = {path.stem for path in QUEUE.glob("*.py")}
    assert {"calls", "issue", "bookings", "stats", "hall", "errors", "routes"} <= modules
    flat = sorted(path.name for path in (ROOT / "sync" / "server").glob("queue*.py"))
    assert flat == []


def test_the_queue_services_know_no_http() -> None:
    """They raise the errors of sync/server/queue/errors.py (no ApiError to import)."""
    found = []
    for path in sorted(QUEUE.glob("*.py")):
        if path.name in QUEUE_HTTP:
            continue
        found += [f"{path.name} imports {name}" for name in imported_modules(path)
                  if name.startswith(HTTP)]
    assert found == []


def _screen_modules() -> dict[str, Path]:
    """Modules of kiosk/screens that define a screen (a KioskScreen subclass)."""
    found = {}
    for path in sorted((ROOT / "kiosk" / "screens").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        if any(isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", None) == "KioskScreen" for base in node.bases)
               for node in tree.body):
            found[_module_name(path)] = path
    return found


def test_kiosk_screens_do_not_import_one_another() -> None:
    """What several screens share lives outside them (kiosk/widgets.py, kiosk/step_form.py,
    kiosk/catalog_source.py...); only the flows' registries name the screens."""
    screens = _screen_modules()
    known = {_module_name(path) for path in sources("kiosk")}
    found = [f"{name} imports {other}" for name, path in screens.items()
             for other in sorted(_runtime_imports(path, name, known)) if other in screens]
    assert found == []


# ---- tests write their artefacts under their own temporary directory ---------------------

#: The real-display tests keep their screenshots where `make e2e` documents them.
OWN_ARTEFACT_FOLDERS = {"tests/e2e"}
FIXED_FOLDER = re.compile(r"/(?:var/)?tmp/\w")


def test_tests_write_no_fixed_folders() -> None:
    """Screenshots and renders go to `tests.helpers.artefacts.artefact_dir` (under the
    test's tmp_path), never to a fixed folder such as /tmp/kiosk-apply."""
    found = []
    for path in sources("tests"):
        relative = str(path.relative_to(ROOT))
        if relative.startswith(tuple(OWN_ARTEFACT_FOLDERS)):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and FIXED_FOLDER.match(node.value)):
                found.append(f"{relative}:{node.lineno} writes to {node.value}")
    assert found == []
