"""Excel round trip: a round's entry form as one .xlsx per unit, and filled workbooks back.

Each workbook has one protected sheet: labels locked, input cells open with data
validation, a hidden column of row keys, and a very hidden sheet naming the round, unit and
template version. Importing checks the labels and keys against the form the unit must fill,
every value's type and range, then saves the draft (or submits) in one unit of work per
file: a file is taken whole or not at all, and every error names the file, sheet and cell.

One module (over 400 lines) because the workbook written and the workbook read back share
one layout (``layout``): the labels, hidden keys and validations written are exactly the
ones checked on import.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from models import OrgUnit
from models.db import Database
from models.enums import ValueType
from models.errors import EduDeskError, NotFound, ValidationError
from models.labels import VALUE_TYPE_LABELS
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.core import limits
from services.core.exports import as_text
from services.core.uow import UnitOfWork
from services.core.vietnamese import format_date
from services.core.xlsx_safety import refuse_dtd
from services.reporting.elements import bounds
from services.reporting.entry import CellKey, EntryForm, FormRow, entry_form, submit, write_draft
from services.reporting.rounds import find_round, round_unit_ids

SHEET = "Báo cáo"
META = "_edudesk"
FORMAT = "edudesk-round-form/1"
KEY_COL, NUM_COL, LABEL_COL, UNIT_COL, FIRST_VALUE_COL = 1, 2, 3, 4, 5
FIRST_LINE = 6
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_INPUT_FILL = PatternFill("solid", fgColor="FFF7E0")
_OPEN = Protection(locked=False)
_FAR = 999_999_999  # "no bound" that Excel's whole-number validation still accepts


@dataclass
class Line:
    """One row of the sheet: its key, its locked labels and its input cells."""

    key: str
    labels: dict[int, str]
    inputs: dict[int, CellKey | str] = field(default_factory=dict)  # CellKey, or a section id (narrative)
    style: str = ""  # heading, prompt, narrative, header, value
    row: FormRow | None = None


def layout(form: EntryForm) -> list[Line]:
    """The rows of a unit's form, in order: the same for export and for checking an import."""
    lines: list[Line] = []
    for s in form.sections:
        lines.append(Line(f"s|{s.id}", {NUM_COL: s.number, LABEL_COL: s.heading}, style="heading"))
        if s.prompt:
            lines.append(Line(f"p|{s.id}", {LABEL_COL: s.prompt}, style="prompt"))
        lines.append(Line(f"n|{s.id}", {}, {LABEL_COL: s.id}, style="narrative"))
        if s.table is None or not s.rows:
            continue
        dims = [k for k, _ in s.table.columns]
        header = {LABEL_COL: "Số liệu", UNIT_COL: "Đơn vị tính"}
        header |= {FIRST_VALUE_COL + i: label or "Giá trị" for i, (_k, label) in enumerate(s.table.columns)}
        lines.append(Line("h|" + "|".join([s.id, *dims]), header, style="header"))
        for row in s.rows:
            unit = row.unit_label or VALUE_TYPE_LABELS[ValueType(row.value_type)]
            inputs: dict[int, CellKey | str] = {
                FIRST_VALUE_COL + i: (row.code, d) for i, d in enumerate(dims)
            }
            lines.append(Line(f"v|{row.code}", {LABEL_COL: row.name, UNIT_COL: unit}, inputs, "value", row))
    return lines


# --- export --------------------------------------------------------------------------------------


def _bound(value: float, whole: bool) -> str:
    return str(int(value)) if whole or float(value).is_integer() else str(value)


def _validation(row: FormRow) -> DataValidation | None:
    kind = ValueType(row.value_type)
    if kind == ValueType.TEXT:
        return None
    if kind == ValueType.BOOLEAN:
        dv = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True)
    else:
        low, high = bounds(row)
        whole = kind == ValueType.INTEGER
        dv = DataValidation(
            type="whole" if whole else "decimal",
            operator="between",
            formula1=_bound(low if low is not None else -_FAR, whole),
            formula2=_bound(high if high is not None else _FAR, whole),
            allow_blank=True,
        )
    dv.error = f"«{row.name}»: {VALUE_TYPE_LABELS[kind]}" + (
        "" if kind == ValueType.BOOLEAN else " trong khoảng cho phép"
    )
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.showErrorMessage = True
    return dv


