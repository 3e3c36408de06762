"""Entry of a unit's report (Báo cáo định kỳ): narrative per section, data tables, draft, submit.

A draft saves whatever is typed as long as each value is well formed (type, range,
numerator ≤ denominator); submitting also needs every required cell. A submitted or
accepted report is read-only until the district returns it.

One module (over 400 lines) because the form a unit fills, the checks on each value and the
save and submit that run those checks are one rule: a value is checked by the same code
whether it is typed, imported from Excel or carried by a bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from models import (
    DataElement,
    Indicator,
    OrgUnit,
    Report,
    ReportEvent,
    ReportNarrative,
    ReportValue,
    RoundUnit,
    Synced,
)
from models.db import Database
from models.enums import ReportStatus, ValueType
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.core.uow import UnitOfWork, changed_meanwhile, last_change, now
from services.reporting.elements import display_value, parse_value
from services.reporting.rounds import ShownStatus, live_round, on_time, report_of, shown_status
from services.reporting.templates import SectionInfo, TableSpec, flat, live_template, outline

LOCKED = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED)
CellKey = tuple[str, str]  # (element code, dimension)


@dataclass(frozen=True)
class FormRow:
    code: str
    name: str
    value_type: ValueType
    unit_label: str
    min_value: float | None
    max_value: float | None


@dataclass
class FormSection:
    id: str
    number: str
    heading: str
    prompt: str
    depth: int
    narrative: str
    table: TableSpec | None  # None too when the unit's level does not fill it
    rows: list[FormRow] = field(default_factory=list)
    other_level: bool = False  # its table is for other school levels: the unit has nothing to write

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip()


@dataclass
class EntryForm:
    round_id: str
    round_name: str
    period: str
    due_on: dt.date
    template_id: str
    template_code: str
    template_version: int
    unit_id: str
    unit_code: str
    unit_name: str
    unit_level: str
    report_id: str | None
    status: ReportStatus | None
    shown: ShownStatus
    submitted_at: dt.datetime | None
    reviewer_comment: str
    sections: list[FormSection]
    values: dict[CellKey, Any]  # as a person enters them: int, float, "Có"/"Không", text
    # the largest revision of the report and its content as loaded: a save that names it
    # is refused if someone changed the report since (optimistic concurrency)
    version: str = ""

    @property
    def editable(self) -> bool:
        return self.status not in LOCKED

    @property
    def on_time(self) -> bool | None:
        return on_time(self.submitted_at, self.due_on)

    def cells(self) -> list[tuple[FormSection, FormRow, str, str, bool]]:
        """(section, row, dimension, column label, required) of every cell of the form."""
        out = []
        for s in self.sections:
            if s.table is None:
                continue
            for row in s.rows:
                for key, label in s.table.columns:
                    out.append((s, row, key, label, s.table.required))
        return out


def _unit(session: Session, unit_id: str) -> OrgUnit:
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound("Không tìm thấy đơn vị.", "No such unit.", unit_id)
    return unit


def _must_report(session: Session, round_id: str, unit_id: str) -> None:
    found = session.scalars(
        select(RoundUnit.id).where(
            RoundUnit.round_id == round_id, RoundUnit.unit_id == unit_id, RoundUnit.deleted.is_(False)
        )
    ).first()
    if found is None:
        raise ValidationError(
            "Đơn vị không thuộc danh sách phải báo cáo trong kỳ này.",
            "The unit does not report in this round.",
            unit_id,
        )


def entry_form(session: Session, round_id: str, unit_id: str, today: dt.date | None = None) -> EntryForm:
    """Everything the entry page and the Excel form show for one unit in one round."""
    rnd = live_round(session, round_id)
    tpl = live_template(session, rnd.template_id)
    unit = _unit(session, unit_id)
    report = report_of(session, round_id, unit_id)
    level = unit.school_level.value if unit.school_level else ""
    sections = flat(outline(session, tpl.id))
    codes = {c for s in sections if s.table for c in s.table.rows}
    elements = {
        e.code: e
        for e in session.scalars(
            select(DataElement).where(DataElement.code.in_(codes), DataElement.deleted.is_(False))
        )
    } if codes else {}  # fmt: skip
    narratives: dict[str, str] = {}
    values: dict[CellKey, Any] = {}
    version = content_version(session, report.id) if report is not None else ""
    if report is not None:
        narratives = dict(
            session.execute(
                select(ReportNarrative.section_id, ReportNarrative.text).where(
                    ReportNarrative.report_id == report.id, ReportNarrative.deleted.is_(False)
                )
            ).tuples().all()
        )
        by_id = {e.id: e for e in elements.values()}
        for v in session.scalars(
            select(ReportValue).where(ReportValue.report_id == report.id, ReportValue.deleted.is_(False))
        ):
            if (el := by_id.get(v.element_id)) is not None:
                values[(el.code, v.dimension)] = display_value(el, v.value_num, v.value_text)
    form_sections = [_form_section(s, level, elements, narratives.get(s.id, "")) for s in sections]
    status = report.status if report else None
    return EntryForm(
        round_id=rnd.id, round_name=rnd.name, period=rnd.period, due_on=rnd.due_on, template_id=tpl.id,
        template_code=tpl.code, template_version=tpl.version, unit_id=unit.id, unit_code=unit.code,
        unit_name=unit.name, unit_level=level, report_id=report.id if report else None, status=status,
        shown=shown_status(status, rnd.due_on, today or dt.date.today()),
        submitted_at=report.submitted_at if report else None,
        reviewer_comment=report.reviewer_comment if report else "", sections=form_sections, values=values,
        version=version,
    )  # fmt: skip


# A report's content: each table with its column that names the report.
_CONTENT: tuple[tuple[type[Synced], InstrumentedAttribute[str]], ...] = (
    (Report, Report.id),
    (ReportNarrative, ReportNarrative.report_id),
    (ReportValue, ReportValue.report_id),
)


def content_version(session: Session, report_id: str) -> str:
    """The report's version: the largest revision of the report, its narratives and values."""
    tops = [
        session.scalar(select(func.max(m.rev)).where(key == report_id))
        for m, key in _CONTENT
    ]
    return max((t for t in tops if t), default="")


