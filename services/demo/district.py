"""The demo district: a Củ Chi-like district office filled with plausible data.

``build_demo`` creates a new database holding the province, the district office,
its departments and communes, N schools, the sample plans (documents, outline,
tasks), assignments with progress, and accounts. The same seed gives the same
``dump`` byte for byte: ids come from a seeded generator, revisions from a clock
that counts milliseconds from a fixed date, audit times are fixed, and the
content comes from a second seeded generator consumed in a fixed order.

One module (over 400 lines) because the builder must consume its two seeded generators
in one fixed order; split across modules that order would be invisible. Its data pools are in
``services.demo.names``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import random
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from models import (
    Assignment,
    Attachment,
    Base,
    Document,
    OrgUnit,
    ProgressUpdate,
    Setting,
    Task,
    User,
    synced_tables,
)
from models.db import Database, sqlite_path
from models.db import resolve_url as _resolve_url
from models.enums import AssignmentRole, AssignmentStatus, DocType, Role, SchoolLevel, UnitKind
from models.errors import ValidationError
from services.accounts import users
from services.accounts.office import PRINT_SETTINGS_KEY, PrintSettings, init_office
from services.accounts.permissions import SYSTEM, Action, require
from services.core.callbacks import ProgressCallback
from services.core.resources import resource_path
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.demo.names import (
    COMMUNE_KEYWORDS,
    COMMUNES,
    DEPARTMENTS,
    FEMALE_NAMES,
    FLOWERS,
    HAMLETS,
    LEVELS,
    MALE_NAMES,
    NOTES,
    PEOPLE,
    SURNAMES,
    Department,
    ascii_code,
    level_counts,
    locality,
)
from services.demo.tasks import store_evidence_files
from services.plan_import import parse_plan
from services.plan_import.model import ParsedPlan, ParsedTask
from services.plan_import.store import store_plan
from services.plan_import.units import heading_units, unit_key, unit_kind

# Each capability adds its part of the demo district through one function
# ``(uow, rng, *, school_year, as_of) -> dict[str, int]`` that reads what the
# foundation wrote through ``uow.session``; a capability not built yet is skipped.
DEMO_EXTENSIONS = [
    "services.demo.reporting:add_reporting_demo",
    "services.demo.sync:add_sync_demo",
    "services.demo.register:add_register_demo",
]

DEMO_PASSWORD = "Demo-2026"
MAX_SCHOOLS = 1000
MAX_EXTRA_TASKS = 200  # --tasks: 1,000 schools × 80 more tasks ≈ the 100,000 assignments of DESIGN §6
SCHOOL_YEAR = "2023-2024"
AS_OF = dt.date(2024, 4, 15)  # the demo's progress is told up to this day
PROVINCE_CODE, PROVINCE_NAME = "SGDHCM", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
DISTRICT_CODE, DISTRICT_NAME = "PGDCC", "Phòng Giáo dục và Đào tạo huyện Củ Chi"
_EPOCH = dt.datetime(2023, 9, 20, 1, 0, 0)  # UTC; 08:00 in Củ Chi
_EPOCH_MS = int(_EPOCH.replace(tzinfo=dt.UTC).timestamp() * 1000)
_BATCH_SCHOOLS = 100
EVIDENCE_SHARE = 0.3  # finished work that reports with an evidence file
_YEAR_START = dt.date(2023, 9, 5)  # the school year's opening day
_YEAR_END = dt.date(2024, 5, 31)
_DUE_DATES = [
    dt.date(2023, 10, 31),
    dt.date(2023, 12, 15),
    dt.date(2024, 1, 10),
    dt.date(2024, 3, 29),
    dt.date(2024, 5, 15),
    dt.date(2024, 5, 31),
]

_EXTRA_SUBJECTS = [
    "Nâng cao chất lượng đội ngũ giáo viên", "Tăng cường cơ sở vật chất trường học",
    "Chuyển đổi số trong quản lý giáo dục", "Giáo dục kỹ năng sống cho học sinh",
    "Bảo đảm an toàn trường học", "Đổi mới kiểm tra, đánh giá học sinh", "Xây dựng trường đạt chuẩn quốc gia",
    "Công tác y tế trường học", "Xã hội hóa giáo dục", "Thực hiện Chương trình giáo dục phổ thông 2018",
    "Phát triển văn hóa đọc trong nhà trường", "Phòng chống đuối nước cho học sinh",
]  # fmt: skip

class _Ticks:
    """A wall clock that starts at a fixed date and advances one millisecond per reading."""

    def __init__(self, start_ms: int) -> None:
        self._next = itertools.count(start_ms)

    def __call__(self) -> int:
        return next(self._next)


def demo_uow_options(seed: int) -> dict[str, Any]:
    """Deterministic ids, revisions and audit times for a seed (shared by every step)."""
    ids = random.Random(f"edudesk-demo-ids-{seed}")
    return {
        "clock": _Ticks(_EPOCH_MS),
        "id_factory": lambda: str(uuid.UUID(int=ids.getrandbits(128), version=4)),
        "audit_at": lambda: _EPOCH,
    }


def build_demo(
    target: str | None,
    *,
    schools: int = 40,
    seed: int = 1,
    progress: ProgressCallback | None = None,
    tasks: int = 0,
) -> dict[str, Any]:
    """Create a new database at ``target`` holding the demo district; returns a summary.

    Refuses an existing database. If the work fails after the file was created (or
    ``progress`` raises to cancel), the new SQLite file is removed again.
    """
    if isinstance(schools, bool) or not isinstance(schools, int) or not 1 <= schools <= MAX_SCHOOLS:
        raise ValidationError(
            f"Số trường phải từ 1 đến {MAX_SCHOOLS}.", f"The number of schools must be 1-{MAX_SCHOOLS}.",
            "schools",
        )  # fmt: skip
    if isinstance(tasks, bool) or not isinstance(tasks, int) or not 0 <= tasks <= MAX_EXTRA_TASKS:
        raise ValidationError(
            f"Số nhiệm vụ thêm phải từ 0 đến {MAX_EXTRA_TASKS}.",
            f"The number of extra tasks must be 0-{MAX_EXTRA_TASKS}.", "tasks",
        )  # fmt: skip
    started = time.perf_counter()
    report = progress or (lambda _done, _total, _label: None)
    total = 6 + -(-schools // _BATCH_SCHOOLS)
    options = demo_uow_options(seed)
    path = sqlite_path(_resolve_url(target))
    files_existed = path is not None and path.with_name(path.stem + "-files").exists()
    db = init_office(
        target,
        code=DISTRICT_CODE,
        name=DISTRICT_NAME,
        kind=UnitKind.DISTRICT,
        admin_password=DEMO_PASSWORD,
        parent_code=PROVINCE_CODE,
        parent_name=PROVINCE_NAME,
        uow_options=options,
    )
    try:
        builder = _Builder(db, schools, random.Random(f"edudesk-demo-data-{seed}"), report, total)
        builder.extra_tasks = tasks
        with UnitOfWork(db, SYSTEM, **options) as uow:
            builder.run(uow)
        report(total, total, "Xong")
        counts = _counts(db)
    except BaseException:
        db.dispose()
        _remove_new_database(path, files_existed)
        raise
    summary = {
        "seconds": round(time.perf_counter() - started, 3),
        "database": db.describe(),
        "office": {"code": DISTRICT_CODE, "name": DISTRICT_NAME},
        "schools": schools,
        "extra_tasks": tasks,
        "seed": seed,
        "school_year": SCHOOL_YEAR,
        "as_of": AS_OF.isoformat(),
        "counts": counts,
        "logins": builder.logins,
        "password_hint": DEMO_PASSWORD,
    }
    if not db.is_sqlite:  # the demo's key is sealed on the server: other PCs need the passphrase
        from services.sync.server_key import show_passphrase

        summary["key_passphrase"] = show_passphrase(db, SYSTEM)
    db.dispose()
    return summary


def _remove_new_database(path: Path | None, files_existed: bool) -> None:
    if path is None:
        return  # a server database cannot be dropped from here; it keeps the bare office
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    files = path.with_name(path.stem + "-files")
    if not files_existed and files.exists():
        shutil.rmtree(files, ignore_errors=True)


def _counts(db: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.session() as session:
        tables: list[type[Base]] = [*synced_tables(), User]
        for model in tables:
            n = session.scalar(select(func.count()).select_from(model)) or 0
            if n:
                counts[model.__tablename__] = n
    return counts


@dataclass
class _School:
    id: str
    code: str
    name: str
    level: SchoolLevel
    head_name: str


@dataclass
class _TaskRef:
    id: str
    due: dt.date
    text: str  # folded title and description, for matching departments
    lead_share: float  # share of the schools that lead it (0 = none)
    levels: frozenset[SchoolLevel] | None  # the schools' levels when the plan names them
    leads: list[tuple[str, str]]  # (unit id, author of its progress notes) named by the plan
    supports: list[tuple[str, str]]


class _Builder:
    def __init__(
        self, db: Database, schools: int, rng: random.Random, report: ProgressCallback, total: int
    ) -> None:
        self.db = db
        self.n_schools = schools
        self.rng = rng
        self._report = report
        self.total = total
        self.done = 1
        self.logins: list[str] = []
        self.office_id = ""
        self.departments: list[tuple[Department, str]] = []
        self.communes: list[str] = []
        self.schools: list[_School] = []
        self.tasks: list[_TaskRef] = []
        self.evidence: list[dict[str, Any]] = []
        self.files: list[dict[str, Any]] = []  # Attachment rows of the progress updates
        self.extra_tasks = 0  # generated tasks for every school (demo --tasks)

    def step(self, label: str) -> None:
        self._report(self.done, self.total, label)
        self.done += 1

    def run(self, uow: UnitOfWork) -> None:
        for action in (Action.MANAGE_UNITS, Action.EDIT_DOCUMENTS, Action.ASSIGN_TASKS, Action.MANAGE_USERS):
            require(uow.actor, action)
        self.office_id = uow.office_id
        self.step("Thêm phòng ban, xã, thị trấn và trường học")
        self._office(uow)
        self._units(uow)
        self.step("Nhập các kế hoạch mẫu")
        for path in sorted(sample_plans_dir().glob("*.txt")):
            self._plan(uow, parse_plan(path.name, path.read_bytes()))
        if self.extra_tasks:
            self._extra_plan(uow, random.Random(f"edudesk-demo-extra-{self.rng.random()}"))
        self.evidence = store_evidence_files(self.db)
        self._district_assignments(uow)
        for first in range(0, len(self.schools), _BATCH_SCHOOLS):
            chunk = self.schools[first : first + _BATCH_SCHOOLS]
            self.step(f"Giao nhiệm vụ cho trường {first + 1}–{first + len(chunk)}")
            self._school_assignments(uow, chunk)
        self.step("Tạo tài khoản")
        self._users(uow)
        self.step("Thêm báo cáo, chỉ tiêu và đồng bộ")
        self._extensions(uow)
        self.step("Ghi dữ liệu")

    def _extensions(self, uow: UnitOfWork) -> None:
        for name in DEMO_EXTENSIONS:
            add = demo_extension(name)
            if add is not None:
                uow.session.flush()
                add(uow, self.rng, school_year=SCHOOL_YEAR, as_of=AS_OF)

    # --- units -----------------------------------------------------------------------

    def _person(self) -> str:
        middles, given = self.rng.choice((MALE_NAMES, FEMALE_NAMES))
        return f"{self.rng.choice(SURNAMES)} {self.rng.choice(middles)} {self.rng.choice(given)}"

    def _phone(self) -> str:
        return f"028 37{self.rng.randint(90, 99)} {self.rng.randint(0, 9999):04d}"

    def _office(self, uow: UnitOfWork) -> None:
        office = uow.session.get(OrgUnit, uow.office_id)
        assert office is not None, "init_office made it"
        head = self._person()
        office.short_name = "Phòng GD&ĐT Củ Chi"
        office.address = "Khu phố 7, thị trấn Củ Chi, huyện Củ Chi, Thành phố Hồ Chí Minh"
        office.phone = self._phone()
        office.email = "pgdcuchi@hcm.edu.vn"
        office.head_name = head
        if province := uow.session.get(OrgUnit, office.parent_id):
            province.short_name = "Sở GD&ĐT TP.HCM"
            province.address = "66-68 Lê Thánh Tôn, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
        settings = PrintSettings(
            parent_body="UBND HUYỆN CỦ CHI",
            issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            abbreviation="PGDĐT",
            place="Củ Chi",
            signer_title="TRƯỞNG PHÒNG",
            signer_name=head,
            recipients=["Như trên", "Các trường MN, TH, THCS trên địa bàn huyện", "Lưu: VT"],
        )
        row = uow.session.get(Setting, PRINT_SETTINGS_KEY)
        assert row is not None, "init_office made it"
        row.value = json.dumps(asdict(settings), ensure_ascii=False)

    def _units(self, uow: UnitOfWork) -> None:
        rows = []
        for dept in DEPARTMENTS:
            unit_id = uow.new_id()
            self.departments.append((dept, unit_id))
            rows.append(self._unit(unit_id, dept.code, dept.name, UnitKind.DEPARTMENT, dept.short_name))
        for commune in COMMUNES:
            unit_id = uow.new_id()
            self.communes.append(unit_id)
            town = commune.startswith("Thị trấn")
            label = f"thị trấn {commune.removeprefix('Thị trấn ')}" if town else f"xã {commune}"
            code = (
                "UBND.TT" + ascii_code(commune.removeprefix("Thị trấn ")) if town else "UBND." + ascii_code(commune)
            )
            rows.append(
                self._unit(unit_id, code, f"Ủy ban nhân dân {label}", UnitKind.COMMUNE, f"UBND {label}")
                | {"address": f"{locality(commune, self.rng)}, {label}, huyện Củ Chi"}
            )
        uow.insert_many(OrgUnit, rows, summary="Phòng ban huyện, xã và thị trấn")
        rows = [self._school_row(uow, spec) for spec in self._school_specs()]
        uow.insert_many(OrgUnit, rows, summary=f"{len(rows)} trường học")

    def _unit(self, unit_id: str, code: str, name: str, kind: UnitKind, short: str) -> dict[str, Any]:
        return {
            "id": unit_id, "code": code, "name": name, "short_name": short, "kind": kind,
            "school_level": None, "parent_id": self.office_id, "commune_id": None, "active": True,
            "address": "huyện Củ Chi, Thành phố Hồ Chí Minh", "phone": self._phone(), "email": "",
            "head_name": self._person(),
        }  # fmt: skip

    def _school_specs(self) -> Iterator[tuple[SchoolLevel, str, str, int, str]]:
        """(level, code, name, commune index, locality) of every school; names unique per level."""
        counts = level_counts(self.n_schools)
        pools = {"flowers": FLOWERS, "communes": COMMUNES, "people": PEOPLE, "hamlets": HAMLETS}
        for (level, prefix, title, _share, kinds), count in zip(LEVELS, counts, strict=True):
            bases = [(kind, name) for kind in kinds for name in pools[kind]]
            self.rng.shuffle(bases)
            for i in range(count):
                kind, base = bases[i % len(bases)]
                round_ = i // len(bases)
                # Schools named after the town are "… Thị Trấn Củ Chi", as in sample 000.
                shown = "Thị Trấn Củ Chi" if base == COMMUNES[0] else base
                name = f"{title} {shown}" + (f" {round_ + 1}" if round_ else "")
                commune = COMMUNES.index(base) if kind == "communes" else self.rng.randrange(len(COMMUNES))
                place = f"Ấp {base}" if kind == "hamlets" and commune else locality(
                    COMMUNES[commune], self.rng)  # fmt: skip
                yield level, f"{prefix}{i + 1:03d}", name, commune, place

    def _school_row(self, uow: UnitOfWork, spec: tuple[SchoolLevel, str, str, int, str]) -> dict[str, Any]:
        level, code, name, commune, locality = spec
        place = "thị trấn Củ Chi" if commune == 0 else f"xã {COMMUNES[commune]}"
        head = self._person()
        school = _School(uow.new_id(), code, name, level, head)
        self.schools.append(school)
        mail = ascii_code(name.removeprefix("Trường ")).lower()
        return self._unit(school.id, code, name, UnitKind.SCHOOL, name.removeprefix("Trường ")) | {
            "school_level": level,
            "commune_id": self.communes[commune],
            "address": f"{locality}, {place}, huyện Củ Chi, Thành phố Hồ Chí Minh",
            "email": f"{mail}.cuchi@hcm.edu.vn",
            "head_name": head,
        }

    # --- plans ----------------------------------------------------------------------

    def _plan(self, uow: UnitOfWork, plan: ParsedPlan) -> None:
        """Store the plan as the importer reads it; work out who each of its tasks goes to."""
        stored = store_plan(uow, plan)
        own = plan.document.school_year == SCHOOL_YEAR
        for task, task_id in zip(plan.tasks, stored.task_ids, strict=True):
            leads, supports, levels = self._resolve(task)
            share = 0.0
            if levels is not None:
                share = 1.0  # the plan names the schools ("Các cơ sở giáo dục …")
            elif not leads and _unit_heading(task):
                leads = [(self.office_id, "")]  # a body this demo lacks: the office follows it up
            elif not leads or (leads == [(self.office_id, "")] and not _unit_heading(task)):
                # An item of the plan's tasks part that names no one else: the schools' work.
                # The district's own plan goes to every school, a plan from elsewhere to some
                # of them (adopted as examples); one without a school year stays with the office.
                share = 1.0 if own else (0.25 if plan.document.period else 0.0)
                leads = [] if share else [(self.office_id, "")]
            due = task.deadline if task.deadline and _YEAR_START <= task.deadline <= _YEAR_END else None
            text = fold(f"{task.title} {task.description}")
            self.tasks.append(
                _TaskRef(task_id, due or self.rng.choice(_DUE_DATES), text, share, levels, leads, supports)
            )

    def _extra_plan(self, uow: UnitOfWork, rng: random.Random) -> None:
        """A plan of ``extra_tasks`` tasks for every school (its own draws: the default demo stays the same)."""
        doc = Document(
            doc_type=DocType.KH, number="215", symbol="KH-PGDĐT", issuer=DISTRICT_NAME, issuer_unit_id=self.office_id,
            place="Củ Chi", issued_on=dt.date(2023, 9, 25), school_year=SCHOOL_YEAR,
            title=f"Kế hoạch thực hiện các nhiệm vụ bổ sung năm học {SCHOOL_YEAR}",
        )  # fmt: skip
        uow.session.add(doc)
        uow.session.flush()
        rows: list[dict[str, Any]] = []
        for n in range(self.extra_tasks):
            subject = _EXTRA_SUBJECTS[n % len(_EXTRA_SUBJECTS)]
            title = f"{subject} (đợt {n // len(_EXTRA_SUBJECTS) + 1})"
            description = f"Các trường xây dựng kế hoạch và báo cáo kết quả: {subject.lower()}."
            rows.append({"id": uow.new_id(), "document_id": doc.id, "position": n + 1, "title": title,
                         "description": description, "deadline": rng.choice(_DUE_DATES)})  # fmt: skip
        uow.insert_many(Task, rows, summary="Nhiệm vụ bổ sung của huyện mẫu")
        for row in rows:
            self.tasks.append(_TaskRef(row["id"], row["deadline"], fold(f"{row['title']} {row['description']}"),
                                       1.0, None, [], []))  # fmt: skip

    def _resolve(
        self, task: ParsedTask
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], frozenset[SchoolLevel] | None]:
        """The demo units a task's responsibilities name: (leads, supports, school levels)."""
        leads: list[tuple[str, str]] = []
        supports: list[tuple[str, str]] = []
        levels: set[SchoolLevel] | None = None
        for item in task.responsibilities:
            if unit_kind(item.unit) == "school":
                if item.role == "lead":
                    levels = (levels or set()) | _levels_named(item.unit)
                continue
            target = leads if item.role == "lead" else supports
            for unit in self._units_named(item.unit):
                if unit not in leads and unit not in supports:
                    target.append(unit)
        return leads, supports, frozenset(levels) if levels is not None else None

    def _units_named(self, name: str) -> list[tuple[str, str]]:
        key, kind = unit_key(name), unit_kind(name)
        if kind == "commune" and re.search(r"\b(xa|thi tran)\b", key):
            return [(unit_id, "UBND xã") for unit_id in self.communes]
        if kind == "district" or key.startswith("phong giao duc"):
            return [(self.office_id, "")]
        for dept, unit_id in self.departments:
            if key in (unit_key(dept.short_name), unit_key(dept.name)):
                return [(unit_id, dept.short_name)]
        return []

    # --- assignments ----------------------------------------------------------------

    def _district_assignments(self, uow: UnitOfWork) -> None:
        """Units the plans name; for the schools' tasks, departments and communes support."""
        rows: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for task in self.tasks:
            for unit_id, author in task.leads:
                self._assign(uow, task, unit_id, AssignmentRole.LEAD, author, rows, updates)
            supports = list(task.supports)
            if task.lead_share and not supports:
                hits = sorted(
                    (
                        (sum(k in task.text for k in dept.keywords), i)
                        for i, (dept, _) in enumerate(self.departments)
                    ),
                    reverse=True,
                )
                for score, i in hits[: 3 if task.lead_share == 1 else 2]:
                    if score:
                        dept, unit_id = self.departments[i]
                        supports.append((unit_id, dept.short_name))
                if task.lead_share == 1 and any(k in task.text for k in COMMUNE_KEYWORDS):
                    supports += [(unit_id, "UBND xã") for unit_id in self.communes]
            for unit_id, author in supports:
                self._assign(uow, task, unit_id, AssignmentRole.SUPPORT, author, rows, updates)
        uow.insert_many(Assignment, rows, summary="Giao nhiệm vụ cho phòng ban, xã")
        uow.insert_many(ProgressUpdate, updates, summary="Tiến độ của phòng ban, xã")
        self._flush_files(uow)

    def _school_assignments(self, uow: UnitOfWork, chunk: list[_School]) -> None:
        rows: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for school in chunk:
            for task in self.tasks:
                if task.levels is not None and school.level not in task.levels:
                    continue
                if task.lead_share and (task.lead_share >= 1 or self.rng.random() < task.lead_share):
                    self._assign(uow, task, school.id, AssignmentRole.LEAD, school.head_name, rows, updates)
        uow.insert_many(Assignment, rows, summary=f"Giao nhiệm vụ cho {len(chunk)} trường")
        uow.insert_many(ProgressUpdate, updates, summary=f"Tiến độ của {len(chunk)} trường")
        self._flush_files(uow)

    def _flush_files(self, uow: UnitOfWork) -> None:
        uow.insert_many(Attachment, self.files, summary="Minh chứng kèm tiến độ")
        self.files = []

    def _assign(
        self,
        uow: UnitOfWork,
        task: _TaskRef,
        unit_id: str,
        role: AssignmentRole,
        author: str,
        rows: list[dict[str, Any]],
        updates: list[dict[str, Any]],
    ) -> None:
        status = self._status(task.due)
        percent = {AssignmentStatus.NOT_STARTED: 0, AssignmentStatus.DONE: 100}.get(
            status, self.rng.randrange(10, 95, 5)
        )
        assignment_id = uow.new_id()
        rows.append({
            "id": assignment_id, "task_id": task.id, "unit_id": unit_id, "role": role,
            "due_on": task.due, "occurrence": SCHOOL_YEAR, "status": status, "percent": percent,
            "note": "" if role == AssignmentRole.LEAD else "Phối hợp thực hiện",
        })  # fmt: skip
        if status == AssignmentStatus.NOT_STARTED:
            return
        last = min(task.due, AS_OF) if status == AssignmentStatus.DONE else AS_OF
        span = max(1, (last - _YEAR_START).days)
        days = sorted(self.rng.sample(range(span), min(span, self.rng.randint(1, 3))))
        steps = [AssignmentStatus.IN_PROGRESS] * (len(days) - 1) + [status]
        for n, (offset, step) in enumerate(zip(days, steps, strict=True), start=1):
            updates.append({
                "assignment_id": assignment_id, "on_date": _YEAR_START + dt.timedelta(days=offset),
                "status": step, "percent": percent if n == len(days) else percent * n // (len(days) + 1),
                "note": self.rng.choice(NOTES[step]), "author": author,
            })  # fmt: skip
        if status == AssignmentStatus.DONE and self.evidence and self.rng.random() < EVIDENCE_SHARE:
            # The report of a finished job carries its evidence, as the office asks.
            updates[-1]["id"] = uow.new_id()
            self.files.append({**self.rng.choice(self.evidence), "progress_id": updates[-1]["id"]})

    def _status(self, due: dt.date) -> AssignmentStatus:
        """Mostly done when due before the demo's day, mostly under way after; some late."""
        weights = (10, 15, 70, 5) if due < AS_OF else (30, 50, 15, 5)
        return self.rng.choices(
            (AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE,
             AssignmentStatus.PAUSED), weights,
        )[0]  # fmt: skip

    # --- accounts -------------------------------------------------------------------

    def _users(self, uow: UnitOfWork) -> None:
        # argon2 is slow on purpose: the admin's hash (made by init_office) serves every account.
        password_hash = uow.session.scalars(select(User.password_hash).where(User.username == "admin")).one()
        people: list[tuple[str, Role, _School | None]] = [
            ("lanhdao", Role.LEADER, None),
            ("chuyenvien1", Role.OFFICER, None),
            ("chuyenvien2", Role.OFFICER, None),
        ]
        for level in (SchoolLevel.MN, SchoolLevel.TH, SchoolLevel.THCS):
            school = next((s for s in self.schools if s.level == level), None)
            if school is not None:
                people.append((school.code.lower(), Role.SCHOOL_STAFF, school))
        self.logins = ["admin"]
        for username, role, school in people:
            users.add_user(
                uow,
                username=username,
                full_name=school.head_name if school else self._person(),
                role=role,
                password="",
                unit_id=school.id if school else None,
                password_hash=password_hash,
            )
            self.logins.append(username)


