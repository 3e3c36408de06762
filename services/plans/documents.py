"""Documents (văn bản chỉ đạo), their outline and tasks: entered by hand or saved after review.

Hand entry: create, edit and delete (tombstone) documents, sections and tasks. Import:
the plan importer (services.plan_import) returns a ``ParsedPlan``; the person reviews it
(``merge_tasks``, ``split_task``, ``drop_task`` and plain edits of its dataclasses), matches
each named unit to org units (``UnitMatcher`` suggests, ignoring diacritics), and
``save_parsed_plan`` stores the document, outline, tasks, assignments and targets in one
unit of work: all of it, or nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select, update

from models import Assignment, DataElement, Document, Indicator, OrgUnit, Section, Task
from models.db import Database
from models.enums import AssignmentRole, Comparator, DocType, Recurrence, SchoolLevel, UnitKind, ValueType
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import.model import Deadline, Node, ParsedPlan, ParsedTask, Responsibility, Target
from services.plan_import.store import store_plan, store_reviewed_parts
from services.plan_import.tasks import split_title
from services.plan_import.units import unit_key, unit_kind
from services.plans.assignments import (
    LEVELS_COVERING,
    UnitGroup,
    assignment_rows,
    check_units,
    group_unit_ids,
    parse_school_year,
)

_PERIOD = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")


# --- documents by hand ----------------------------------------------------------------------


@dataclass
class DocumentInput:
    doc_type: DocType | str
    title: str
    number: str = ""
    symbol: str = ""
    issuer: str = ""
    place: str = ""
    issued_on: dt.date | None = None
    school_year: str = ""
    period: str = ""
    basis: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


@dataclass(frozen=True)
class DocumentRow:
    id: str
    doc_type: DocType
    number: str
    symbol: str
    issuer: str
    place: str
    issued_on: dt.date | None
    title: str
    school_year: str
    period: str
    signer_authority: str
    signer_title: str
    signer_name: str
    source_name: str
    body_text: str
    basis: list[Any]
    recipients: list[str]

    @property
    def reference(self) -> str:
        """``123/KH-PGDĐT`` (or the symbol alone while the number is blank)."""
        return f"{self.number}/{self.symbol}" if self.number else self.symbol


def _clean(text: str, length: int, place: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > length:
        raise ValidationError(f"Tối đa {length} ký tự.", f"At most {length} characters.", place)
    return text


def _document_values(data: DocumentInput) -> dict[str, Any]:
    try:
        doc_type = DocType(data.doc_type)
    except ValueError as exc:
        raise ValidationError("Loại văn bản không hợp lệ.", "Invalid document type.", "doc_type") from exc
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError("Cần trích yếu (tên) văn bản.", "A document title is required.", "title")
    if data.school_year:
        parse_school_year(data.school_year)
    if data.period and not _PERIOD.match(data.period.strip()):
        raise ValidationError("Giai đoạn ghi dạng 2021-2025.", "Write a period as 2021-2025.", "period")
    limits = {"number": 32, "symbol": 64, "issuer": 255, "place": 120, "signer_authority": 16,
              "signer_title": 120, "signer_name": 120}  # fmt: skip
    values: dict[str, Any] = {k: _clean(getattr(data, k), n, k) for k, n in limits.items()}
    values.update(
        doc_type=doc_type, title=title, issued_on=data.issued_on,
        school_year=data.school_year.strip().replace("–", "-"), period=data.period.strip().replace("–", "-"),
        basis=json.dumps([b for b in data.basis if b.strip()], ensure_ascii=False),
        recipients=json.dumps([r for r in data.recipients if r.strip()], ensure_ascii=False),
    )  # fmt: skip
    return values


def _to_document_row(doc: Document) -> DocumentRow:
    names = {f.name for f in fields(DocumentRow)} - {"basis", "recipients"}
    return DocumentRow(
        **{n: getattr(doc, n) for n in names},
        basis=json.loads(doc.basis or "[]"),
        recipients=json.loads(doc.recipients or "[]"),
    )


def _live(session: Any, model: type, row_id: str, what: str, english: str) -> Any:
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFound(f"Không tìm thấy {what}.", f"{english} not found.")
    return row


def create_document(db: Database, actor: Actor, data: DocumentInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = Document(**_document_values(data))
        uow.session.add(doc)
        uow.session.flush()
        return doc.id


def update_document(db: Database, actor: Actor, document_id: str, data: DocumentInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = _live(uow.session, Document, document_id, "văn bản", "Document")
        for key, value in _document_values(data).items():
            if getattr(doc, key) != value:
                setattr(doc, key, value)


def delete_document(db: Database, actor: Actor, document_id: str) -> None:
    """Tombstone the document with its outline, tasks and their assignments."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = _live(uow.session, Document, document_id, "văn bản", "Document")
        doc.deleted = True
        for section in uow.session.scalars(select(Section).where(Section.document_id == doc.id)):
            section.deleted = True
        task_ids = []
        for task in uow.session.scalars(
            select(Task).where(Task.document_id == doc.id, Task.deleted.is_(False))
        ):
            task.deleted = True
            task_ids.append(task.id)
        _tombstone_assignments(uow, task_ids)


