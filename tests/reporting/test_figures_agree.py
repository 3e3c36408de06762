"""Every figure printed (PDF, Word) or exported (Excel) equals the one ``dashboard --json`` and
``indicators --json`` give, on random offices: school levels, communes, missing, late, returned
and accepted reports, missing values.

The CLI runs in-process (``run_cli``) so an example costs a fraction of a second; ``CI=true``
runs more examples.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from docx import Document as WordDocument
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from models import OrgUnit, Report, ReportingRound, ReportValue, RoundUnit
from models.db import open_database
from models.enums import ReportStatus, SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.core.vietnamese import format_number
from services.reporting.indicators import list_indicators
from services.reporting.templates import install_builtins, list_templates
from tests.printing.conftest import poppler
from ui.cli import run_cli

DUE = dt.date(2024, 1, 10)
AS_OF = "2024-02-01"
EXAMPLES = 30 if os.environ.get("CI") == "true" else 6
COUNTED: dict[str, int] = {"examples": 0, "figures": 0}

# What happens to one school's report in the round.
FATES = ["none", "draft", "on_time", "late", "returned", "accepted", "resubmitted", "late_day_local"]
unit_strategy = st.tuples(
    st.sampled_from(list(SchoolLevel)),
    st.integers(0, 2),  # commune: one of two, or none (index 2)
    st.sampled_from(FATES),
    st.integers(0, 2**31),  # seed for the values and which of them are missing
)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A district with its built-in templates and indicators, copied for each example."""
    path = tmp_path_factory.mktemp("figures") / "base.sqlite"
    db = init_office(str(path), code="PGDX", name="Phòng Giáo dục và Đào tạo huyện Thử", kind="district",
                     admin_password="Mat-khau-thu-123")  # fmt: skip
    install_builtins(db, SYSTEM)
    db.dispose()
    return path


def _fill(path: Path, units: list[tuple[SchoolLevel, int, str, int]]) -> None:
    import random

    db = open_database(str(path))
    indicators = list_indicators(db)
    template = next(t["id"] for t in list_templates(db) if t["code"] == "SO_KET_HK1")
    with UnitOfWork(db, SYSTEM) as uow:
        elements = {code: uow.session.scalar(_element_id(code)) for code in _codes(indicators)}
        communes = [str(uuid.uuid4()) for _ in range(2)]
        uow.insert_many(OrgUnit, [{"id": c, "code": f"UBND{n}", "name": f"Ủy ban nhân dân xã {n}",
                                   "kind": UnitKind.COMMUNE} for n, c in enumerate(communes)])  # fmt: skip
        round_id = str(uuid.uuid4())
        uow.insert_many(ReportingRound, [{"id": round_id, "template_id": template, "name": "Sơ kết thử",
                                          "period": "2023-2024 HK1", "due_on": DUE}])  # fmt: skip
        schools, rounds, reports, values = [], [], [], []
        for n, (level, commune, fate, seed) in enumerate(units):
            uid = str(uuid.uuid4())
            schools.append({"id": uid, "code": f"TR{n:03}", "name": f"Trường thử {n}", "kind": UnitKind.SCHOOL,
                            "school_level": level, "commune_id": communes[commune] if commune < 2 else None})  # fmt: skip
            rounds.append({"round_id": round_id, "unit_id": uid})
            if fate == "none":
                continue
            rid = str(uuid.uuid4())
            reports.append(_report(rid, round_id, uid, fate))
            rng = random.Random(seed)
            for code, element_id in elements.items():
                if rng.random() < 0.15:
                    continue  # a cell left empty
                denominator = code.startswith(
                    ("SO_", "MN_CAN_DO", "MN_TRE_5T", "TH_L1_KS")
                ) and not code.endswith("_TA")
                number = rng.randint(20, 400) if denominator else rng.randint(0, 20)
                if code in ("HOA_NHAP", "CHUAN_QG", "STEM"):
                    number = rng.randint(0, 1)
                values.append(
                    {"report_id": rid, "element_id": element_id, "dimension": "", "value_num": float(number)}
                )
        uow.insert_many(OrgUnit, schools)
        uow.insert_many(RoundUnit, rounds)
        uow.insert_many(Report, reports)
        uow.insert_many(ReportValue, values)
    db.dispose()