def write_workbook(form: EntryForm, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet), "a new workbook opens on its one worksheet"
    ws.title = SHEET
    ws["B1"] = form.round_name
    ws["B1"].font = Font(bold=True, size=13)
    ws["B2"] = f"Đơn vị: {form.unit_name} ({form.unit_code})"
    ws["B3"] = f"Kỳ: {form.period} — hạn nộp {format_date(form.due_on)}"
    ws["B4"] = "Chỉ nhập vào các ô nền vàng; không sửa nhãn, không thêm hay xóa dòng."
    ws["B4"].font = Font(italic=True, color="806000")
    width = max([FIRST_VALUE_COL] + [max(line.inputs, default=0) for line in layout(form)])
    validations: dict[str, DataValidation] = {}
    for n, line in enumerate(layout(form), start=FIRST_LINE):
        ws.cell(n, KEY_COL, line.key)
        for col, text in line.labels.items():
            cell = ws.cell(n, col, limits.safe(text))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if line.style in ("heading", "header"):
                cell.font = Font(bold=True)
            elif line.style == "prompt":
                cell.font = Font(italic=True, color="666666")
        for col, target in line.inputs.items():
            cell = ws.cell(n, col)
            cell.protection, cell.fill = _OPEN, _INPUT_FILL
            if isinstance(target, str):  # the section's narrative
                narrative = next(s.narrative for s in form.sections if s.id == target)
                cell.value = limits.safe(narrative) or None  # no control character reaches openpyxl
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                ws.merge_cells(start_row=n, start_column=col, end_row=n, end_column=width)
                ws.row_dimensions[n].height = 60
                continue
            cell.value = form.values.get(target)
            if line.row is not None and (dv := _validation(line.row)) is not None:
                key = f"{dv.type}|{dv.formula1}|{dv.formula2}|{dv.error}"
                validations.setdefault(key, dv).add(cell.coordinate)
    for row in ws.iter_rows():  # what the school typed, and every label, stays text
        for cell in row:
            as_text(cell)
    for dv in validations.values():
        ws.add_data_validation(dv)
    ws.column_dimensions["A"].hidden = True
    for col, w in ((NUM_COL, 7), (LABEL_COL, 70), (UNIT_COL, 14)):
        ws.column_dimensions[get_column_letter(col)].width = w
    for col in range(FIRST_VALUE_COL, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    meta = wb.create_sheet(META)
    for i, (k, v) in enumerate(_meta(form).items(), start=1):
        meta.cell(i, 1, k)
        meta.cell(i, 2, v)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.save(path)
    return path


def _meta(form: EntryForm) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "round_id": form.round_id,
        "unit_id": form.unit_id,
        "unit_code": form.unit_code,
        "template_id": form.template_id,
        "template_version": form.template_version,
        "period": form.period,
    }


def _file_name(form: EntryForm) -> str:
    return re.sub(r"[^\w.-]+", "_", f"{form.unit_code}_{form.period}", flags=re.ASCII).strip("_") + ".xlsx"


def export_round_workbooks(
    db: Database, actor: Actor, round_key: str, out_dir: Path, *, unit_codes: Sequence[str] = ()
) -> list[Path]:
    """One workbook per unit of the round (or of ``unit_codes``), written into ``out_dir``."""
    require(actor, Action.PRINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with db.session() as session:
        rnd = find_round(session, round_key)
        units = round_unit_ids(session, rnd.id)
        if unit_codes:
            wanted = dict(
                session.execute(select(OrgUnit.code, OrgUnit.id).where(OrgUnit.code.in_(unit_codes))).tuples().all()
            )
            if missing := [c for c in unit_codes if wanted.get(c) not in units]:
                raise NotFound(
                    f"Đơn vị {missing[0]} không phải báo cáo trong kỳ này.",
                    f"Unit {missing[0]} does not report in this round.",
                    missing[0],
                )
            units = [wanted[c] for c in unit_codes]
        if actor.unit_id is not None and not actor.can(Action.REVIEW_REPORTS):
            units = [u for u in units if u == actor.unit_id]  # a school gets its own form only
        for unit_id in units:
            form = entry_form(session, rnd.id, unit_id)
            paths.append(write_workbook(form, out_dir / _file_name(form)))
    return paths


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    file: str
    ok: bool = False
    unit_code: str = ""
    round_name: str = ""
    values: int = 0
    submitted: bool = False
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "unit_code": self.unit_code,
            "round": self.round_name,
            "values": self.values,
            "submitted": self.submitted,
            "errors": self.errors,
        }

    def line(self) -> str:
        if self.ok:
            what = "đã nhập và gửi" if self.submitted else "đã nhập bản nháp"
            return f"{self.file}: {what} ({self.unit_code}, {self.values} ô số liệu)"
        return "\n".join(self.errors)


