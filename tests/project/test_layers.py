"""The import-linter contracts (pyproject.toml) hold, and fail when a forbidden import is added.

Each case copies the three packages to a temporary folder, adds one import the design forbids,
and runs ``lint-imports`` there: the contract named must break.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT)], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def _copy(tmp: Path) -> Path:
    for package in ("ui", "services", "models"):
        shutil.copytree(ROOT / package, tmp / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def test_the_tree_keeps_the_contracts() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("services/core/about.py", "import PySide6.QtCore  # noqa", "No Qt in services or models"),
        ("models/enums.py", "import services.core.vietnamese  # noqa", "Imports point down"),
        ("ui/commands/reporting.py", "import sqlalchemy  # noqa", "No SQL in ui"),
        ("services/sync/dump.py", "import ui.cli  # noqa", "Imports point down"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    root = _copy(tmp_path)
    target = root / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint(root)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(row.startswith(contract) for row in broken), result.stdout


def test_no_session_in_ui() -> None:
    """The contracts see imports; a session reached through ``db.session()`` is not one, so look."""
    offenders = [
        str(f.relative_to(ROOT))
        for f in sorted((ROOT / "ui").rglob("*.py"))
        if ".session(" in f.read_text(encoding="utf-8")
    ]
    assert offenders == []