def demo_extension(name: str) -> Callable[..., dict[str, int]] | None:
    """The function named ``module:function``, or None while its module does not exist."""
    module_name, _, function = name.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise  # a missing dependency inside the module is a real error
        return None
    return getattr(module, function)


def sample_plans_dir() -> Path:
    return resource_path("plans")


def _unit_heading(task: ParsedTask) -> bool:
    """The task comes from a section headed by a unit's name ("1. Phòng Giáo dục và Đào tạo")."""
    return task.node is not None and bool(heading_units(task.node.heading))


_LEVEL_WORDS = [
    ("mam non", {SchoolLevel.MN}),
    ("tieu hoc", {SchoolLevel.TH, SchoolLevel.TH_THCS}),
    ("trung hoc co so", {SchoolLevel.THCS, SchoolLevel.TH_THCS}),
    ("thcs", {SchoolLevel.THCS, SchoolLevel.TH_THCS}),
]


def _levels_named(name: str) -> set[SchoolLevel]:
    """ "Các trường tiểu học" → TH schools; "Các cơ sở giáo dục" → every level."""
    folded = fold(name)
    found: set[SchoolLevel] = set()
    for words, levels in _LEVEL_WORDS:
        if words in folded:
            found |= levels
    return found or set(SchoolLevel)
