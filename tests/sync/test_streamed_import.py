"""A large bundle is checked with its long texts slim and applied from the file read again
(bounded memory, issue 16 item 8): the same rows as an import held in memory."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from sqlalchemy import select

from models import Assignment, Document, OrgUnit, Task
from models.db import open_database
from models.enums import AssignmentRole, DocType
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.sync import verify
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.dump import dump_json
from services.sync.records import LONG_TEXT, BundleRefused
from tests.sync.test_units_for_child import two_offices


def _content(district, tmp_path):
    with district.session() as session:
        school_id = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
    with UnitOfWork(district, SYSTEM) as uow:
        doc = Document(doc_type=DocType.KH, title="Kế hoạch " + "dài " * LONG_TEXT)
        uow.session.add(doc)
        uow.session.flush()
        ids = [uow.new_id() for _ in range(30)]
        uow.insert_many(Task, [{"id": i, "document_id": doc.id, "title": f"Nhiệm vụ {n}",
                                "description": f"Nội dung {n} " * (50 + n * 10)} for n, i in enumerate(ids)])  # fmt: skip
        uow.insert_many(Assignment, [{"task_id": i, "unit_id": school_id, "role": AssignmentRole.LEAD}
                                     for i in ids])  # fmt: skip
    return export_bundle(district, SYSTEM, "TH001", tmp_path / "b.edusync").path


def test_streamed_import_gives_the_same_rows(tmp_path, monkeypatch) -> None:
    district, school = two_offices(tmp_path)
    bundle = _content(district, tmp_path)
    school.dispose()
    shutil.copy(tmp_path / "s.sqlite", tmp_path / "s2.sqlite")
    held = open_database(str(tmp_path / "s.sqlite"))
    assert not verify.verify_bundle(held, bundle).streamed
    assert import_bundle(held, SYSTEM, bundle, take_backup=False).ok
    monkeypatch.setattr(verify, "RECORDS_IN_MEMORY", 0)
    streamed = open_database(str(tmp_path / "s2.sqlite"))
    checked = verify.verify_bundle(streamed, bundle)
    assert checked.streamed
    assert any(isinstance(v, verify.LongText) for r in checked.records for v in r.fields.values())
    result = import_bundle(streamed, SYSTEM, bundle, take_backup=False)
    assert result.ok and result.applied == 61  # a document, 30 tasks, 30 assignments
    assert dump_json(streamed) == dump_json(held)
    for db in (held, streamed, district):
        db.dispose()


def test_a_file_changed_between_check_and_write_changes_nothing(tmp_path, monkeypatch) -> None:
    district, school = two_offices(tmp_path)
    bundle = _content(district, tmp_path)
    monkeypatch.setattr(verify, "RECORDS_IN_MEMORY", 0)
    checked = verify.verify_bundle(school, bundle)
    before = dump_json(school)
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tmp_path / "x.edusync", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "records.jsonl":
                data = data.replace("Nội dung 3 ".encode(), "Nội dung 9 ".encode())
            target.writestr(item, data)
    shutil.move(tmp_path / "x.edusync", bundle)  # swapped on the USB stick after the check
    from services.sync.apply import apply_bundle

    with pytest.raises(BundleRefused):
        apply_bundle(school, SYSTEM, checked)
    assert dump_json(school) == before
    school.dispose()
    district.dispose()
