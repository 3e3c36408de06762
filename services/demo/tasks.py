"""The demo's tasks in full: assignments, recurring occurrences, progress with evidence, late work.

``add_task_demo`` is called by the demo builder (services/demo/district.py) inside its unit of work,
after the units and the sample plans are stored. Everything comes from ``rng`` and the
unit of work's id factory, in a fixed order, so one seed gives one database; rows go in
with ``insert_many`` (1,000 schools × the samples' tasks in a few seconds).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from models import Assignment, Attachment, Document, ProgressUpdate, Task
from models.enums import AssignmentRole, AssignmentStatus, Recurrence, SchoolLevel
from services.core import attachments
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import.model import ParsedPlan, ParsedTask
from services.plan_import.units import unit_key, unit_kind
from services.plans.assignments import LEVELS_COVERING, assignment_rows, occurrences

SCHOOL_YEAR = "2023-2024"
AS_OF = dt.date(2024, 4, 15)
_YEAR_START = dt.date(2023, 9, 5)
_DUE_DATES = [dt.date(2023, 10, 31), dt.date(2023, 12, 15), dt.date(2024, 1, 10), dt.date(2024, 3, 29),
              dt.date(2024, 5, 15), dt.date(2024, 5, 31)]  # fmt: skip
_LEVEL_WORDS = [("mam non", SchoolLevel.MN), ("tieu hoc", SchoolLevel.TH), ("trung hoc co so", SchoolLevel.THCS),
                ("thcs", SchoolLevel.THCS), ("thpt", SchoolLevel.THPT)]  # fmt: skip
# Folded words that make a task recur: reports each semester, health checks each quarter …
_RECURRING = [("an toan", Recurrence.MONTHLY), ("ve sinh", Recurrence.MONTHLY), ("the chat", Recurrence.MONTHLY),
              ("bao cao", Recurrence.SEMESTER), ("so ket", Recurrence.SEMESTER), ("chuyen doi so", Recurrence.SEMESTER),
              ("kiem tra", Recurrence.QUARTERLY), ("y te", Recurrence.QUARTERLY), ("truyen thong", Recurrence.QUARTERLY),
              ("thi dua", Recurrence.SCHOOL_YEAR)]  # fmt: skip
_NOTES = {
    AssignmentStatus.IN_PROGRESS: [
        "Đã xây dựng kế hoạch của đơn vị và triển khai đến các tổ chuyên môn.",
        "Đã họp hội đồng sư phạm quán triệt nội dung; đang triển khai.",
        "Đang thực hiện theo lộ trình; đã xong phần việc của học kỳ I.",
        "Đã phân công từng bộ phận; đang tổng hợp minh chứng.",
        "Đã tổ chức chuyên đề cấp trường; chuẩn bị báo cáo sơ kết.",
    ],
    AssignmentStatus.DONE: [
        "Đã hoàn thành, báo cáo kết quả kèm minh chứng.",
        "Hoàn thành đúng tiến độ; đã gửi báo cáo về Phòng.",
        "Đã hoàn thành và rút kinh nghiệm trong hội đồng sư phạm.",
    ],
    AssignmentStatus.PAUSED: [
        "Tạm dừng chờ kinh phí được phân bổ.",
        "Tạm dừng do đơn vị đang sửa chữa cơ sở vật chất.",
        "Tạm dừng chờ hướng dẫn của cấp trên.",
    ],
}
# Small evidence files, stored once each (content-addressed) and linked from many updates.
_EVIDENCE = [
    ("bien-ban-hop-hoi-dong.txt", "BIÊN BẢN HỌP HỘI ĐỒNG SƯ PHẠM\nNội dung: quán triệt và phân công thực hiện."),
    ("ke-hoach-cua-truong.txt", "KẾ HOẠCH THỰC HIỆN\n1. Mục đích, yêu cầu\n2. Nội dung\n3. Tổ chức thực hiện"),
    ("bao-cao-ket-qua.txt", "BÁO CÁO KẾT QUẢ THỰC HIỆN\nĐơn vị đã hoàn thành các nội dung được giao."),
    ("danh-sach-tham-du.csv", "STT;Họ và tên;Chức vụ\n1;Nguyễn Văn An;Hiệu trưởng\n2;Trần Thị Bình;Phó Hiệu trưởng"),
    ("hinh-anh-hoat-dong.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40">'
     '<rect width="80" height="40" fill="#4a7"/><text x="8" y="25">Minh chứng</text></svg>'),
]  # fmt: skip


@dataclass
class _Unit:
    id: str
    name: str = ""
    level: SchoolLevel | None = None
    author: str = ""
    keys: tuple[str, ...] = ()  # unit_key of its names
    words: tuple[str, ...] = ()  # folded words of the tasks it supports


def _attr(item: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(item, dict) and name in item:
            return item[name]
        if hasattr(item, name):
            return getattr(item, name)
    return default


def _schools(items: Sequence[Any]) -> list[_Unit]:
    return [_Unit(_attr(s, "id"), _attr(s, "name", default=""), SchoolLevel(_attr(s, "level", "school_level")),
                  _attr(s, "head_name", default="")) for s in items]  # fmt: skip


def _departments(items: Sequence[Any]) -> list[_Unit]:
    """(demo department, unit id) pairs, or objects/dicts with id, name, short_name, keywords."""
    found = []
    for item in items:
        dept, unit_id = (item[0], item[1]) if isinstance(item, tuple) else (item, _attr(item, "id"))
        names = [n for n in (_attr(dept, "name", default=""), _attr(dept, "short_name", default="")) if n]
        keys = tuple(unit_key(n) for n in names)
        words = tuple(_attr(dept, "keywords", default=()) or ())
        found.append(
            _Unit(unit_id, names[-1] if names else "", None, names[-1] if names else "", keys, words)
        )
    return found


@dataclass
class _Work:
    task_id: str
    text: str  # folded title and description
    due: dt.date
    recurrence: Recurrence
    schools: frozenset[SchoolLevel] | None  # levels of the schools that lead it (None: no school)
    share: float  # share of those schools
    leads: list[_Unit]
    supports: list[_Unit]


class _TaskDemo:
    def __init__(self, uow: UnitOfWork, rng: random.Random, schools: list[_Unit], departments: list[_Unit],
                 communes: list[_Unit], school_year: str, as_of: dt.date) -> None:  # fmt: skip
        self.uow, self.rng = uow, rng
        self.schools, self.departments, self.communes = schools, departments, communes
        self.school_year, self.as_of = school_year, as_of
        self.office = _Unit(uow.office_id, author="")
        self.evidence: list[dict[str, Any]] = []
        self.counts = {"assignments": 0, "recurring_assignments": 0, "progress_updates": 0, "attachments": 0,
                       "evidence_files": 0, "overdue_as_of": 0, "recurring_tasks": 0}  # fmt: skip

    # --- which units a task goes to ----------------------------------------------------------

    def work(self, documents: Sequence[Any]) -> list[_Work]:
        found: list[_Work] = []
        for item in documents:
            if isinstance(item, tuple):
                plan, stored = item
                task_ids = list(_attr(stored, "task_ids"))
                found += [
                    self._from_parsed(plan, task, tid) for task, tid in zip(plan.tasks, task_ids, strict=True)
                ]
            else:
                found += self._from_database(str(item))
        return found

    def _from_database(self, document_id: str) -> list[_Work]:
        doc = self.uow.session.get(Document, document_id)
        own = doc is not None and doc.school_year == self.school_year
        tasks = self.uow.session.scalars(
            select(Task)
            .where(Task.document_id == document_id, Task.deleted.is_(False))
            .order_by(Task.position)
        )
        return [self._make(t.id, fold(f"{t.title} {t.description}"), t.deadline, Recurrence(t.recurrence), None,
                           1.0 if own else 0.3, [], []) for t in tasks]  # fmt: skip

    def _from_parsed(self, plan: ParsedPlan, task: ParsedTask, task_id: str) -> _Work:
        leads: list[_Unit] = []
        supports: list[_Unit] = []
        levels: set[SchoolLevel] | None = None
        for item in task.responsibilities:
            kind, key = unit_kind(item.unit), unit_key(item.unit)
            if kind == "school":
                if item.role == "lead":
                    named = {lv for words, lv in _LEVEL_WORDS if words in key}
                    levels = (levels or set()) | (named or set(SchoolLevel))
                continue
            target = leads if item.role == "lead" else supports
            for unit in self._named(kind, key):
                if unit not in leads and unit not in supports:
                    target.append(unit)
        own = plan.document.school_year == self.school_year
        general = 1.0 if own else (0.6 if plan.document.period else 0.0)
        share = 1.0 if levels is not None else 0.0
        if levels is None and not leads:
            # an item of the plan's tasks part that names no one: the schools' work
            share = general
            leads = [] if share else [self.office]
        elif levels is None and leads == [self.office]:
            share = general  # the office leads and passes the work on to its schools
        return self._make(task_id, fold(f"{task.title} {task.description}"), task.deadline,
                          Recurrence(task.recurrence), frozenset(levels) if levels else None, share, leads,
                          supports)  # fmt: skip

    def _make(self, task_id: str, text: str, deadline: dt.date | None, recurrence: Recurrence,
              levels: frozenset[SchoolLevel] | None, share: float, leads: list[_Unit],
              supports: list[_Unit]) -> _Work:  # fmt: skip
        start, end = (int(y) for y in self.school_year.split("-"))
        in_year = deadline if deadline and dt.date(start, 9, 1) <= deadline <= dt.date(end, 6, 30) else None
        if recurrence == Recurrence.ONCE and share:  # some of the schools' work recurs
            for words, kind in _RECURRING:
                if words in text and self.rng.random() < 0.9:
                    recurrence = kind
                    break
        if share and not supports:
            scored = sorted(((sum(k in text for k in d.words), i) for i, d in enumerate(self.departments)),
                            reverse=True)  # fmt: skip
            supports = [self.departments[i] for score, i in scored[:2] if score]
            if share == 1.0 and any(w in text for w in ("xa hoi hoc tap", "pho cap", "co so vat chat")):
                supports += self.communes
        return _Work(task_id, text, in_year or self.rng.choice(_DUE_DATES), recurrence, levels, share, leads,
                     supports)  # fmt: skip

    def _named(self, kind: str, key: str) -> list[_Unit]:
        if kind == "commune":
            return list(self.communes)
        if kind == "district" or key.startswith("phong giao duc"):
            return [self.office]
        for dept in self.departments:
            if any(key == k or (len(key) > 8 and k.startswith(key)) for k in dept.keys):
                return [dept]
        return []

    # --- rows ---------------------------------------------------------------------------------

    def run(self, work: list[_Work]) -> None:
        self._store_evidence()
        self._recur([w for w in work if w.recurrence != Recurrence.ONCE])
        existing: set[tuple[str, str, str]] = set()
        rows: list[dict[str, Any]] = []
        for item in work:
            for units, role in ((item.leads, AssignmentRole.LEAD), (item.supports, AssignmentRole.SUPPORT)):
                rows += self._rows(item, units, role, existing)
        self._flush(rows)
        for first in range(0, len(self.schools), 100):  # the schools, in batches that stay small
            chunk = self.schools[first : first + 100]
            rows = []
            for item in work:
                if not item.share:
                    continue
                levels = set().union(*(LEVELS_COVERING[lv] for lv in item.schools)) if item.schools else None
                picked = [s for s in chunk if (levels is None or s.level in levels)
                          and (item.share >= 1 or self.rng.random() < item.share)]  # fmt: skip
                rows += self._rows(item, picked, AssignmentRole.LEAD, existing)
            self._flush(rows)

    def _recur(self, work: list[_Work]) -> None:
        """Tasks that recur say so on the task itself, as an officer would set it.

        A bulk update in task-id order: revisions must not depend on the order in which
        the ORM happens to flush changed objects (one seed, one dump).
        """
        self.counts["recurring_tasks"] = len(work)
        changed = sorted((w.task_id, w.recurrence) for w in work)
        if changed:
            rows = [{"id": i, "recurrence": r, "rev": self.uow.next_rev()} for i, r in changed]
            self.uow.session.execute(update(Task), rows)
            self.uow.audit("bulk_update", "tasks", summary=f"Chu kỳ của {len(rows)} nhiệm vụ (dữ liệu mẫu)",
                           after={"count": len(rows)})  # fmt: skip
            self.uow.changes.add("tasks")

    def _rows(self, item: _Work, units: list[_Unit], role: AssignmentRole,
              existing: set[tuple[str, str, str]]) -> list[dict[str, Any]]:  # fmt: skip
        task = {"id": item.task_id, "deadline": item.due, "recurrence": item.recurrence}
        made, _ = assignment_rows(self.uow, task, [u.id for u in units], role, school_year=self.school_year,
                                  existing=existing, note="" if role == AssignmentRole.LEAD else "Phối hợp thực hiện")  # fmt: skip
        authors = {u.id: u.author for u in units}
        for row in made:
            row["_author"] = authors.get(row["unit_id"], "")
        if item.recurrence != Recurrence.ONCE:
            self.counts["recurring_assignments"] += len(made)
        return made

    def _flush(self, rows: list[dict[str, Any]]) -> None:
        updates: list[dict[str, Any]] = []
        files: list[dict[str, Any]] = []
        for row in rows:
            self._progress(row, row.pop("_author"), updates, files)
        self.uow.insert_many(Assignment, rows, summary=f"Giao {len(rows)} việc (dữ liệu mẫu)")
        self.uow.insert_many(
            ProgressUpdate, updates, summary=f"{len(updates)} lần cập nhật tiến độ (dữ liệu mẫu)"
        )
        self.uow.insert_many(Attachment, files, summary=f"{len(files)} tệp minh chứng (dữ liệu mẫu)")
        self.counts["assignments"] += len(rows)
        self.counts["progress_updates"] += len(updates)
        self.counts["attachments"] += len(files)

    def _status(self, due: dt.date | None) -> AssignmentStatus:
        """Mostly done when due before the demo's day, mostly under way after; some late."""
        weights = (10, 15, 70, 5) if due and due < self.as_of else (30, 50, 15, 5)
        return self.rng.choices((AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE,
                                 AssignmentStatus.PAUSED), weights)[0]  # fmt: skip

    def _progress(self, row: dict[str, Any], author: str, updates: list[dict[str, Any]],
                  files: list[dict[str, Any]]) -> None:  # fmt: skip
        due: dt.date | None = row["due_on"]
        if due and due > self.as_of + dt.timedelta(days=120):
            status = AssignmentStatus.NOT_STARTED  # far off: nothing yet
        else:
            status = self._status(due)
        percent = {AssignmentStatus.NOT_STARTED: 0, AssignmentStatus.DONE: 100}.get(
            status, self.rng.randrange(10, 95, 5)
        )
        row["status"], row["percent"] = status, percent
        if due and due < self.as_of and status not in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
            self.counts["overdue_as_of"] += 1
        if status == AssignmentStatus.NOT_STARTED:
            return
        last = min(due or self.as_of, self.as_of) if status == AssignmentStatus.DONE else self.as_of
        span = max(1, (last - _YEAR_START).days)
        days = sorted(self.rng.sample(range(span), min(span, self.rng.choice((1, 1, 2, 3)))))
        steps = [AssignmentStatus.IN_PROGRESS] * (len(days) - 1) + [status]
        for n, (offset, step) in enumerate(zip(days, steps, strict=True), start=1):
            update_id = self.uow.new_id()
            updates.append({
                "id": update_id, "assignment_id": row["id"], "on_date": _YEAR_START + dt.timedelta(days=offset),
                "status": step, "percent": percent if n == len(days) else percent * n // (len(days) + 1),
                "note": self.rng.choice(_NOTES[step]), "author": author,
            })  # fmt: skip
            if step == AssignmentStatus.DONE and self.rng.random() < 0.08:
                files.append(dict(self.rng.choice(self.evidence), progress_id=update_id))

    def _store_evidence(self) -> None:
        self.evidence = store_evidence_files(self.uow.db)
        self.counts["evidence_files"] = len(self.evidence)


