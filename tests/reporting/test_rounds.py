"""Rounds: made by hand or in one step from a plan's deadlines; statuses computed when read."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import ReportStatus
from models.errors import PermissionDenied, ValidationError
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.plan_import.store import save_plan
from services.reporting.rounds import (
    ShownStatus,
    create_round,
    list_rounds,
    on_time,
    planned_rounds,
    round_unit_ids,
    rounds_from_plan,
    shown_status,
)
from tests.reporting.conftest import DUE, LEADER, OFFICER, Town


def _sample(town: Town, prefix: str) -> str:
    path = next(sample_plans_dir().glob(f"{prefix}_*.txt"))
    return save_plan(town.db, OFFICER, parse_plan_file(path)).document_id


def test_rounds_from_sample_000_deadlines(town: Town) -> None:
    doc = _sample(town, "000")
    planned = planned_rounds(town.db, doc)
    assert [(p.kind, p.due_on) for p in planned] == [
        ("so_ket", dt.date(2024, 1, 10)),
        ("tong_ket", dt.date(2024, 6, 10)),
    ]
    made = rounds_from_plan(town.db, OFFICER, doc)
    assert len(made) == 2
    with town.db.session() as s:
        rounds = list_rounds(s)
        units = round_unit_ids(s, made[0])
    assert [(r.period, r.due_on, r.template_code) for r in rounds] == [
        ("2023-2024 HK1", dt.date(2024, 1, 10), "SO_KET_HK1"),
        ("2023-2024 CN", dt.date(2024, 6, 10), "TONG_KET_NAM_HOC"),
    ]
    assert sorted(units) == sorted(town.schools) and rounds[0].expected == 6
    assert rounds_from_plan(town.db, OFFICER, doc) == []  # the second time makes nothing new


def test_plan_without_review_deadlines(town: Town) -> None:
    doc = _sample(town, "004")
    with pytest.raises(ValidationError, match="sơ kết hay tổng kết"):
        rounds_from_plan(town.db, OFFICER, doc)


def test_round_checks(town: Town) -> None:
    tpl = town.templates["SO_KET_HK1"]
    with pytest.raises(ValidationError, match="ít nhất một đơn vị"):
        create_round(town.db, OFFICER, template_id=tpl, name="Kỳ", period="HK1", due_on=DUE, groups=())
    with pytest.raises(ValidationError, match="Ngày mở"):
        create_round(town.db, OFFICER, template_id=tpl, name="Kỳ", period="HK1", due_on=DUE,
                     opens_on=DUE + dt.timedelta(days=1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        create_round(town.db, LEADER, template_id=tpl, name="Kỳ", period="HK1", due_on=DUE)
    made = create_round(town.db, OFFICER, template_id=tpl, name="Kỳ MN", period="HK1", due_on=DUE,
                        groups=("school:MN",))  # fmt: skip
    with town.db.session() as s:
        assert sorted(round_unit_ids(s, made)) == sorted([town.units["MN01"], town.units["MN02"]])


@pytest.mark.parametrize(
    ("status", "today", "shown"),
    [
        (None, dt.date(2024, 1, 10), ShownStatus.NOT_STARTED),
        (None, dt.date(2024, 1, 11), ShownStatus.LATE),
        (ReportStatus.DRAFT, dt.date(2024, 1, 1), ShownStatus.DRAFT),
        (ReportStatus.DRAFT, dt.date(2024, 2, 1), ShownStatus.LATE),
        (ReportStatus.SUBMITTED, dt.date(2024, 2, 1), ShownStatus.SUBMITTED),
        (ReportStatus.RESUBMITTED, dt.date(2024, 2, 1), ShownStatus.SUBMITTED),
        (ReportStatus.RETURNED, dt.date(2024, 2, 1), ShownStatus.RETURNED),
        (ReportStatus.ACCEPTED, dt.date(2024, 2, 1), ShownStatus.ACCEPTED),
    ],
)
def test_shown_status(status, today, shown) -> None:
    assert shown_status(status, DUE, today) == shown


def test_on_time_is_the_due_day_in_vietnam() -> None:
    assert on_time(dt.datetime(2024, 1, 10, 16, 59), DUE) is True  # 23:59 in Vietnam
    assert on_time(dt.datetime(2024, 1, 10, 17, 0), DUE) is False  # 00:00 the next day
    assert on_time(None, DUE) is None
