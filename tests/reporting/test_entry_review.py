"""Entry: drafts, validation with the place named, submit → read-only; review and history."""

from __future__ import annotations

import datetime as dt

import pytest

from models.errors import PermissionDenied, ValidationError
from services.reporting.entry import entry_problems, load_form, save_draft, submit_report
from services.reporting.review import accept_report, report_history, return_report, review_rows
from services.reporting.rounds import ShownStatus
from tests.reporting.conftest import LEADER, OFFICER, Town, full_values, new_round

TODAY = dt.date(2024, 1, 5)


@pytest.fixture
def th(town: Town) -> tuple[Town, str, str]:
    return town, new_round(town), town.units["TH01"]


def test_form_shows_only_the_units_level(th) -> None:
    town, round_id, unit = th
    form = load_form(town.db, round_id, unit, TODAY)
    codes = {row.code for _s, row, *_ in form.cells()}
    assert {"TH_L1_KS", "TH_L1_DAT", "SO_HS"} <= codes
    assert not codes & {"MN_CAN_DO", "HS_BO_HOC"}
    assert form.shown == ShownStatus.NOT_STARTED and form.editable


def test_draft_keeps_partial_values_and_narrative(th) -> None:
    town, round_id, unit = th
    form = load_form(town.db, round_id, unit, TODAY)
    section = next(s for s in form.sections if s.heading == "Thuận lợi")
    save_draft(town.db, town.staff("TH01"), round_id, unit, narratives={section.id: "Được địa phương quan tâm."},
               values={("SO_HS", ""): "1.234", ("TL_PHONG_KIEN_CO", ""): "85,5%"})  # fmt: skip
    form = load_form(town.db, round_id, unit, TODAY)
    assert form.values == {("SO_HS", ""): 1234, ("TL_PHONG_KIEN_CO", ""): 85.5}
    assert next(s for s in form.sections if s.id == section.id).narrative == "Được địa phương quan tâm."
    assert form.shown == ShownStatus.DRAFT


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ({("SO_HS", ""): "ba trăm"}, "phải là số nguyên"),
        ({("SO_HS", ""): 12.5}, "phải là số nguyên"),
        ({("SO_HS", ""): -3}, "ngoài khoảng"),
        ({("TL_PHONG_KIEN_CO", ""): 120}, "ngoài khoảng"),
        ({("STEM", ""): "có lẽ"}, "«Có» hoặc «Không»"),
        ({("TH_L1_KS", ""): 50, ("TH_L1_DAT", ""): 51}, "lớn hơn"),
        ({("MN_CAN_DO", ""): 5}, "không có trong biểu mẫu"),
    ],
)
def test_bad_values_refused_with_place(th, cells, words) -> None:
    town, round_id, unit = th
    with pytest.raises(ValidationError) as err:
        save_draft(town.db, town.staff("TH01"), round_id, unit, values=cells)
    assert words in err.value.message
    assert err.value.place
    assert load_form(town.db, round_id, unit, TODAY).report_id is None  # nothing saved


def test_submit_needs_required_then_locks(th) -> None:
    town, round_id, unit = th
    staff = town.staff("TH01")
    values = full_values("TH")
    del values[("TH_L1_DAT", "")]
    save_draft(town.db, staff, round_id, unit, values=values)
    with pytest.raises(ValidationError) as err:
        submit_report(town.db, staff, round_id, unit)
    assert "Chưa nhập" in err.value.message and "TH_L1_DAT" not in err.value.message
    assert "dòng «Số học sinh lớp 1 biết đọc" in err.value.place
    save_draft(town.db, staff, round_id, unit, values={("TH_L1_DAT", ""): 58})
    assert submit_report(town.db, staff, round_id, unit, at=dt.datetime(2024, 1, 9, 3)) == "submitted"
    with pytest.raises(ValidationError, match="chỉ xem được"):
        save_draft(town.db, staff, round_id, unit, values={("SO_HS", ""): 301})


