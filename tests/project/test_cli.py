"""The CLI end to end (DESIGN §5), through a subprocess in a temporary directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from models.db import open_database
from services.core.about import APP_NAME, VERSION

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "Kiem-Tra-2026!"
INIT = ["init", "--office-code", "PGDCC", "--office-name", "Phòng GD&ĐT huyện Củ Chi", "--kind", "district"]


# Each command is a fresh interpreter; compiled modules kept in a private cache
# (never in the tree) make the second and later ones start 3-4 times faster.
PYCACHE = Path(tempfile.gettempdir()) / "edudesk-test-pycache"
_DROPPED = ("EDUDESK_DB", "EDUDESK_ADMIN_PASSWORD", "PYTHONDONTWRITEBYTECODE")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(
        QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", PYTHONPYCACHEPREFIX=str(PYCACHE), **extra
    )
    return env


def start(args: Sequence[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=cli_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def run(args: Sequence[str], **env: str) -> subprocess.CompletedProcess[str]:
    return finish(start(args, **env))


def assert_refused(result: subprocess.CompletedProcess[str], *words: str, code: int = 1) -> None:
    """Non-zero exit, one Vietnamese line on stderr, no traceback."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """The short commands, started together in two waves (each costs an interpreter start)."""
    folder = tmp_path_factory.mktemp("cli")
    office, newer = folder / "office.sqlite", folder / "newer.sqlite"
    results = {"version": run(["--version"])}  # alone first: it fills the module cache
    first_wave = {
        "init": start(["--json", *INIT, "--db", str(office)], EDUDESK_ADMIN_PASSWORD=ADMIN_PASSWORD),
        "no_password": start([*INIT, "--db", str(folder / "a.sqlite")]),
        "weak_password": start([*INIT, "--db", str(folder / "b.sqlite")], EDUDESK_ADMIN_PASSWORD="ngan"),
        "usage": start(["init", "--db", str(folder / "c.sqlite")]),
        "missing": start(["dump", "--db", str(folder / "chua-co.sqlite")]),
    }
    results |= {name: finish(p) for name, p in first_wave.items()}
    results["size_after_init"] = office.stat().st_size  # type: ignore[assignment]
    open_database(str(newer), create=True).dispose()
    engine = create_engine(f"sqlite:///{newer}")
    with engine.begin() as conn:  # as if a later EduDesk had written it
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    second_wave = {
        "init_again": start([*INIT, "--db", str(office)], EDUDESK_ADMIN_PASSWORD=ADMIN_PASSWORD),
        "newer": start(["--db", str(newer), "dump"]),
    }
    results |= {name: finish(p) for name, p in second_wave.items()}
    results["folder"] = folder  # type: ignore[assignment]
    return results


def test_version(quick: dict) -> None:
    result = quick["version"]
    assert result.returncode == 0
    assert result.stdout.strip() == f"{APP_NAME} {VERSION}"


def test_init_then_init_again_refused(quick: dict) -> None:
    first = quick["init"]
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["office_code"] == "PGDCC" and data["admin"] == "admin"
    office = quick["folder"] / "office.sqlite"
    assert Path(data["database"]) == office

    again = quick["init_again"]
    assert_refused(again, "Lỗi", "không ghi đè")
    assert office.stat().st_size == quick["size_after_init"]
    assert ADMIN_PASSWORD not in again.stderr + again.stdout


def test_init_needs_a_password_and_a_good_one(quick: dict) -> None:
    assert_refused(quick["no_password"], "EDUDESK_ADMIN_PASSWORD")
    assert_refused(quick["weak_password"], "Mật khẩu")
    assert not (quick["folder"] / "a.sqlite").exists()
    assert not (quick["folder"] / "b.sqlite").exists()


def test_usage_error_exits_2_with_one_line(quick: dict) -> None:
    assert_refused(quick["usage"], "lỗi cú pháp", "--office-code", code=2)


def test_missing_database_refused_and_not_created(quick: dict) -> None:
    assert_refused(quick["missing"], "Không tìm thấy cơ sở dữ liệu")
    assert not (quick["folder"] / "chua-co.sqlite").exists()


def test_database_of_a_newer_version_refused(quick: dict) -> None:
    assert_refused(quick["newer"], "phiên bản EduDesk mới hơn")


@pytest.fixture(scope="module")
def two_demos(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, str]]:
    """The same 5-school demo built twice in two folders (in parallel), then dumped."""
    dbs = [tmp_path_factory.mktemp(name) / "demo.sqlite" for name in ("a", "b")]
    demos = [
        finish(p)
        for p in [start(["demo", "--schools", "5", "--seed", "7", "--db", str(d), "--json"]) for d in dbs]
    ]
    for demo in demos:
        assert demo.returncode == 0, demo.stderr
    dumps = [finish(p) for p in [start(["--db", str(d), "dump"]) for d in dbs]]
    for dump in dumps:
        assert dump.returncode == 0, dump.stderr
    return [(json.loads(demo.stdout), dump.stdout) for demo, dump in zip(demos, dumps, strict=True)]


def test_demo_twice_with_the_same_seed_dumps_identically(two_demos: list[tuple[dict, str]]) -> None:
    (summary_a, dump_a), (summary_b, dump_b) = two_demos
    assert dump_a == dump_b
    assert summary_a["counts"] == summary_b["counts"]
    assert (summary_a["schools"], summary_a["seed"]) == (5, 7)


def test_dump_is_canonical_json_of_synced_rows(two_demos: list[tuple[dict, str]]) -> None:
    summary, dump = two_demos[0]
    data = json.loads(dump)
    assert dump == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    schools = [u for u in data["org_units"] if u["kind"] == "school" and not u["deleted"]]
    assert len(schools) == 5
    assert len(data["org_units"]) == summary["counts"]["org_units"]
    for table, rows in data.items():
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows), table
        for row in rows:
            assert {"id", "origin", "rev", "deleted"} <= row.keys()
            assert "search_key" not in row and "sort_key" not in row
    assert "users" not in data and "audit_log" not in data and "settings" not in data
    assert "Trường" in dump  # Vietnamese kept as text, not \\u escapes