def store_evidence_files(db: Any) -> list[dict[str, Any]]:
    """The demo's few evidence files, stored once; Attachment values without their progress id."""
    stored = []
    for name, text in _EVIDENCE:
        sha, size = attachments.store_bytes(db, text.encode("utf-8"))
        media = "image/svg+xml" if name.endswith(".svg") else (
            "text/csv" if name.endswith(".csv") else "text/plain")  # fmt: skip
        stored.append({"sha256": sha, "filename": name, "size": size, "media_type": media})
    return stored


def add_task_demo(
    uow: UnitOfWork,
    rng: random.Random,
    *,
    schools: Sequence[Any],
    departments: Sequence[Any],
    communes: Sequence[Any],
    documents: Sequence[Any],
    school_year: str = SCHOOL_YEAR,
    as_of: dt.date = AS_OF,
) -> dict[str, int]:
    """Assign the stored sample plans' tasks to the demo's units, with progress; returns counts.

    ``schools``: objects or dicts with ``id``, ``level`` and ``head_name`` (the demo's
    ``_School``); ``departments``: the demo's ``(_Department, unit id)`` pairs (or objects with
    ``id``, ``name``, ``short_name``, ``keywords``); ``communes``: unit ids; ``documents``:
    ``(ParsedPlan, StoredPlan)`` pairs as ``store_plan`` returned them (their responsibilities
    say who leads), or plain document ids. Recurring tasks (reports each semester, health
    checks each quarter …) get one assignment per occurrence of ``school_year``; progress is
    told up to ``as_of``, with some late work and some evidence files.
    """
    occurrences(Recurrence.ONCE, school_year)  # a malformed year fails here, before any row
    communes_ = [_Unit(c if isinstance(c, str) else _attr(c, "id"), author="UBND xã") for c in communes]
    demo = _TaskDemo(uow, rng, _schools(schools), _departments(departments), communes_, school_year, as_of)
    demo.run(demo.work(documents))
    return dict(demo.counts)
