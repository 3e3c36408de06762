"""What data entry refuses, a bundle cannot bring in (issue 16 item 2 and minor items), each bundle
signed with the sender's real key and imported through the CLI:

- a tombstone carries no body: exports write none, a body in a crafted delete is ignored;
- a percent of 1e6, progress of 1000 %, a date 9999-12-31 are set aside (quarantined), the rest applies;
- an attachment row whose file is absent is set aside; a file no row names is not stored.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, DataElement, ProgressUpdate, ReportValue, Task
from models.enums import ValueType
from services.accounts.permissions import SYSTEM
from services.core import attachments
from services.core.uow import UnitOfWork
from services.plans.tasks import delete_task
from tests.sync.hostile import craft, office_key, read_bundle
from tests.sync.network import Network, template
from tests.sync.test_report_ownership import _school_report
from tests.sync.test_restore import _progress
from ui.cli import run_cli


@pytest.fixture
def net(tmp_path: Path) -> Network:
    network = template().copy_to(tmp_path / "net")
    yield network
    network.close()


def _import(net: Network, office: str, path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    net.offices[office].close()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(["--db", str(net.offices[office].path), "import-bundle", str(path)])
    return code, out.getvalue() + err.getvalue()


def _resigned(net: Network, sender: str, path: Path, out: Path, change) -> Path:
    manifest, records, members = read_bundle(path)
    change(records, members)
    return craft(out, manifest, records, key=office_key(net.offices[sender]), members=members)


def test_a_tombstone_carries_no_body(net: Network, tmp_path: Path) -> None:
    district = net.offices["district"].db
    with district.session() as session:
        task_id = session.scalars(select(Task.id).where(Task.origin == office_id(net)).order_by(Task.id)).first()
    delete_task(district, SYSTEM, task_id)
    with district.session() as session:
        assert session.get(Task, task_id).title == ""  # the local tombstone is the one sent
    sent = net.send("district", "s1")
    _manifest, records, _ = read_bundle(sent)
    tombstone = next(r for r in records if r["id"] == task_id)
    assert tombstone["deleted"] and tombstone["fields"]["title"] == "" and tombstone["fields"]["description"] == ""

    def with_body(records, _members):  # an older or hostile district: a 3 MB body on the delete
        next(r for r in records if r["id"] == task_id)["fields"]["description"] = "x" * 3_000_000

    code, text = _import(net, "s1", _resigned(net, "district", sent, tmp_path / "body.edusync", with_body))
    assert code == 0, text
    assert "cách ly" not in text
    with net.offices["s1"].db.session() as session:
        row = session.get(Task, task_id)
        assert row.deleted and row.description == "" and row.title == ""


def office_id(net: Network) -> str:
    return net.offices["district"].id


def test_values_data_entry_refuses_are_set_aside_from_a_bundle(net: Network, tmp_path: Path) -> None:
    with UnitOfWork(net.offices["district"].db, SYSTEM) as uow:  # a percent element, sent down
        uow.session.add(DataElement(code="TL", name="Tỷ lệ", value_type=ValueType.PERCENT))
    net.exchange_all(rounds=1)
    _round, report_id = _school_report(net)
    progress_id = _progress(net, "s1", 40)
    with net.offices["s1"].db.session() as session:
        percent_element = session.scalars(select(DataElement.id).where(DataElement.code == "TL")).one()
    sent = net.send("s1", "district")

    def hostile(records, _members):
        value = next(r for r in records if r["table"] == "report_values")
        percent = copy.deepcopy(value)
        percent["id"] = "11111111-0000-4000-8000-000000000001"
        percent["fields"].update(element_id=percent_element, value_num=1e6)
        records.append(percent)
        progress = next(r for r in records if r["id"] == progress_id)
        far = copy.deepcopy(progress)
        far["id"] = "11111111-0000-4000-8000-000000000002"
        far["fields"]["on_date"] = "9999-12-31"
        records.append(far)
        progress["fields"]["percent"] = 1000

    code, text = _import(net, "district", _resigned(net, "s1", sent, tmp_path / "values.edusync", hostile))
    assert code == 0, text
    assert "3 dòng bị cách ly" in text, text
    with net.offices["district"].db.session() as session:
        assert session.get(ProgressUpdate, progress_id) is None
        assert session.get(ProgressUpdate, "11111111-0000-4000-8000-000000000002") is None
        assert session.get(ReportValue, "11111111-0000-4000-8000-000000000001") is None
        assert session.scalars(select(ReportValue).where(ReportValue.report_id == report_id)).all()  # the rest
        assert all(a.percent <= 100 for a in session.scalars(select(Assignment)))


def test_an_attachment_without_its_file_is_set_aside_and_stray_files_are_not_stored(
    net: Network, tmp_path: Path
) -> None:
    from services.plans.progress import add_progress
    from tests.sync.test_restore import Actor, Role

    s1 = net.offices["s1"]
    with s1.db.session() as session:
        assignment = session.scalars(select(Assignment.id).where(Assignment.unit_id == s1.id)).first()
    staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=s1.id)
    add_progress(s1.db, staff, assignment, status="in_progress", percent=30, files=[("bb.txt", b"bien ban hop")])
    sent = net.send("s1", "district")
    stray = b"khong ai tham chieu"
    stray_sha = hashlib.sha256(stray).hexdigest()

    def hostile(_records, members):
        for name in [n for n in members if n.startswith("blobs/")]:
            del members[name]  # the attachment's file left out
        members[f"blobs/{stray_sha}"] = stray  # and a file no row names

    code, text = _import(net, "district", _resigned(net, "s1", sent, tmp_path / "files.edusync", hostile))
    assert code == 0, text
    assert "tệp đính kèm không có trong gói" in text, text
    district = net.offices["district"].db
    assert not attachments.has_blob(district, stray_sha)
    with district.session() as session:
        from models import Attachment

        assert not session.scalars(select(Attachment).where(Attachment.filename == "bb.txt")).all()
