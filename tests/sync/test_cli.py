"""The sync scenario through the command line, end to end, in temporary folders;
plus conflicts (detected, listed, resolved as a new revision) and evidence files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select, update

from models import Assignment, Report, ReportingRound
from models.enums import ReportStatus
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.plans.progress import add_progress
from services.sync.conflicts import list_conflicts
from services.sync.dump import dump_json
from services.sync.keys import key_path
from services.sync.records import BundleRefused
from tests.sync.network import dumps_equal, template
from ui.cli import run_cli


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_setup_export_import_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("EDUDESK_ADMIN_PASSWORD", "Kiem-Tra-2026!")
    net = template().copy_to(tmp_path / "net")
    district = str(net.offices["district"].path)
    net.close()
    school = str(tmp_path / "new-school.sqlite")
    setup = tmp_path / "setup.edusync"
    code, out, err = _cli(capsys, "--db", district, "setup-bundle", "--school", "TH002", "--out", str(setup))
    assert code == 0, err
    assert "Dấu vân tay" in out
    secret = out.split("Mã khởi tạo")[1].split(": ")[1].split()[0]
    from ui.commands.sync import cmd_init_setup  # init --setup-bundle, as foundation's init calls it

    class Args:
        db, json, setup_bundle, admin_username, code = school, True, setup, "admin", secret

    assert cmd_init_setup(Args) == 0  # type: ignore[arg-type]
    assert json.loads(capsys.readouterr().out)["office_code"] == "TH002"
    assert oct(key_path_of(school).stat().st_mode & 0o777) == "0o600"
    code, out, err = _cli(capsys, "--db", school, "--json", "peers")
    peers = json.loads(out)["peers"]
    assert [p["code"] for p in peers] == ["PGD"]
    # district → school, twice the same file, then a flipped byte
    b1 = tmp_path / "b1.edusync"
    assert _cli(capsys, "--db", district, "export-bundle", "--to", "TH002", "--out", str(b1))[0] == 0
    assert _cli(capsys, "--db", school, "import-bundle", str(b1))[0] == 0
    first = _dump(school)
    code, out, _ = _cli(capsys, "--db", school, "import-bundle", str(b1))
    assert code == 0 and "đã được nhập" in out
    assert _dump(school) == first
    data = bytearray(b1.read_bytes())
    data[len(data) // 2] ^= 1
    bad = tmp_path / "bad.edusync"
    bad.write_bytes(bytes(data))
    code, _, err = _cli(capsys, "--db", school, "import-bundle", str(bad))
    assert code == 1 and err.startswith("Lỗi:") and len(err.strip().splitlines()) == 1
    assert _dump(school) == first
    # school → district, and every child at once into a folder
    b2 = tmp_path / "b2.edusync"
    assert _cli(capsys, "--db", school, "export-bundle", "--to", "PGD", "--out", str(b2))[0] == 0
    code, out, err = _cli(capsys, "--db", district, "--json", "import-bundle", str(b2))
    assert code == 0, err
    assert json.loads(out)["results"][0]["ok"]
    usb = tmp_path / "usb"
    code, out, _ = _cli(capsys, "--db", district, "--json", "export-bundle", "--all-children", str(usb))
    assert code == 0
    assert sorted(p.name.split("-gui-")[1][:5] for p in usb.iterdir()) == ["TH001", "TH002", "TH003"]
    assert len(json.loads(out)["bundles"]) == 3
    with zipfile.ZipFile(next(usb.iterdir())) as zf:
        assert {"manifest.json", "manifest.sig", "records.jsonl"} <= set(zf.namelist())


def key_path_of(target: str) -> Path:
    from models.db import open_database

    db = open_database(target)
    try:
        return key_path(db)
    finally:
        db.dispose()


def _dump(target: str) -> str:
    from models.db import open_database

    db = open_database(target)
    try:
        return dump_json(db)
    finally:
        db.dispose()


def test_concurrent_resubmission_cannot_wipe_the_review(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    s1, district = net.offices["s1"], net.offices["district"]
    with UnitOfWork(s1.db, SYSTEM) as uow:
        rnd = uow.scalars(select(ReportingRound))[0]
        uow.session.add(Report(round_id=rnd.id, unit_id=s1.id, status=ReportStatus.SUBMITTED))
    assert net.receive("district", net.send("s1", "district")).ok
    with UnitOfWork(district.db, SYSTEM) as uow:  # the district returns it ...
        report = uow.scalars(select(Report))[0]
        report.status, report.reviewer_comment = ReportStatus.RETURNED, "Thiếu số liệu"
    with UnitOfWork(s1.db, SYSTEM) as uow:  # ... while the school resubmits, unaware (an office
        # on an older release: today's services refuse to change a submitted report, so the row is
        # written below the ownership rule, with a fresh revision of the school's)
        row = uow.scalars(select(Report))[0]
        uow.session.execute(
            update(Report).where(Report.id == row.id).values(status=ReportStatus.RESUBMITTED, rev=uow.next_rev())
        )
    down = net.send("district", "s1")
    up = net.send("s1", "district")
    assert net.receive("s1", down).conflicts >= 1
    found = list_conflicts(s1.db)
    assert found and "status" in found[0].differences and "reviewer_comment" in found[0].differences
    # The school's version, made before the review, would wipe the district's comment: that is
    # writing the review (services.core.ownership), refused like forging one; the comment stays.
    with pytest.raises(BundleRefused, match="nhận xét"):
        net.receive("district", up)
    with district.db.session() as session:
        assert session.scalars(select(Report)).one().reviewer_comment == "Thiếu số liệu"


def test_same_evidence_twice_travels_once(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    s1 = net.offices["s1"]
    with s1.db.session() as session:
        ids = list(
            session.scalars(select(Assignment.id).where(Assignment.unit_id == s1.id).order_by(Assignment.id))
        )
    for assignment in ids[:2]:
        add_progress(
            s1.db, SYSTEM, assignment, status="in_progress", percent=50, files=[("a.pdf", b"%PDF same")]
        )
    bundle = net.send("s1", "district")
    with zipfile.ZipFile(bundle) as zf:
        assert sum(n.startswith("blobs/") for n in zf.namelist()) == 1
    assert net.receive("district", bundle).ok
    net.exchange_all()
    assert not dumps_equal(net)