def _tombstone_assignments(uow: UnitOfWork, task_ids: Sequence[str]) -> int:
    """Bulk tombstones (a plan's tasks may have 100,000 assignments): one audit entry."""
    if not task_ids:
        return 0
    ids: list[str] = []
    for first in range(0, len(task_ids), 500):
        ids += uow.session.scalars(
            select(Assignment.id).where(
                Assignment.task_id.in_(task_ids[first : first + 500]), Assignment.deleted.is_(False)
            )
        )
    if ids:
        uow.session.execute(
            update(Assignment), [{"id": i, "deleted": True, "rev": uow.next_rev()} for i in ids]
        )
        uow.audit(
            "bulk_delete", "assignments", summary=f"{len(ids)} việc được giao", after={"count": len(ids)}
        )
        uow.changes.add("assignments")
    return len(ids)


# --- sections ----------------------------------------------------------------------------------


@dataclass
class SectionInput:
    number: str
    heading: str
    text: str = ""
    parent_id: str | None = None


@dataclass
class SectionNode:
    id: str
    number: str
    heading: str
    text: str
    children: list[SectionNode] = field(default_factory=list)


def add_section(db: Database, actor: Actor, document_id: str, data: SectionInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        _live(uow.session, Document, document_id, "văn bản", "Document")
        values = _section_values(uow, document_id, data)
        siblings = uow.session.scalars(
            select(Section.position).where(
                Section.document_id == document_id, Section.parent_id == data.parent_id
            )
        ).all()
        section = Section(document_id=document_id, position=max(siblings, default=-1) + 1, **values)
        uow.session.add(section)
        uow.session.flush()
        return section.id


def _section_values(uow: UnitOfWork, document_id: str, data: SectionInput) -> dict[str, Any]:
    if data.parent_id:
        parent = _live(uow.session, Section, data.parent_id, "mục cha", "Parent section")
        if parent.document_id != document_id:
            raise ValidationError("Mục cha thuộc văn bản khác.", "The parent belongs to another document.")
    heading = " ".join((data.heading or "").split())
    if not heading and not data.number.strip():
        raise ValidationError(
            "Cần số hoặc tiêu đề của mục.", "A section needs a number or heading.", "heading"
        )
    return {"number": _clean(data.number, 16, "number"), "heading": heading, "text": data.text.strip(),
            "parent_id": data.parent_id}  # fmt: skip


def update_section(db: Database, actor: Actor, section_id: str, data: SectionInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        section = _live(uow.session, Section, section_id, "mục", "Section")
        values = _section_values(uow, section.document_id, data)
        parent = values["parent_id"]
        while parent:  # refuse moving a section under itself
            if parent == section.id:
                raise ValidationError("Không thể đặt mục vào chính nó.", "A section cannot contain itself.")
            parent = uow.session.get(Section, parent).parent_id
        for key, value in values.items():
            if getattr(section, key) != value:
                setattr(section, key, value)


def delete_section(db: Database, actor: Actor, section_id: str) -> None:
    """Tombstone a section and its sub-sections; their tasks move up to the parent section."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        section = _live(uow.session, Section, section_id, "mục", "Section")
        doomed, frontier = {section.id}, [section.id]
        while frontier:
            children = list(uow.session.scalars(select(Section).where(Section.parent_id.in_(frontier))))
            frontier = [c.id for c in children if c.id not in doomed]
            doomed.update(frontier)
        for row in uow.session.scalars(select(Section).where(Section.id.in_(doomed))):
            row.deleted = True
        for task in uow.session.scalars(select(Task).where(Task.section_id.in_(doomed))):
            task.section_id = section.parent_id


def section_tree(db: Database, document_id: str) -> list[SectionNode]:
    with db.session() as session:
        rows = list(
            session.scalars(
                select(Section)
                .where(Section.document_id == document_id, Section.deleted.is_(False))
                .order_by(Section.position, Section.id)
            )
        )
    nodes = {r.id: SectionNode(r.id, r.number, r.heading, r.text) for r in rows}
    roots: list[SectionNode] = []
    for row in rows:
        parent = nodes.get(row.parent_id or "")
        (parent.children if parent else roots).append(nodes[row.id])
    return roots


# --- tasks ---------------------------------------------------------------------------------------


@dataclass
class TaskInput:
    title: str
    description: str = ""
    theme: str = ""
    deadline: dt.date | None = None
    recurrence: Recurrence | str = Recurrence.ONCE
    section_id: str | None = None


@dataclass(frozen=True)
class TaskRow:
    id: str
    document_id: str
    section_id: str | None
    position: int
    title: str
    description: str
    theme: str
    deadline: dt.date | None
    recurrence: Recurrence


def _task_values(uow: UnitOfWork, document_id: str, data: TaskInput) -> dict[str, Any]:
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError("Cần tên nhiệm vụ.", "A task title is required.", "title")
    try:
        recurrence = Recurrence(data.recurrence or Recurrence.ONCE)
    except ValueError as exc:
        raise ValidationError("Chu kỳ không hợp lệ.", "Invalid recurrence.", "recurrence") from exc
    if data.section_id:
        section = _live(uow.session, Section, data.section_id, "mục", "Section")
        if section.document_id != document_id:
            raise ValidationError("Mục thuộc văn bản khác.", "The section belongs to another document.")
    return {"title": title, "description": (data.description or "").strip(), "recurrence": recurrence,
            "theme": _clean(data.theme, 120, "theme"), "deadline": data.deadline,
            "section_id": data.section_id or None}  # fmt: skip


def create_task(db: Database, actor: Actor, document_id: str, data: TaskInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        _live(uow.session, Document, document_id, "văn bản", "Document")
        values = _task_values(uow, document_id, data)
        positions = uow.session.scalars(select(Task.position).where(Task.document_id == document_id)).all()
        task = Task(document_id=document_id, position=max(positions, default=-1) + 1, **values)
        uow.session.add(task)
        uow.session.flush()
        return task.id


def update_task(db: Database, actor: Actor, task_id: str, data: TaskInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        task = _live(uow.session, Task, task_id, "nhiệm vụ", "Task")
        for key, value in _task_values(uow, task.document_id, data).items():
            if getattr(task, key) != value:
                setattr(task, key, value)


def delete_task(db: Database, actor: Actor, task_id: str) -> None:
    """Tombstone a task and its assignments."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        task = _live(uow.session, Task, task_id, "nhiệm vụ", "Task")
        task.deleted = True
        _tombstone_assignments(uow, [task.id])


def get_task(db: Database, task_id: str) -> TaskRow:
    with db.session() as session:
        task = _live(session, Task, task_id, "nhiệm vụ", "Task")
        return TaskRow(**{f.name: getattr(task, f.name) for f in fields(TaskRow)})


def get_document(db: Database, document_id: str) -> DocumentRow:
    with db.session() as session:
        return _to_document_row(_live(session, Document, document_id, "văn bản", "Document"))


def document_tasks(db: Database, document_id: str) -> list[TaskRow]:
    with db.session() as session:
        rows = session.scalars(
            select(Task)
            .where(Task.document_id == document_id, Task.deleted.is_(False))
            .order_by(Task.position, Task.id)
        )
        return [TaskRow(**{f.name: getattr(t, f.name) for f in fields(TaskRow)}) for t in rows]


# --- review of an imported plan (pure edits of the importer's dataclasses) -----------------------


def drop_task(plan: ParsedPlan, index: int) -> ParsedTask:
    return plan.tasks.pop(index)


def merge_tasks(plan: ParsedPlan, indices: Sequence[int]) -> ParsedTask:
    """One task from several: the first's title and section, every text, unit and the earliest deadline."""
    picked = sorted(set(indices))
    if len(picked) < 2:
        raise ValidationError("Hãy chọn ít nhất hai nhiệm vụ để gộp.", "Choose at least two tasks to merge.")
    tasks = [plan.tasks[i] for i in picked]
    first = tasks[0]
    parts = [first.description] + [f"{t.title}\n{t.description}".strip() for t in tasks[1:]]
    units: dict[str, Responsibility] = {}
    for task in tasks:
        for item in task.responsibilities:
            key = unit_key(item.unit)
            if key not in units:
                units[key] = Responsibility(item.unit, item.role)
            elif item.role == "lead":
                units[key].role = "lead"
    deadlines = [t.deadline for t in tasks if t.deadline]
    merged = ParsedTask(
        title=first.title, description="\n".join(p for p in parts if p).strip(), section=first.section,
        line=first.line, deadline=min(deadlines) if deadlines else None, recurrence=first.recurrence,
        responsibilities=list(units.values()), node=first.node,
    )  # fmt: skip
    for i in reversed(picked):
        plan.tasks.pop(i)
    plan.tasks.insert(picked[0], merged)
    return merged


def split_task(plan: ParsedPlan, index: int, at_line: int) -> tuple[ParsedTask, ParsedTask]:
    """Split a task's description at one of its lines: that line starts the second task."""
    task = plan.tasks[index]
    lines = task.description.split("\n")
    if not 0 <= at_line < len(lines) or not lines[at_line].strip():
        raise ValidationError(
            "Chọn một dòng của phần mô tả để tách.", "Choose a description line to split at."
        )
    title, rest = split_title(lines[at_line].lstrip("-+*• "))
    second = ParsedTask(
        title=title, description="\n".join([rest, *lines[at_line + 1 :]]).strip(), section=task.section,
        line=task.line, deadline=task.deadline, recurrence=task.recurrence,
        responsibilities=[Responsibility(r.unit, r.role) for r in task.responsibilities], node=task.node,
    )  # fmt: skip
    task.description = "\n".join(lines[:at_line]).strip()
    plan.tasks.insert(index + 1, second)
    return task, second


def add_task(plan: ParsedPlan, title: str, *, after: int | None = None, node: Node | None = None) -> ParsedTask:
    """A task the importer missed: after task ``after`` (in its section), else at the end of
    section ``node`` (else of the plan, outside the outline)."""
    if after is not None:
        anchor = plan.tasks[after]
        task = ParsedTask(title=title, description="", section=anchor.section, line=anchor.line, node=anchor.node)
        plan.tasks.insert(after + 1, task)
        return task
    line = node.line if node is not None else 0
    task = ParsedTask(title=title, description="", section=node.path if node is not None else "", line=line,
                      node=node)  # fmt: skip
    same = [n for n, t in enumerate(plan.tasks) if node is not None and t.node is node]
    plan.tasks.insert(same[-1] + 1 if same else len(plan.tasks), task)
    return task


def add_target(plan: ParsedPlan) -> Target:
    """An empty target at the end, for the reviewer to fill in (text, value, unit …)."""
    target = Target(text="", value=0.0, unit="%", comparator=Comparator.GE.value, year=None, level="",
                    hint="", section="", line=0)  # fmt: skip
    plan.targets.append(target)
    return target


def named_units(plan: ParsedPlan) -> list[str]:
    """Every unit name the reviewed tasks still carry, one per ``unit_key``, in order of mention."""
    seen: dict[str, str] = {}
    for task in plan.tasks:
        for item in task.responsibilities:
            key = unit_key(item.unit)
            if key not in seen or len(item.unit) > len(seen[key]):
                seen[key] = item.unit  # the fullest spelling
    return list(seen.values())


# --- matching named units to org units ----------------------------------------------------------


@dataclass(frozen=True)
class UnitSuggestion:
    label: str  # what the reviewer sees
    unit_ids: tuple[str, ...]
    score: float  # 0..1
    group: str = ""  # a UnitGroup key when the name stands for many units


@dataclass(frozen=True)
class _Candidate:
    id: str
    label: str
    kind: UnitKind
    keys: tuple[str, ...]


_LEVEL_WORDS = [
    ("mam non", SchoolLevel.MN), ("tieu hoc", SchoolLevel.TH), ("trung hoc co so", SchoolLevel.THCS),
    ("thcs", SchoolLevel.THCS), ("trung hoc pho thong", SchoolLevel.THPT), ("thpt", SchoolLevel.THPT),
    ("giao duc nghe nghiep", SchoolLevel.GDNN_GDTX), ("gdnn", SchoolLevel.GDNN_GDTX),
]  # fmt: skip
_PLURAL = re.compile(
    r"^(cac|tat ca|nhung|moi)\b|\bcac (xa|truong|phong|co so)\b|^co so giao duc|^nha truong$|^don vi truong"
    r"|^hieu truong( nha truong)?$"  # "Hiệu trưởng" in a district's text: the head of each school
)


class UnitMatcher:
    """Diacritic-insensitive fuzzy matching of a unit named in a plan to the office's org units.

    Loads the active units once; ``suggest`` ranks single units (difflib on folded names,
    abbreviations expanded) and, for collective names ("Các trường THCS", "UBND các xã"),
    whole groups of units.
    """

    def __init__(self, db: Database) -> None:
        with db.session() as session:
            units = session.execute(
                select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.short_name, OrgUnit.kind).where(
                    OrgUnit.deleted.is_(False), OrgUnit.active.is_(True)
                )
            ).all()
            self.groups = {g.key: tuple(group_unit_ids(session, g)) for g in _all_groups()}
        self.candidates = [
            _Candidate(
                uid,
                f"{name} ({code})",
                UnitKind(kind),
                tuple(dict.fromkeys(k for k in (unit_key(name), unit_key(short)) if k)),
            )
            for uid, code, name, short, kind in units
        ]

    def suggest(self, name: str, limit: int = 6) -> list[UnitSuggestion]:
        key = unit_key(name)
        if not key:
            return []
        kind = unit_kind(name)
        found = self._groups(key, kind)
        scored: list[tuple[float, _Candidate]] = []
        for cand in self.candidates:
            score = max(_similarity(key, k) for k in cand.keys)
            if kind in {k.value for k in UnitKind} and cand.kind.value != kind:
                score *= 0.85  # a school is rarely meant when the text names a department
            if score >= 0.5:
                scored.append((score, cand))
        scored.sort(key=lambda item: (-item[0], item[1].label))
        found += [UnitSuggestion(c.label, (c.id,), round(s, 3)) for s, c in scored[:limit]]
        found.sort(key=lambda s: -s.score)
        return found[:limit]

    def best(self, name: str, threshold: float = 0.85) -> UnitSuggestion | None:
        """The suggestion a reviewer would accept without looking twice, if there is one."""
        options = self.suggest(name, limit=2)
        if not options or options[0].score < threshold:
            return None
        if len(options) > 1 and options[1].score >= options[0].score - 0.02 and not options[0].group:
            return None  # two near-equal units: ask the person
        return options[0]

    def _groups(self, key: str, kind: str) -> list[UnitSuggestion]:
        if not _PLURAL.search(key):
            return []  # one named unit ("UBND xã Phước Hiệp"), not a group
        found: list[UnitSuggestion] = []
        if kind == "school":
            levels = {level for words, level in _LEVEL_WORDS if re.search(rf"\b{words}\b", key)}
            groups = [UnitGroup(UnitKind.SCHOOL, lv) for lv in sorted(levels)] or [UnitGroup(UnitKind.SCHOOL)]
            if len(groups) > 1:  # "các trường tiểu học và THCS": the union of the levels
                ids = tuple(dict.fromkeys(i for g in groups for i in self.groups[g.key]))
                label = " + ".join(g.label for g in groups)
                return [UnitSuggestion(f"{label} ({len(ids)} đơn vị)", ids, 0.95, groups[0].key)]
        elif kind == "commune":
            groups = [UnitGroup(UnitKind.COMMUNE)]
        elif kind == "department":
            groups = [UnitGroup(UnitKind.DEPARTMENT)]
        else:
            return []
        for group in groups:
            ids = self.groups[group.key]
            if ids:
                found.append(UnitSuggestion(f"{group.label} ({len(ids)} đơn vị)", ids, 0.95, group.key))
        return found


def _all_groups() -> list[UnitGroup]:
    return [UnitGroup(UnitKind.SCHOOL), *(UnitGroup(UnitKind.SCHOOL, lv) for lv in LEVELS_COVERING),
            UnitGroup(UnitKind.COMMUNE), UnitGroup(UnitKind.DEPARTMENT)]  # fmt: skip


def _similarity(key: str, candidate: str) -> float:
    """difflib's ratio, raised when one name holds the other word for word ("Phòng Y tế huyện")."""
    if key == candidate:
        return 1.0
    a, b = f" {key} ", f" {candidate} "
    if a in b or b in a:
        shorter, longer = sorted((len(key), len(candidate)))
        return 0.86 + 0.13 * shorter / longer
    matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio() * 0.95


def suggest_units(db: Database, name: str, limit: int = 6) -> list[UnitSuggestion]:
    return UnitMatcher(db).suggest(name, limit)


# --- saving a reviewed plan ----------------------------------------------------------------------


def _check_reviewed(plan: ParsedPlan) -> None:
    for n, task in enumerate(plan.tasks, start=1):
        place = f"nhiệm vụ {n}"
        if not " ".join(task.title.split()):
            raise ValidationError(f"Nhiệm vụ {n} chưa có tên.", f"Task {n} has no title.", place)
        try:
            Recurrence(task.recurrence)
        except ValueError as exc:
            raise ValidationError("Chu kỳ không hợp lệ.", "Invalid recurrence.", place) from exc
        if task.deadline is not None and not dt.date(2000, 1, 1) <= task.deadline <= dt.date(2100, 12, 31):
            raise ValidationError("Thời hạn không hợp lệ.", "Invalid deadline.", place)
    for n, target in enumerate(plan.targets, start=1):
        if target.comparator not in {c.value for c in Comparator}:
            raise ValidationError(
                "Phép so sánh của chỉ tiêu không hợp lệ.", "Invalid comparator.", f"chỉ tiêu {n}"
            )
        if target.unit == "%" and not 0 <= target.value <= 100:
            raise ValidationError("Chỉ tiêu phần trăm phải từ 0 đến 100.", "A percent target is 0-100.",
                                  f"chỉ tiêu {n}")  # fmt: skip
        if not " ".join(target.text.split()):
            raise ValidationError(f"Chỉ tiêu {n} chưa ghi nội dung.", f"Target {n} has no text.", f"chỉ tiêu {n}")
    for n, deadline in enumerate(plan.deadlines, start=1):
        _check_deadline(n, deadline)


def _check_deadline(n: int, deadline: Deadline) -> None:
    place = f"hạn báo cáo {n}"
    if not " ".join(deadline.text.split()):
        raise ValidationError(f"Hạn báo cáo {n} chưa ghi việc phải làm hoặc nộp.",
                              f"Report deadline {n} does not say what is due.", place)  # fmt: skip
    if not dt.date(2000, 1, 1) <= deadline.date <= dt.date(2100, 12, 31):
        raise ValidationError(f"Ngày của hạn báo cáo {n} không hợp lệ.", f"Invalid date of deadline {n}.", place)
    try:
        Recurrence(deadline.recurrence)
    except ValueError as exc:
        raise ValidationError("Chu kỳ không hợp lệ.", "Invalid recurrence.", place) from exc


@dataclass(frozen=True)
class SavedPlan:
    document_id: str
    sections: int
    tasks: int
    assignments: int
    targets: int


def save_parsed_plan(
    db: Database,
    actor: Actor,
    parsed: ParsedPlan,
    unit_matches: Mapping[str, Sequence[str]],
    *,
    save_targets: bool = True,
    uow_options: dict[str, Any] | None = None,
) -> str:
    """Store a reviewed plan in one unit of work; returns the new document's id.

    ``unit_matches`` maps a unit name as the plan writes it (any spelling: the key is
    ``unit_key``) to the org units it stands for; each task's responsibilities become
    lead / support assignments of those units (recurring tasks: one per occurrence of
    the document's school year). Targets become indicators of the document.
    """
    return save_parsed_plan_full(db, actor, parsed, unit_matches, save_targets=save_targets,
                                 uow_options=uow_options).document_id  # fmt: skip


def imported_before(db: Database, sha256: str) -> str | None:
    """The title of the live document already imported from this very file, if any."""
    if not sha256:
        return None
    with db.session() as session:
        return session.scalars(
            select(Document.title).where(Document.source_sha256 == sha256, Document.deleted.is_(False))
        ).first()


def save_parsed_plan_full(
    db: Database,
    actor: Actor,
    parsed: ParsedPlan,
    unit_matches: Mapping[str, Sequence[str]],
    *,
    save_targets: bool = True,
    uow_options: dict[str, Any] | None = None,
) -> SavedPlan:
    require(actor, Action.EDIT_DOCUMENTS)
    matches = {unit_key(name): list(ids) for name, ids in unit_matches.items() if ids}
    if matches:
        require(actor, Action.ASSIGN_TASKS)
    _check_reviewed(parsed)
    with UnitOfWork(db, actor, **(uow_options or {})) as uow:
        taken = uow.session.scalars(
            select(Document.title).where(Document.source_sha256 == parsed.sha256, Document.deleted.is_(False))
        ).first()
        if taken is not None and parsed.sha256:
            raise ValidationError(
                f"Tệp này đã được nhập trước đây (văn bản «{taken[:80]}»); không nhập lại.",
                "This file was imported before; it is not imported twice.",
                parsed.source_name,
            )
        check_units(uow.session, [i for ids in matches.values() for i in ids])
        stored = store_plan(uow, parsed)
        year = parsed.document.school_year if re.match(r"^\d{4}-\d{4}$", parsed.document.school_year) else ""
        rows = _plan_assignments(uow, parsed, stored.task_ids, matches, year)
        uow.insert_many(Assignment, rows, summary=f"Giao nhiệm vụ của {parsed.source_name}")
        targets = _store_targets(uow, parsed, stored.document_id) if save_targets else 0
        store_reviewed_parts(uow, stored.document_id, parsed)
        uow.audit(
            "import", "documents", stored.document_id,
            summary=f"Nhập {parsed.source_name}: {stored.tasks} nhiệm vụ, {len(rows)} việc giao, {targets} chỉ tiêu",
        )  # fmt: skip
    return SavedPlan(stored.document_id, stored.sections, stored.tasks, len(rows), targets)


def auto_unit_matches(db: Database, parsed: ParsedPlan) -> dict[str, list[str]]:
    """The matches the review dialog proposes before anyone changes them (``UnitMatcher.best``)."""
    matcher = UnitMatcher(db)
    found = {name: matcher.best(name) for name in named_units(parsed)}
    return {name: list(best.unit_ids) for name, best in found.items() if best is not None}


def save_reviewed_plan(
    db: Database,
    actor: Actor,
    parsed: ParsedPlan,
    unit_matches: Mapping[str, Sequence[str]] | None = None,
    *,
    uow_options: dict[str, Any] | None = None,
) -> SavedPlan:
    """The one way a plan is saved, from the review dialog and from ``import-plan --save``:
    document, outline, tasks, assignments of the matched units (``None``: the matches the
    dialog proposes), targets as indicators, and the reviewed deadlines and targets that
    rounds and ``targets`` read later."""
    require(actor, Action.EDIT_DOCUMENTS)
    matches = auto_unit_matches(db, parsed) if unit_matches is None else unit_matches
    return save_parsed_plan_full(db, actor, parsed, matches, uow_options=uow_options)


def _plan_assignments(
    uow: UnitOfWork, parsed: ParsedPlan, task_ids: Sequence[str], matches: dict[str, list[str]], year: str
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    existing: set[tuple[str, str, str]] = set()
    for task, task_id in zip(parsed.tasks, task_ids, strict=True):
        ordered = sorted(task.responsibilities, key=lambda r: r.role != "lead")  # a lead wins over support
        for item in ordered:
            unit_ids = matches.get(unit_key(item.unit), [])
            if not unit_ids:
                continue
            role = AssignmentRole.LEAD if item.role == "lead" else AssignmentRole.SUPPORT
            task_ref = {"id": task_id, "deadline": task.deadline, "recurrence": task.recurrence}
            # ``existing`` makes a unit named twice in one task (say a school and "các trường")
            # get one assignment per occurrence, the lead role first.
            made, _skipped = assignment_rows(
                uow, task_ref, unit_ids, role, school_year=year, existing=existing
            )
            rows += made
    return rows


def _store_targets(uow: UnitOfWork, parsed: ParsedPlan, document_id: str) -> int:
    """Each target becomes a data element and an indicator of the document (for reporting)."""
    if not parsed.targets:
        return 0
    stem = re.sub(r"[^A-Z0-9]", "", fold(parsed.document.symbol or parsed.document.type or "KH").upper())[:20]
    stem = f"{stem}{parsed.sha256[:6].upper()}" if parsed.sha256 else f"{stem}{uow.new_id()[:6].upper()}"
    elements, indicators = [], []
    for n, target in enumerate(parsed.targets, start=1):
        element_id = uow.new_id()
        elements.append(_element(element_id, f"{stem}.CT{n:02d}", target))
        indicators.append({
            "code": f"{stem}.CT{n:02d}", "name": target.text.strip() or target.hint, "levels": target.level,
            "numerator_id": element_id, "denominator_id": None, "comparator": Comparator(target.comparator),
            "target_value": float(target.value), "baseline_value": None, "baseline_year": "",
            "target_year": str(target.year or ""), "document_id": document_id,
        })  # fmt: skip
    uow.insert_many(DataElement, elements, summary=f"Số liệu của chỉ tiêu {parsed.source_name}")
    uow.insert_many(Indicator, indicators, summary=f"Chỉ tiêu của {parsed.source_name}")
    return len(indicators)


def _element(element_id: str, code: str, target: Target) -> dict[str, Any]:
    if target.unit == "%":
        value_type, low, high = ValueType.PERCENT, 0.0, 100.0
    elif float(target.value).is_integer():
        value_type, low, high = ValueType.INTEGER, 0.0, None
    else:
        value_type, low, high = ValueType.DECIMAL, 0.0, None
    return {"id": element_id, "code": code, "name": (target.hint or target.text)[:255], "value_type": value_type,
            "min_value": low, "max_value": high, "unit_label": target.unit[:32]}  # fmt: skip
