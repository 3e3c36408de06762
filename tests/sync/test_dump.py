"""The canonical dump: the same shared state dumps byte-identically on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

from models import DataElement, Document, OrgUnit, Task
from models.db import Database
from models.enums import DocType, SchoolLevel, UnitKind, ValueType
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.sync.dump import dump_data, dump_json
from tests.conftest import PASSWORD


def deterministic_office(target: str) -> Database:
    """An office with fixed ids, clock and audit times, and one row of several kinds."""
    ids = (f"00000000-0000-4000-8000-{i:012d}" for i in itertools.count(1))
    options = {
        "clock": lambda: 1_704_441_600_000,
        "id_factory": lambda: next(ids),
        "audit_at": lambda: dt.datetime(2024, 1, 5, 8, 0),
    }
    db = init_office(
        target,
        code="PGDCC",
        name="Phòng GD&ĐT huyện Củ Chi",
        kind="district",
        admin_password=PASSWORD,
        uow_options=options,
    )
    with UnitOfWork(db, SYSTEM, **options) as uow:
        school = OrgUnit(
            code="TH01", name="Trường Tiểu học Đông Hòa", kind=UnitKind.SCHOOL, school_level=SchoolLevel.TH
        )
        doc = Document(
            doc_type=DocType.KH,
            number="12",
            symbol="12/KH-PGDĐT",
            issued_on=dt.date(2024, 1, 5),
            title="Kế hoạch năm học",
        )
        uow.session.add_all([school, doc])
        uow.session.flush()
        uow.session.add(Task(document_id=doc.id, title="Tổ chức hội giảng", deadline=dt.date(2024, 3, 26)))
        uow.session.add(
            DataElement(
                code="HS", name="Số học sinh", value_type=ValueType.DECIMAL, min_value=0.0, max_value=2.5
            )
        )
    return db


def test_same_state_dumps_identically_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    lite = deterministic_office(str(tmp_path / "office.sqlite"))
    pg = deterministic_office(pg_url)
    try:
        text = dump_json(lite)
        assert text == dump_json(pg)
    finally:
        lite.dispose()
        pg.dispose()
    data = json.loads(text)
    [element] = data["data_elements"]
    assert element["min_value"] == 0 and isinstance(element["min_value"], int)  # 0.0 → 0 on both
    assert element["max_value"] == 2.5
    [doc] = data["documents"]
    assert doc["issued_on"] == "2024-01-05" and doc["doc_type"] == "KH"
    [task] = data["tasks"]
    assert task["deadline"] == "2024-03-26" and task["document_id"] == doc["id"]
    assert {u["code"] for u in data["org_units"]} == {"PGDCC", "TH01"}
    assert all(u["deleted"] is False for u in data["org_units"])


def test_dump_follows_writes_and_filters_tables(office_db: Database) -> None:
    before = dump_data(office_db, ["org_units"])
    assert list(before) == ["org_units"]
    with UnitOfWork(office_db, SYSTEM) as uow:
        uow.session.add(
            OrgUnit(code="TH01", name="Trường A", kind=UnitKind.SCHOOL, school_level=SchoolLevel.TH)
        )
    after = dump_data(office_db, ["org_units"])
    assert len(after["org_units"]) == len(before["org_units"]) + 1
    assert dump_json(office_db) == dump_json(office_db)