def _content_ids(session: Session, report_id: str) -> list[str]:
    ids = [report_id]
    for model in (ReportNarrative, ReportValue):
        ids += list(session.scalars(select(model.id).where(model.report_id == report_id)))
    return ids


def check_version(uow: UnitOfWork, form: EntryForm, expected: str | None) -> None:
    """Refuse to write over a change made since the clerk loaded ``expected`` (None: not checked)."""
    if expected is None or form.version == expected:
        return
    who, when = last_change(
        uow.session, ("reports", "report_narratives", "report_values"),
        _content_ids(uow.session, form.report_id) if form.report_id else [],
    )  # fmt: skip
    raise changed_meanwhile(f"Báo cáo «{form.round_name}» của {form.unit_name}", who, when)


def _form_section(
    s: SectionInfo, level: str, elements: dict[str, DataElement], narrative: str
) -> FormSection:
    table = s.table if s.table is not None and s.table.applies_to(level) else None
    rows = []
    for code in table.rows if table else ():
        el = elements.get(code)
        if el is not None:
            rows.append(FormRow(el.code, el.name, el.value_type, el.unit_label, el.min_value, el.max_value))
    other_level = s.table is not None and table is None
    return FormSection(s.id, s.number, s.heading, s.prompt, s.depth, narrative, table, rows, other_level)


def load_form(db: Database, round_id: str, unit_id: str, today: dt.date | None = None) -> EntryForm:
    with db.session() as session:
        return entry_form(session, round_id, unit_id, today)


# --- checking ------------------------------------------------------------------------------------


def cell_place(section: FormSection, row: FormRow, column_label: str) -> str:
    return f"mục {section.number or section.heading[:30]}, dòng «{row.name}», cột «{column_label}»"


def check_values(
    session: Session,
    form: EntryForm,
    raw: Mapping[CellKey, Any],
    *,
    complete: bool,
    places: Mapping[CellKey, str] | None = None,
) -> tuple[dict[CellKey, tuple[float | None, str]], list[ValidationError]]:
    """Parse ``raw`` over the form's current values; the parsed cells and every problem found.

    ``complete`` (submitting) also needs every required cell; ``places`` names cells another
    way (a workbook's cell references) than the form's sections and rows.
    """
    problems: list[ValidationError] = []
    parsed: dict[CellKey, tuple[float | None, str]] = {}
    named: dict[CellKey, str] = {}
    cells = {(row.code, dim): (s, row, label, req) for s, row, dim, label, req in form.cells()}
    for key in raw:
        if key not in cells:
            problems.append(ValidationError(
                f"Ô {key[0]} ({key[1] or 'toàn đơn vị'}) không có trong biểu mẫu của đơn vị.",
                f"Cell {key[0]} ({key[1]}) is not on this unit's form.", f"{key[0]}/{key[1]}",
            ))  # fmt: skip
    for key, (s, row, label, required) in cells.items():
        place = named[key] = (places or {}).get(key) or cell_place(s, row, label)
        value = raw[key] if key in raw else form.values.get(key)
        try:
            parsed[key] = parse_value(row, value, place)
        except ValidationError as exc:
            problems.append(exc)
            continue
        if complete and required and parsed[key] == (None, ""):
            problems.append(ValidationError(
                f"Chưa nhập «{row.name}».", f"'{row.code}' is required.", place,
            ))  # fmt: skip
    problems += _ratio_problems(session, parsed, named)
    return parsed, problems


