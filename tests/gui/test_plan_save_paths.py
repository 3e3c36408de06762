"""One save path for a reviewed plan: the review dialog's "Lưu" and ``import-plan --save`` store the
same rows (tasks, assignments, targets) for the three sample plans."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from services.accounts import authenticate
from services.demo import sample_plans_dir
from services.dump import dump_data
from services.office import init_office, office_info
from services.plan_import import parse_plan_file
from tests.conftest import OFFICE_CODE, OFFICE_NAME, PASSWORD
from tests.plans.conftest import _UNITS
from ui.cli import run_cli
from ui.context import AppContext
from ui.dialogs.plan_review import PlanReviewDialog

pytestmark = pytest.mark.gui
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_STAMPS = {"id", "rev", "revision", "origin", "created_at", "updated_at"}


def _district(path: Path):
    from services.orgunits import UnitInput, create_unit
    from services.permissions import SYSTEM

    db = init_office(str(path), code=OFFICE_CODE, name=OFFICE_NAME, kind="district", admin_password=PASSWORD)
    for code, name, kind, level in _UNITS:
        create_unit(db, SYSTEM, UnitInput(code=code, name=name, kind=kind, school_level=level))
    return db


def _canonical(db) -> dict[str, list[str]]:
    """The dump with ids and stamps blanked (two databases never share them), rows sorted."""
    names = {}
    for row in dump_data(db)["org_units"]:
        names[row["id"]] = row["code"]  # an assignment's unit is compared by the unit's code
    out = {}
    for table, rows in dump_data(db).items():
        if table == "org_units":
            continue
        out[table] = sorted(
            json.dumps({k: names.get(v, "<id>" if isinstance(v, str) and _UUID.match(v) else v)
                        for k, v in row.items() if k not in _STAMPS}, sort_keys=True, ensure_ascii=False)
            for row in rows
        )  # fmt: skip
    return out


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_cli_save_and_review_dialog_store_the_same_rows(prefix, tmp_path, qtbot, qapp) -> None:
    plan_file = next(sample_plans_dir().glob(f"{prefix}_*.txt"))
    by_cli = _district(tmp_path / "cli.sqlite")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert (
            run_cli(["--db", str(tmp_path / "cli.sqlite"), "--json", "import-plan", str(plan_file), "--save"])
            == 0
        )
    saved = json.loads(out.getvalue())["saved"]

    by_gui = _district(tmp_path / "gui.sqlite")
    ctx = AppContext(by_gui, authenticate(by_gui, "admin", PASSWORD), office_info(by_gui))
    dialog = PlanReviewDialog(ctx, parse_plan_file(plan_file))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    cli, gui = _canonical(by_cli), _canonical(by_gui)
    assert cli == gui
    assert len(cli["assignments"]) == saved["assignments"] and len(cli["indicators"]) == saved["targets"]
    assert saved["tasks"] and (saved["assignments"] or prefix == "001")
    by_cli.dispose()
    by_gui.dispose()
