"""Report templates (đề cương báo cáo): an outline of sections with prompts and data tables.

A template travels as JSON (``resources/templates/*.json`` holds the built-in ones):

    {"format": "edudesk-template", "format_version": 1, "code": "…", "name": "…",
     "period_type": "semester", "description": "…",
     "elements": [{"code", "name", "type", "min", "max", "unit"}],
     "indicators": [{"code", "name", "numerator", "denominator", "levels", "comparator", "target"}],
     "sections": [{"number", "heading", "prompt",
                   "table": {"rows": [element codes], "columns": [{"key", "label"}],
                             "levels": ["MN"], "required": true},
                   "children": [...]}]}

Importing a template whose code exists with other content makes a new version; the same
content again changes nothing. Rounds keep pointing at the version they were made with.

One module (over 400 lines) because the JSON format, its checks and the versioning on import
are one contract: the document exported is the document imported, checked the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import DataElement, ReportTemplate, TemplateSection
from models.db import Database
from models.enums import PeriodType
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.resources import resource_path
from services.core.uow import UnitOfWork
from services.reporting.elements import ElementSpec, element_by_code, spec_of, upsert_element
from services.reporting.indicators import IndicatorSpec, live_indicators, upsert_indicator
from services.reporting.indicators import spec_of as indicator_spec_of

FORMAT = "edudesk-template"
FORMAT_VERSION = 1
DEFAULT_COLUMNS = [{"key": "", "label": "Số liệu"}]
MAX_SECTIONS = 500


@dataclass(frozen=True)
class TableSpec:
    rows: tuple[str, ...]  # element codes
    columns: tuple[tuple[str, str], ...] = (("", "Số liệu"),)  # (dimension key, label)
    levels: tuple[str, ...] = ()  # empty: every unit fills it
    required: bool = True

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rows": list(self.rows),
            "columns": [{"key": k, "label": v} for k, v in self.columns],
        }
        if self.levels:
            data["levels"] = list(self.levels)
        data["required"] = self.required
        return data

    @classmethod
    def parse(cls, data: Any, place: str) -> TableSpec | None:
        if not data:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list) or not data["rows"]:
            raise ValidationError(
                "Bảng số liệu cần danh sách «rows» là mã các số liệu.",
                "A data table needs 'rows': a list of data element codes.",
                place,
            )
        columns = data.get("columns") or DEFAULT_COLUMNS
        try:
            cols = tuple((str(c.get("key", "")), str(c.get("label", ""))) for c in columns)
        except AttributeError:
            raise ValidationError(
                'Cột của bảng phải có dạng {"key", "label"}.', "Table columns are {key, label}.", place
            ) from None
        if len({k for k, _ in cols}) != len(cols):
            raise ValidationError("Hai cột của bảng trùng mã.", "Two table columns share a key.", place)
        return cls(
            rows=tuple(str(r) for r in data["rows"]),
            columns=cols,
            levels=tuple(str(x) for x in data.get("levels") or ()),
            required=bool(data.get("required", True)),
        )

    def applies_to(self, level: str | None) -> bool:
        """Whether a unit of ``level`` fills this table (TH&THCS fills TH and THCS tables)."""
        if not self.levels:
            return True
        parts = set((level or "").split("&")) | {level or ""}
        if level == "THCS&THPT":
            parts |= {"THCS", "THPT"}
        return bool(parts & set(self.levels))


@dataclass
class SectionInfo:
    id: str
    parent_id: str | None
    number: str
    heading: str
    prompt: str
    depth: int
    table: TableSpec | None
    children: list[SectionInfo] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip()


# --- reading -----------------------------------------------------------------------------------


def live_template(session: Session, template_id: str) -> ReportTemplate:
    row = session.get(ReportTemplate, template_id)
    if row is None or row.deleted:
        raise NotFound("Không tìm thấy đề cương báo cáo.", "No such report template.", template_id)
    return row


def latest_template(session: Session, code: str) -> ReportTemplate | None:
    return session.scalars(
        select(ReportTemplate)
        .where(ReportTemplate.code == code, ReportTemplate.deleted.is_(False))
        .order_by(ReportTemplate.version.desc())
    ).first()


def list_templates(db: Database) -> list[dict[str, Any]]:
    with db.session() as session:
        rows = session.scalars(
            select(ReportTemplate)
            .where(ReportTemplate.deleted.is_(False))
            .order_by(ReportTemplate.code, ReportTemplate.version)
        )
        return [
            {
                "id": t.id,
                "code": t.code,
                "version": t.version,
                "name": t.name,
                "period_type": t.period_type.value,
            }
            for t in rows
        ]


def outline(session: Session, template_id: str) -> list[SectionInfo]:
    """The template's sections as a tree, in order."""
    rows = session.scalars(
        select(TemplateSection)
        .where(TemplateSection.template_id == template_id, TemplateSection.deleted.is_(False))
        .order_by(TemplateSection.position)
    )
    infos: dict[str, SectionInfo] = {}
    roots: list[SectionInfo] = []
    for row in rows:
        table = TableSpec.parse(json.loads(row.table_spec), row.number) if row.table_spec else None
        info = SectionInfo(row.id, row.parent_id, row.number, row.heading, row.prompt, 0, table)
        infos[row.id] = info
    for info in infos.values():
        parent = infos.get(info.parent_id or "")
        if parent is None:
            roots.append(info)
        else:
            parent.children.append(info)
    _set_depth(roots, 0)
    return roots


