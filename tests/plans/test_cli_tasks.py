"""The task commands end to end: assign a group, log progress with a file, list and filter."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli import in_process
from tests.plans.conftest import make_district

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return in_process(*args)


def test_assign_progress_and_list(sqlite_office, tmp_path) -> None:
    district = make_district(sqlite_office)
    target = str(sqlite_office.path)
    sqlite_office.dispose()
    given = _cli("--db", target, "assign", district.tasks["so"], "--group", "school:TH", "--unit", "PNV",
                 "--due", "01/03/2024", "--json")  # fmt: skip
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout)["created"] == 4
    listed = json.loads(_cli("--db", target, "tasks", "--text", "phuoc hiep", "--json").stdout)
    [row] = listed["rows"]
    evidence = tmp_path / "bien-ban.txt"
    evidence.write_text("Biên bản", encoding="utf-8")
    logged = _cli(
        "--db", target, "progress", row["id"], "--status", "done", "--file", str(evidence), "--json"
    )
    assert logged.returncode == 0, logged.stderr
    assert json.loads(logged.stdout) | {"id": ""} == {"id": "", "status": "done", "percent": 100,
                                                       "files": ["bien-ban.txt"]}  # fmt: skip
    done = _cli("--db", target, "tasks", "--status", "done")
    assert done.returncode == 0 and done.stdout.startswith("1 việc được giao")
    late = json.loads(_cli("--db", target, "tasks", "--overdue", "--level", "TH", "--json").stdout)
    assert (
        late["total"] == 2
    )  # due 01/03/2024, long past: the two TH schools not done (TH&THCS too: 3 - 1 done)
    refused = _cli("--db", target, "assign", district.tasks["so"], "--unit", "KHONGCO")
    assert refused.returncode == 1 and "KHONGCO" in refused.stderr
