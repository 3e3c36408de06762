"""The class of bug "clicked(bool) lands in an optional parameter", kept out of ui/ for good.

PySide passes ``clicked``/``triggered``'s checked flag to any slot that can take an argument:
``export_excel(path=None)`` got ``False`` and crashed on ``.lower()``, ``give_back(comment=None)``
on ``.strip()``. Every such connection in ui/ must go through ``ui.slots.on_click`` (which calls
the slot with nothing) or be a lambda or a method that takes no argument.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ui.slots import on_click

UI = Path(__file__).resolve().parents[2] / "ui"
FLAG_SIGNALS = {"clicked", "triggered", "toggled"}
# Qt's own slots that take no argument (or the flag on purpose, as setEnabled/setVisible do).
QT_SLOTS = {"accept", "reject", "close", "show", "hide", "raise_", "setFocus", "clear", "update",
            "setEnabled", "setVisible", "setDisabled", "setHidden", "quit", "deleteLater"}  # fmt: skip


def _methods(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def _takes_arguments(fn: ast.FunctionDef | ast.Lambda) -> bool:
    """True when a positional argument (beyond self) could receive the checked flag."""
    positional = fn.args.posonlyargs + fn.args.args
    if isinstance(fn, ast.FunctionDef) and positional and positional[0].arg in ("self", "cls"):
        positional = positional[1:]
    if isinstance(fn, ast.Lambda):
        # a lambda may take the flag into a defaulted name it never reads (_checked=False, s=slot)
        named = {a.arg for a in positional}
        used = {n.id for n in ast.walk(fn.body) if isinstance(n, ast.Name)}
        return any(not a.startswith("_") and a in used and a not in _defaults(fn) for a in named)
    return bool(positional) or fn.args.vararg is not None


def _defaults(fn: ast.Lambda) -> set[str]:
    positional = fn.args.posonlyargs + fn.args.args
    return {a.arg for a in positional[len(positional) - len(fn.args.defaults):]}


def flag_slot_problems(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    methods = _methods(tree)
    problems = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect" and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr in FLAG_SIGNALS and node.args):  # fmt: skip
            continue
        signal, target = node.func.value.attr, node.args[0]
        where = f"{name}:{node.lineno}"
        if isinstance(target, ast.Lambda):
            if signal != "toggled" and _takes_arguments(target):
                problems.append(f"{where}: the lambda reads the {signal} flag as an argument")
        elif isinstance(target, ast.Attribute):
            method = methods.get(target.attr)
            if method is not None and isinstance(target.value, ast.Name) and target.value.id == "self":
                if signal != "toggled" and _takes_arguments(method):
                    problems.append(f"{where}: {signal}(bool) lands in {target.attr}()'s parameters")
            elif target.attr not in QT_SLOTS:
                problems.append(f"{where}: {signal} to {target.attr} cannot be checked; use on_click")
        else:
            problems.append(f"{where}: {signal} to a variable cannot be checked; use on_click")
    return problems


def double_open_problems(source: str, name: str) -> list[str]:
    """A view with both doubleClicked and activated connected opens its dialog twice."""
    problems = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef):
            continue
        seen: dict[str, set[str]] = {}
        for node in ast.walk(fn):
            if (isinstance(node, ast.Attribute) and node.attr == "connect"
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr in ("doubleClicked", "activated")):  # fmt: skip
                seen.setdefault(ast.unparse(node.value.value), set()).add(node.value.attr)
        problems += [f"{name}:{fn.lineno}: {view} connects doubleClicked and activated"
                     for view, signals in seen.items() if len(signals) == 2]  # fmt: skip
    return problems


def _sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name != "slots.py")


def test_no_button_or_action_passes_its_flag_to_a_slot() -> None:
    problems = [p for path in _sources() for p in flag_slot_problems(path.read_text("utf-8"), str(path.relative_to(UI)))]
    assert problems == []


def test_no_view_opens_a_row_twice() -> None:
    problems = [p for path in _sources() for p in double_open_problems(path.read_text("utf-8"), str(path.relative_to(UI)))]
    assert problems == []


@pytest.mark.parametrize(
    "line",
    [
        "self.b.clicked.connect(self.export_excel)",
        "button.clicked.connect(slot)",
        "action.triggered.connect(lambda checked: self.go(checked))",
    ],
)
def test_the_scan_catches_the_old_bugs(line: str) -> None:
    source = f"class P:\n    def export_excel(self, path=None):\n        pass\n    def f(self):\n        {line}\n"
    assert flag_slot_problems(source, "x.py")


def test_the_scan_accepts_safe_connections() -> None:
    source = ("class P:\n    def go(self):\n        pass\n    def f(self):\n"
              "        self.b.clicked.connect(self.go)\n"
              "        self.b.clicked.connect(lambda _c=False, s=slot: s())\n"
              "        self.b.clicked.connect(dialog.reject)\n")  # fmt: skip
    assert flag_slot_problems(source, "x.py") == []
    twice = "def f(view):\n    view.doubleClicked.connect(a)\n    view.activated.connect(a)\n"
    assert double_open_problems(twice, "x.py")


def test_on_click_calls_the_slot_with_nothing(qtbot) -> None:
    calls: list[tuple] = []
    button = QPushButton("x")
    button.setCheckable(True)
    qtbot.addWidget(button)

    def slot(*args: object) -> None:
        calls.append(args)

    on_click(button, slot)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == [()]


def test_export_excel_button_asks_for_a_file_and_writes_it(window, qtbot, monkeypatch, tmp_path) -> None:
    target = tmp_path / "don-vi.xlsx"
    monkeypatch.setattr("ui.widgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    page = window.show_page_key("units")
    qtbot.mouseClick(page.table.export_button, Qt.MouseButton.LeftButton)
    assert page.table.last_export.wait(10_000) and page.table.last_export.ok
    assert target.stat().st_size > 0


def test_double_click_on_a_row_opens_it_once(window, qtbot) -> None:
    page = window.show_page_key("units")
    opened: list[dict] = []
    page.table.activated.disconnect()
    page.table.activated.connect(opened.append)
    view = page.table.view
    qtbot.waitUntil(lambda: page.table.model.rowCount() > 0)
    rect = view.visualRect(page.table.model.index(0, 0))
    # a person's double click: press and release, then the double-click event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
