"""unit-report, synthesis and indicators on a small round with known figures, and with none."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid

import pytest
from sqlalchemy import select

from models import (
    DataElement,
    Indicator,
    OrgUnit,
    Report,
    ReportingRound,
    ReportNarrative,
    ReportTemplate,
    ReportValue,
    RoundUnit,
    TemplateSection,
)  # fmt: skip
from models.db import open_database
from models.enums import Comparator, PeriodType, ReportStatus, SchoolLevel, UnitKind, ValueType
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.printing import build_report, save_report
from services.printing.common import ReportOptions
from services.printing.model import Block, TableBlock
from tests.printing.conftest import poppler


@pytest.fixture(scope="module")
def small_round(demo_path, tmp_path_factory):
    """Three TH/THCS schools: A sent on time (10 teachers, 9 qualified), B late (30, 24), C nothing."""
    path = tmp_path_factory.mktemp("round") / "round.sqlite"
    shutil.copy(demo_path, path)
    db = open_database(str(path))
    ids = {k: str(uuid.uuid4()) for k in ("gv", "dat", "kc", "ind", "tpl", "s1", "s2", "round", "ra", "rb")}
    with UnitOfWork(db, SYSTEM) as uow:
        schools = uow.session.execute(
            select(OrgUnit.id, OrgUnit.name)
            .where(
                OrgUnit.kind == UnitKind.SCHOOL, OrgUnit.school_level.in_([SchoolLevel.TH, SchoolLevel.THCS])
            )
            .order_by(OrgUnit.sort_key)
            .limit(3)
        ).all()
        uow.insert_many(DataElement, [
            {"id": ids["gv"], "code": "T_SO_GV", "name": "Số giáo viên", "value_type": ValueType.INTEGER, "unit_label": "người"},
            {"id": ids["dat"], "code": "T_GV_DAT", "name": "Số giáo viên đạt chuẩn", "value_type": ValueType.INTEGER, "unit_label": "người"},
            {"id": ids["kc"], "code": "T_KIEN_CO", "name": "Tỷ lệ phòng học kiên cố", "value_type": ValueType.PERCENT, "unit_label": "%"},
        ])  # fmt: skip
        uow.insert_many(Indicator, [{"id": ids["ind"], "code": "T_CT_GV", "name": "Tỷ lệ giáo viên đạt chuẩn thử",
                                     "levels": "TH,THCS", "numerator_id": ids["dat"], "denominator_id": ids["gv"],
                                     "comparator": Comparator.GE, "target_value": 90.0, "baseline_value": 80.0,
                                     "baseline_year": "2020"}])  # fmt: skip
        uow.insert_many(ReportTemplate, [{"id": ids["tpl"], "code": "T_TPL", "version": 1, "name": "Báo cáo sơ kết thử",
                                          "period_type": PeriodType.SEMESTER}])  # fmt: skip
        spec = '{"rows": ["T_SO_GV", "T_GV_DAT", "T_KIEN_CO"], "columns": [{"key": "", "label": "Số liệu"}]}'
        uow.insert_many(TemplateSection, [
            {"id": ids["s1"], "template_id": ids["tpl"], "position": 0, "number": "I", "heading": "Đặc điểm tình hình", "table_spec": spec},
            {"id": ids["s2"], "template_id": ids["tpl"], "position": 1, "number": "II", "heading": "Kết quả thực hiện"},
        ])  # fmt: skip
        uow.insert_many(ReportingRound, [{"id": ids["round"], "template_id": ids["tpl"], "name": "Kỳ sơ kết thử",
                                          "period": "TEST HK1", "due_on": dt.date(2024, 1, 10)}])  # fmt: skip
        uow.insert_many(RoundUnit, [{"round_id": ids["round"], "unit_id": s.id} for s in schools])
        uow.insert_many(Report, [
            {"id": ids["ra"], "round_id": ids["round"], "unit_id": schools[0].id, "status": ReportStatus.ACCEPTED,
             "submitted_at": dt.datetime(2024, 1, 9, 10)},
            {"id": ids["rb"], "round_id": ids["round"], "unit_id": schools[1].id, "status": ReportStatus.SUBMITTED,
             "submitted_at": dt.datetime(2024, 1, 15, 10)},
        ])  # fmt: skip
        uow.insert_many(ReportNarrative, [{"report_id": ids["ra"], "section_id": ids["s2"],
                                           "text": "Trường hoàn thành tốt nhiệm vụ học kỳ I."}])  # fmt: skip
        uow.insert_many(ReportValue, [
            {"report_id": ids["ra"], "element_id": ids["gv"], "dimension": "", "value_num": 10.0},
            {"report_id": ids["ra"], "element_id": ids["dat"], "dimension": "", "value_num": 9.0},
            {"report_id": ids["rb"], "element_id": ids["gv"], "dimension": "", "value_num": 30.0},
            {"report_id": ids["rb"], "element_id": ids["dat"], "dimension": "", "value_num": 24.0},
            {"report_id": ids["ra"], "element_id": ids["kc"], "dimension": "", "value_num": 85.0},
            {"report_id": ids["rb"], "element_id": ids["kc"], "dimension": "", "value_num": 97.5},
        ])  # fmt: skip
    yield db, ids, schools
    db.dispose()


def _tables(doc):
    blocks = [*doc.body, *(b for a in doc.appendices for b in a.blocks)]
    return [b for b in blocks if isinstance(b, TableBlock)]


def test_unit_report_prints_the_units_narrative_and_figures(small_round):
    db, ids, schools = small_round
    doc = build_report(db, "unit-report", ReportOptions(round_id=ids["round"], unit_id=schools[0].id))
    texts = [b.text for b in doc.body if isinstance(b, Block)]
    assert "Trường hoàn thành tốt nhiệm vụ học kỳ I./." in texts
    assert "I. ĐẶC ĐIỂM TÌNH HÌNH" in texts
    (table,) = _tables(doc)
    assert [r[1:] for r in table.rows] == [
        ["Số giáo viên", "người", "10"],
        ["Số giáo viên đạt chuẩn", "người", "9"],
        ["Tỷ lệ phòng học kiên cố", "%", "85,0%"],
    ]
    assert doc.header.issuing_body == schools[0].name.upper()


def test_synthesis_sums_received_reports_and_lists_late_and_missing(small_round):
    db, ids, schools = small_round
    doc = build_report(db, "synthesis", ReportOptions(round_id=ids["round"], as_of=dt.date(2024, 1, 20)))
    tables = _tables(doc)
    (table,) = [t for t in tables if t.columns[1].label == "Nội dung"]
    (late,) = [t for t in tables if t.columns[1].label == "Đơn vị"]
    # numbers add up; a percent is not added: the range the schools gave, never a blank
    assert [r[3] for r in table.rows] == ["40", "33", "từ 85,0% đến 97,5%"]
    assert [(r[1], r[5]) for r in late.rows] == [(schools[1].name, "5"), (schools[2].name, "10")]
    assert "Chưa nộp" in late.rows[1][3]


def test_indicator_is_sum_of_numerators_over_sum_of_denominators(small_round, tmp_path):
    db, ids, _schools = small_round
    doc = build_report(db, "indicators", ReportOptions(round_id=ids["round"]))
    (table,) = _tables(doc)
    start = next(i for i, r in enumerate(table.rows) if r[1] == "Tỷ lệ giáo viên đạt chuẩn thử")
    overall = next(r for r in table.rows[start:] if r[2] == "Chung")
    assert overall[5] == "82,5%"  # 33 / 40, not the mean of 90% and 80%
    assert overall[6] == "Chưa đạt"
    assert overall[3] == "≥ 90,0%" and overall[4] == "80,0% (2020)"
    path = tmp_path / "indicators.pdf"
    save_report(doc, path)
    assert "82,5%" in poppler("pdftotext", "-layout", str(path), "-")


def test_kinds_without_reporting_data_say_so(sqlite_office, tmp_path):
    db = sqlite_office
    for kind in ("unit-report", "synthesis", "indicators"):
        doc = build_report(db, kind)
        assert any("chưa có dữ liệu" in b.text.lower() for b in doc.body if isinstance(b, Block)), kind
        path = tmp_path / f"{kind}.pdf"
        save_report(doc, path)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in poppler("pdftotext", "-layout", str(path), "-")
