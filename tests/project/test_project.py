"""Project hygiene: pinned ranges, nothing machine-specific in git, layers kept apart."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from services.core.about import VERSION

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOWER, UPPER = {">=", ">", "~=", "=="}, {"<", "<=", "~=", "=="}


def requirements() -> list[str]:
    deps = list(PYPROJECT["project"]["dependencies"])
    for group in PYPROJECT.get("dependency-groups", {}).values():
        deps += [d for d in group if isinstance(d, str)]
    return deps


@pytest.mark.parametrize("spec", requirements())
def test_every_dependency_has_a_version_range(spec: str) -> None:
    operators = {s.operator for s in Requirement(spec).specifier}
    assert operators & LOWER, f"{spec}: no lower bound"
    assert operators & UPPER, f"{spec}: no upper bound"


def test_the_dependencies_the_issue_names() -> None:
    names = {Requirement(s).name.lower() for s in requirements()}
    wanted = {"pyside6", "sqlalchemy", "alembic", "openpyxl", "reportlab", "platformdirs", "cryptography",
              "python-docx", "argon2-cffi", "pytest", "pytest-qt", "hypothesis", "ruff"}  # fmt: skip
    assert wanted <= names, wanted - names


def test_version_is_the_same_everywhere() -> None:
    assert PYPROJECT["project"]["version"] == VERSION


def git_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / line for line in out.splitlines() if line]


def test_uv_lock_is_ignored_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "uv.lock" in ignored
    assert "uv.lock" not in [p.name for p in git_files() if p.parent == ROOT]


# Built from parts so that this file does not match itself.
FORBIDDEN = [
    re.compile("/" + "work" + "/"),
    re.compile(
        r"pypi\.org|pythonhosted\.org|index-url|registry\.npmjs|proxy\.golang|/simple/", re.IGNORECASE
    ),
    re.compile(r"https?://[^\s\"')]*(?:artifactory|nexus|devpi|registry)[^\s\"')]*", re.IGNORECASE),
]


def test_no_machine_paths_or_registry_urls_in_git() -> None:
    offenders = []
    for path in git_files():
        if not path.is_file() or path == Path(__file__).resolve():
            continue  # deleted in the working tree, or this file's own patterns
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # fonts, images, compiled translations
        for pattern in FORBIDDEN:
            for match in pattern.finditer(content):
                line = content.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    assert offenders == []


def python_files(*places: str) -> list[Path]:
    files: list[Path] = []
    for place in places:
        target = ROOT / place
        files += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return [f for f in files if "__pycache__" not in f.parts]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pytestqt")


def test_no_qt_in_services_or_models() -> None:
    files = python_files("services", "models")
    assert len(files) > 10
    offenders = [
        f"{f.relative_to(ROOT)}: {m}" for f in files for m in imported_modules(f) if m.split(".")[0] in QT
    ]
    assert offenders == []


def test_no_sql_in_pages_dialogs_and_widgets() -> None:
    """The GUI asks services; it never builds a query (house rule: no SQL in ui/)."""
    files = python_files("ui/pages", "ui/dialogs", "ui/widgets.py")
    assert files
    bare_select = re.compile(r"(?<![\w.])select\(")
    offenders = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        if any(m.split(".")[0] == "sqlalchemy" for m in imported_modules(f)) or "sqlalchemy" in text:
            offenders.append(f"{f.relative_to(ROOT)}: sqlalchemy")
        if bare_select.search(text):
            offenders.append(f"{f.relative_to(ROOT)}: select(")
    assert offenders == []