class _FileProblems(Exception):
    def __init__(self, errors: list[EduDeskError]) -> None:
        super().__init__(errors[0].message if errors else "")
        self.errors = errors


def _refuse(message: str, english: str, place: str) -> _FileProblems:
    return _FileProblems([ValidationError(message, english, place)])


@dataclass
class _Read:
    round_id: str
    unit_id: str
    values: dict[CellKey, Any]
    narratives: dict[str, str]
    places: dict[CellKey, str]
    form: EntryForm


def _open(path: Path) -> Any:
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _refuse(
                "Tệp quá lớn cho một biểu mẫu báo cáo.", "The file is too large for a report form.", name
            )
        with zipfile.ZipFile(path) as archive:  # a small file that inflates hugely is refused unread
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _refuse(
                    "Tệp giải nén quá lớn cho một biểu mẫu.", "The workbook inflates too much.", name
                )
        refuse_dtd(path, name)  # before openpyxl's XML parser ever sees an entity
        # Formulas are read as formulas (not their cached results) so a form holding one is refused.
        return load_workbook(path, data_only=False)
    except _FileProblems:
        raise
    except ValidationError as exc:
        raise _FileProblems([exc]) from None
    except Exception as exc:  # openpyxl raises many kinds (XML syntax, KeyError, IndexError…) for a bad file
        raise _refuse(
            "Không mở được tệp Excel (.xlsx): tệp hỏng hoặc không phải biểu mẫu Excel.",
            f"Cannot open the Excel file: {exc.__class__.__name__}.",
            name,
        ) from None


def _read_meta(wb: Any, name: str) -> dict[str, Any]:
    if META not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise _refuse(
            "Tệp không phải biểu mẫu báo cáo do EduDesk xuất (thiếu trang dữ liệu ẩn).",
            "The workbook is not an EduDesk report form.",
            name,
        )
    meta = {str(r[0]): r[1] for r in wb[META].iter_rows(min_col=1, max_col=2, values_only=True) if r[0]}
    if meta.get("format") != FORMAT:
        raise _refuse(
            "Biểu mẫu của phiên bản khác.", "The form has another format.", f"{name}, trang «{META}»"
        )
    return meta


def read_workbook(
    session: Any,
    actor: Actor,
    path: Path,
    expected_round: str | None = None,
    expected_unit: str | None = None,
) -> _Read:
    """Check a filled workbook against the unit's form; the values it holds, or every problem."""
    name = path.name
    wb = _open(path)
    meta = _read_meta(wb, name)
    where = f"{name}, trang «{META}»"
    try:
        rnd = find_round(session, str(meta.get("round_id") or ""))
    except NotFound:
        raise _refuse(
            "Biểu mẫu thuộc một kỳ báo cáo không có trong cơ sở dữ liệu này.",
            "The workbook belongs to a round this database does not have.",
            where,
        ) from None
    if expected_round is not None and rnd.id != expected_round:
        raise _refuse(
            f"Biểu mẫu của kỳ «{rnd.name}», không phải kỳ đang nhập.",
            "The workbook belongs to another round.",
            where,
        )
    unit_id = str(meta.get("unit_id") or "")
    if unit_id not in round_unit_ids(session, rnd.id) or (
        expected_unit is not None and unit_id != expected_unit
    ):
        raise _refuse(
            f"Biểu mẫu của đơn vị {meta.get('unit_code')}, không thuộc kỳ này hoặc không phải đơn vị đang nhập.",
            "The workbook belongs to another unit.",
            where,
        )
    require_own_unit(actor, unit_id)
    form = entry_form(session, rnd.id, unit_id)
    if str(meta.get("template_id")) != form.template_id:
        raise _refuse(
            "Biểu mẫu được xuất theo phiên bản đề cương khác; hãy xuất lại.",
            "The workbook was made from another template version; export it again.",
            where,
        )
    return _read_lines(wb[SHEET], form, name)


