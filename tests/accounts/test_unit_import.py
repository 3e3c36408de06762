"""A new district loads its schools from an Excel list: template, every row checked, all or nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from models.enums import Ownership, SchoolLevel, UnitKind
from models.errors import ValidationError
from services.accounts.orgunits import list_units
from services.accounts.permissions import SYSTEM
from services.accounts.unit_import import COLUMNS, import_units, write_template

ROOT = Path(__file__).resolve().parents[2]


def _sheet(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp học", "Loại hình", "Xã/phường"]


def _codes(db) -> set[str]:
    return {u.code for u in list_units(db)}


def test_template_has_every_heading_and_no_data_row(tmp_path) -> None:
    path = write_template(tmp_path / "mau.xlsx")
    ws = load_workbook(path).worksheets[0]
    headings = [c.value for c in ws[1]]
    assert [h.replace(" (*)", "") for h in headings] == [c.heading for c in COLUMNS]
    assert ws.max_row == 1, "the example is on the guide sheet, so importing the template adds nothing"


def test_a_good_list_adds_every_school_and_its_communes(sqlite_office, tmp_path) -> None:
    path = _sheet(tmp_path / "ds.xlsx", HEADER, [
        ["TH-AP", "Trường Tiểu học An Phú", "Tiểu học", "Công lập", "Xã An Phú"],
        ["MN-AP", "Trường Mầm non An Phú", "MN", "", "xa an phu"],
        ["THCS-HB", "Trường THCS Hòa Bình", "THCS", "Tư thục", "Xã Hòa Bình"],
    ])  # fmt: skip
    result = import_units(sqlite_office, SYSTEM, path)
    assert (result.units, result.communes) == (3, 2)
    units = {u.code: u for u in list_units(sqlite_office)}
    assert units["TH-AP"].school_level == SchoolLevel.TH and units["THCS-HB"].ownership == Ownership.PRIVATE
    communes = [u for u in units.values() if u.kind == UnitKind.COMMUNE]
    assert {c.name for c in communes} == {"Xã An Phú", "Xã Hòa Bình"}
    assert units["MN-AP"].commune_id == units["TH-AP"].commune_id


def test_any_bad_row_adds_nothing_and_every_problem_names_row_and_column(sqlite_office, tmp_path) -> None:
    before = _codes(sqlite_office)
    path = _sheet(tmp_path / "ds.xlsx", HEADER, [
        ["TH-AP", "Trường Tiểu học An Phú", "TH", "", "Xã An Phú"],
        ["TH-BB", "", "TH", "", ""],
        ["TH-CC", "Trường Tiểu học C", "Đại học", "", ""],
        ["TH-AP", "Trường trùng mã", "TH", "", ""],
        ["TH-DD", "Trường Tiểu học D", "TH", "Bán công", ""],
    ])  # fmt: skip
    with pytest.raises(ValidationError) as err:
        import_units(sqlite_office, SYSTEM, path)
    text = err.value.message
    assert "4 lỗi" in text
    assert "dòng 3, cột «Tên đơn vị»" in text and "dòng 4, cột «Cấp học»" in text
    assert "dòng 5, cột «Mã đơn vị»" in text and "dòng 6, cột «Loại hình»" in text
    assert _codes(sqlite_office) == before


def test_a_list_without_the_required_columns_is_refused(sqlite_office, tmp_path) -> None:
    path = _sheet(tmp_path / "ds.xlsx", ["Tên", "Địa chỉ"], [["Trường A", "Ấp 1"]])
    with pytest.raises(ValidationError) as err:
        import_units(sqlite_office, SYSTEM, path)
    assert "«Mã đơn vị»" in err.value.message and "«Cấp học»" in err.value.message


def test_cli_import_units(sqlite_office, tmp_path) -> None:
    path = _sheet(tmp_path / "ds.xlsx", HEADER, [["TH-AP", "Trường Tiểu học An Phú", "TH", "", ""]])
    db_path = str(sqlite_office.path)
    sqlite_office.dispose()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", db_path, "import-units", str(path)],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Đã thêm 1 đơn vị" in done.stdout
