"""Imports that cost nothing: errors, enums, --version and --help load no heavy library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "PySide6", "reportlab", "openpyxl", "docx")
# On a SQLite office, neither is SQLAlchemy's PostgreSQL dialect (with its four drivers) loaded.
EVERYDAY_HEAVY = (*HEAVY, "sqlalchemy.dialects.postgresql")


def _probe(argv: list[str], report: str) -> str:
    """A child's code: ``main.py ARGV…`` run as a script, then ``report`` (what it left loaded, …)."""
    return f"""
import gc, sys, runpy
sys.argv = ["main.py", *{argv!r}]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
{report}
"""


def _heavy_modules_after(argv: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    code = _probe(argv, f"""heavy = sorted(m for m in {heavy!r} if m in sys.modules)
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")""")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("HEAVY="))
    return [name for name in line.removeprefix("HEAVY=").split(",") if name]


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_load_no_heavy_library(argv: list[str]) -> None:
    assert _heavy_modules_after(argv) == []


def test_errors_and_enums_import_without_sqlalchemy() -> None:
    code = (
        "import sys; import models.errors, models.enums; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_any_model_name_maps_the_whole_schema() -> None:
    """``from models import Base`` alone must give the metadata every table module declares."""
    code = (
        "from models import Base; lazy = sorted(Base.metadata.tables); "
        "import models.local, models.org, models.plans, models.reporting; "
        "print(lazy == sorted(Base.metadata.tables), len(lazy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    same, count = out.stdout.split()
    assert same == "True"
    assert int(count) >= 20


def test_head_revision_read_from_the_files_is_alembics() -> None:
    from models.db import _alembic_head, head_revision

    assert head_revision() == _alembic_head()


@pytest.mark.parametrize("argv", [["tasks", "--json"], ["peers"], ["dashboard", "--json"], ["check"]])
def test_everyday_commands_load_no_migration_printing_or_gui_library(tmp_path, argv: list[str]) -> None:
    """A command's overhead is its own work: alembic, ReportLab, openpyxl and Qt only when it needs them."""
    db = tmp_path / "d.sqlite"
    subprocess.run([sys.executable, "main.py", "--db", str(db), "demo", "--schools", "2"], cwd=ROOT,
                   capture_output=True, check=True, timeout=300)  # fmt: skip
    heavy = _heavy_modules_after(["--db", str(db), *argv], (*EVERYDAY_HEAVY, *COMMAND_MODULES))
    own = next(module for module, names in COMMAND_MODULES.items() if argv[0] in names)
    assert [m for m in heavy if m != "sqlalchemy"] == [own]  # nor the other commands' modules


def test_source_run_keeps_compiled_modules_where_bytecode_is_forbidden(tmp_path: Path) -> None:
    """PYTHONDONTWRITEBYTECODE would make every command compile SQLAlchemy again (about a second):
    main.py sends compiled modules to the user's cache folder instead, outside the tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    env.update(PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=ROOT, env=env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    compiled = list((tmp_path / "EduDesk" / "pycache").rglob("*.pyc"))
    assert any(p.name.startswith("cli.") for p in compiled), compiled[:5]




def test_a_command_of_its_own_process_freezes_its_start_and_collects_its_own_garbage(demo_copy) -> None:
    """main.py imports SQLAlchemy and maps the schema with the collector off, then freezes those
    objects (never scanned again) and turns the collector back on for the command's own work."""
    db = demo_copy()
    code = _probe(["--db", str(db), "tasks", "--json"],
                  'sys.stderr.write(f"GC={gc.isenabled()},{gc.get_freeze_count()}\\n")')
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("GC="))
    enabled, frozen = line.removeprefix("GC=").split(",")
    assert enabled == "True"
    assert int(frozen) > 10_000  # SQLAlchemy and the mapped schema


def test_a_command_run_in_the_callers_process_leaves_its_collector_alone(demo_copy) -> None:
    """The tests (and any caller) run commands in their own process: nothing of theirs is frozen."""
    import gc

    from tests.cli import in_process

    db = demo_copy()
    before = gc.get_freeze_count()
    done = in_process("--db", str(db), "tasks", "--json")
    assert done.returncode == 0, done.stderr
    assert gc.isenabled()
    assert gc.get_freeze_count() == before
