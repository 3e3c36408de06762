"""Commit-ordered export watermark (issue 18 item 1), on SQLite and PostgreSQL.

A clerk's change stamped before a concurrent export started, but committed after the
export read its rows, while a quicker clerk committed a later stamp, must still reach the
peer: writers take the office's write lock in turn, so stamps follow commit order and an
export's watermark never passes a change that is not yet committed.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import Assignment, SentBundle, Setting
from services.accounts.permissions import SYSTEM
from services.core.uow import CLOCK_KEY, UnitOfWork
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from tests.concurrency.office import PASSWORD, district_with_schools, network_of, round_trip
from tests.sync.network import dumps_equal


def _school_assignment(db, school_unit_code: str = "TH001") -> str:
    from models import OrgUnit

    with db.session() as session:
        unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == school_unit_code)).one()
        return session.scalars(select(Assignment.id).where(Assignment.unit_id == unit).order_by(Assignment.id)).first()


def _run_together(*work) -> None:
    threads = [threading.Thread(target=w) for w in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)


def test_a_commit_never_lands_below_a_concurrent_watermark(db_url: str, tmp_path: Path) -> None:
    district, schools = district_with_schools(db_url, tmp_path, schools=1)
    school = schools["TH001"]
    try:
        round_trip(district, school, "TH001", tmp_path, 1)
        target = _school_assignment(district)
        with district.session() as session:
            other = session.scalars(select(Assignment.id).where(Assignment.id != target)).first()
        stamped, exported = threading.Event(), threading.Event()
        failures: list[BaseException] = []

        def slow_clerk() -> None:
            try:
                with UnitOfWork(district, SYSTEM) as uow:
                    uow.session.get(Assignment, target).note = "sửa chậm"
                    uow.session.flush()  # the row now carries its stamp, not yet committed
                    stamped.set()
                    exported.wait(timeout=3)  # the export runs now (the fixed code makes it wait for us)
            except BaseException as exc:
                failures.append(exc)

        def exporter() -> None:
            try:
                stamped.wait(timeout=10)
                time.sleep(0.01)  # a later wall time: the quick clerk's stamp is above the slow one's
                with UnitOfWork(district, SYSTEM) as uow:  # a quick clerk commits while the slow one works
                    uow.session.get(Assignment, other).note = "sửa nhanh"
                down = export_bundle(district, SYSTEM, "TH001", tmp_path / "race-down.edusync")
                exported.set()
                assert import_bundle(school, SYSTEM, down.path, take_backup=False).ok
                up = export_bundle(school, SYSTEM, "PGD", tmp_path / "race-up.edusync")
                assert import_bundle(district, SYSTEM, up.path, take_backup=False).ok
            except BaseException as exc:
                exported.set()
                failures.append(exc)

        _run_together(slow_clerk, exporter)
        assert not failures, failures
        for n in (2, 3):  # quiet rounds
            round_trip(district, school, "TH001", tmp_path, n)
        with school.session() as session:
            assert session.get(Assignment, target).note == "sửa chậm"
        assert dumps_equal(network_of(district, schools, tmp_path)) == []
    finally:
        school.dispose()
        district.dispose()


def test_concurrent_writers_and_exports_converge(db_url: str, tmp_path: Path) -> None:
    """Threads editing while bundles go back and forth: equal rows after quiet rounds, a clock
    that never goes back, unique stamps and unique bundle numbers."""
    district, schools = district_with_schools(db_url, tmp_path, schools=1)
    school = schools["TH001"]
    try:
        with district.session() as session:
            ids = list(session.scalars(select(Assignment.id).order_by(Assignment.id)))
        failures: list[BaseException] = []
        clocks: dict[int, list[str]] = {0: [], 1: [], 2: []}
        stop = threading.Event()

        def clerk(k: int) -> None:
            try:
                for n in range(12):
                    with UnitOfWork(district, SYSTEM) as uow:
                        row = uow.session.get(Assignment, ids[(n + k) % len(ids)])
                        row.note = f"thư ký {k} lần {n}"
                    with district.session() as session:
                        clocks[k].append(json.loads(session.get(Setting, CLOCK_KEY).value))
            except BaseException as exc:
                failures.append(exc)

        def sync() -> None:
            n = 10
            try:
                while not stop.is_set():
                    n += 1
                    round_trip(district, school, "TH001", tmp_path, n)
            except BaseException as exc:
                failures.append(exc)

        syncer = threading.Thread(target=sync)
        syncer.start()
        clerks = [threading.Thread(target=clerk, args=(k,)) for k in range(3)]
        for t in clerks:
            t.start()
        for t in clerks:
            t.join(timeout=300)
        stop.set()
        syncer.join(timeout=300)
        assert not failures, failures
        for n in (1000, 1001):
            round_trip(district, school, "TH001", tmp_path, n)
        assert dumps_equal(network_of(district, schools, tmp_path)) == []
        with district.session() as session:
            revs = list(session.scalars(select(Assignment.rev)))
            seqs = list(session.execute(select(SentBundle.peer_id, SentBundle.seq)))
        assert len(revs) == len(set(revs)), "two rows stamped with one revision"
        assert all(seen == sorted(seen) for seen in clocks.values()), "the stored clock went back"
        assert len(seqs) == len(set(seqs)), "two bundles with one sequence number"
    finally:
        school.dispose()
        district.dispose()


def test_a_setup_bundle_misses_no_commit_of_a_clerk_still_at_work(db_url: str, tmp_path: Path) -> None:
    """A school set up again (a new PC) while a clerk is saving: the clerk's change reaches it."""
    district, schools = district_with_schools(db_url, tmp_path, schools=1)
    schools["TH001"].dispose()
    fresh = None
    try:
        target = _school_assignment(district)
        with district.session() as session:
            other = session.scalars(select(Assignment.id).where(Assignment.id != target)).first()
        stamped, written = threading.Event(), threading.Event()
        failures: list[BaseException] = []
        made: list[Any] = []

        def slow_clerk() -> None:
            try:
                with UnitOfWork(district, SYSTEM) as uow:
                    uow.session.get(Assignment, target).note = "sửa chậm"
                    uow.session.flush()  # stamped, not yet committed
                    stamped.set()
                    written.wait(timeout=3)  # the setup bundle is written now (or waits for this commit)
            except BaseException as exc:
                failures.append(exc)

        def setup() -> None:
            try:
                stamped.wait(timeout=10)
                time.sleep(0.01)
                with UnitOfWork(district, SYSTEM) as uow:  # a quick clerk, a later stamp, committed first
                    uow.session.get(Assignment, other).note = "sửa nhanh"
                made.append(create_setup_bundle(district, SYSTEM, "TH001", tmp_path / "again.edusync"))
            except BaseException as exc:
                failures.append(exc)
            finally:
                written.set()

        _run_together(slow_clerk, setup)
        assert not failures, failures
        fresh = init_from_setup_bundle(str(tmp_path / "TH001-again.sqlite"), made[0].path, PASSWORD,
                                       code=made[0].code)  # fmt: skip
        for n in (1, 2, 3):  # quiet rounds: the school acknowledges the setup bundle, then more
            round_trip(district, fresh, "TH001", tmp_path, n)
        with fresh.session() as session:
            assert session.get(Assignment, target).note == "sửa chậm"
            assert session.get(Assignment, other).note == "sửa nhanh"
        assert dumps_equal(network_of(district, {"TH001": fresh}, tmp_path)) == []
        with district.session() as session:
            seqs = list(session.execute(select(SentBundle.peer_id, SentBundle.seq)))
        assert len(seqs) == len(set(seqs))
    finally:
        if fresh is not None:
            fresh.dispose()
        district.dispose()


def test_a_setup_bundle_takes_a_number_above_a_bundle_still_being_written(db_url: str, tmp_path: Path) -> None:
    import datetime as dt
    import uuid

    from services.sync.bundle import reserve_seq

    district, schools = district_with_schools(db_url, tmp_path, schools=1)
    schools["TH001"].dispose()
    try:
        pending, _mark = reserve_seq(district, SYSTEM, "TH001", str(uuid.uuid4()), dt.datetime.now(), "x.edusync")
        again = create_setup_bundle(district, SYSTEM, "TH001", tmp_path / "again.edusync")
        assert again.seq == pending + 1
    finally:
        district.dispose()
