"""The lists of the Kế hoạch & nhiệm vụ page: filters, diacritic-insensitive search, the matrix."""

from __future__ import annotations

import datetime as dt
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.enums import AssignmentStatus
from models.errors import PermissionDenied
from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
from services.core.vietnamese import fold
from services.plans.assignments import AssignmentEdit, assign, cancel_assignments, update_assignment
from services.plans.detail import assignment_detail, task_detail
from services.plans.matrix import MatrixQuery
from services.plans.progress import add_progress
from services.plans.task_lists import DocumentQuery, TaskQuery
from services.plans.views import OVERDUE, AssignmentQuery, MyWorkQuery
from tests.plans.conftest import OFFICER

TODAY = dt.date(2024, 4, 15)


@pytest.fixture
def busy(district):
    """TH01, TH02, THCS01 lead "chuyển đổi số" (due 1/3), PNV supports; "đội ngũ" for all schools."""
    db, u, t = district.db, district.units, district.tasks
    assign(db, OFFICER, t["so"], [u["TH01"], u["TH02"], u["THCS01"]], due_on=dt.date(2024, 3, 1))
    assign(db, OFFICER, t["so"], [u["PNV"]], "support", due_on=dt.date(2024, 3, 1))
    assign(db, OFFICER, t["doingu"], groups=["school"], due_on=dt.date(2024, 5, 20))
    ids = {(row["unit_id"], row["task_id"]): row["id"] for row in _all(district)}
    add_progress(db, district.staff("TH01"), ids[(u["TH01"], t["so"])], status="done", percent=100, today=TODAY,
                 on_date=dt.date(2024, 2, 20))  # fmt: skip
    add_progress(db, district.staff("TH02"), ids[(u["TH02"], t["so"])], status="in_progress", percent=50,
                 note="Đang làm", today=TODAY)  # fmt: skip
    return district, ids


def _all(district, actor=OFFICER, **request):
    return AssignmentQuery(district.db, actor, today=TODAY).fetch(PageRequest(**request))


def _count(query, **request) -> int:
    return query.count(PageRequest(**request))


def test_filters_and_search_ignore_diacritics(busy) -> None:
    district, _ids = busy
    u, t = district.units, district.tasks
    query = AssignmentQuery(district.db, OFFICER, today=TODAY)
    assert _count(query) == 4 + 6
    assert _count(query, text="chuyen doi so") == 4
    assert _count(query, text="CHUYỂN đổi") == 4
    assert _count(query, text="phuoc hiep") == 3  # two schools of that name: TH01 has two tasks
    assert _count(query, text="phuoc hiep doi ngu") == 2
    assert _count(query, text="100%_") == 0  # LIKE wildcards are searched as text
    assert _count(query, filters={"status": "done"}) == 1
    assert _count(query, filters={"status": ["in_progress", "not_started"]}) == 9
    assert _count(query, filters={"level": "THCS"}) == 4  # two THCS schools and the TH&THCS one
    assert _count(query, filters={"level": "TH"}) == 5
    assert _count(query, filters={"kind": "department"}) == 1
    assert _count(query, filters={"role": "support"}) == 1
    assert _count(query, filters={"unit_id": u["TH01"]}) == 2
    assert _count(query, filters={"document_id": district.document_id, "task_id": t["so"]}) == 4
    assert _count(query, filters={"due_from": dt.date(2024, 4, 1), "due_to": dt.date(2024, 5, 31)}) == 6
    late = query.fetch(PageRequest(filters={"overdue": True}))
    assert {r["unit_id"] for r in late} == {u["TH02"], u["THCS01"], u["PNV"]}
    assert all(r["days_late"] == 45 and r["overdue"] for r in late)
    assert _count(query, filters={"overdue": False}) == 7


def test_sorting_and_paging_walk_every_row_once(busy) -> None:
    district, _ids = busy
    query = AssignmentQuery(district.db, OFFICER, today=TODAY)
    for sort in [c.key for c in query.columns]:
        for descending in (False, True):
            seen = []
            for offset in range(0, 10, 3):
                seen += [r["id"] for r in query.fetch(PageRequest(sort=sort, descending=descending,
                                                                  offset=offset, limit=3))]  # fmt: skip
            assert len(seen) == len(set(seen)) == 10, sort
    worst = query.fetch(PageRequest(sort="days_late", descending=True, limit=1))[0]
    assert worst["days_late"] == 45
    shown = {c.key: c.display(worst[c.key]) for c in query.columns}
    assert shown["days_late"] == "45 ngày" and shown["due_on"] == "01/03/2024"


