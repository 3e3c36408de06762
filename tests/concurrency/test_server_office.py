"""An office on a PostgreSQL server (issue 18 items 2, 3): its key and evidence live in the
database, so a second clerk's PC signs with the same key and finds every file; two offices
on one PC never share a key; a failed setup leaves no half-made database; stamps follow
the server's clock, not a PC's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from models import Assignment, OrgUnit, Setting
from models.db import open_database
from models.errors import EduDeskError
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core import attachments
from services.core.hlc import Stamp, wall_clock_ms
from services.core.uow import CLOCK_KEY, UnitOfWork
from services.operations.integrity import check_database
from services.plans.progress import add_progress
from services.sync import keys, server_key
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from tests.concurrency.office import PASSWORD, district_with_schools


def _on_pc(monkeypatch, folder: Path) -> None:
    """From now on this process is another PC: another user data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))


def test_two_pcs_on_one_server_office_share_key_and_evidence(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    _on_pc(monkeypatch, tmp_path / "pc1")
    district, schools = district_with_schools(pg_url, tmp_path, schools=1)
    school = schools["TH001"]
    try:
        with school.session() as session:
            unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
            assignment = session.scalars(select(Assignment.id).where(Assignment.unit_id == unit)).first()
        add_progress(school, SYSTEM, assignment, status="done", percent=100, files=[("bb.txt", b"bien ban hop")])
        up = export_bundle(school, SYSTEM, "PGD", tmp_path / "up.edusync")
        assert import_bundle(district, SYSTEM, up.path, take_backup=False).ok
        first_print = keys.own_key(district).fingerprint

        passphrase = server_key.show_passphrase(district, SYSTEM)  # read out by the admin on the first PC

        _on_pc(monkeypatch, tmp_path / "pc2")  # the second clerk's PC, same server database
        other = open_database(pg_url)
        try:
            assert other.data_dir != district.data_dir
            assert keys.own_key(other).fingerprint == first_print  # shown even before unlocking
            server_key.unlock(other, SYSTEM, passphrase)  # entered once on this PC
            report = check_database(other)
            assert report.figures["missing_files"] == 0 and report.figures["attachments"] >= 1
            down = export_bundle(other, SYSTEM, "TH001", tmp_path / "down.edusync")
            assert import_bundle(school, SYSTEM, down.path, take_backup=False).ok  # the school trusts it
            assert down.blobs == 0 or all(attachments.has_blob(other, s) for s in attachments.stored_digests(other))
        finally:
            other.dispose()
    finally:
        school.dispose()
        district.dispose()


def _second_database(pg_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    name = f"{url.database}_b"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _drop(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    admin.dispose()


def test_two_offices_on_one_pc_have_their_own_keys_and_setups(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    _on_pc(monkeypatch, tmp_path / "pc")
    district, schools = district_with_schools(f"sqlite:///{tmp_path / 'd.sqlite'}", tmp_path, schools=2)
    for db in schools.values():
        db.dispose()
    second = _second_database(pg_url)
    try:
        code1 = create_setup_bundle(district, SYSTEM, "TH001", tmp_path / "s1.edusync").code
        code2 = create_setup_bundle(district, SYSTEM, "TH002", tmp_path / "s2.edusync").code
        one = init_from_setup_bundle(pg_url, tmp_path / "s1.edusync", PASSWORD, code=code1)
        two = init_from_setup_bundle(second, tmp_path / "s2.edusync", PASSWORD, code=code2)  # not refused
        try:
            assert keys.own_key(one).fingerprint != keys.own_key(two).fingerprint
        finally:
            one.dispose()
            two.dispose()
    finally:
        district.dispose()
        _drop(second)


def test_a_failed_setup_leaves_no_half_made_database(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    _on_pc(monkeypatch, tmp_path / "pc")
    district = init_office(f"sqlite:///{tmp_path / 'd.sqlite'}", code="PGD", name="Phòng GD Thử", kind="district",
                           admin_password=PASSWORD)  # fmt: skip
    try:
        with pytest.raises(EduDeskError):
            init_office(pg_url, code="", name="", kind="district", admin_password=PASSWORD)  # refused before
        with pytest.raises(EduDeskError):
            init_from_setup_bundle(pg_url, tmp_path / "missing.edusync", PASSWORD, code="ABCD-EFGH-JKMN-PQRT")
        engine = create_engine(pg_url)
        assert inspect(engine).get_table_names() == []
        engine.dispose()
    finally:
        district.dispose()


def test_stamps_follow_the_server_clock(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    """A PC three days fast does not carry the office's clock forward."""
    _on_pc(monkeypatch, tmp_path / "pc")
    db = init_office(pg_url, code="PGD", name="Phòng GD Thử", kind="district", admin_password=PASSWORD)
    try:
        import time
        import types

        from services.core import hlc

        real_ms = wall_clock_ms()
        ahead_ns = 3 * 24 * 3600 * 10**9
        monkeypatch.setattr(hlc, "time", types.SimpleNamespace(time_ns=lambda: time.time_ns() + ahead_ns))
        assert wall_clock_ms() > real_ms + 10**8  # this PC now runs three days fast
        with UnitOfWork(db, SYSTEM) as uow:
            uow.session.add(Setting(key="probe", value="1"))
            uow.next_rev()
        monkeypatch.undo()
        with db.session() as session:
            stored = Stamp.decode(json.loads(session.get(Setting, CLOCK_KEY).value))
        assert stored.wall_ms < wall_clock_ms() + 60_000
    finally:
        db.dispose()


def test_import_on_a_server_office_takes_a_logical_copy_first(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("no pg_dump on this machine")
    _on_pc(monkeypatch, tmp_path / "pc")
    district, schools = district_with_schools(pg_url, tmp_path, schools=1)
    school = schools["TH001"]
    try:
        up = export_bundle(school, SYSTEM, "PGD", tmp_path / "up.edusync")
        assert import_bundle(district, SYSTEM, up.path).ok  # take_backup: the default
        copies = list((district.data_dir / "backups").glob("*truoc-nhap-goi.pgdump"))
        assert len(copies) == 1 and copies[0].stat().st_size > 0
    finally:
        school.dispose()
        district.dispose()
