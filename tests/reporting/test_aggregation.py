"""District values are sum(numerators) / sum(denominators), checked by hand, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import ReportStatus
from services.reporting.aggregation import Sums, indicator_figures, is_met, ratio
from services.reporting.entry import save_draft, submit_report
from services.reporting.review import return_report
from services.reporting.rounds import report_of
from tests.reporting.conftest import LEADER, Town, full_values, new_round

AT = dt.datetime(2024, 1, 5, 2, 0)


def _send(town: Town, round_id: str, code: str, level: str, **cells) -> None:
    unit = town.units[code]
    save_draft(town.db, town.staff(code), round_id, unit, values=full_values(level, **cells))
    submit_report(town.db, town.staff(code), round_id, unit, at=AT)


def _figure(figures, code: str, group: str = "overall"):
    return next(f for f in figures if f.code == code and f.group == group)


@pytest.fixture
def filled(town: Town) -> tuple[Town, str]:
    round_id = new_round(town)
    # Pupils of grade 1 who read, write and count: 40/50, 990/1000, 99/100.
    _send(town, round_id, "TH01", "TH", TH_L1_KS=50, TH_L1_DAT=40, CHUAN_QG="Không")
    _send(town, round_id, "TH02", "TH", TH_L1_KS=1000, TH_L1_DAT=990, CHUAN_QG="Có")
    _send(town, round_id, "THTHCS01", "TH&THCS", TH_L1_KS=100, TH_L1_DAT=99, CHUAN_QG="Có")
    _send(town, round_id, "MN01", "MN", CHUAN_QG="Có")
    # Not received: a draft, and a report sent back for rework. Neither may count.
    save_draft(
        town.db, town.staff("MN02"), round_id, town.units["MN02"], values=full_values("MN", CHUAN_QG="Có")
    )
    _send(town, round_id, "THCS01", "THCS", CHUAN_QG="Có")
    with town.db.session() as s:
        report_id = report_of(s, round_id, town.units["THCS01"]).id
    return_report(town.db, LEADER, report_id, "Bổ sung số liệu.")
    return town, round_id


def test_ratio_of_sums_not_average_of_percentages(filled) -> None:
    town, round_id = filled
    with town.db.session() as s:
        figures = indicator_figures(s, [round_id])
    reading = _figure(figures, "CT_L1_DOC_VIET")
    assert (reading.numerator, reading.denominator) == (1129, 1150)
    assert reading.value == pytest.approx(98.17, abs=0.01)  # 1129 / 1150
    assert reading.met is True  # target ≥ 98
    average_of_percentages = (80 + 99 + 99) / 3  # 92.67: would say "not met"
    assert not is_met(average_of_percentages, ">=", 98)


def test_breakdown_by_level_and_commune(filled) -> None:
    town, round_id = filled
    with town.db.session() as s:
        by_level = indicator_figures(s, [round_id], by="level")
        by_commune = indicator_figures(s, [round_id], by="commune")
    assert _figure(by_level, "CT_L1_DOC_VIET", "TH").value == pytest.approx(98.1, abs=0.01)  # 1030/1050
    assert _figure(by_level, "CT_L1_DOC_VIET", "TH&THCS").value == 99.0
    ph, bm = town.units["UBND.PH"], town.units["UBND.BM"]
    assert _figure(by_commune, "CT_L1_DOC_VIET", ph).value == 80.0
    assert _figure(by_commune, "CT_L1_DOC_VIET", bm).value == 99.0  # 1089/1100
    assert _figure(by_commune, "CT_L1_DOC_VIET", bm).group_label == "Ủy ban nhân dân xã Bình Mỹ"


def test_yes_no_indicator_counts_received_units_only(filled) -> None:
    town, round_id = filled
    with town.db.session() as s:
        figures = indicator_figures(s, [round_id])
    standard = _figure(figures, "CT_CHUAN_QG")
    # MN01, TH02, THTHCS01 yes; TH01 no. MN02 (draft) and THCS01 (returned) say yes but are not in.
    assert (standard.numerator, standard.denominator, standard.value) == (3, 4, 75.0)
    assert standard.met is True  # ≥ 70.1
    dropout = _figure(figures, "CT_BO_HOC_THCS")
    assert (dropout.numerator, dropout.denominator) == (3, 300)  # only THTHCS01 is in


def test_returned_counts_when_asked(filled) -> None:
    town, round_id = filled
    with town.db.session() as s:
        figures = indicator_figures(s, [round_id], statuses=[*ReportStatus])
    assert _figure(figures, "CT_CHUAN_QG").denominator == 6


def test_indicator_without_data_has_no_value(town: Town) -> None:
    round_id = new_round(town)
    with town.db.session() as s:
        figure = _figure(indicator_figures(s, [round_id]), "CT_STEM")
    assert figure.value is None and figure.met is None


@pytest.mark.parametrize(
    ("num", "den", "boolean", "has_den", "expected"),
    [
        (Sums(5, 2), Sums(20, 2), False, True, 25.0),
        (Sums(5, 2), None, False, True, None),
        (Sums(5, 2), Sums(0, 2), False, True, None),
        (Sums(3, 4), None, True, False, 75.0),
        (Sums(7, 3), None, False, False, 7),
    ],
)
def test_ratio_cases(num, den, boolean, has_den, expected) -> None:
    assert ratio(num, den, boolean=boolean, has_denominator=has_den)[2] == expected


def test_comparators() -> None:
    assert is_met(98.04, ">=", 98) and not is_met(97.94, ">=", 98)
    assert is_met(1.3, "<=", 1.3) and not is_met(1.36, "<=", 1.3)
    assert is_met(65.02, "=", 65) and not is_met(66, "=", 65)
    assert is_met(None, ">=", 1) is None


def test_units_behind_a_figure(filled) -> None:
    town, round_id = filled
    from services.reporting.aggregation import indicator_units

    with town.db.session() as s:
        rows = {u.unit_code: u for u in indicator_units(s, round_id, "CT_L1_DOC_VIET")}
        flags = {u.unit_code: u.value for u in indicator_units(s, round_id, "CT_CHUAN_QG")}
    assert {c: (u.numerator, u.denominator, u.value) for c, u in rows.items()} == {
        "TH01": (40, 50, 80.0), "TH02": (990, 1000, 99.0), "THTHCS01": (99, 100, 99.0),
    }  # fmt: skip
    assert flags == {"MN01": 100.0, "TH01": 0.0, "TH02": 100.0, "THTHCS01": 100.0}
