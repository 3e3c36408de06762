"""The demo's reports: built-in templates and indicators, the two review rounds sample 000 asks
for (sơ kết due 10/01/2024, tổng kết due 10/06/2024), reports in every state, plausible figures.

Called by services/demo/district.py inside its one unit of work; rows go in bulk (``insert_many``) so a
1,000-school demo stays fast. Everything is drawn from ``rng`` and dated from ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from models import (
    DataElement,
    Document,
    Indicator,
    OrgUnit,
    Report,
    ReportEvent,
    ReportNarrative,
    ReportValue,
)
from models.enums import ReportStatus, UnitKind
from services.accounts.permissions import Action, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plans.assignments import UnitGroup, group_unit_ids
from services.reporting.rounds import SEMESTER_TEMPLATE, add_rounds_from_plan, planned_rounds_in
from services.reporting.templates import TableSpec, flat, install_builtin_templates, outline

# Shares of the schools in each state of the semester review (due before the demo's day).
_SO_KET_STATES = [
    ("accepted", 50), ("submitted", 14), ("returned", 6), ("resubmitted", 8), ("draft", 12), ("none", 10),
]  # fmt: skip
# The year-end review is not due yet on the demo's day: some schools have started a draft.
_TONG_KET_STATES = [("draft", 25), ("none", 75)]
_RETURN_COMMENTS = [
    "Số liệu trẻ suy dinh dưỡng chưa khớp với số trẻ được cân đo; đề nghị rà soát lại.",
    "Phần đánh giá chung còn sơ sài; bổ sung nguyên nhân hạn chế và giải pháp khắc phục.",
    "Đề nghị bổ sung số liệu học sinh bỏ học theo từng khối lớp vào phần ghi chú.",
    "Thiếu kiến nghị, đề xuất cụ thể; đề nghị hoàn chỉnh và gửi lại.",
]
_ACCEPT_COMMENTS = ["", "", "Báo cáo đầy đủ, đúng hạn.", "Đạt yêu cầu."]
_NARRATIVES = {
    "Thuận lợi": [
        "Được sự quan tâm của Phòng Giáo dục và Đào tạo, chính quyền địa phương và cha mẹ học sinh.",
        "Đội ngũ giáo viên nhiệt tình, đạt chuẩn trình độ; cơ sở vật chất được đầu tư, sửa chữa kịp thời.",
    ],
    "Khó khăn": [
        "Một số phòng học xuống cấp; thiếu giáo viên Tiếng Anh, Tin học.",
        "Sĩ số lớp còn cao; một bộ phận cha mẹ học sinh đi làm xa, ít phối hợp với nhà trường.",
    ],
    "Ưu điểm": [
        "Hoàn thành các chỉ tiêu đề ra; chất lượng giáo dục được duy trì ổn định.",
        "Thực hiện nghiêm túc chương trình, kế hoạch giáo dục; tổ chức tốt các chuyên đề cấp trường.",
    ],
    "Hạn chế, nguyên nhân": [
        "Việc ứng dụng công nghệ thông tin trong dạy học chưa đồng đều giữa các tổ chuyên môn.",
        "Công tác xã hội hóa còn hạn chế do điều kiện kinh tế của địa phương.",
    ],
    "Kiến nghị, đề xuất": [
        "Đề nghị Phòng GD&ĐT bổ sung biên chế giáo viên Tiếng Anh cho năm học tới.",
        "Đề nghị UBND huyện đầu tư sửa chữa các phòng học xuống cấp.",
    ],
}
_LEVEL_OF_TABLE = {"MN", "TH", "THCS"}
_FROM_SAMPLE_004 = ["CT_CHUAN_QG", "CT_STEM", "CT_HOA_NHAP", "CT_KNS", "CT_SDD_NHE_CAN", "CT_SDD_THAP_COI",
                    "CT_TRE_5T_TA", "CT_L1_DOC_VIET", "CT_BO_HOC_THCS", "CT_HOC_TIEP"]  # fmt: skip


def add_reporting_demo(
    uow: UnitOfWork, rng: random.Random, *, school_year: str, as_of: dt.date
) -> dict[str, int]:
    require(uow.actor, Action.MANAGE_REPORTING)
    templates = install_builtin_templates(uow)
    schools = group_unit_ids(uow.session, UnitGroup(UnitKind.SCHOOL))
    document_id, planned = _review_deadlines(uow, school_year)
    rounds = add_rounds_from_plan(uow, planned, document_id=document_id, unit_ids=schools)
    _cite_source(uow)
    units = {
        u.id: u
        for u in uow.session.scalars(select(OrgUnit).where(OrgUnit.id.in_(schools)))
    } if schools else {}  # fmt: skip
    codes = dict(uow.session.execute(select(DataElement.code, DataElement.id)).tuples().all())
    counts = {
        "report_templates": len(templates),
        "reporting_rounds": len(rounds),
        "reports": 0,
        "report_values": 0,
    }
    for rnd in rounds:
        semester = (
            templates.get(SEMESTER_TEMPLATE) is not None
            and rnd.template_id == templates[SEMESTER_TEMPLATE].id
        )
        states = _SO_KET_STATES if semester else _TONG_KET_STATES
        sections = flat(outline(uow.session, rnd.template_id))
        made = _ReportBuilder(uow, rng, rnd.id, rnd.due_on, as_of, sections, codes, final=not semester)
        for unit_id in schools:
            state = rng.choices([s for s, _ in states], [w for _, w in states])[0]
            made.add(units[unit_id], state)
        counts["reports"] += made.flush()
        counts["report_values"] += len(made.values_written)
    return counts


def _cite_source(uow: UnitOfWork) -> None:
    """The built-in indicators' targets come from sample 004 (Đề án nâng cao chất lượng giáo dục)."""
    for doc in uow.session.scalars(select(Document).where(Document.deleted.is_(False)).order_by(Document.id)):
        if "nang cao chat luong giao duc" in fold(doc.title):
            for ind in uow.session.scalars(select(Indicator).where(Indicator.code.in_(_FROM_SAMPLE_004))):
                ind.document_id = doc.id
            return