def _read_lines(ws: Worksheet, form: EntryForm, name: str) -> _Read:
    errors: list[EduDeskError] = []
    values: dict[CellKey, Any] = {}
    narratives: dict[str, str] = {}
    places: dict[CellKey, str] = {}
    lines = layout(form)
    for n, line in enumerate(lines, start=FIRST_LINE):
        at = f"{name}, trang «{SHEET}», ô "
        if str(ws.cell(n, KEY_COL).value or "") != line.key:
            errors.append(ValidationError(
                "Dòng đã bị thêm, xóa hoặc đổi chỗ so với biểu mẫu.",
                "A row was added, removed or moved.", f"{at}A{n}",
            ))  # fmt: skip
            break  # every later row is shifted: one message says it
        for col, text in line.labels.items():
            found = ws.cell(n, col).value
            if str(found if found is not None else "").strip() != text.strip():
                errors.append(ValidationError(
                    f"Nhãn đã bị sửa: «{found}» thay vì «{text}».",
                    "A label was edited.", f"{at}{get_column_letter(col)}{n}",
                ))  # fmt: skip
        for col, target in line.inputs.items():
            cell = ws.cell(n, col)
            value = cell.value
            if cell.data_type == "f":
                errors.append(ValidationError(
                    f"Ô chứa công thức «{value}»: hãy nhập giá trị (số hoặc chữ), không nhập công thức.",
                    "The cell holds a formula; type a value instead.", f"{at}{get_column_letter(col)}{n}",
                ))  # fmt: skip
                continue
            if isinstance(target, str):
                narratives[target] = "" if value is None else str(value).strip()
            else:
                values[target] = value
                places[target] = f"{at}{get_column_letter(col)}{n}"
    beyond = ws.cell(FIRST_LINE + len(lines), KEY_COL).value
    if not errors and beyond not in (None, ""):
        errors.append(ValidationError("Có dòng thêm vào cuối biểu mẫu.", "Rows were added at the end.",
                                      f"{name}, trang «{SHEET}», ô A{FIRST_LINE + len(lines)}"))  # fmt: skip
    if errors:
        raise _FileProblems(errors)
    return _Read(form.round_id, form.unit_id, values, narratives, places, form)


def import_workbook(
    db: Database, actor: Actor, path: Path, *, submit_after: bool = False, round_id: str | None = None
) -> ImportResult:
    """One filled workbook, all or nothing."""
    result = ImportResult(path.name)
    require(actor, Action.ENTER_REPORTS)
    try:
        with UnitOfWork(db, actor) as uow:
            read = read_workbook(uow.session, actor, path, round_id)
            result.unit_code, result.round_name = read.form.unit_code, read.form.round_name
            _check_all(uow, read)
            write_draft(uow, read.round_id, read.unit_id, narratives=read.narratives, values=read.values,
                        places=read.places)  # fmt: skip
            if submit_after:
                uow.session.flush()
                submit(uow, read.round_id, read.unit_id, places=read.places)
                result.submitted = True
            result.values = sum(1 for v in read.values.values() if v not in (None, ""))
        result.ok = True
    except _FileProblems as exc:
        result.errors = [e.text() for e in exc.errors]
    except EduDeskError as exc:
        result.errors = [exc.text() if exc.place else f"{path.name}: {exc.message}"]
    return result


def _check_all(uow: UnitOfWork, read: _Read) -> None:
    """Every bad cell of the file at once (write_draft would stop at the first)."""
    from services.reporting.entry import check_values

    if not read.form.editable:
        raise _refuse(
            "Báo cáo của đơn vị đã gửi nên chỉ xem được; chỉ nhập lại khi Phòng trả lại.",
            "The unit's report was submitted and is read-only.",
            read.form.unit_code,
        )
    _parsed, problems = check_values(uow.session, read.form, read.values, complete=False, places=read.places)
    if problems:
        raise _FileProblems(list(problems))


def import_workbooks(
    db: Database, actor: Actor, paths: Sequence[Path], *, submit: bool = False, round_id: str | None = None
) -> list[ImportResult]:
    """Many workbooks at a time; each is taken whole or refused whole."""
    require(actor, Action.ENTER_REPORTS)
    return [import_workbook(db, actor, Path(p), submit_after=submit, round_id=round_id) for p in paths]
