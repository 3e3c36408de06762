"""A district's schools from an Excel list: one row per unit, every row checked, all or nothing.

The workbook's first sheet has a header row; columns are found by their heading (in any
order, with or without diacritics). A commune named in «Xã/phường» that the district does
not have yet is created with the schools, so a new office starts from one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import OrgUnit
from models.db import Database
from models.enums import Ownership, SchoolLevel, UnitKind
from models.errors import EduDeskError, ValidationError
from services.accounts.office import office_info
from services.accounts.orgunits import UnitInput, _normalise, _validate
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.core.xlsx_safety import refuse_dtd

MAX_LISTED = 30  # problems named in the refusal; the count says how many more


@dataclass(frozen=True)
class Column:
    key: str  # UnitInput field, or "commune" / "kind"
    heading: str
    required: bool
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("code", "Mã đơn vị", True, "TH-AN-PHU", ("ma", "ma truong")),
    Column("name", "Tên đơn vị", True, "Trường Tiểu học An Phú", ("ten", "ten truong")),
    Column("school_level", "Cấp học", True, "TH", ("cap",)),
    Column("ownership", "Loại hình", False, "Công lập", ()),
    Column("commune", "Xã/phường", False, "Xã An Phú", ("xa", "phuong", "xa/phuong/thi tran", "xa/thi tran")),
    Column("kind", "Loại đơn vị", False, "Trường học", ()),
    Column("address", "Địa chỉ", False, "Ấp 1, xã An Phú", ()),
    Column("phone", "Điện thoại", False, "0283 123 456", ("so dien thoai",)),
    Column("email", "Thư điện tử", False, "thanphu@example.edu.vn", ("email", "e-mail")),
    Column("head_name", "Hiệu trưởng", False, "Nguyễn Văn An", ("thu truong", "nguoi dung dau")),
)
_OWNERSHIP = {"cong lap": Ownership.PUBLIC, "tu thuc": Ownership.PRIVATE, "dan lap": Ownership.PRIVATE,
              "public": Ownership.PUBLIC, "private": Ownership.PRIVATE}  # fmt: skip
_KIND = {"truong hoc": UnitKind.SCHOOL, "truong": UnitKind.SCHOOL, "school": UnitKind.SCHOOL,
         "phong, ban, nganh": UnitKind.DEPARTMENT, "phong ban": UnitKind.DEPARTMENT,
         "department": UnitKind.DEPARTMENT}  # fmt: skip
_LEVELS = {fold(level.value): level for level in SchoolLevel} | {
    "mam non": SchoolLevel.MN, "tieu hoc": SchoolLevel.TH, "trung hoc co so": SchoolLevel.THCS,
    "trung hoc pho thong": SchoolLevel.THPT, "th-thcs": SchoolLevel.TH_THCS, "thcs-thpt": SchoolLevel.THCS_THPT,
    "gdnn-gdtx": SchoolLevel.GDNN_GDTX, "gdtx": SchoolLevel.GDNN_GDTX,
}  # fmt: skip


@dataclass
class UnitImportResult:
    units: int
    communes: int
    codes: list[str] = field(default_factory=list)
    changes: tuple[str, ...] = ("org_units",)


# --- the template --------------------------------------------------------------------------------


def write_template(path: Path) -> Path:
    """An empty list with the headings; the guide sheet has an example row and the accepted values."""
    # openpyxl takes a second to import: the Đơn vị page loads it only when a file is written or read
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet), "a new workbook opens on its one worksheet"
    ws.title = "Danh sách đơn vị"
    bold = Font(bold=True)
    for n, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=n, value=column.heading + (" (*)" if column.required else ""))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(n)].width = max(14, len(column.example) + 4)
    levels = DataValidation(type="list", formula1='"' + ",".join(level.value for level in SchoolLevel) + '"')
    owners = DataValidation(type="list", formula1='"Công lập,Tư thục"')
    for validation, key in ((levels, "school_level"), (owners, "ownership")):
        letter = get_column_letter(next(n for n, c in enumerate(COLUMNS, start=1) if c.key == key))
        validation.add(f"{letter}2:{letter}2000")
        ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi dòng của trang «Danh sách đơn vị» là một đơn vị; (*) là cột bắt buộc. Ví dụ một dòng:",
        "Cấp học: " + ", ".join(level.value for level in SchoolLevel) + " (hoặc Mầm non, Tiểu học, …).",
        "Loại hình: Công lập hoặc Tư thục (để trống là Công lập).",
        "Loại đơn vị: Trường học (mặc định) hoặc Phòng, ban, ngành.",
        "Xã/phường chưa có sẽ được tạo cùng các trường.",
        "Nếu có dòng sai, không đơn vị nào được thêm; sửa các ô được nêu rồi nhập lại.",
    ):
        notes.append([line])
        if line.endswith("Ví dụ một dòng:"):
            notes.append([c.heading for c in COLUMNS])
            notes.append([c.example for c in COLUMNS])
    notes.column_dimensions["A"].width = 100
    path = Path(path)
    wb.save(path)
    return path


# --- reading -------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[str, str]


def _header_map(headings: list[Any], path: Path) -> dict[int, Column]:
    by_name: dict[str, Column] = {}
    for column in COLUMNS:
        for name in (column.heading, *column.aliases):
            by_name[fold(name)] = column
    found: dict[int, Column] = {}
    for n, heading in enumerate(headings):
        text = fold(re.sub(r"\(\*\)|\*", "", str(heading or "")))
        if text in by_name:
            found[n] = by_name[text]
    missing = [c.heading for c in COLUMNS if c.required and c not in found.values()]
    if missing:
        raise ValidationError(
            f"{path.name}: dòng 1 thiếu cột {', '.join('«' + m + '»' for m in missing)}. "
            "Hãy dùng tệp mẫu.",
            f"{path.name}: row 1 lacks the column(s) {', '.join(missing)}. Use the template.",
            f"{path.name}, dòng 1",
        )
    return found


def read_rows(path: Path) -> list[_Row]:
    path = Path(path)
    refuse_dtd(path, str(path))  # before openpyxl's XML parser ever sees an entity
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise ValidationError(f"Không đọc được tệp Excel {path.name}.", f"Cannot read {path.name}.",
                              str(path)) from exc  # fmt: skip
    try:  # read-only: the sheet's XML is parsed here, row by row, and may be malformed
        sheet = wb.worksheets[0]
        lines = list(sheet.iter_rows(values_only=True))
    except Exception as exc:
        raise ValidationError(f"Không đọc được tệp Excel {path.name}: nội dung trang tính bị hỏng.",
                              f"Cannot read {path.name}: the sheet is damaged.", str(path)) from exc  # fmt: skip
    finally:
        wb.close()
    if not lines:
        raise ValidationError(f"{path.name} không có dòng nào.", f"{path.name} is empty.", str(path))
    columns = _header_map(list(lines[0]), path)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = {c.key: _text(line[n]) for n, c in columns.items() if n < len(line)}
        if any(values.values()):
            rows.append(_Row(number, values))
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# --- checking and writing ------------------------------------------------------------------------


def _heading(key: str) -> str:
    return next((c.heading for c in COLUMNS if c.key == key), key)


def _place(path: Path, row: int, key: str) -> str:
    return f"{path.name}, dòng {row}, cột «{_heading(key)}»"


def _commune_code(name: str, taken: set[str]) -> str:
    base = "XA-" + re.sub(r"[^A-Z0-9]+", "-", fold(name).upper()).strip("-")[:24]
    code, n = base, 2
    while code.upper() in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(code.upper())
    return code


def import_units(
    db: Database, actor: Actor, path: Path, progress: Callable[[int, int, str], None] | None = None
) -> UnitImportResult:
    """Add every unit of the list under this office, or none of them when any row is wrong."""
    require(actor, Action.MANAGE_UNITS)
    path = Path(path)
    rows = read_rows(path)
    if not rows:
        raise ValidationError(f"{path.name} chưa có đơn vị nào dưới dòng tiêu đề.",
                              f"{path.name} has no unit below the heading row.", str(path))  # fmt: skip
    office = office_info(db)
    problems: list[str] = []
    created: list[str] = []
    with UnitOfWork(db, actor) as uow:
        communes = {fold(u.name): u.id for u in uow.session.scalars(
            select(OrgUnit).where(OrgUnit.kind == UnitKind.COMMUNE, OrgUnit.deleted.is_(False)))}  # fmt: skip
        taken = {c.upper() for c in uow.session.scalars(select(OrgUnit.code))}
        new_communes = 0
        for n, row in enumerate(rows):
            if progress is not None:
                progress(n, len(rows), f"Dòng {row.number}")
            data, row_problems = _unit_input(path, row, office.id)
            if row_problems:
                problems += row_problems
                continue
            commune = row.values.get("commune", "")
            if commune:
                if fold(commune) not in communes:
                    unit = OrgUnit(code=_commune_code(commune, taken), name=commune, kind=UnitKind.COMMUNE,
                                   parent_id=office.id, ownership=Ownership.PUBLIC, active=True)  # fmt: skip
                    uow.session.add(unit)
                    uow.session.flush()
                    communes[fold(commune)] = unit.id
                    new_communes += 1
                data.commune_id = communes[fold(commune)]
            try:
                values = _normalise(data)
                _validate(uow, values, None)
            except EduDeskError as exc:
                problems.append(f"{_place(path, row.number, exc.place or 'code')}: {exc.message}")
                continue
            uow.session.add(OrgUnit(**values, active=True))
            uow.session.flush()
            taken.add(values["code"].upper())
            created.append(values["code"])
        if problems:
            raise _refusal(path, problems)  # leaving the unit of work undoes every row
        uow.audit("import_units", "org_units", office.id, summary=f"Nhập {len(created)} đơn vị từ {path.name}")
    return UnitImportResult(len(created), new_communes, created)


def _unit_input(path: Path, row: _Row, parent_id: str) -> tuple[UnitInput, list[str]]:
    v = row.values
    problems = []
    for column in COLUMNS:
        if column.required and not v.get(column.key) and not (column.key == "school_level" and _not_school(v)):
            problems.append(f"{_place(path, row.number, column.key)}: cần nhập.")
    kind = _KIND.get(fold(v.get("kind", ""))) if v.get("kind") else UnitKind.SCHOOL
    if kind is None:
        problems.append(f"{_place(path, row.number, 'kind')}: «{v['kind']}» không phải Trường học "
                        "hay Phòng, ban, ngành.")  # fmt: skip
    level = _LEVELS.get(fold(v.get("school_level", ""))) if v.get("school_level") else None
    if v.get("school_level") and level is None:
        problems.append(f"{_place(path, row.number, 'school_level')}: «{v['school_level']}» không phải cấp học "
                        f"({', '.join(s.value for s in SchoolLevel)}).")  # fmt: skip
    owner = _OWNERSHIP.get(fold(v.get("ownership", ""))) if v.get("ownership") else Ownership.PUBLIC
    if owner is None:
        problems.append(f"{_place(path, row.number, 'ownership')}: «{v['ownership']}» không phải "
                        "Công lập hay Tư thục.")  # fmt: skip
    data = UnitInput(code=v.get("code", ""), name=v.get("name", ""), kind=kind or UnitKind.SCHOOL,
                     school_level=level, ownership=owner or Ownership.PUBLIC, parent_id=parent_id,
                     address=v.get("address", ""), phone=v.get("phone", ""), email=v.get("email", ""),
                     head_name=v.get("head_name", ""))  # fmt: skip
    return data, problems


def _not_school(values: dict[str, str]) -> bool:
    return bool(values.get("kind")) and _KIND.get(fold(values["kind"])) not in (None, UnitKind.SCHOOL)


def _refusal(path: Path, problems: list[str]) -> ValidationError:
    shown = problems[:MAX_LISTED]
    more = len(problems) - len(shown)
    tail = f"\n… và {more} lỗi khác." if more else ""
    return ValidationError(
        f"Chưa nhập đơn vị nào: {len(problems)} lỗi trong {path.name}. Sửa rồi nhập lại cả tệp.\n"
        + "\n".join(shown) + tail,
        f"No unit imported: {len(problems)} problem(s) in {path.name}. Correct them and import the file again.",
        path.name,
    )  # fmt: skip
