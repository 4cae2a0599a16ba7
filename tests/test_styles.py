"""Styles live in resources/themes only: widget code names a role or an object
name, never a colour or a font size, so high contrast and large text reach
every widget. Checked on the source of the front ends and the shell."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "counter", "display", "terminal")
#: the one module that may hold colours: the theme loader (and its painted colours)
ALLOWED = {"terminal/theme.py"}
COLOUR_NAMES = ("white", "black", "red", "green", "blue", "yellow", "gray", "grey", "orange",
                "purple", "navy", "teal", "silver", "maroon", "olive", "lime", "aqua",
                "fuchsia", "transparent")
STYLE_PATTERNS = {
    "hex colour": re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"),
    "rgb()/hsl() colour": re.compile(r"\b(?:rgba?|hsla?|hsva?)\s*\("),
    "font size": re.compile(r"font(?:-size)?\s*:|\b\d+(?:\.\d+)?\s*(?:px|pt)\b"),
    "style declaration": re.compile(
        r"\b(?:color|background(?:-color)?|border(?:-color)?|selection-color)\s*:"),
    "named colour in a style": re.compile(
        r":\s*(?:" + "|".join(COLOUR_NAMES) + r")\b"),
}
FONT_SIZE_CALLS = {"setPointSize", "setPointSizeF", "setPixelSize"}
COLOUR_CALLS = {"QColor", "QBrush", "QPen"}


def widget_sources() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                  if str(path.relative_to(ROOT)) not in ALLOWED)


def strings_in(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal, f-strings joined with a placeholder for each value."""
    found: list[tuple[int, str]] = []
    inside_fstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value if isinstance(part, ast.Constant) else "0"
                           for part in node.values)
            found.append((node.lineno, text))
            inside_fstrings.update(id(part) for part in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in inside_fstrings:
            found.append((node.lineno, node.value))
    return found


def docstrings(tree: ast.AST) -> set[int]:
    """Line numbers of docstrings (prose may mention "12 pt" or "#hall")."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
                and node.body and isinstance(node.body[0], ast.Expr) \
                and isinstance(node.body[0].value, ast.Constant):
            lines.add(node.body[0].lineno)
    return lines


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def literal_colour(node: ast.Call) -> bool:
    """QColor("#fff"), QColor(0, 0, 0, 170), QPen("red"): a colour spelt out in code."""
    if call_name(node) == "QColor":
        return bool(node.args) and all(isinstance(arg, ast.Constant) for arg in node.args)
    return bool(node.args) and isinstance(node.args[0], ast.Constant) \
        and isinstance(node.args[0].value, str)


def style_offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    where = path.relative_to(ROOT)
    skip = docstrings(tree)
    offences = [f"{where}:{line}: {what} in {text!r}"
                for line, text in strings_in(tree) if line not in skip
                for what, pattern in STYLE_PATTERNS.items() if pattern.search(text)]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        if name == "setStyleSheet" and not (
                len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == ""):
            offences.append(f"{where}:{node.lineno}: a widget-level style sheet")
        if name in FONT_SIZE_CALLS and any(isinstance(arg, ast.Constant) for arg in node.args):
            offences.append(f"{where}:{node.lineno}: a literal font size")
        if name in COLOUR_CALLS and literal_colour(node):
            offences.append(f"{where}:{node.lineno}: a literal colour")
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Attribute) \
                and node.func.value.attr == "GlobalColor":
            offences.append(f"{where}:{node.lineno}: a named Qt colour")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in COLOUR_NAMES \
                and isinstance(node.value, ast.Attribute) and node.value.attr == "GlobalColor":
            offences.append(f"{where}:{node.lineno}: Qt.GlobalColor.{node.attr}")
    return offences


def test_widget_code_names_roles_never_colours_or_sizes() -> None:
    offences = [line for path in widget_sources() for line in style_offences(path)]
    assert offences == []


@pytest.mark.parametrize("sample, expected", [
    ('label.setStyleSheet("font-size: 90pt; color: #1f6feb;")', 4),
    ('x = "QPushButton:checked { background: #0b5d1e; }"', 2),
    ('painter.setPen(QColor("#2ecc71"))', 2),
    ('font.setPixelSize(40)', 1),
    ('f"font-size: {points}pt;"', 1),
    ('label.setProperty("role", "ticket-number")', 0),
])
def test_the_check_catches_what_it_should(tmp_path: Path, sample: str, expected: int) -> None:
    module = ROOT / "kiosk" / "_style_probe.py"
    module.write_text(sample + "\n", "utf-8")
    try:
        assert len(style_offences(module)) == expected
    finally:
        module.unlink()


def test_every_front_end_sheet_names_only_its_own_windows() -> None:
    """counter.qss and hall.qss share the application sheet with the kiosk:
    each of their rules starts with one of their own windows' object names."""
    scopes = {"counter.qss": ("#counterWindow", "#topBar", "#statusLine", "#workArea",
                              "#acceptanceWorkbench", "#ratingWindow"),
              "hall.qss": ("QWidget#hall", "#hall")}
    for sheet, allowed in scopes.items():
        text = re.sub(r"/\*.*?\*/", "", (ROOT / "resources" / "themes" / sheet).read_text(),
                      flags=re.S)
        for rule in re.findall(r"([^{}]+)\{", text):
            for selector in rule.split(","):
                assert selector.strip().startswith(allowed), (sheet, selector.strip())


@pytest.mark.parametrize("high_contrast", [False, True])
def test_high_contrast_and_large_text_reach_the_ticket_and_the_entry(
        qtbot: QtBot, qapp: object, high_contrast: bool) -> None:
    """The ticket number and an entry field follow both modes (they did not when
    their styles were set on the widget)."""
    from PySide6.QtGui import QPalette

    from sync.protocol.models import FieldType, FormField
    from terminal.form_fields import KeypadInput
    from terminal.theme import ThemeMode, apply_theme
    from terminal.widgets.labels import role_label

    number = role_label("ticket-number", name="ticketNumber")
    number.setText("A001")
    entry = KeypadInput(FormField(key="n", label_zh="数", label_en="n", type=FieldType.NUMBER), 4)
    for widget in (number, entry):
        qtbot.addWidget(widget)
    sizes = []
    try:
        for large in (False, True):
            apply_theme(qapp, ThemeMode(high_contrast=high_contrast, large_text=large))
            for widget in (number, entry.display):
                widget.ensurePolished()
            sizes.append((number.font().pointSize(), entry.display.font().pointSize()))
            ground = entry.display.palette().color(QPalette.ColorRole.Window).name()
            assert ground == ("#000000" if high_contrast else "#ffffff")
            ink = number.palette().color(QPalette.ColorRole.WindowText).name()
            assert ink == ("#ffff00" if high_contrast else "#1f6feb")
    finally:
        apply_theme(qapp, ThemeMode())
    assert sizes[1][0] > sizes[0][0] and sizes[1][1] > sizes[0][1]
