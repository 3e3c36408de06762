"""The lists of the Kế hoạch & nhiệm vụ page: filters, diacritic-insensitive search, the matrix."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import AssignmentStatus
from models.errors import PermissionDenied
from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
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


@pytest.mark.parametrize("text", ["truong", "phuoc hiep", "doi ngu truong", "tan thanh", "khong co dau"])
def test_common_and_rare_words_find_the_same_rows_either_way(tmp_path, monkeypatch, text) -> None:
    """A common word is checked unindexed, a rare one through the indexes: the same answer."""
    from services.bench.tasks import TODAY, build_database
    from services.plans import views as task_views

    db, _ids = build_database(tmp_path / "w.sqlite", schools=40, tasks=12)
    try:
        answers = []
        for selective in (True, False):
            monkeypatch.setattr(task_views, "_selective", lambda _db, _pattern, s=selective: s)
            query = AssignmentQuery(db, SYSTEM, today=TODAY)
            request = PageRequest(text=text, limit=100)
            answers.append((query.count(request), [r["id"] for r in query.fetch(request)]))
        assert answers[0] == answers[1]
    finally:
        db.dispose()
