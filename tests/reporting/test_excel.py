"""Excel round trip: export one workbook per unit, fill it, import many; bad files refused whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from services.reporting.entry import load_form, save_draft
from services.reporting.excel import SHEET, export_round_workbooks, import_workbooks
from tests.reporting.conftest import OFFICER, Town, full_values, new_round


def _fill(path: Path, cells: dict[str, object], *, labels: dict[str, str] | None = None) -> Path:
    wb = load_workbook(path)
    ws = wb[SHEET]
    rows = {ws.cell(n, 1).value: n for n in range(1, ws.max_row + 1)}
    for code, value in cells.items():
        ws.cell(rows[f"v|{code}"], 5, value)
    for code, text in (labels or {}).items():
        ws.cell(rows[f"v|{code}"], 3, text)
    wb.save(path)
    return path


def _cell_of(path: Path, code: str) -> str:
    ws = load_workbook(path)[SHEET]
    return next(f"E{n}" for n in range(1, ws.max_row + 1) if ws.cell(n, 1).value == f"v|{code}")


@pytest.fixture
def exported(sqlite_town: Town, tmp_path) -> tuple[Town, str, dict[str, Path]]:
    town = sqlite_town
    round_id = new_round(town)
    paths = export_round_workbooks(town.db, OFFICER, "2023-2024 HK1", tmp_path / "out")
    return town, round_id, {p.name.split("_")[0]: p for p in paths}


def _plain(values: dict) -> dict[str, object]:
    return {code: v for (code, _dim), v in values.items()}


def test_one_workbook_per_unit_with_locks_and_validation(exported) -> None:
    _town, _round, paths = exported
    assert sorted(paths) == ["MN01", "MN02", "TH01", "TH02", "THCS01", "THTHCS01"]
    wb = load_workbook(paths["TH01"])
    ws = wb[SHEET]
    assert ws.protection.sheet and ws.column_dimensions["A"].hidden
    assert wb["_edudesk"].sheet_state == "veryHidden"
    cell = _cell_of(paths["TH01"], "TH_L1_DAT")
    assert ws[cell].protection.locked is False and ws["C" + cell[1:]].protection.locked is True
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"whole", "decimal", "list"} <= kinds


def test_round_trip_and_submit(exported) -> None:
    town, round_id, paths = exported
    _fill(paths["TH01"], _plain(full_values("TH")))
    _fill(paths["MN01"], _plain(full_values("MN", SO_HS=250, HS_KNS=250, MN_CAN_DO=250)))
    results = import_workbooks(town.db, OFFICER, [paths["TH01"], paths["MN01"]], submit=True)
    assert [r.ok for r in results] == [True, True], [r.errors for r in results]
    form = load_form(town.db, round_id, town.units["MN01"])
    assert form.status.value == "submitted"
    assert form.values[("SO_HS", "")] == 250 and form.values[("STEM", "")] == "Có"
    assert form.values[("TL_PHONG_KIEN_CO", "")] == 85.5
    # A second export carries what was entered.
    again = export_round_workbooks(
        town.db, OFFICER, round_id, paths["MN01"].parent / "again", unit_codes=["MN01"]
    )
    ws = load_workbook(again[0])[SHEET]
    assert ws[_cell_of(again[0], "SO_HS")].value == 250


@pytest.mark.parametrize(
    ("cells", "labels", "words", "code"),
    [
        ({"SO_HS": "ba trăm"}, None, "phải là số nguyên", "SO_HS"),
        ({"TL_PHONG_KIEN_CO": 120}, None, "ngoài khoảng", "TL_PHONG_KIEN_CO"),
        ({"TH_L1_KS": 50, "TH_L1_DAT": 60}, None, "lớn hơn", "TH_L1_DAT"),
        ({}, {"SO_HS": "Tổng số học sinh (đã sửa)"}, "Nhãn đã bị sửa", None),
        ({"SO_HS": "=100+150"}, None, "công thức", "SO_HS"),  # a formula, not a value: refused
    ],
)
def test_bad_cells_refused_with_place(exported, cells, labels, words, code) -> None:
    town, round_id, paths = exported
    path = _fill(paths["TH01"], _plain(full_values("TH")) | cells, labels=labels)
    (result,) = import_workbooks(town.db, OFFICER, [path])
    assert not result.ok
    text = " ".join(result.errors)
    assert words in text and path.name in text and "trang «Báo cáo»" in text
    if code:
        assert f"ô {_cell_of(path, code)}" in text
    assert load_form(town.db, round_id, town.units["TH01"]).report_id is None  # nothing partly imported


def test_missing_required_on_submit_keeps_nothing(exported) -> None:
    town, round_id, paths = exported
    values = _plain(full_values("TH"))
    values["TH_L1_DAT"] = None
    (result,) = import_workbooks(town.db, OFFICER, [_fill(paths["TH01"], values)], submit=True)
    assert not result.ok and "Chưa nhập" in result.errors[0]
    assert f"ô {_cell_of(paths['TH01'], 'TH_L1_DAT')}" in result.errors[0]
    assert load_form(town.db, round_id, town.units["TH01"]).report_id is None


def test_workbook_of_another_round_or_unit(exported, tmp_path) -> None:
    town, _round_id, paths = exported
    other = new_round(town, period="2023-2024 CN", code="TONG_KET_NAM_HOC", due=dt.date(2024, 6, 10))
    (result,) = import_workbooks(town.db, OFFICER, [paths["TH01"]], round_id=other)
    assert not result.ok and "không phải kỳ đang nhập" in result.errors[0]
    (result,) = import_workbooks(town.db, town.staff("TH02"), [paths["TH01"]])
    assert not result.ok and "đơn vị mình" in result.errors[0]


def test_many_files_each_all_or_nothing(exported, tmp_path) -> None:
    town, round_id, paths = exported
    good = _fill(paths["TH02"], _plain(full_values("TH")))
    bad = _fill(paths["THCS01"], _plain(full_values("THCS")) | {"HS_BO_HOC": "hai"})
    junk = tmp_path / "rac.xlsx"
    junk.write_bytes(b"not a workbook")
    results = import_workbooks(town.db, OFFICER, [good, bad, junk])
    assert [r.ok for r in results] == [True, False, False]
    assert "rac.xlsx" in results[2].errors[0] and "Không mở được" in results[2].errors[0]
    assert load_form(town.db, round_id, town.units["TH02"]).values[("TH_L1_DAT", "")] == 59
    assert load_form(town.db, round_id, town.units["THCS01"]).report_id is None


def test_submitted_report_is_not_overwritten(exported) -> None:
    town, round_id, paths = exported
    save_draft(town.db, OFFICER, round_id, town.units["TH01"], values=full_values("TH"))
    from services.reporting.entry import submit_report

    submit_report(town.db, OFFICER, round_id, town.units["TH01"])
    (result,) = import_workbooks(town.db, OFFICER, [_fill(paths["TH01"], {"SO_HS": 999})])
    assert not result.ok and "chỉ xem được" in result.errors[0]


def test_table_with_columns_per_grade(sqlite_town: Town, tmp_path) -> None:
    from services.accounts.permissions import SYSTEM
    from services.reporting.rounds import create_round
    from services.reporting.templates import save_template_document

    town = sqlite_town
    made = save_template_document(town.db, SYSTEM, {
        "format": "edudesk-template", "code": "BO_HOC_KHOI", "name": "Học sinh bỏ học theo khối",
        "period_type": "semester", "sections": [{"number": "I", "heading": "Số liệu theo khối", "table": {
            "rows": ["SO_HS", "HS_BO_HOC"], "levels": ["THCS"],
            "columns": [{"key": "khoi-6", "label": "Khối 6"}, {"key": "khoi-7", "label": "Khối 7"}]}}],
    })  # fmt: skip
    round_id = create_round(town.db, OFFICER, template_id=made["id"], name="Bỏ học theo khối", period="HK1 khối",
                            due_on=dt.date(2024, 1, 10), groups=("school:THCS",))  # fmt: skip
    (path,) = export_round_workbooks(town.db, OFFICER, round_id, tmp_path, unit_codes=["THCS01"])
    wb = load_workbook(path)
    ws = wb[SHEET]
    rows = {ws.cell(n, 1).value: n for n in range(1, ws.max_row + 1)}
    assert (ws.cell(rows["v|SO_HS"] - 1, 5).value, ws.cell(rows["v|SO_HS"] - 1, 6).value) == (
        "Khối 6",
        "Khối 7",
    )
    for col, (pupils, out) in ((5, (120, 2)), (6, (110, 111))):
        ws.cell(rows["v|SO_HS"], col, pupils)
        ws.cell(rows["v|HS_BO_HOC"], col, out)
    wb.save(path)
    (result,) = import_workbooks(town.db, OFFICER, [path])
    assert (
        not result.ok and "lớn hơn" in result.errors[0] and "ô F" in result.errors[0]
    )  # 111 > 110 in grade 7
    ws.cell(rows["v|HS_BO_HOC"], 6, 1)
    wb.save(path)
    (result,) = import_workbooks(town.db, OFFICER, [path], submit=True)
    assert result.ok, result.errors
    values = load_form(town.db, round_id, town.units["THCS01"]).values
    assert values == {("SO_HS", "khoi-6"): 120, ("SO_HS", "khoi-7"): 110, ("HS_BO_HOC", "khoi-6"): 2,
                      ("HS_BO_HOC", "khoi-7"): 1}  # fmt: skip


def test_text_that_looks_like_a_formula_stays_text(sqlite_town: Town, tmp_path) -> None:
    town = sqlite_town
    round_id = new_round(town)
    form = load_form(town.db, round_id, town.units["TH01"])
    first = form.sections[0].id
    save_draft(town.db, OFFICER, round_id, town.units["TH01"], narratives={first: '=HYPERLINK("x")'})
    (path,) = export_round_workbooks(town.db, OFFICER, round_id, tmp_path / "out", unit_codes=["TH01"])
    ws = load_workbook(path)[SHEET]
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