def test_cancelled_rows_leave_the_list_unless_asked_for(busy) -> None:
    district, ids = busy
    u, t = district.units, district.tasks
    cancel_assignments(district.db, OFFICER, [ids[(u["PNV"], t["so"])]])
    query = AssignmentQuery(district.db, OFFICER, today=TODAY)
    assert _count(query) == 9
    assert _count(query, filters={"include_cancelled": True}) == 10
    assert _count(query, filters={"status": "cancelled"}) == 1


def test_school_staff_see_only_their_own_unit(busy) -> None:
    district, ids = busy
    u, t = district.units, district.tasks
    staff = district.staff("TH02")
    rows = _all(district, staff, filters={"unit_id": u["TH01"]})  # asking for another unit changes nothing
    assert {r["unit_id"] for r in rows} == {u["TH02"]} and len(rows) == 2
    mine = MyWorkQuery(district.db, staff, today=TODAY)
    assert _count(mine) == 2 and _count(mine, filters={"overdue": True}) == 1
    assert _count(TaskQuery(district.db, staff, today=TODAY)) == 2
    detail = task_detail(district.db, staff, t["so"], today=TODAY)
    assert [a.unit_id for a in detail.assignments] == [u["TH02"]]
    assert [h.what for h in detail.history] == ["Đang thực hiện 50%: Đang làm"]
    with pytest.raises(PermissionDenied):
        assignment_detail(district.db, staff, ids[(u["TH01"], t["so"])])
    matrix = MatrixQuery(district.db, staff, today=TODAY)
    assert [c.key for c in matrix.columns[2:]] == [u["TH02"]]


def test_the_task_list_counts_the_assignments_its_filters_keep(busy) -> None:
    district, _ids = busy
    t = district.tasks
    query = TaskQuery(district.db, OFFICER, today=TODAY)
    rows = {r["id"]: r for r in query.fetch(PageRequest())}
    assert len(rows) == 3 and rows[t["baocao"]]["assigned"] == 0
    assert {k: rows[t["so"]][k] for k in ("assigned", "done", "overdue", "average")} == {
        "assigned": 4, "done": 1, "overdue": 3, "average": 38}  # fmt: skip
    assert _count(query, text="doi ngu") == 1
    assert _count(query, filters={"overdue": True}) == 1
    level = TaskQuery(district.db, OFFICER, today=TODAY)
    [th] = [r for r in level.fetch(PageRequest(filters={"level": "TH", "task_id": t["so"]}))]
    assert (th["assigned"], th["done"]) == (2, 1)
    documents = DocumentQuery(district.db, OFFICER).fetch(PageRequest(text="nam hoc"))
    assert documents[0]["reference"] == "123/KH-PGDĐT" and documents[0]["tasks"] == 3


def test_the_matrix_shows_a_status_per_task_and_unit(busy) -> None:
    district, _ids = busy
    u, t = district.units, district.tasks
    matrix = MatrixQuery(district.db, OFFICER, unit_filters={"kind": "school"}, today=TODAY)
    assert [c.label for c in matrix.columns[2:]] == [  # the units by name, "Trường" left out
        "Mầm non Hoa Sen", "THCS Nguyễn Du", "THCS Phước Hiệp", "Tiểu học Phước Hiệp", "Tiểu học Tân Thạnh Đông",
        "Tiểu học và THCS Bình Mỹ"]  # fmt: skip
    rows = {r["id"]: r for r in matrix.fetch(PageRequest())}
    assert rows[t["so"]][u["TH01"]] == AssignmentStatus.DONE.value
    assert rows[t["so"]][u["TH02"]] == OVERDUE and rows[t["so"]][u["MN01"]] == ""
    assert rows[t["doingu"]][u["MN01"]] == AssignmentStatus.NOT_STARTED.value
    spec = matrix.columns[2]
    assert spec.display(OVERDUE) == "Trễ" and spec.display("") == ""


