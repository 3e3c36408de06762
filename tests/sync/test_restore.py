"""Restore must not break sync (issue 16 item 1): a restored office and its peers re-sync.

The district goes back to a backup after it received a school's progress and after
the school received its task edits; bundles then flow as usual and every link ends
with identical shared rows (the lost rows come back from the peers that hold them).
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, ProgressUpdate, Task
from models.enums import Role
from services.accounts.permissions import SYSTEM, Actor
from services.core.uow import UnitOfWork
from services.operations.backup import backup_to, restore
from services.plans.progress import add_progress
from services.sync.records import BundleRefused
from tests.cli import in_process
from tests.sync.network import Network, dumps_equal, template

ROOT = Path(__file__).resolve().parents[2]


def _progress(net: Network, school: str, percent: int) -> str:
    office = net.offices[school]
    with office.db.session() as session:
        assignment = session.scalars(select(Assignment).where(Assignment.unit_id == office.id)
                                     .order_by(Assignment.id)).first()  # fmt: skip
        assert assignment is not None
    staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=office.id)
    return add_progress(office.db, staff, assignment.id, status="in_progress", percent=percent).id


def _edit_task(net: Network, title: str) -> str:
    with UnitOfWork(net.offices["district"].db, SYSTEM) as uow:
        task = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[0]
        task.title = title
        return task.id


def _restore(net: Network, office: str, backup: Path) -> None:
    net.offices[office].close()
    restore(str(net.offices[office].path), backup)


def _exchange(net: Network, sender: str, recipient: str) -> None:
    result = net.receive(recipient, net.send(sender, recipient))
    assert result.ok, result.message


def test_district_restored_from_backup_resyncs_with_its_schools(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        net.exchange_all(rounds=2)
        backup = tmp_path / "district-backup.sqlite"
        backup_to(net.offices["district"].db, SYSTEM, backup)
        progress_id = _progress(net, "s1", 40)
        _exchange(net, "s1", "district")  # the district has the progress …
        task_id = _edit_task(net, "Nhiệm vụ sửa sau sao lưu")
        _exchange(net, "district", "s1")  # … the school has the edit and its acknowledgement
        _exchange(net, "district", "s1")
        _exchange(net, "s1", "district")
        _restore(net, "district", backup)  # both lost at the district
        net.exchange_all(rounds=3)  # raises if a bundle is refused
        assert not dumps_equal(net)
        with net.offices["district"].db.session() as session:
            assert session.get(ProgressUpdate, progress_id) is not None
            assert session.get(Task, task_id).title == "Nhiệm vụ sửa sau sao lưu"  # given back by s1
    finally:
        net.close()


def test_school_restored_from_backup_resyncs(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        net.exchange_all(rounds=1)
        backup = tmp_path / "s2-backup.sqlite"
        backup_to(net.offices["s2"].db, SYSTEM, backup)
        progress_id = _progress(net, "s2", 70)
        _exchange(net, "s2", "district")
        _exchange(net, "district", "s2")
        _restore(net, "s2", backup)  # the school lost its own progress; the district holds it
        net.exchange_all(rounds=3)
        assert not dumps_equal(net)
        with net.offices["s2"].db.session() as session:
            assert session.get(ProgressUpdate, progress_id) is not None
    finally:
        net.close()


def test_restore_through_the_cli_then_bundles_are_accepted(tmp_path: Path) -> None:
    """``backup --out`` / ``restore`` by the CLI, then the school's bundle is not refused."""
    net = template().copy_to(tmp_path / "net")
    district = net.offices["district"]
    try:
        net.exchange_all(rounds=1)
        district.close()
        backup = tmp_path / "b.sqlite"

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return in_process("--db", str(district.path), *args)

        assert cli("backup", "--out", str(backup)).returncode == 0
        _exchange(net, "district", "s1")
        _exchange(net, "s1", "district")
        _exchange(net, "district", "s1")
        district.close()
        assert cli("restore", str(backup)).returncode == 0
        bundle = net.send("s1", "district")  # acknowledges bundles the restored district forgot
        district.close()
        done = cli("--json", "import-bundle", str(bundle))
        assert done.returncode == 0, done.stderr
        assert "acknowledges" not in done.stdout and json.loads(done.stdout)
    finally:
        net.close()


def _forged_echo(net: Network, tmp_path: Path) -> Path:
    """s1's next bundle plus a district task re-titled under a new district stamp it never wrote."""
    from sqlalchemy import inspect as sa_inspect

    from services.core.hlc import Stamp
    from services.sync.keys import load_private_key
    from services.sync.records import TABLES, to_record
    from tests.sync.hostile import craft

    real = net.send("s1", "district")
    with zipfile.ZipFile(real) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        records = [json.loads(line) for line in zf.read("records.jsonl").splitlines() if line.strip()]
    district = net.offices["district"]
    with district.db.session() as session:
        task = session.scalars(select(Task).where(Task.origin == district.id).order_by(Task.id)).first()
        row = {c.key: getattr(task, c.key) for c in sa_inspect(Task).mapper.column_attrs}
    record = to_record(TABLES["tasks"], row)
    stamp = Stamp.decode(record["rev"])
    record["rev"] = Stamp(stamp.wall_ms + 1000, 0, district.id).encode()
    record["fields"]["title"] = "Tiêu đề giả mạo"
    return craft(tmp_path / "forged.edusync", manifest, [*records, record],
                 key=load_private_key(net.offices["s1"].db))  # fmt: skip


def test_the_restore_mark_is_cleared_once_every_peer_gave_back_what_was_lost(tmp_path: Path) -> None:
    """After convergence the second exchange is normal: nothing re-sent, no row under the district's own
    stamp taken from a school (while the mark stands, such rows are accepted as lost ones)."""
    from services.sync import incarnation

    net = template().copy_to(tmp_path / "net")
    try:
        net.exchange_all(rounds=2)
        backup = tmp_path / "district-backup.sqlite"
        backup_to(net.offices["district"].db, SYSTEM, backup)
        _progress(net, "s1", 40)
        _exchange(net, "s1", "district")
        _restore(net, "district", backup)
        district = net.offices["district"].db
        with district.session() as session:
            assert incarnation.restored_mark(session) != ""
        net.exchange_all(rounds=2)
        assert not dumps_equal(net)
        with district.session() as session:
            assert incarnation.restored_mark(session) == ""
            assert incarnation.trusted_ack(session, "")
        for school in ("s1", "s2", "s3"):  # the second exchange after convergence carries nothing again
            assert net.receive("district", net.send(school, "district")).applied == 0
            assert net.receive(school, net.send("district", school)).applied == 0
        with pytest.raises(BundleRefused, match="chưa từng ghi"):
            net.receive("district", _forged_echo(net, tmp_path))
        with district.session() as session:
            assert "giả mạo" not in session.scalars(select(Task.title)).all()
    finally:
        net.close()
