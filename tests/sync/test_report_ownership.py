"""Reports are owned by field and by state (services.core.ownership), at import: a school's forged
bundle cannot accept its own report, create one already accepted, change an accepted report's
values or take it back to draft. Each bundle is signed with the school's real key and imported
through the CLI; the district's dump does not change."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from sqlalchemy import select

from models import DataElement, Report, ReportingRound, ReportValue
from models.enums import Role
from services.accounts.permissions import SYSTEM, Actor
from services.core.uow import UnitOfWork
from services.reporting.entry import save_draft, submit_report
from services.reporting.review import accept_report, return_report
from services.sync.dump import dump_json
from tests.sync.hostile import craft, office_key, read_bundle
from tests.sync.network import Network, template
from ui.cli import run_cli


def _import(net: Network, path: Path) -> tuple[int, str]:
    db = net.offices["district"]
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = run_cli(["--db", str(db.path), "import-bundle", str(path)])
    return code, err.getvalue()


def _later(rev: str, school_id: str, step: int = 1) -> str:
    wall, counter, _office = rev.split("-", 2)
    return f"{int(wall) + step * 1000:015d}-{counter}-{school_id}"


def _school_report(net: Network) -> tuple[str, str]:
    s1 = net.offices["s1"]
    with s1.db.session() as session:
        round_id = session.scalars(select(ReportingRound.id)).first()
    staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=s1.id)
    save_draft(s1.db, staff, round_id, s1.id, narratives={})
    with UnitOfWork(s1.db, staff) as uow:  # the network's template has no data table: one value by hand
        report_id = uow.session.scalars(select(Report.id).where(Report.unit_id == s1.id)).one()
        element = uow.session.scalars(select(DataElement.id).where(DataElement.code == "HS")).one()
        uow.insert_many(ReportValue, [{"report_id": report_id, "element_id": element, "dimension": "",
                                       "value_num": 320.0, "value_text": ""}])  # fmt: skip
    submit_report(s1.db, staff, round_id, s1.id)
    return round_id, report_id


def _forged(net: Network, tmp: Path, name: str, change) -> Path:
    """s1's next real bundle with one of its records changed as ``change`` says, re-signed."""
    manifest, records, members = read_bundle(net.send("s1", "district"))
    change(records)
    return craft(
        tmp / f"{name}.edusync", manifest, records, key=office_key(net.offices["s1"]), members=members
    )


def _refused(net: Network, path: Path) -> str:
    district = net.offices["district"].db
    before = dump_json(district)
    code, err = _import(net, path)
    assert code != 0 and dump_json(district) == before
    return err


def test_school_bundle_cannot_take_over_the_review(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    s1 = net.offices["s1"]
    _round_id, report_id = _school_report(net)

    def report_of(records):
        return next(r for r in records if r["table"] == "reports" and r["id"] == report_id)

    # 1. A report created already accepted, with a reviewer's comment.
    def created_accepted(records):
        r = report_of(records)
        r["fields"].update(status="accepted", reviewer_comment="Đồng ý", reviewed_at="2026-01-10T03:00:00")

    err = _refused(net, _forged(net, tmp_path, "created-accepted", created_accepted))
    assert "reports" in err and "cấp trên" in err, err

    # The real bundle goes through; the report is submitted at the district.
    net.receive("district", net.send("s1", "district"))

    # 2. The school accepts its own report with a forged reviewer.
    def self_accepted(records):
        r = report_of(records) if any(r["id"] == report_id for r in records) else None
        if r is None:
            with s1.db.session() as session:
                row = session.get(Report, report_id)
                records.append({"table": "reports", "id": row.id, "rev": row.rev, "origin": row.origin,
                                "deleted": False, "fields": {"round_id": row.round_id, "unit_id": row.unit_id,
                                "status": "submitted", "submitted_at": row.submitted_at.isoformat(),
                                "reviewed_at": None, "reviewer_comment": ""}})  # fmt: skip
            r = records[-1]
        r["rev"] = _later(r["rev"], s1.id)
        r["fields"].update(
            status="accepted", reviewer_comment="Trưởng phòng đã duyệt", reviewed_at="2026-01-12T03:00:00"
        )

    err = _refused(net, _forged(net, tmp_path, "self-accepted", self_accepted))
    assert "không có quyền" in err and "reports" in err, err

    # The district accepts it; the school then tries to change values and to reopen it.
    district = net.offices["district"].db
    accept_report(district, SYSTEM, report_id, "Đạt yêu cầu")
    net.receive("s1", net.send("district", "s1"))
    with s1.db.session() as session:
        value = session.scalars(select(ReportValue).where(ReportValue.report_id == report_id)).first()
        report = session.get(Report, report_id)
        value_record = {"table": "report_values", "id": value.id, "rev": _later(value.rev, s1.id, 30),
                        "origin": value.origin, "deleted": False,
                        "fields": {"report_id": report_id, "element_id": value.element_id,
                                   "dimension": value.dimension, "value_num": 9999.0, "value_text": ""}}  # fmt: skip
        report_record = {"table": "reports", "id": report.id, "rev": _later(report.rev, s1.id, 30),
                         "origin": report.origin, "deleted": False,
                         "fields": {"round_id": report.round_id, "unit_id": report.unit_id, "status": "draft",
                                    "submitted_at": None, "reviewed_at": None, "reviewer_comment": ""}}  # fmt: skip

    err = _refused(net, _forged(net, tmp_path, "values", lambda records: records.append(value_record)))
    assert "report_values" in err and "nháp" in err, err
    err = _refused(net, _forged(net, tmp_path, "draft", lambda records: records.append(report_record)))
    assert "reports" in err and "không có quyền" in err, err
    # The school's honest bundle still goes through.
    assert _import(net, net.send("s1", "district"))[0] == 0


def test_forged_origin_or_stamp_is_refused(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    _school_report(net)
    s2 = net.offices["s2"].id

    def foreign_stamp(records):
        r = next(r for r in records if r["table"] == "report_values")
        r["origin"] = s2

    err = _refused(net, _forged(net, tmp_path, "origin", foreign_stamp))
    assert "origin" in err, err


def test_school_bundle_cannot_clear_the_review_comment(tmp_path: Path) -> None:
    """Wiping the district's comment is writing the review: refused like forging one (by import-bundle)."""
    net = template().copy_to(tmp_path / "net")
    s1 = net.offices["s1"]
    _round_id, report_id = _school_report(net)
    net.receive("district", net.send("s1", "district"))
    return_report(net.offices["district"].db, SYSTEM, report_id, "Bổ sung số liệu học sinh")
    net.receive("s1", net.send("district", "s1"))
    with s1.db.session() as session:
        report = session.get(Report, report_id)
        assert report.status.value == "returned" and report.reviewer_comment
        cleared = {"table": "reports", "id": report.id, "rev": _later(report.rev, s1.id, 30),
                   "origin": report.origin, "deleted": False,
                   "fields": {"round_id": report.round_id, "unit_id": report.unit_id, "status": "returned",
                              "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
                              "reviewed_at": None, "reviewer_comment": ""}}  # fmt: skip

    def clear(records):
        records[:] = [r for r in records if not (r["table"] == "reports" and r["id"] == report_id)]
        records.append(cleared)

    err = _refused(net, _forged(net, tmp_path, "cleared", clear))
    assert "reports" in err and "cấp trên" in err, err
    with net.offices["district"].db.session() as session:
        assert session.get(Report, report_id).reviewer_comment == "Bổ sung số liệu học sinh"
    # The school's honest bundle still goes through.
    assert _import(net, net.send("s1", "district"))[0] == 0
