"""A small sync network for the tests: province → district → schools, set up by setup bundles.

``build_network`` creates the offices once (the province writes the district's setup
bundle, the district writes each school's); ``Network.copy_to`` clones the files so
each Hypothesis example starts from the same state in a few milliseconds.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import (
    Assignment,
    DataElement,
    Document,
    OrgUnit,
    ReportingRound,
    ReportTemplate,
    RoundUnit,
    Section,
    Task,
    TemplateSection,
)
from models.db import Database, open_database
from models.enums import AssignmentRole, DocType, PeriodType, SchoolLevel, UnitKind, ValueType
from services.accounts.office import init_office, office_info
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork, row_values
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle, selection
from services.sync.dump import _canonical
from services.sync.records import TABLES
from services.sync.rights import DOWN, UP
from services.sync.setup import create_setup_bundle, init_from_setup_bundle

PASSWORD = "Kiem-Tra-2026!"


@dataclass
class Office:
    name: str  # short label: province, district, s1, s2 …
    path: Path
    parent: str | None = None
    _db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(str(self.path))
        return self._db

    @property
    def id(self) -> str:
        return office_info(self.db).id

    @property
    def code(self) -> str:
        return office_info(self.db).code

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


@dataclass
class Network:
    root: Path
    offices: dict[str, Office] = field(default_factory=dict)
    counter: int = 0

    def copy_to(self, target: Path) -> Network:
        for office in self.offices.values():
            office.close()
        target.mkdir(parents=True, exist_ok=True)
        clone = Network(target)
        for name, office in self.offices.items():
            for item in office.path.parent.glob(office.path.stem + "*"):
                dest = target / item.name
                if item.is_dir():
                    shutil.copytree(item, dest)
                else:
                    shutil.copy2(item, dest)
            clone.offices[name] = Office(name, target / office.path.name, office.parent)
        return clone

    def close(self) -> None:
        for office in self.offices.values():
            office.close()

    def pairs(self) -> list[tuple[Office, Office]]:
        """(parent, child) for every link."""
        return [(self.offices[o.parent], o) for o in self.offices.values() if o.parent]

    def send(self, sender: str, recipient: str) -> Path:
        self.counter += 1
        src, dst = self.offices[sender], self.offices[recipient]
        out = self.root / "mail" / f"{self.counter:05d}-{sender}-{recipient}.edusync"
        export_bundle(src.db, SYSTEM, dst.code, out)
        return out

    def receive(self, recipient: str, path: Path) -> Any:
        return import_bundle(self.offices[recipient].db, SYSTEM, path, take_backup=False)

    def exchange_all(self, rounds: int = 2) -> None:
        """Up the tree, then down the tree, ``rounds`` times: everything known everywhere."""
        for _ in range(rounds):
            for parent, child in sorted(self.pairs(), key=lambda p: -_depth(self, p[1].name)):
                self.receive(parent.name, self.send(child.name, parent.name))
            for parent, child in sorted(self.pairs(), key=lambda p: _depth(self, p[1].name)):
                self.receive(child.name, self.send(parent.name, child.name))


def _depth(network: Network, name: str) -> int:
    depth, office = 0, network.offices[name]
    while office.parent:
        depth, office = depth + 1, network.offices[office.parent]
    return depth


def shared_rows(parent: Office, child: Office) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The rows this link shares, as each side holds them (canonical dump form).

    Shared: what the parent sends down (evaluated on the parent) and what the child sends up
    (evaluated on the child); each side must hold the very same rows.
    """
    p_id, c_id = parent.id, child.id
    ids: dict[str, set[str]] = {}
    for office, conditions in ((parent, selection(DOWN, p_id, c_id)), (child, selection(UP, c_id, p_id))):
        with office.db.session() as session:
            for table, condition in conditions.items():
                t = TABLES[table].model.__table__  # type: ignore[attr-defined]
                statement = select(t.c.id) if condition is None else select(t.c.id).where(condition)
                ids.setdefault(table, set()).update(session.scalars(statement))
    return _rows(parent.db, ids), _rows(child.db, ids)


def _rows(db: Database, ids: dict[str, set[str]]) -> dict[str, list[Any]]:
    result = {}
    with db.session() as session:
        for table, wanted in ids.items():
            model = TABLES[table].model
            rows = []
            ordered = sorted(wanted)
            for first in range(0, len(ordered), 500):
                chunk = ordered[first : first + 500]
                for row in session.scalars(select(model).where(model.id.in_(chunk)).order_by(model.id)):
                    rows.append(_canonical(row_values(row, include_local=False)))
            result[table] = sorted(rows, key=lambda r: r["id"])
    return result