def _element_id(code: str):
    from sqlalchemy import select

    from models import DataElement

    return select(DataElement.id).where(DataElement.code == code, DataElement.deleted.is_(False))


def _codes(indicators) -> list[str]:
    return sorted({i.numerator for i in indicators} | {i.denominator for i in indicators if i.denominator})


def _report(rid: str, round_id: str, unit_id: str, fate: str) -> dict:
    status = {"draft": ReportStatus.DRAFT, "returned": ReportStatus.RETURNED, "accepted": ReportStatus.ACCEPTED,
              "resubmitted": ReportStatus.RESUBMITTED}.get(fate, ReportStatus.SUBMITTED)  # fmt: skip
    submitted = {
        "on_time": dt.datetime(2024, 1, 9, 3),
        "late": dt.datetime(2024, 1, 14, 3),
        # 18:00 UTC on the due day is already the next day in Vietnam: late by the local rule.
        "late_day_local": dt.datetime(2024, 1, 10, 18),
        "accepted": dt.datetime(2024, 1, 10, 2),
        "resubmitted": dt.datetime(2024, 1, 12, 2),
        "returned": dt.datetime(2024, 1, 8, 2),
    }.get(fate)
    return {"id": rid, "round_id": round_id, "unit_id": unit_id, "status": status, "submitted_at": submitted}


def _cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        code = run_cli(list(argv))
    assert code == 0, err.getvalue()
    return out.getvalue()


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "Chưa có dữ liệu"
    if unit == "%":
        return format_number(value, 1) + "%"
    return format_number(value, 0 if float(value).is_integer() else 1)


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("Đạt" if met else "Chưa đạt")


