"""Start-up: a window paints before the ORM is imported; the quick check runs after, in the background."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from services.operations.backup import copy_database
from ui.app import check_in_background

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
import ui.app as app
seen = {}
real = app.wait_painted
def watched(qapp, widget, timeout_s=10.0):
    at = real(qapp, widget, timeout_s)
    seen.setdefault("first", {m: m in sys.modules for m in ("sqlalchemy", "alembic", "models.db", "services.demo.district")})
    return at
app.wait_painted = watched
code = app.run_gui(sys.argv[1], until_painted=True)
print(json.dumps(seen["first"]))
sys.exit(code)
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_gui_module_imports_no_orm_alembic_or_demo() -> None:
    out = _run("-c", "import sys, ui.app; print(sorted(m for m in ('sqlalchemy', 'alembic', 'services.demo.district', "
                     "'ui.main_window') if m in sys.modules))")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_first_window_paints_before_the_orm_is_imported(demo_master: Path) -> None:
    out = _run("-c", _PROBE, str(demo_master))
    assert out.returncode == 0, out.stderr
    figures, at_first_paint = (json.loads(line) for line in out.stdout.strip().splitlines()[-2:])
    assert 0 < figures["first_paint_s"] <= figures["login_paint_s"], "the login window comes after"
    assert not any(at_first_paint.values()), at_first_paint


def test_opening_the_database_does_not_import_alembic() -> None:
    out = _run("-c", "import sys; from models.db import head_revision; head_revision(); "
                     "print('alembic' in sys.modules)")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_the_quick_check_runs_after_the_window_and_says_what_it_found(demo_master, tmp_path, qtbot, boxes) -> None:
    from models.db import open_database

    target = tmp_path / "no-evidence.sqlite"
    copy_database(demo_master, target)  # the database without its evidence folder: files are missing
    db = open_database(str(target))
    try:
        window = QWidget()
        qtbot.addWidget(window)
        window.show()
        check_in_background(db, window)
        assert not boxes.shown, "nothing is in the way of the window while the check reads"
        qtbot.waitUntil(lambda: bool(boxes.texts("warning")), timeout=30_000)
        assert "Kiểm tra nhanh" in boxes.texts("warning")[0]
    finally:
        db.dispose()