def _review_deadlines(uow: UnitOfWork, school_year: str) -> tuple[str | None, list[Any]]:
    """The district's plan for the school year and the review reports it asks for."""
    docs = uow.session.scalars(
        select(Document)
        .where(Document.school_year == school_year, Document.deleted.is_(False))
        .order_by(Document.issued_on, Document.title, Document.id)
    )
    for doc in docs:
        planned = planned_rounds_in(doc.source_name or "plan.txt", doc.body_text)
        if planned:
            return doc.id, planned
    return None, []


class _ReportBuilder:
    def __init__(
        self,
        uow: UnitOfWork,
        rng: random.Random,
        round_id: str,
        due: dt.date,
        as_of: dt.date,
        sections: list[Any],
        codes: dict[str, str],
        *,
        final: bool,
    ) -> None:
        self.uow, self.rng, self.round_id, self.due, self.as_of = uow, rng, round_id, due, as_of
        self.sections, self.codes, self.final = sections, codes, final
        self.reports: list[dict[str, Any]] = []
        self.values_written: list[dict[str, Any]] = []
        self.narratives: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def add(self, unit: OrgUnit, state: str) -> None:
        if state == "none":
            return
        report_id = self.uow.new_id()
        level = unit.school_level.value if unit.school_level else ""
        row: dict[str, Any] = {
            "id": report_id, "round_id": self.round_id, "unit_id": unit.id, "status": ReportStatus.DRAFT,
            "submitted_at": None, "reviewed_at": None, "reviewer_comment": "",
        }  # fmt: skip
        complete = state != "draft"
        figures = _Figures(self.rng, level, self.final)
        tables = [s for s in self.sections if s.table is not None and s.table.applies_to(level)]
        if not complete:
            tables = tables[: self.rng.randint(1, max(1, len(tables) - 1))]
        for s in tables:
            self._table(report_id, s.table, figures)
        self._narratives(report_id, complete)
        if complete:
            self._history(row, head=unit.head_name or "Hiệu trưởng", state=state)
        self.reports.append(row)

    def _table(self, report_id: str, table: TableSpec, figures: _Figures) -> None:
        for code in table.rows:
            value = figures.value(code)
            if value is None:
                continue
            for dim, _label in table.columns:
                num, text = (None, value) if isinstance(value, str) else (float(value), "")
                self.values_written.append({
                    "report_id": report_id, "element_id": self.codes[code], "dimension": dim,
                    "value_num": num, "value_text": text,
                })  # fmt: skip

    def _narratives(self, report_id: str, complete: bool) -> None:
        for s in self.sections:
            pool = _NARRATIVES.get(s.heading)
            if pool and (complete or self.rng.random() < 0.5):
                self.narratives.append(
                    {"report_id": report_id, "section_id": s.id, "text": self.rng.choice(pool)}
                )

    def _history(self, row: dict[str, Any], *, head: str, state: str) -> None:
        """Submitted around the due date (some late); reviewed a few days later."""
        first = self._moment(
            self.due + dt.timedelta(days=self.rng.choice([-9, -6, -4, -2, -1, 0, 0, 2, 5, 12]))
        )
        self._event(row, "submitted", first, head)
        row["status"], row["submitted_at"] = ReportStatus.SUBMITTED, first
        if state == "submitted":
            return
        reviewed = first + dt.timedelta(days=self.rng.randint(2, 8), hours=self.rng.randint(1, 6))
        if state == "accepted":
            comment = self.rng.choice(_ACCEPT_COMMENTS)
            self._event(row, "accepted", reviewed, "Chuyên viên Phòng GD&ĐT", comment)
            row.update(status=ReportStatus.ACCEPTED, reviewed_at=reviewed, reviewer_comment=comment)
            return
        comment = self.rng.choice(_RETURN_COMMENTS)
        self._event(row, "returned", reviewed, "Chuyên viên Phòng GD&ĐT", comment)
        row.update(status=ReportStatus.RETURNED, reviewed_at=reviewed, reviewer_comment=comment)
        if state == "resubmitted":
            again = reviewed + dt.timedelta(days=self.rng.randint(1, 5), hours=self.rng.randint(1, 5))
            self._event(row, "resubmitted", again, head)
            row.update(status=ReportStatus.RESUBMITTED, submitted_at=again)

    def _moment(self, day: dt.date) -> dt.datetime:
        day = min(day, self.as_of)
        return dt.datetime.combine(day, dt.time(self.rng.randint(1, 9), self.rng.randrange(0, 60, 5)))

    def _event(
        self, row: dict[str, Any], action: str, at: dt.datetime, actor: str, comment: str = ""
    ) -> None:
        self.events.append({"report_id": row["id"], "at": at, "action": action, "actor": actor[:120],
                            "comment": comment})  # fmt: skip

    def flush(self) -> int:
        self.uow.insert_many(Report, self.reports, summary="Báo cáo của các trường (dữ liệu mẫu)")
        self.uow.insert_many(ReportValue, self.values_written, summary="Số liệu báo cáo (dữ liệu mẫu)")
        self.uow.insert_many(ReportNarrative, self.narratives, summary="Nội dung báo cáo (dữ liệu mẫu)")
        self.uow.insert_many(ReportEvent, self.events, summary="Lịch sử báo cáo (dữ liệu mẫu)")
        return len(self.reports)