def expected_rows(board: dict) -> list[tuple[str, str, str, str]]:
    """(code, level label, achieved, verdict) of each printed row, from ``dashboard --json``."""
    rows = []
    for ind in board["indicators"]:
        levels = ind["by_level"]
        if len(levels) > 1 or "," in ind["level"]:
            rows += [
                (ind["code"], b["level"], _shown(b["value"], ind["unit"]), _verdict(b["met"])) for b in levels
            ]
            rows.append((ind["code"], "Chung", _shown(ind["value"], ind["unit"]), _verdict(ind["met"])))
        else:
            rows.append((ind["code"], ind["level"], _shown(ind["value"], ind["unit"]), _verdict(ind["met"])))
    return rows


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(units=st.lists(unit_strategy, min_size=1, max_size=9))
def test_printed_and_exported_figures_equal_the_dashboard(base: Path, tmp_path_factory, units) -> None:
    folder = tmp_path_factory.mktemp("office")
    path = folder / "office.sqlite"
    shutil.copy(base, path)
    _fill(path, units)
    db = ["--db", str(path)]
    board = json.loads(_cli(*db, "--json", "dashboard", "--as-of", AS_OF))
    (rnd,) = board["rounds"]
    expected = expected_rows(board)
    names = {i["code"]: i["name"] for i in board["indicators"]}

    # indicators --json: the same figures, overall and by level.
    overall = {f["code"]: f for f in json.loads(_cli(*db, "--json", "indicators"))}
    by_level = {
        (f["code"], f["group"]): f for f in json.loads(_cli(*db, "--json", "indicators", "--by", "level"))
    }
    for ind in board["indicators"]:
        assert (overall[ind["code"]]["value"], overall[ind["code"]]["met"]) == (ind["value"], ind["met"])
        for b in ind["by_level"]:
            assert (by_level[(ind["code"], b["level"])]["value"], by_level[(ind["code"], b["level"])]["met"]) == (
                b["value"], b["met"])  # fmt: skip

    # Word: the indicator table cell by cell.
    _cli(*db, "report", "indicators", "--out", str(folder / "ind.docx"), "--as-of", AS_OF)
    (table,) = [
        t for t in WordDocument(str(folder / "ind.docx")).tables if t.rows[0].cells[0].text.strip() == "STT"
    ]
    cells = [[c.text.strip() for c in row.cells] for row in table.rows][1:]
    got, code = [], ""
    for row in cells:
        if row[1]:
            code = next(c for c, n in names.items() if n == row[1])
        got.append((code, row[2], row[5], row[6]))
    assert got == expected

    # PDF: the same figures, in the same order, in the text of the page.
    _cli(*db, "report", "indicators", "--out", str(folder / "ind.pdf"), "--as-of", AS_OF)
    text = poppler("pdftotext", "-layout", str(folder / "ind.pdf"), "-")
    table_text = text[text.index("STT") :]
    # "Chưa có dữ liệu" wraps in its narrow column: its first line is on the row's line.
    printed = re.findall(r"\d[\d.]*,\d%|Chưa có|Chưa đạt|Đạt", table_text)
    wanted = []
    for ind in board["indicators"]:
        target = _shown(ind["target"], ind["unit"]) if ind["target"] is not None else None
        for _code, _level, value, verdict in (r for r in expected if r[0] == ind["code"]):
            wanted += [x for x in (target, value.replace(" dữ liệu", ""), verdict) if x]
    assert printed == wanted

    # Excel: typed values, same rows.
    _cli(*db, "export-xlsx", "indicators", "--out", str(folder / "ind.xlsx"))
    sheet = load_workbook(folder / "ind.xlsx", read_only=True).active
    header, *data = list(sheet.iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(header)}
    xlsx = [(r[col["Mã"]], r[col["Cấp học"]], r[col["Thực hiện"]], r[col["Đánh giá"]] or "") for r in data]
    want_xlsx = []
    for ind in board["indicators"]:
        levels = ind["by_level"]
        if len(levels) > 1 or "," in ind["level"]:
            want_xlsx += [(ind["code"], b["level"], b["value"], _verdict(b["met"])) for b in levels]
            want_xlsx.append((ind["code"], "Chung", ind["value"], _verdict(ind["met"])))
        else:
            want_xlsx.append((ind["code"], ind["level"], ind["value"], _verdict(ind["met"])))
    assert xlsx == want_xlsx

    # Excel "reports": who sent and who was late, by the overview's on-time rule (the day in Vietnam).
    _cli(*db, "export-xlsx", "reports", "--out", str(folder / "reports.xlsx"))
    sheet = load_workbook(folder / "reports.xlsx", read_only=True).active
    header, *data = list(sheet.iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(header)}
    sent = [r for r in data if r[col["Tình trạng"]] in ("Đã gửi", "Đã duyệt", "Đã gửi lại")]
    timely = sum(1 for r in sent if not r[col["Số ngày trễ"]])
    assert (len(data), len(sent), timely) == (rnd["expected"], rnd["received"], rnd["on_time"])

    # Synthesis (Word): expected, received, on time, late and missing are the dashboard's counts.
    _cli(*db, "report", "synthesis", "--out", str(folder / "syn.docx"), "--as-of", AS_OF)
    sentence = next(
        p.text for p in WordDocument(str(folder / "syn.docx")).paragraphs if "phải báo cáo" in p.text
    )
    counts = [int(n.replace(".", "")) for n in re.findall(r"(?<![\d,])\d[\d.]*(?!\d|,\d|%)", sentence)]
    late = rnd["received"] - rnd["on_time"]
    assert counts == [
        rnd["expected"],
        rnd["received"],
        rnd["on_time"],
        late,
        rnd["expected"] - rnd["received"],
    ]
    assert _shown(100 * rnd["completeness"], "%") in sentence

    COUNTED["examples"] += 1
    COUNTED["figures"] += len(got) * 2 + len(printed) + len(xlsx) * 2 + len(counts) + 1 + 3
    if os.environ.get("EDUDESK_COUNT_FIGURES"):  # the figures for the note
        print(f"figures compared so far: {COUNTED['figures']} over {COUNTED['examples']} examples")
