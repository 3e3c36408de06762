"""Saving a reviewed plan: document, outline, tasks, assignments and targets in one unit of work.

All of it, or nothing: every task and deadline is checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from models import Assignment, DataElement, Document, Indicator
from models.db import Database
from models.enums import AssignmentRole, Comparator, Recurrence, ValueType
from models.errors import ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import.matching import UnitMatcher
from services.plan_import.model import Deadline, ParsedPlan, Target
from services.plan_import.review import named_units
from services.plan_import.store import store_plan, store_reviewed_parts
from services.plan_import.units import unit_key
from services.plans.assignments import (
    assignment_rows,
    check_units,
)


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