def test_a_unit_with_several_occurrences_shows_the_worst_one(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    assign(db, OFFICER, t["baocao"], [u["TH01"]])  # HK1 due 15/01/2024, HK2 due 31/05/2024
    rows = AssignmentQuery(db, OFFICER, today=TODAY).fetch(PageRequest(sort="due_on"))
    matrix = MatrixQuery(db, OFFICER, today=TODAY)
    assert {r["id"]: r[u["TH01"]] for r in matrix.fetch(PageRequest())}[t["baocao"]] == OVERDUE
    add_progress(db, OFFICER, rows[0]["id"], status="done", percent=100, today=TODAY)
    # HK1 done, HK2 not begun: under way
    cells = {r["id"]: r[u["TH01"]] for r in MatrixQuery(db, OFFICER, today=TODAY).fetch(PageRequest())}
    assert cells[t["baocao"]] == AssignmentStatus.IN_PROGRESS.value


def test_task_detail_tells_its_history(busy) -> None:
    district, ids = busy
    u, t = district.units, district.tasks
    update_assignment(
        district.db, OFFICER, ids[(u["THCS01"], t["so"])], AssignmentEdit(due_on=dt.date(2024, 4, 30))
    )
    detail = task_detail(district.db, OFFICER, t["so"], today=TODAY)
    assert detail.title == "Đẩy mạnh chuyển đổi số trong quản lý giáo dục"
    assert detail.document.startswith("Kế hoạch 123/KH-PGDĐT")
    assert len(detail.assignments) == 4
    late = {a.unit_code: a.days_late for a in detail.assignments}
    assert late == {"TH01": 0, "TH02": 45, "THCS01": 0, "PNV": 45}
    texts = [h.what for h in detail.history]
    assert "Hoàn thành 100%:" in texts and "Đang thực hiện 50%: Đang làm" in texts
    assert any(
        h.what.startswith("Sửa việc được giao: hạn: 30/04/2024") and h.unit_name for h in detail.history
    )
    assert any(h.what == "Tạo nhiệm vụ" for h in detail.history)


def test_a_document_without_symbol_is_named_by_type_and_date() -> None:
    import datetime as dt

    from models.enums import DocType
    from services.plans.views import document_label

    assert document_label({"document": "KH-UBND", "document_type": DocType.KH}) == "KH-UBND"
    assert document_label({"document": "", "document_type": DocType.KH,
                           "document_date": dt.date(2023, 9, 19)}) == "KH 19/09/2023"  # fmt: skip
    assert document_label({"document": None, "document_type": DocType.CV, "document_date": None}) == "CV"


def test_a_streamed_view_gives_every_page_in_order(tmp_path) -> None:
    """Exports read one SELECT (no OFFSET): the same rows, finished the same, as the pages."""
    from services.bench.tasks import TODAY, build_database
    from services.core.paging import STREAM_BATCH, PageRequest, pages
    from services.plans.task_lists import TaskQuery
    from services.plans.views import AssignmentQuery

    db, _ids = build_database(tmp_path / "t.sqlite", schools=STREAM_BATCH // 20 + 7, tasks=25)
    try:
        for query, request in (
            (AssignmentQuery(db, SYSTEM, today=TODAY), PageRequest(sort="days_late", descending=True)),
            (AssignmentQuery(db, SYSTEM, today=TODAY), PageRequest(text="doi ngu")),
            (TaskQuery(db, SYSTEM, today=TODAY), PageRequest(filters={"overdue": True})),
        ):
            streamed = list(query.stream(request))
            paged = list(pages(query, request, size=333))
            assert len(streamed) > STREAM_BATCH or isinstance(query, TaskQuery) or request.text
            assert streamed == paged
    finally:
        db.dispose()


def _search_answers(db, text):
    """(count, ids of the first page) of the search, by each way of writing its words."""
    from sqlalchemy import func, select

    from models import Assignment
    from services.plans import views as task_views

    request = PageRequest(text=text, limit=100)
    ways = {
        "chosen": {"_RARE": task_views._RARE},
        "rarest indexed": {"_RARE": 1.0},  # the rarest word walks the indexes, whatever its share
        "all unindexed": {"_RARE": -1.0},
        "subselects": {"_MAX_LISTED": 0},  # past the parameter budget: the ids looked up in SQL
    }
    answers = {}
    for way, overrides in ways.items():
        with patch.multiple(task_views, **overrides):
            query = AssignmentQuery(db, SYSTEM, today=TODAY)
            answers[way] = (query.count(request), [r["id"] for r in query.fetch(request)])
    # Without the database at hand the conditions are indexed subselects (the task list's figures)
    conditions = task_views.assignment_conditions(request, SYSTEM, TODAY)
    with db.session() as session:
        answers["no db"] = (
            session.scalar(select(func.count()).select_from(Assignment).where(*conditions)),
            None,
        )
    return answers


@pytest.mark.parametrize("text", ["truong", "phuoc hiep", "doi ngu truong", "tan thanh", "khong co dau",
                                  "xyzzy truong", "s00003", "giao duc"])  # fmt: skip
def test_common_and_rare_words_find_the_same_rows_either_way(tmp_path, text) -> None:
    """A common word is checked unindexed, a rare one through the indexes: the same answer."""
    from services.bench.tasks import build_database

    db, _ids = build_database(tmp_path / "w.sqlite", schools=40, tasks=12)
    try:
        answers = _search_answers(db, text)
        chosen = answers.pop("chosen")
        assert all(a == chosen or a == (chosen[0], None) for a in answers.values()), answers
        assert chosen[0] > 0 or text in ("xyzzy truong", "khong co dau")
    finally:
        db.dispose()


# The random district of the property below: names and texts made of these words, so that
# a search word is in most, a few or none of the tasks and units, in tasks alone, in units alone.
_TASK_WORDS = ["báo", "cáo", "số", "đội", "ngũ", "giáo", "dục", "Trường", "100%", "a_b", "Hòa"]
_UNIT_WORDS = [
    "Trường",
    "trường",
    "Hòa",
    "Phú",
    "Hoa",
    "Sen",
    "TH",
    "THCS",
    "Phước",
    "Hiệp",
    "Củ",
    "Chi",
    "số",
]
_QUERY_WORDS = sorted(
    {*_TASK_WORDS, *_UNIT_WORDS, "truong", "HOA", "th", "o", "xyzzy", "cs", "%", "_", "u1", "\\"}
)
_task_texts = st.lists(st.sampled_from(_TASK_WORDS), max_size=4).map(" ".join)
_unit_texts = st.lists(st.sampled_from(_UNIT_WORDS), max_size=4).map(" ".join)


@st.composite
def _districts(draw):
    units = draw(st.lists(st.tuples(_unit_texts, _unit_texts), min_size=1, max_size=8))  # name, short name
    tasks = draw(st.lists(st.tuples(_task_texts, _task_texts), min_size=1, max_size=5))  # title, description
    pairs = [(t, u) for t in range(len(tasks)) for u in range(len(units))]
    given = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    statuses = [draw(st.sampled_from(list(AssignmentStatus))) for _ in given]
    deleted = [draw(st.booleans()) for _ in given]
    return units, tasks, list(zip(given, statuses, deleted, strict=True))


def _reference(units, tasks, rows, text) -> set[str]:
    """The search's meaning written out: every folded word in the task's or the unit's text."""
    words = fold(text).split()
    kept = set()
    for row_id, task, unit, status, deleted in rows:
        task_text = fold(f"{task['title']} {task['description']}")
        unit_text = fold(f"{unit['code']} {unit['name']} {unit['short_name']}")
        if deleted or status == AssignmentStatus.CANCELLED:
            continue
        if all(w in task_text or w in unit_text for w in words):
            kept.add(row_id)
    return kept


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    district=_districts(), text=st.lists(st.sampled_from(_QUERY_WORDS), min_size=1, max_size=3).map(" ".join)
)
def test_the_search_keeps_the_rows_whose_task_or_unit_has_every_word(office_db, district, text) -> None:
    from sqlalchemy import delete

    from models import Assignment, Document, OrgUnit, Task
    from models.enums import AssignmentRole, DocType, Recurrence, UnitKind
    from services.core.uow import UnitOfWork

    units, tasks, given_rows = district
    with UnitOfWork(office_db, SYSTEM) as uow:  # the district of this example alone
        uow.session.execute(delete(Assignment))
        uow.session.execute(delete(Task))
        uow.session.execute(delete(Document))
        uow.session.execute(delete(OrgUnit).where(OrgUnit.code.like("U%")))
        unit_rows = [{"id": uow.new_id(), "code": f"U{n}", "name": name or "Trường", "short_name": short,
                      "kind": UnitKind.SCHOOL, "parent_id": uow.office_id}
                     for n, (name, short) in enumerate(units)]  # fmt: skip
        uow.insert_many(OrgUnit, unit_rows)
        document = {"id": uow.new_id(), "doc_type": DocType.KH, "number": "1", "symbol": "KH", "title": "KH"}
        uow.insert_many(Document, [document])
        task_rows = [{"id": uow.new_id(), "document_id": document["id"], "position": n, "title": title,
                      "description": description, "recurrence": Recurrence.ONCE}
                     for n, (title, description) in enumerate(tasks)]  # fmt: skip
        uow.insert_many(Task, task_rows)
        rows = [(uow.new_id(), task_rows[t], unit_rows[u], status, deleted)
                for (t, u), status, deleted in given_rows]  # fmt: skip
        uow.insert_many(Assignment, [
            {"id": i, "task_id": task["id"], "unit_id": unit["id"], "role": AssignmentRole.LEAD,
             "due_on": dt.date(2024, 1, 1 + n % 28), "status": status, "deleted": deleted}
            for n, (i, task, unit, status, deleted) in enumerate(rows)])  # fmt: skip
    expected = _reference(unit_rows, task_rows, rows, text)
    answers = _search_answers(office_db, text)
    for way, (count, ids) in answers.items():
        assert count == len(expected), (way, text)
        assert ids is None or set(ids) == expected, (way, text)
    pages = {tuple(ids) for count, ids in answers.values() if ids is not None}
    assert len(pages) == 1  # the same order every way