def _set_depth(nodes: list[SectionInfo], depth: int) -> None:
    for node in nodes:
        node.depth = depth
        _set_depth(node.children, depth + 1)


def flat(nodes: list[SectionInfo]) -> list[SectionInfo]:
    out: list[SectionInfo] = []
    for node in nodes:
        out.append(node)
        out += flat(node.children)
    return out


# --- export ------------------------------------------------------------------------------------


def template_document(session: Session, template_id: str) -> dict[str, Any]:
    """The template as its JSON document, with the elements and indicators its tables use."""
    tpl = live_template(session, template_id)
    sections = outline(session, template_id)
    codes: list[str] = []
    for s in flat(sections):
        for code in s.table.rows if s.table else ():
            if code not in codes:
                codes.append(code)
    elements = [spec_of(e).to_dict() for c in codes if (e := element_by_code(session, c)) is not None]
    used = set(codes)
    indicators = [
        indicator_spec_of(session, ind).to_dict()
        for ind in live_indicators(session)
        if (spec := indicator_spec_of(session, ind)).numerator in used
        and (spec.denominator is None or spec.denominator in used)
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "code": tpl.code,
        "version": tpl.version,
        "name": tpl.name,
        "period_type": tpl.period_type.value,
        "description": tpl.description,
        "elements": elements,
        "indicators": indicators,
        "sections": [_section_dict(s) for s in sections],
    }


def _section_dict(s: SectionInfo) -> dict[str, Any]:
    data: dict[str, Any] = {"number": s.number, "heading": s.heading, "prompt": s.prompt}
    if s.table:
        data["table"] = s.table.to_dict()
    if s.children:
        data["children"] = [_section_dict(c) for c in s.children]
    return data


def export_template(db: Database, template_id: str, path: Path) -> Path:
    with db.session() as session:
        data = template_document(session, template_id)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


# --- import ------------------------------------------------------------------------------------


def read_template_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            f"Không đọc được tệp đề cương: {exc}.", f"Cannot read the template file: {exc}.", path.name
        ) from None
    return data


