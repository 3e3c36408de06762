"""Documents, sections and tasks by hand; reviewing and saving an imported plan in one go."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models import Assignment, AuditEntry, DataElement, Document, Indicator, Task
from models.enums import AssignmentRole, Comparator, Recurrence
from models.errors import NotFound, PermissionDenied, ValidationError
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.plan_import.matching import UnitMatcher, suggest_units
from services.plan_import.model import ParsedTask, Responsibility
from services.plan_import.review import drop_task, merge_tasks, named_units, split_task
from services.plan_import.reviewed import save_parsed_plan, save_parsed_plan_full
from services.plans import documents as docs
from services.plans.assignments import assign
from services.plans.documents import DocumentInput, SectionInput
from services.plans.tasks import TaskInput, create_task, get_task, update_task
from tests.plans.conftest import LEADER, OFFICER

SAMPLES = sorted(sample_plans_dir().glob("*.txt"))


def _count(db, model, *where) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- by hand ---------------------------------------------------------------------------------


def test_a_document_with_its_outline_and_tasks_is_entered_by_hand(district) -> None:
    db = district.db
    doc_id = docs.create_document(db, OFFICER, DocumentInput(
        doc_type="CT", title="Chỉ thị về an toàn trường học", number="05", symbol="CT-UBND",
        issued_on=dt.date(2023, 9, 5), school_year="2023–2024", recipients=["Các trường", " "]))  # fmt: skip
    part = docs.add_section(db, OFFICER, doc_id, SectionInput("I", "NHIỆM VỤ"))
    item = docs.add_section(db, OFFICER, doc_id, SectionInput("1", "Phòng chống bạo lực", parent_id=part))
    task_id = create_task(db, OFFICER, doc_id, TaskInput("Tổ chức tuyên truyền", section_id=item,
                                                              deadline=dt.date(2023, 10, 31)))  # fmt: skip
    row = docs.get_document(db, doc_id)
    assert (row.reference, row.school_year, row.recipients) == ("05/CT-UBND", "2023-2024", ["Các trường"])
    [tree] = docs.section_tree(db, doc_id)
    assert (tree.number, tree.children[0].heading) == ("I", "Phòng chống bạo lực")
    update_task(db, OFFICER, task_id, TaskInput("Tổ chức tuyên truyền, giáo dục", recurrence="monthly",
                                                     section_id=item))  # fmt: skip
    task = get_task(db, task_id)
    assert (task.title, task.recurrence) == ("Tổ chức tuyên truyền, giáo dục", Recurrence.MONTHLY)
    with db.session() as session:
        assert session.get(Task, task_id).search_key == "to chuc tuyen truyen, giao duc"
    docs.delete_section(db, OFFICER, part)
    assert docs.section_tree(db, doc_id) == [] and get_task(db, task_id).section_id is None


def test_deleting_leaves_tombstones_for_the_document_its_tasks_and_assignments(district) -> None:
    db = district.db
    assign(db, OFFICER, district.tasks["so"], [district.units["TH01"], district.units["TH02"]])
    docs.delete_document(db, OFFICER, district.document_id)
    assert _count(db, Task, Task.deleted.is_(False)) == 0 and _count(db, Task) == 3
    assert _count(db, Assignment, Assignment.deleted.is_(True)) == 2
    with pytest.raises(NotFound):
        docs.get_document(db, district.document_id)
    with db.session() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.entity.in_(
            ["documents", "assignments"]))))  # fmt: skip
    assert {"delete", "bulk_delete"} <= actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (DocumentInput(doc_type="XX", title="A"), "Loại văn bản"),
        (DocumentInput(doc_type="KH", title="  "), "trích yếu"),
        (DocumentInput(doc_type="KH", title="A", school_year="2023"), "Năm học"),
        (DocumentInput(doc_type="KH", title="A", number="1" * 40), "Tối đa 32"),
    ],
)
def test_bad_documents_are_refused(small_district, data, message) -> None:
    with pytest.raises(ValidationError, match=message):
        docs.create_document(small_district.db, OFFICER, data)


def test_only_officers_edit_documents(small_district) -> None:
    for actor in (LEADER, small_district.staff("TH01")):
        with pytest.raises(PermissionDenied):
            create_task(small_district.db, actor, small_district.document_id, TaskInput("Việc"))


# --- review helpers ------------------------------------------------------------------------------


def _task(
    title: str, *units: tuple[str, str], deadline: dt.date | None = None, description: str = ""
) -> ParsedTask:
    return ParsedTask(title, description, "II.1", 10, deadline,
                      responsibilities=[Responsibility(u, r) for u, r in units])  # fmt: skip


def test_merge_split_and_drop_edit_the_importers_structure() -> None:
    plan = parse_plan_file(SAMPLES[0])
    plan.tasks = [
        _task("Một", ("Phòng Nội vụ huyện", "support"), deadline=dt.date(2023, 12, 1)),
        _task(
            "Hai", ("Phòng Nội vụ huyện", "lead"), ("Công an huyện", "support"), deadline=dt.date(2023, 11, 1)
        ),
        _task("Ba", description="- Nội dung thứ nhất\n- Tổ chức hội thi cấp huyện\n- Báo cáo kết quả"),
    ]
    merged = merge_tasks(plan, [0, 1])
    assert [t.title for t in plan.tasks] == ["Một", "Ba"]
    assert merged.deadline == dt.date(2023, 11, 1) and "Hai" in merged.description
    assert [(r.unit, r.role) for r in merged.responsibilities] == [("Phòng Nội vụ huyện", "lead"),
                                                                   ("Công an huyện", "support")]  # fmt: skip
    first, second = split_task(plan, 1, 1)
    assert first.description == "- Nội dung thứ nhất"
    assert (second.title, second.description) == ("Tổ chức hội thi cấp huyện", "- Báo cáo kết quả")
    assert drop_task(plan, 0).title == "Một" and len(plan.tasks) == 2
    assert named_units(plan) == []
    with pytest.raises(ValidationError):
        merge_tasks(plan, [0])


def test_named_units_are_matched_ignoring_diacritics_and_abbreviations(district) -> None:
    u = district.units
    matcher = UnitMatcher(district.db)
    best = matcher.best("Phòng Nội vụ huyện")
    assert best is not None and best.unit_ids == (u["PNV"],)
    assert matcher.suggest("trung tam y te huyen")[0].unit_ids == (u["TTYT"],)
    assert matcher.suggest("UBND xã Phước Hiệp")[0].unit_ids == (u["UBND.PH"],)
    misspelt = matcher.suggest("UBND xa Phuoc Hiêp")
    assert misspelt[0].unit_ids == (u["UBND.PH"],) and not any(s.group for s in misspelt)
    group = matcher.best("Các trường trung học cơ sở")
    assert group is not None and set(group.unit_ids) == {u["THCS01"], u["THCS02"], u["THTHCS01"]}
    communes = matcher.best("Ủy ban nhân dân các xã, thị trấn")
    assert communes is not None and set(communes.unit_ids) == {u["UBND.PH"], u["UBND.BM"]}
    assert matcher.best("Hội Cựu chiến binh") is None  # nothing like it: the person decides
    assert len(suggest_units(district.db, "Truong THCS Phuoc Hiep", limit=3)) <= 3


# --- saving a reviewed plan ----------------------------------------------------------------------


def test_a_reviewed_plan_is_saved_with_assignments_and_targets_in_one_go(district) -> None:
    db, u = district.db, district.units
    plan = parse_plan_file(SAMPLES[2])
    plan.tasks[0].responsibilities = [Responsibility("Phòng Nội vụ", "lead"),
                                      Responsibility("các đơn vị trường", "support")]  # fmt: skip
    plan.tasks[1].deadline = dt.date(2024, 1, 31)
    plan.tasks[1].responsibilities = [Responsibility("Các trường tiểu học", "lead"),
                                      Responsibility("Trường Tiểu học Phước Hiệp", "support")]  # fmt: skip
    plan.tasks[1].recurrence = "semester"
    drop_task(plan, 2)
    plan.targets = plan.targets[:3]
    plan.targets[0].value, plan.targets[0].comparator = 95, ">="
    matches = {
        "Phòng Nội vụ huyện": [u["PNV"]],  # another spelling of the same unit
        "Các đơn vị trường": [u["TH01"], u["THCS01"]],
        "Các trường tiểu học": [u["TH01"], u["TH02"], u["THTHCS01"]],
        "Trường Tiểu học Phước Hiệp": [u["TH01"]],
        "Không ai": [],
    }
    saved = save_parsed_plan_full(db, OFFICER, plan, matches)
    assert (saved.tasks, saved.targets) == (len(plan.tasks), 3)
    with db.session() as session:
        doc = session.get(Document, saved.document_id)
        assert doc.period == "2021-2025" and doc.source_sha256 == plan.sha256
        task_ids = session.scalars(
            select(Task.id).where(Task.document_id == doc.id).order_by(Task.position)
        ).all()
        first = session.execute(select(Assignment.unit_id, Assignment.role).where(
            Assignment.task_id == task_ids[0])).all()  # fmt: skip
        assert sorted(first) == sorted([(u["PNV"], AssignmentRole.LEAD), (u["TH01"], AssignmentRole.SUPPORT),
                                        (u["THCS01"], AssignmentRole.SUPPORT)])  # fmt: skip
        second = session.execute(select(Assignment.unit_id, Assignment.role, Assignment.occurrence).where(
            Assignment.task_id == task_ids[1])).all()  # fmt: skip
        # TH01 is named as lead and support: it leads, once per semester (no school year: the deadline's)
        assert len(second) == 6 and {(r, o) for uid, r, o in second if uid == u["TH01"]} == {
            (AssignmentRole.LEAD, "2023-2024 HK1"), (AssignmentRole.LEAD, "2023-2024 HK2")}  # fmt: skip
        indicator = session.scalars(select(Indicator).where(Indicator.document_id == doc.id)
                                    .order_by(Indicator.code)).first()  # fmt: skip
        assert (indicator.target_value, indicator.comparator) == (95.0, Comparator.GE)
        assert session.get(DataElement, indicator.numerator_id).code == indicator.code
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert "3 chỉ tiêu" in audit.summary and audit.username == OFFICER.username
    assert saved.assignments == _count(db, Assignment) >= len(first) + len(second)


def test_saving_is_all_or_nothing(district) -> None:
    db = district.db
    plan = parse_plan_file(SAMPLES[0])
    before = (_count(db, Document), _count(db, Task), _count(db, Assignment))
    plan.tasks[3].title = "   "
    with pytest.raises(ValidationError, match="Nhiệm vụ 4 chưa có tên"):
        save_parsed_plan(db, OFFICER, plan, {})
    plan.tasks[3].title = "Đã sửa"
    plan.tasks[0].responsibilities = [Responsibility("Phòng Y tế", "lead")]
    with pytest.raises(ValidationError, match="không tồn tại"):
        save_parsed_plan(db, OFFICER, plan, {"Phòng Y tế": ["khong-ton-tai"]})
    assert (_count(db, Document), _count(db, Task), _count(db, Assignment)) == before
    doc_id = save_parsed_plan(db, OFFICER, plan, {})
    assert docs.get_document(db, doc_id).title == plan.document.title
    with pytest.raises(ValidationError, match="đã được nhập"):
        save_parsed_plan(db, OFFICER, plan, {})


def test_assigning_while_saving_needs_the_right_to_assign(small_district) -> None:
    from models.enums import Role
    from services.accounts.permissions import Actor

    plan = parse_plan_file(SAMPLES[0])
    with pytest.raises(PermissionDenied):
        save_parsed_plan(small_district.db, Actor("svc", Role.SCHOOL_STAFF), plan, {})
    assert _count(small_district.db, Document) == 1