class _Figures:
    """Plausible figures of one school, consistent with each other (parts ≤ wholes)."""

    def __init__(self, rng: random.Random, level: str, final: bool) -> None:
        self.rng = rng
        parts = set(level.split("&")) & _LEVEL_OF_TABLE
        self.mn = "MN" in parts
        per_class = 28 if self.mn else (35 if "TH" in parts else 42)
        self.classes = rng.randint(8, 18) if self.mn else rng.randint(14, 36)
        self.pupils = self.classes * rng.randint(per_class - 4, per_class + 4)
        self.teachers = int(self.classes * rng.uniform(1.5, 2.1))
        self.final = final

    def _share(self, whole: int, low: float, high: float) -> int:
        return min(whole, round(whole * self.rng.uniform(low, high)))

    def value(self, code: str) -> float | int | str | None:
        r = self.rng
        makers: dict[str, Callable[[], Any]] = {
            "SO_LOP": lambda: self.classes,
            "SO_HS": lambda: self.pupils,
            "SO_GV": lambda: self.teachers,
            "GV_DAT_CHUAN": lambda: self._share(self.teachers, 0.86, 1.0),
            "TL_PHONG_KIEN_CO": lambda: round(r.uniform(68, 100), 1),
            "HS_KNS": lambda: self._share(self.pupils, 0.95, 1.0),
            "MN_CAN_DO": lambda: self.pupils,
            "MN_SDD_NHE_CAN": lambda: self._share(self.pupils, 0.015, 0.075),
            "MN_SDD_THAP_COI": lambda: self._share(self.pupils, 0.02, 0.095),
            "MN_TRE_5T": lambda: self._five(),
            "MN_TRE_5T_TA": lambda: self._share(self._five(), 0.04, 0.22),
            "TH_L1_KS": lambda: self._first_grade(),
            "TH_L1_DAT": lambda: self._share(self._first_grade(), 0.955, 1.0),
            "HS_BO_HOC": lambda: self._share(self.pupils, 0.0, 0.025),
            "THCS_TN": lambda: self._leavers(),
            "THCS_TN_HOC_TIEP": lambda: self._share(self._leavers(), 0.55, 0.82),
            "CHUAN_QG": lambda: int(r.random() < 0.66),
            "STEM": lambda: int(r.random() < 0.17),
            "HOA_NHAP": lambda: int(r.random() < 0.9),
            "GHI_CHU_SO_LIEU": lambda: "" if r.random() < 0.85 else "Số liệu tính đến ngày báo cáo.",
        }
        maker = makers.get(code)
        value = maker() if maker else None
        return None if value == "" else value

    def _five(self) -> int:
        return round(self.pupils * 0.3)

    def _first_grade(self) -> int:
        return round(self.pupils / 5)

    def _leavers(self) -> int:
        return round(self.pupils / 4)