def _check_document(data: Any, place: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            "Tệp không phải đề cương báo cáo của EduDesk.",
            "The file is not an EduDesk report template.",
            place,
        )
    if int(data.get("format_version", 0)) > FORMAT_VERSION:
        raise ValidationError(
            "Đề cương được tạo bởi phiên bản EduDesk mới hơn.",
            "The template comes from a newer EduDesk.",
            place,
        )
    for key in ("code", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValidationError(f"Đề cương thiếu «{key}».", f"The template lacks '{key}'.", place)
    try:
        PeriodType(data.get("period_type", "once"))
    except ValueError:
        raise ValidationError(
            f"Loại kỳ báo cáo «{data.get('period_type')}» không hợp lệ.", "Unknown period type.", place
        ) from None
    if not isinstance(data.get("sections"), list) or not data["sections"]:
        raise ValidationError("Đề cương không có mục nào.", "The template has no sections.", place)


def _content(data: dict[str, Any]) -> str:
    """What makes two versions differ: the outline, name and period, not the version number."""
    keep = {k: data.get(k) for k in ("name", "period_type", "description", "sections")}
    return json.dumps(keep, ensure_ascii=False, sort_keys=True)


def add_template(uow: UnitOfWork, data: dict[str, Any], place: str = "") -> ReportTemplate:
    """Import a template document (elements, indicators, outline) inside ``uow``."""
    require(uow.actor, Action.MANAGE_REPORTING)
    place = place or str(data.get("code", "") if isinstance(data, dict) else "")
    _check_document(data, place)
    for i, raw in enumerate(data.get("elements") or []):
        upsert_element(uow, ElementSpec.from_dict(raw, f"{place} elements[{i}]"), f"{place} elements[{i}]")
    for i, raw in enumerate(data.get("indicators") or []):
        upsert_indicator(
            uow, IndicatorSpec.from_dict(raw, f"{place} indicators[{i}]"), f"{place} indicators[{i}]"
        )
    code = data["code"].strip()[:64]
    current = latest_template(uow.session, code)
    if current is not None:
        uow.session.flush()
        if _content(template_document(uow.session, current.id)) == _content(
            _normalised(uow.session, data, place)
        ):
            return current  # the same content again
    version = (
        uow.session.scalar(select(func.max(ReportTemplate.version)).where(ReportTemplate.code == code)) or 0
    ) + 1
    tpl = ReportTemplate(
        code=code,
        version=version,
        name=data["name"].strip()[:255],
        period_type=PeriodType(data.get("period_type", "once")),
        description=str(data.get("description", "")),
    )
    uow.session.add(tpl)
    uow.session.flush()
    rows: list[TemplateSection] = []
    _add_sections(uow, tpl.id, None, data["sections"], rows, place)
    uow.audit("import", "report_templates", tpl.id, summary=f"{tpl.code} phiên bản {tpl.version}")
    return tpl


def _normalised(session: Session, data: dict[str, Any], place: str) -> dict[str, Any]:
    def norm(s: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": str(s.get("number", "")),
            "heading": str(s.get("heading", "")),
            "prompt": str(s.get("prompt", "")),
        }
        table = TableSpec.parse(s.get("table"), place)
        if table:
            out["table"] = table.to_dict()
        if s.get("children"):
            out["children"] = [norm(c) for c in s["children"]]
        return out

    return {
        "name": data["name"].strip()[:255],
        "period_type": PeriodType(data.get("period_type", "once")).value,
        "description": str(data.get("description", "")),
        "sections": [norm(s) for s in data["sections"]],
    }


def _add_sections(
    uow: UnitOfWork,
    template_id: str,
    parent_id: str | None,
    items: list[Any],
    rows: list[TemplateSection],
    place: str,
) -> None:
    for item in items:
        where = f"{place} mục {item.get('number', '') if isinstance(item, dict) else ''}".strip()
        if not isinstance(item, dict) or not str(item.get("heading", "")).strip():
            raise ValidationError("Mỗi mục cần tiêu đề («heading»).", "Each section needs a heading.", where)
        if len(rows) >= MAX_SECTIONS:
            raise ValidationError("Đề cương có quá nhiều mục.", "The template has too many sections.", place)
        table = TableSpec.parse(item.get("table"), where)
        for code in table.rows if table else ():
            if (
                uow.session.scalars(
                    select(DataElement.id).where(DataElement.code == code, DataElement.deleted.is_(False))
                ).first()
                is None
            ):
                raise ValidationError(
                    f"Bảng dùng số liệu mã {code} chưa có (thêm vào «elements»).",
                    f"The table uses unknown data element {code} (add it to 'elements').",
                    where,
                )
        row = TemplateSection(
            template_id=template_id,
            parent_id=parent_id,
            position=len(rows),
            number=str(item.get("number", ""))[:16],
            heading=str(item["heading"]).strip(),
            prompt=str(item.get("prompt", "")),
            table_spec=json.dumps(table.to_dict(), ensure_ascii=False) if table else "",
        )
        uow.session.add(row)
        uow.session.flush()
        rows.append(row)
        _add_sections(uow, template_id, row.id, item.get("children") or [], rows, place)


def import_template(db: Database, actor: Actor, path: Path) -> dict[str, Any]:
    """Import a template file; returns its id, code and version (all or nothing)."""
    require(actor, Action.MANAGE_REPORTING)
    data = read_template_file(path)
    with UnitOfWork(db, actor) as uow:
        tpl = add_template(uow, data, path.name)
        return {"id": tpl.id, "code": tpl.code, "version": tpl.version, "name": tpl.name}


def save_template_document(db: Database, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """The template editor's save: the edited document becomes the next version (if it changed)."""
    require(actor, Action.MANAGE_REPORTING)
    with UnitOfWork(db, actor) as uow:
        tpl = add_template(uow, data)
        return {"id": tpl.id, "code": tpl.code, "version": tpl.version, "name": tpl.name}


def load_template_document(db: Database, template_id: str) -> dict[str, Any]:
    """The template as the editor edits it (the same JSON as an export)."""
    with db.session() as session:
        return template_document(session, template_id)


# --- built in ----------------------------------------------------------------------------------


def builtin_paths() -> list[Path]:
    return sorted(resource_path("templates").glob("*.json"))


def install_builtin_templates(uow: UnitOfWork) -> dict[str, ReportTemplate]:
    """The shipped templates, imported once (again only when their content changed)."""
    out = {}
    for path in builtin_paths():
        tpl = add_template(uow, read_template_file(path), path.name)
        out[tpl.code] = tpl
    return out


def install_builtins(db: Database, actor: Actor) -> list[dict[str, Any]]:
    require(actor, Action.MANAGE_REPORTING)
    with UnitOfWork(db, actor) as uow:
        return [
            {"id": t.id, "code": t.code, "version": t.version, "name": t.name}
            for t in install_builtin_templates(uow).values()
        ]


def latest_template_id(db: Database, code: str) -> str | None:
    """The id of the latest version of template ``code`` (None when there is none)."""
    with db.session() as session:
        row = latest_template(session, code)
        return row.id if row is not None else None
