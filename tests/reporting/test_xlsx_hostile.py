"""A malformed or entity-laden .xlsx is refused plainly, never exit 3 (issue 16 item 7).

The files are real exported forms (and the import-units template) with one XML part
broken or given a DTD; the CLI must name the file, import the good files beside it and
change nothing for the bad one.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from services.reporting.excel import export_round_workbooks
from tests.cli import in_process
from tests.reporting.conftest import OFFICER, Town, full_values, new_round
from tests.reporting.test_excel import _fill, _plain

ROOT = Path(__file__).resolve().parents[2]
SHEET_XML = "xl/worksheets/sheet1.xml"
LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')  # fmt: skip
EXTERNAL = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _rewrite(source: Path, target: Path, member: str, change) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, change(data) if item.filename == member else data)
    return target


def _with_dtd(dtd: bytes):
    def change(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        return head + sep + dtd + rest if sep else dtd + data

    return change


HOSTILE = {
    "truncated-sheet": (SHEET_XML, lambda d: d[: len(d) // 2]),
    "not-xml-sheet": (SHEET_XML, lambda d: b"\x00\xff garbage <row><c></row>"),
    "broken-workbook-xml": ("xl/workbook.xml", lambda d: d.replace(b"<sheets>", b"<sheets><<")),
    "billion-laughs": (SHEET_XML, _with_dtd(LAUGHS)),
    "external-entity": (SHEET_XML, _with_dtd(EXTERNAL)),
    "utf16-doctype": (
        SHEET_XML,
        lambda d: '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "c">]><a/>'.encode(
            "utf-16-le"
        ),
    ),
}


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return in_process("--db", str(db), *args)


@pytest.fixture
def forms(sqlite_town: Town, tmp_path):
    new_round(sqlite_town)
    paths = export_round_workbooks(sqlite_town.db, OFFICER, "2023-2024 HK1", tmp_path / "out")
    by_unit = {p.name.split("_")[0]: p for p in paths}
    _fill(by_unit["TH01"], _plain(full_values("TH")))
    _fill(by_unit["TH02"], _plain(full_values("TH")))
    path = sqlite_town.db.path
    sqlite_town.db.dispose()
    return path, by_unit


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_round_workbook_is_refused_and_the_good_one_imported(forms, tmp_path, kind):
    db, by_unit = forms
    member, change = HOSTILE[kind]
    bad = _rewrite(by_unit["TH02"], tmp_path / f"{kind}.xlsx", member, change)
    done = _cli(db, "--json", "import-round-xlsx", str(bad), str(by_unit["TH01"]))
    assert done.returncode == 1, done.stderr  # a refusal, not exit 3 "Lỗi không mong đợi"
    assert "Traceback" not in done.stderr and "không mong đợi" not in done.stderr
    results = {r["file"]: r for r in json.loads(done.stdout)}
    assert results[by_unit["TH01"].name]["ok"] is True
    refused = results[bad.name]
    assert refused["ok"] is False and refused["values"] == 0
    assert bad.name in refused["errors"][0]
    words = "DOCTYPE/ENTITY" if "entity" in kind or "laughs" in kind or "doctype" in kind else "Không mở được"
    assert words in refused["errors"][0]


@pytest.mark.parametrize("kind", ["truncated-sheet", "billion-laughs", "external-entity"])
def test_hostile_units_list_is_refused_plainly(sqlite_office, tmp_path, kind):
    db = sqlite_office.path
    sqlite_office.dispose()
    template = tmp_path / "mau.xlsx"
    assert _cli(db, "import-units", "--template", str(template)).returncode == 0
    member, change = HOSTILE[kind]
    bad = _rewrite(template, tmp_path / f"{kind}.xlsx", member, change)
    done = _cli(db, "import-units", str(bad))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "không mong đợi" not in done.stderr
    assert bad.name in done.stderr