def _district_content(db: Database, school_ids: list[str]) -> None:
    """A plan with tasks assigned to every school, a template with a round."""
    with UnitOfWork(db, SYSTEM) as uow:
        doc = Document(doc_type=DocType.KH, number="12", symbol="12/KH-PGDĐT", title="Kế hoạch năm học",
                       school_year="2025-2026", issued_on=dt.date(2025, 9, 1))  # fmt: skip
        uow.session.add(doc)
        uow.session.flush()
        section = Section(document_id=doc.id, position=1, number="I", heading="Nhiệm vụ")
        uow.session.add(section)
        uow.session.flush()
        for n in range(2):
            task = Task(document_id=doc.id, section_id=section.id, position=n, title=f"Nhiệm vụ {n + 1}")
            uow.session.add(task)
            uow.session.flush()
            for unit_id in school_ids:
                uow.session.add(Assignment(task_id=task.id, unit_id=unit_id, role=AssignmentRole.LEAD,
                                           due_on=dt.date(2026, 5, 31)))  # fmt: skip
        element = DataElement(code="HS", name="Số học sinh", value_type=ValueType.INTEGER)
        template = ReportTemplate(code="BC-HK1", name="Báo cáo học kỳ I", period_type=PeriodType.SEMESTER)
        uow.session.add_all([element, template])
        uow.session.flush()
        uow.session.add(TemplateSection(template_id=template.id, position=1, number="1", heading="Kết quả"))
        rnd = ReportingRound(template_id=template.id, name="Học kỳ I", period="2025-2026 HK1",
                             due_on=dt.date(2026, 1, 15))  # fmt: skip
        uow.session.add(rnd)
        uow.session.flush()
        for unit_id in school_ids:
            uow.session.add(RoundUnit(round_id=rnd.id, unit_id=unit_id))


def build_network(root: Path, *, schools: int = 3, province: bool = True) -> Network:
    """Province (optional) → district → schools, each school created from its setup bundle."""
    root.mkdir(parents=True, exist_ok=True)
    network = Network(root)
    district_path = root / "district.sqlite"
    if province:
        pdb = init_office(str(root / "province.sqlite"), code="SGD", name="Sở Giáo dục và Đào tạo Thử",
                          kind="province", admin_password=PASSWORD)  # fmt: skip
        with UnitOfWork(pdb, SYSTEM) as uow:
            uow.session.add(OrgUnit(code="PGD", name="Phòng Giáo dục và Đào tạo huyện Thử",
                                    kind=UnitKind.DISTRICT, parent_id=uow.office_id))  # fmt: skip
            doc = Document(
                doc_type=DocType.CT, number="1", symbol="1/CT-SGDĐT", title="Chỉ thị nhiệm vụ năm học"
            )
            uow.session.add(doc)
            uow.session.flush()
            district_unit = uow.session.scalars(select(OrgUnit).where(OrgUnit.code == "PGD")).one()
            task = Task(document_id=doc.id, title="Báo cáo sơ kết")
            uow.session.add(task)
            uow.session.flush()
            uow.session.add(Assignment(task_id=task.id, unit_id=district_unit.id, role=AssignmentRole.LEAD))
        setup = root / "setup-PGD.edusync"
        code = create_setup_bundle(pdb, SYSTEM, "PGD", setup).code
        pdb.dispose()
        init_from_setup_bundle(str(district_path), setup, PASSWORD, code=code).dispose()
        network.offices["province"] = Office("province", root / "province.sqlite")
        network.offices["district"] = Office("district", district_path, "province")
    else:
        init_office(str(district_path), code="PGD", name="Phòng Giáo dục và Đào tạo huyện Thử", kind="district",
                    admin_password=PASSWORD, parent_code="SGD").dispose()  # fmt: skip
        network.offices["district"] = Office("district", district_path)
    district = network.offices["district"]
    ids = []
    with UnitOfWork(district.db, SYSTEM) as uow:
        for n in range(1, schools + 1):
            unit = OrgUnit(code=f"TH{n:03d}", name=f"Trường Tiểu học Số {n}", kind=UnitKind.SCHOOL,
                           school_level=SchoolLevel.TH, parent_id=uow.office_id)  # fmt: skip
            uow.session.add(unit)
            uow.session.flush()
            ids.append(unit.id)
    _district_content(district.db, ids)
    for n in range(1, schools + 1):
        setup = root / f"setup-TH{n:03d}.edusync"
        code = create_setup_bundle(district.db, SYSTEM, f"TH{n:03d}", setup).code
        init_from_setup_bundle(str(root / f"s{n}.sqlite"), setup, PASSWORD, code=code).dispose()
        network.offices[f"s{n}"] = Office(f"s{n}", root / f"s{n}.sqlite", "district")
    network.close()
    return network


def dumps_equal(network: Network) -> list[str]:
    """Links whose shared rows differ (empty when the network converged)."""
    bad = []
    for parent, child in network.pairs():
        mine, theirs = shared_rows(parent, child)
        if mine != theirs:
            diff = [t for t in mine if mine[t] != theirs.get(t)]
            bad.append(f"{parent.name}-{child.name}: {diff} " + json.dumps(
                {t: [r for r in mine[t] if r not in theirs[t]][:2] for t in diff}, default=str)[:2000]
                + " VS " + json.dumps({t: [r for r in theirs[t] if r not in mine[t]][:2] for t in diff},
                                      default=str)[:2000])  # fmt: skip
    return bad


_TEMPLATE: dict[str, Network] = {}


def template() -> Network:
    """The network built once per test session (copy it before changing anything)."""
    if "net" not in _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="edudesk-sync-net-"))
        atexit.register(shutil.rmtree, root, True)
        _TEMPLATE["net"] = build_network(root / "base")
    return _TEMPLATE["net"]
