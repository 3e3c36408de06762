"""The dashboard figures, on a hand-made round and on the demo through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from services.accounts.permissions import SYSTEM
from services.reporting.dashboard import build_dashboard
from services.reporting.entry import save_draft, submit_report
from services.reporting.indicators import create_indicator_from_target, list_indicators, plan_targets
from tests.cli import in_process
from tests.reporting.conftest import OFFICER, Town, full_values, new_round

ROOT = Path(__file__).resolve().parents[2]


def test_dashboard_counts(town: Town) -> None:
    round_id = new_round(town)
    for code, level, day in (("TH01", "TH", 9), ("TH02", "TH", 12), ("MN01", "MN", 10)):
        save_draft(town.db, OFFICER, round_id, town.units[code], values=full_values(level))
        submit_report(town.db, OFFICER, round_id, town.units[code], at=dt.datetime(2024, 1, day, 3))
    save_draft(town.db, OFFICER, round_id, town.units["MN02"], values={("SO_HS", ""): 120})
    board = build_dashboard(town.db, SYSTEM, dt.date(2024, 1, 20)).to_dict()
    (r,) = board["rounds"]
    assert (r["expected"], r["received"], r["on_time"]) == (6, 3, 2)
    assert r["completeness"] == 0.5 and r["timeliness"] == round(2 / 6, 4)
    assert r["statuses"] == {"Đã gửi": 3, "Trễ hạn": 3}
    assert board["overdue_assignments"] == 0
    reading = next(i for i in board["indicators"] if i["name"].startswith("Tỷ lệ học sinh sau lớp 1"))
    assert (reading["value"], reading["met"], reading["target"], reading["level"]) == (
        98.33,
        True,
        98.0,
        "TH",
    )
    assert {"name", "level", "target", "value", "met"} <= set(reading)


def test_target_of_sample_004_becomes_indicator(town: Town) -> None:
    from services.demo.district import sample_plans_dir
    from services.plan_import import parse_plan_file
    from services.plan_import.store import save_plan

    path = next(sample_plans_dir().glob("004_*.txt"))
    doc = save_plan(town.db, OFFICER, parse_plan_file(path)).document_id
    targets = plan_targets(town.db, doc)
    index = next(i for i, t in enumerate(targets) if "bỏ học" in t.text)
    create_indicator_from_target(town.db, OFFICER, doc, index, code="CT_BO_HOC_KH")
    made = next(i for i in list_indicators(town.db) if i.code == "CT_BO_HOC_KH")
    assert (made.target_value, made.comparator, made.levels, made.target_year) == (
        1.3,
        "<=",
        ("THCS",),
        "2025",
    )
    assert made.document_id == doc and made.name == "Tỷ lệ học sinh bỏ học toàn cấp"
    from services.reporting.elements import list_elements

    names = {e.code: e.name for e in list_elements(town.db)}
    assert names[made.numerator] == "Số học sinh bỏ học toàn cấp"
    assert names[made.denominator] == "Tổng số học sinh"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return in_process(*args)


@pytest.fixture
def demo_file(demo_copy) -> str:
    """A private copy of the session's demo district: the review test writes, the reader must not see it."""
    return str(demo_copy())


def test_demo_dashboard_json(demo_file: str) -> None:
    done = _cli("--db", demo_file, "dashboard", "--json", "--as-of", "2024-04-15")
    assert done.returncode == 0, done.stderr
    board = json.loads(done.stdout)
    assert [r["due"] for r in board["rounds"]] == ["2024-01-10", "2024-06-10"]
    for r in board["rounds"]:
        assert r["expected"] == 12 and 0 <= r["on_time"] <= r["received"] <= r["expected"]
        assert r["completeness"] == round(r["received"] / 12, 4)
    assert board["rounds"][0]["received"] > 0
    assert isinstance(board["overdue_assignments"], int) and board["overdue_assignments"] > 0
    valued = [i for i in board["indicators"] if isinstance(i["value"], float)]
    assert len(valued) >= 5 and all(isinstance(i["met"], bool) for i in valued)
    rounds = json.loads(
        _cli("--db", demo_file, "--json", "rounds", "2023-2024 HK1", "--as-of", "2024-04-15").stdout
    )
    shown = {u["status"] for u in rounds["units"]}
    assert len(rounds["units"]) == 12 and shown <= {"late", "submitted", "accepted", "returned"}


def test_cli_excel_round_trip_and_review(demo_file: str, tmp_path) -> None:
    rounds = json.loads(
        _cli("--db", demo_file, "--json", "rounds", "2023-2024 CN", "--as-of", "2024-04-15").stdout
    )
    todo = [u for u in rounds["units"] if u["status"] in ("not_started", "draft")]
    code = todo[0]["unit_code"]
    out = tmp_path / "xlsx"
    done = _cli(
        "--db", demo_file, "--json", "export-round-xlsx", "2023-2024 CN", "--out-dir", str(out), "--unit", code
    )
    assert done.returncode == 0, done.stderr
    (path,) = [Path(p) for p in json.loads(done.stdout)["files"]]
    wb = load_workbook(path)
    ws = wb["Báo cáo"]
    for n in range(1, ws.max_row + 1):
        key = ws.cell(n, 1).value or ""
        if key.startswith("v|") and ws.cell(n, 5).value is None:
            ws.cell(n, 5, "Có" if key[2:] in ("CHUAN_QG", "STEM", "HOA_NHAP") else 0)
    wb.save(path)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not excel")
    done = _cli("--db", demo_file, "import-round-xlsx", str(path), str(bad), "--submit")
    assert done.returncode == 1
    assert "bad.xlsx" in done.stdout and "1/2 tệp bị từ chối" in done.stderr.strip().splitlines()[-1]
    done = _cli(
        "--db", demo_file, "--json", "review-report", "2023-2024 CN", code, "--return", "--comment", "Bổ sung."
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == "returned"
    assert [h["action"] for h in report["history"]] == ["submitted", "returned"]


def test_same_target_of_two_levels_makes_two_indicators(town: Town) -> None:
    from services.demo.district import sample_plans_dir
    from services.plan_import import parse_plan_file
    from services.plan_import.store import save_plan

    path = next(sample_plans_dir().glob("004_*.txt"))
    doc = save_plan(town.db, OFFICER, parse_plan_file(path)).document_id
    targets = plan_targets(town.db, doc)
    skills = [i for i, t in enumerate(targets) if t.hint.startswith("học sinh được giáo dục kỹ năng sống")]
    assert len(skills) == 2
    made = [create_indicator_from_target(town.db, OFFICER, doc, i) for i in skills]
    assert len(set(made)) == 2
    levels = {i.levels for i in list_indicators(town.db) if i.document_id == doc}
    assert levels == {("TH",), ("THCS",)}
