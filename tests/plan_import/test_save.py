"""Saving an imported plan: one unit of work, the right permission, all or nothing; and the
``import-plan`` command end to end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Document, Section, Task
from models.enums import Recurrence, Role
from models.errors import PermissionDenied, ValidationError
from services.accounts.permissions import SYSTEM, Actor
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file, store
from services.plan_import.store import save_plan
from tests.cli import in_process

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(sample_plans_dir().glob("*.txt"))
OFFICER = Actor(username="chuyenvien", role=Role.OFFICER)


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_plan_is_saved_with_its_outline_and_tasks(office_db) -> None:
    plan = parse_plan_file(SAMPLES[0])
    stored = save_plan(office_db, OFFICER, plan)
    assert (stored.sections, stored.tasks) == (len(plan.root.walk()) - 1, len(plan.tasks))
    with office_db.session() as session:
        doc = session.get(Document, stored.document_id)
        assert (doc.place, doc.school_year, doc.signer_name) == ("Củ Chi", "2023-2024", "Nguyễn Thị Hằng")
        assert json.loads(doc.basis)[0]["number"] == "5427/QĐ-BGDĐT" and len(json.loads(doc.recipients)) == 13
        assert doc.source_sha256 == plan.sha256 and "trường học hạnh phúc" in doc.body_text
        happy = session.scalars(
            select(Task).where(Task.title == "Xây dựng mô hình trường học hạnh phúc")
        ).one()
        section = session.get(Section, happy.section_id)
        assert (section.number, section.heading) == ("6", "Xây dựng mô hình trường học hạnh phúc")
        assert session.get(Section, section.parent_id).number == "II"
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert audit.username == "chuyenvien" and "30 nhiệm vụ" in audit.summary


def test_appendix_and_recurrence_are_kept(office_db) -> None:
    plan = parse_plan_file(SAMPLES[1])
    save_plan(office_db, SYSTEM, plan)
    with office_db.session() as session:
        tops = session.scalars(select(Section.number).where(Section.parent_id.is_(None))).all()
    assert sorted(tops) == sorted(["I", "II", "III", "III", "PL"])
    plan = parse_plan_file(SAMPLES[2])
    stored = save_plan(office_db, SYSTEM, plan)
    with office_db.session() as session:
        kinds = session.scalars(select(Task.recurrence).where(Task.document_id == stored.document_id)).all()
    assert Recurrence.SCHOOL_YEAR in kinds


def test_the_same_file_twice_is_refused(office_db) -> None:
    plan = parse_plan_file(SAMPLES[0])
    save_plan(office_db, SYSTEM, plan)
    with pytest.raises(ValidationError, match="đã được nhập"):
        save_plan(office_db, SYSTEM, plan)
    assert _count(office_db, Document) == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.SCHOOL_STAFF])
def test_only_those_who_edit_documents_may_save(sqlite_office, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        save_plan(sqlite_office, Actor(username="nguoi", role=role), parse_plan_file(SAMPLES[0]))
    assert _count(sqlite_office, Document) == 0


def test_a_failure_half_way_saves_nothing(sqlite_office, monkeypatch) -> None:
    def broken(*_args, **_kwargs) -> None:
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(store, "_sections", broken)
    with pytest.raises(RuntimeError):
        save_plan(sqlite_office, SYSTEM, parse_plan_file(SAMPLES[0]))
    assert (_count(sqlite_office, Document), _count(sqlite_office, Task)) == (0, 0)


# --- the command ------------------------------------------------------------------------------



def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return in_process(*args)


def test_import_plan_prints_the_structure_and_saves_with_save(sqlite_office) -> None:
    target = str(sqlite_office.path)
    sqlite_office.dispose()
    shown = _cli("import-plan", str(SAMPLES[2]), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert (
        data["document"]["period"] == "2021-2025" and data["counts"]["targets"] == len(data["targets"]) > 20
    )
    assert "saved" not in data
    text = _cli("import-plan", str(SAMPLES[2]))
    assert "Nhiệm vụ:" in text.stdout and "Chỉ tiêu:" in text.stdout and "≥ 70,1%" in text.stdout
    saved = _cli("--db", target, "import-plan", str(SAMPLES[2]), "--save", "--json")
    assert saved.returncode == 0, saved.stderr
    assert json.loads(saved.stdout)["saved"]["tasks"] == data["counts"]["tasks"]
    again = _cli("--db", target, "import-plan", str(SAMPLES[2]), "--save")
    assert again.returncode == 1 and "đã được nhập" in again.stderr and again.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("rong.txt", b"", "rỗng"),
        ("nhi-phan.txt", bytes(range(256)) * 20, "không phải là văn bản"),
        ("gia.docx", "KẾ HOẠCH\nI. NHIỆM VỤ\n1. Việc".encode(), "không phải tài liệu Word"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(sqlite_office, tmp_path, name, data, reason) -> None:
    target = str(sqlite_office.path)
    sqlite_office.dispose()
    bad = tmp_path / name
    bad.write_bytes(data)
    result = _cli("--db", target, "import-plan", str(bad), "--save")
    assert result.returncode == 1 and reason in result.stderr and name in result.stderr
    assert result.stdout == ""
    from models.db import open_database

    db = open_database(target)
    try:
        assert _count(db, Document) == _count(db, Section) == _count(db, Task) == 0
    finally:
        db.dispose()