def _ratio_problems(
    session: Session, parsed: dict[CellKey, tuple[float | None, str]], places: dict[CellKey, str]
) -> list[ValidationError]:
    """A numerator never exceeds its denominator (pupils who dropped out ≤ pupils)."""
    codes = {k[0] for k in parsed}
    if not codes:
        return []
    pairs = session.execute(
        select(Indicator.name, Indicator.numerator_id, Indicator.denominator_id).where(
            Indicator.deleted.is_(False), Indicator.denominator_id.is_not(None)
        )
    ).all()
    by_id = {e.id: e for e in session.scalars(select(DataElement).where(DataElement.code.in_(codes)))}
    seen: set[tuple[str, str, str]] = set()
    problems = []
    for name, num_id, den_id in pairs:
        num, den = by_id.get(num_id), by_id.get(den_id)
        if num is None or den is None:
            continue
        for (code, dim), (value, _text) in parsed.items():
            if code != num.code or (num.code, den.code, dim) in seen:
                continue
            seen.add((num.code, den.code, dim))
            other = parsed.get((den.code, dim), (None, ""))[0]
            if value is not None and other is not None and value > other:
                problems.append(ValidationError(
                    f"«{num.name}» ({_n(value)}) lớn hơn «{den.name}» ({_n(other)}) (chỉ tiêu «{name}»).",
                    f"'{num.code}' ({value}) exceeds '{den.code}' ({other}).",
                    places.get((code, dim), code),
                ))  # fmt: skip
    return problems


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def entry_problems(
    db: Database,
    actor: Actor,
    round_id: str,
    unit_id: str,
    values: Mapping[CellKey, Any],
    *,
    complete: bool,
) -> list[ValidationError]:
    """Every problem of the values as typed (the rules of a save, or of a submit when
    ``complete``), so the form can show them all before anything is written or confirmed."""
    require(actor, Action.ENTER_REPORTS)
    require_own_unit(actor, unit_id)
    with db.session() as session:
        form = entry_form(session, round_id, unit_id)
        return check_values(session, form, values, complete=complete)[1]


def raise_first(problems: list[ValidationError]) -> None:
    if not problems:
        return
    first = problems[0]
    more = len(problems) - 1
    if more:
        raise ValidationError(
            f"{first.message} (và {more} lỗi khác)", f"{first.english} (and {more} more)", first.place
        )
    raise first


# --- writing -------------------------------------------------------------------------------------


def _authorise(uow: UnitOfWork, unit_id: str) -> None:
    require(uow.actor, Action.ENTER_REPORTS)
    require_own_unit(uow.actor, unit_id)


def ensure_report(uow: UnitOfWork, round_id: str, unit_id: str) -> Report:
    _must_report(uow.session, round_id, unit_id)
    report = report_of(uow.session, round_id, unit_id)
    if report is None:
        report = Report(round_id=round_id, unit_id=unit_id, status=ReportStatus.DRAFT, reviewer_comment="")
        uow.session.add(report)
        uow.session.flush()
    return report


def write_draft(
    uow: UnitOfWork,
    round_id: str,
    unit_id: str,
    *,
    narratives: Mapping[str, str] | None = None,
    values: Mapping[CellKey, Any] | None = None,
    today: dt.date | None = None,
    places: Mapping[CellKey, str] | None = None,
    expected_version: str | None = None,
) -> EntryForm:
    """Save narratives (by section id) and cell values inside ``uow``; refuses a locked report
    and, given the version the clerk loaded, a report someone changed since."""
    _authorise(uow, unit_id)
    form = entry_form(uow.session, round_id, unit_id, today)
    check_version(uow, form, expected_version)
    if not form.editable:
        raise ValidationError(
            "Báo cáo đã gửi nên chỉ xem được; chỉ sửa khi Phòng trả lại.",
            "The report was submitted and is read-only until it is returned.",
            form.unit_code,
        )
    narratives = dict(narratives or {})
    raw = dict(values or {})
    known = {s.id for s in form.sections}
    if unknown := [k for k in narratives if k not in known]:
        raise ValidationError("Mục không thuộc đề cương của kỳ này.", "The section is not in this template.",
                              unknown[0])  # fmt: skip
    parsed, problems = check_values(uow.session, form, raw, complete=False, places=places)
    raise_first(problems)
    report = ensure_report(uow, round_id, unit_id)
    _store_narratives(uow, report.id, narratives)
    _store_values(uow, report.id, {k: parsed[k] for k in raw})
    return form