def test_return_resubmit_accept_history(th) -> None:
    town, round_id, unit = th
    staff = town.staff("TH01")
    save_draft(town.db, staff, round_id, unit, values=full_values("TH"))
    submit_report(town.db, staff, round_id, unit, at=dt.datetime(2024, 1, 9, 3))
    report_id = load_form(town.db, round_id, unit).report_id
    with pytest.raises(ValidationError, match="lý do"):
        return_report(town.db, LEADER, report_id, "  ")
    return_report(town.db, LEADER, report_id, "Bổ sung phần khó khăn.", at=dt.datetime(2024, 1, 10, 2))
    form = load_form(town.db, round_id, unit, TODAY)
    assert form.shown == ShownStatus.RETURNED and form.editable
    assert form.reviewer_comment == "Bổ sung phần khó khăn."
    save_draft(town.db, staff, round_id, unit, values={("SO_HS", ""): 305, ("HS_KNS", ""): 305})
    assert submit_report(town.db, staff, round_id, unit, at=dt.datetime(2024, 1, 12, 3)) == "resubmitted"
    accept_report(town.db, LEADER, report_id, "Đạt yêu cầu.", at=dt.datetime(2024, 1, 15, 2))
    with pytest.raises(ValidationError, match="đã gửi"):
        accept_report(town.db, LEADER, report_id)
    steps = [(h.action, h.comment) for h in report_history(town.db, report_id)]
    assert steps == [("submitted", ""), ("returned", "Bổ sung phần khó khăn."), ("resubmitted", ""),
                     ("accepted", "Đạt yêu cầu.")]  # fmt: skip
    assert report_history(town.db, report_id)[0].actor == "Hiệu trưởng TH01"


def test_review_grid_statuses(th) -> None:
    town, round_id, unit = th
    save_draft(town.db, town.staff("TH01"), round_id, unit, values=full_values("TH"))
    submit_report(town.db, town.staff("TH01"), round_id, unit, at=dt.datetime(2024, 1, 11, 3))  # a day late
    save_draft(town.db, town.staff("MN01"), round_id, town.units["MN01"], values={("SO_HS", ""): 200})
    with town.db.session() as s:
        rows = {r.unit_code: r for r in review_rows(s, round_id, dt.date(2024, 1, 20))}
    assert len(rows) == 6
    assert rows["TH01"].status == ShownStatus.SUBMITTED and rows["TH01"].on_time is False
    assert rows["MN01"].status == ShownStatus.LATE and rows["TH02"].status == ShownStatus.LATE


def test_rights(th) -> None:
    town, round_id, unit = th
    with pytest.raises(PermissionDenied):
        save_draft(town.db, town.staff("TH02"), round_id, unit, values={("SO_HS", ""): 1})  # another school
    with pytest.raises(PermissionDenied):
        save_draft(town.db, LEADER, round_id, unit, values={("SO_HS", ""): 1})
    save_draft(town.db, OFFICER, round_id, unit, values=full_values("TH"))  # the district may type it in
    submit_report(town.db, OFFICER, round_id, unit)
    with pytest.raises(PermissionDenied):
        accept_report(town.db, town.staff("TH01"), load_form(town.db, round_id, unit).report_id)


def test_unit_outside_round(town: Town) -> None:
    round_id = new_round(town, units=[town.units["MN01"]])
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        save_draft(town.db, OFFICER, round_id, town.units["TH01"], values={("SO_HS", ""): 1})


def test_units_by_rounds_matrix(th) -> None:
    town, round_id, unit = th
    from services.reporting.review import status_matrix

    later = new_round(town, code="TONG_KET_NAM_HOC", period="2023-2024 CN", due=dt.date(2024, 6, 10),
                      units=[town.units["TH01"]])  # fmt: skip
    save_draft(town.db, town.staff("TH01"), later, unit, values={("SO_HS", ""): 300})
    with town.db.session() as s:
        rounds, rows = status_matrix(s, dt.date(2024, 2, 1))
    assert [r.id for r in rounds] == [round_id, later]
    by_code = {r.unit_code: r.statuses for r in rows}
    assert by_code["TH01"] == {round_id: ShownStatus.LATE, later: ShownStatus.DRAFT}
    assert by_code["MN01"] == {round_id: ShownStatus.LATE}


def test_entry_problems_lists_every_problem_and_writes_nothing(th) -> None:
    town, round_id, unit = th
    staff = town.staff("TH01")
    typed = {("SO_HS", ""): "ba trăm", ("TL_PHONG_KIEN_CO", ""): "120,5", ("TH_L1_KS", ""): 38,
             ("TH_L1_DAT", ""): 45}  # fmt: skip
    problems = entry_problems(town.db, staff, round_id, unit, typed, complete=False)
    messages = [p.message for p in problems]
    assert len(problems) == 3, messages
    for words in ("phải là số nguyên", "ngoài khoảng", "lớn hơn"):
        assert sum(words in m for m in messages) == 1, (words, messages)
    assert all("dòng «" in p.place for p in problems)
    missing = entry_problems(town.db, staff, round_id, unit, {}, complete=True)
    form = load_form(town.db, round_id, unit, TODAY)
    assert len(missing) == sum(1 for *_x, required in form.cells() if required) > 3
    assert load_form(town.db, round_id, unit, TODAY).report_id is None