def _store_narratives(uow: UnitOfWork, report_id: str, narratives: Mapping[str, str]) -> None:
    existing = {
        n.section_id: n
        for n in uow.session.scalars(select(ReportNarrative).where(ReportNarrative.report_id == report_id))
    }
    for section_id, text in narratives.items():
        row = existing.get(section_id)
        if row is None:
            if text:
                uow.session.add(ReportNarrative(report_id=report_id, section_id=section_id, text=text))
        elif row.text != text or row.deleted:
            row.text, row.deleted = text, False


def _store_values(uow: UnitOfWork, report_id: str, cells: Mapping[CellKey, tuple[float | None, str]]) -> None:
    if not cells:
        return
    ids = dict(
        uow.session.execute(
            select(DataElement.code, DataElement.id).where(DataElement.code.in_({k[0] for k in cells}))
        ).tuples().all()
    )
    existing = {
        (v.element_id, v.dimension): v
        for v in uow.session.scalars(select(ReportValue).where(ReportValue.report_id == report_id))
    }
    for (code, dim), (num, text) in cells.items():
        element_id = ids[code]
        row = existing.get((element_id, dim))
        empty = num is None and not text
        if row is None:
            if not empty:
                uow.session.add(ReportValue(report_id=report_id, element_id=element_id, dimension=dim,
                                            value_num=num, value_text=text))  # fmt: skip
        elif (row.value_num, row.value_text, row.deleted) != (num, text, empty):
            row.value_num, row.value_text, row.deleted = num, text, empty


def save_draft(
    db: Database,
    actor: Actor,
    round_id: str,
    unit_id: str,
    *,
    narratives: Mapping[str, str] | None = None,
    values: Mapping[CellKey, Any] | None = None,
    expected_version: str | None = None,
) -> EntryForm:
    """Save (or autosave) a draft; returns the form as it was before the save.

    ``expected_version``: the ``EntryForm.version`` the clerk's form was loaded with; if
    another clerk saved the report since, nothing is written and the error names them.
    """
    require(actor, Action.ENTER_REPORTS)
    with UnitOfWork(db, actor) as uow:
        return write_draft(uow, round_id, unit_id, narratives=narratives, values=values,
                           expected_version=expected_version)  # fmt: skip


def event(uow: UnitOfWork, report: Report, action: str, at: dt.datetime, comment: str = "") -> None:
    actor = uow.actor.full_name or uow.actor.username
    uow.session.add(
        ReportEvent(report_id=report.id, at=at, action=action, actor=actor[:120], comment=comment)
    )


def submit(
    uow: UnitOfWork,
    round_id: str,
    unit_id: str,
    *,
    at: dt.datetime | None = None,
    places: Mapping[CellKey, str] | None = None,
    expected_version: str | None = None,
) -> Report:
    """Check the whole form and send it: draft → submitted, returned → resubmitted."""
    _authorise(uow, unit_id)
    form = entry_form(uow.session, round_id, unit_id)
    if not form.editable:
        who, when = last_change(uow.session, ("reports",), [form.report_id or ""])
        by = f" bởi «{who}» lúc {when:%H:%M ngày %d/%m/%Y}" if who and when else ""
        raise ValidationError(f"Báo cáo đã được gửi{by}.", "The report was already submitted.", form.unit_code)
    check_version(uow, form, expected_version)
    _parsed, problems = check_values(uow.session, form, {}, complete=True, places=places)
    raise_first(problems)
    report = ensure_report(uow, round_id, unit_id)
    at = at or now()
    returned = report.status == ReportStatus.RETURNED
    report.status = ReportStatus.RESUBMITTED if returned else ReportStatus.SUBMITTED
    report.submitted_at = at
    event(uow, report, "resubmitted" if returned else "submitted", at)
    return report


def submit_report(
    db: Database, actor: Actor, round_id: str, unit_id: str, *, at: dt.datetime | None = None,
    expected_version: str | None = None,
) -> str:
    require(actor, Action.ENTER_REPORTS)
    with UnitOfWork(db, actor) as uow:
        return submit(uow, round_id, unit_id, at=at, expected_version=expected_version).status.value
