"""The automatic copy before imports: one before the day's first import, not one per bundle."""

from __future__ import annotations

import datetime as dt

from models import Document
from models.enums import DocType
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.operations import backup
from services.sync.apply import BACKUP_REASON, import_bundle, import_bundles
from services.sync.bundle import export_bundle
from tests.sync.test_units_for_child import two_offices


def _copies(db) -> list:
    return [f for f in backup.list_backups(backup.backups_folder(db)) if BACKUP_REASON in f.path.name]


def _bundle(district, tmp_path, n: int):
    with UnitOfWork(district, SYSTEM) as uow:
        uow.session.add(Document(doc_type=DocType.KH, title=f"Kế hoạch số {n}"))
    return export_bundle(district, SYSTEM, "TH001", tmp_path / f"b{n}.edusync").path


def test_one_copy_before_the_first_import_of_the_day(tmp_path) -> None:
    district, school = two_offices(tmp_path)
    assert _copies(school) == []
    assert import_bundle(school, SYSTEM, _bundle(district, tmp_path, 1)).ok
    assert len(_copies(school)) == 1  # the state before the day's first import is kept
    assert import_bundle(school, SYSTEM, _bundle(district, tmp_path, 2)).ok
    results = import_bundles(school, SYSTEM, [_bundle(district, tmp_path, 3), _bundle(district, tmp_path, 4)])
    assert all(r.ok for r in results)
    assert len(_copies(school)) == 1
    for copy in _copies(school):  # a copy from another day does not count for today
        copy.path.rename(copy.path.with_name(copy.path.name.replace(f"-{dt.date.today():%Y%m%d}-", "-20000101-")))
    assert import_bundle(school, SYSTEM, _bundle(district, tmp_path, 5)).ok
    assert len(_copies(school)) == 2
    school.dispose()
    district.dispose()


def test_a_full_disk_while_the_rows_are_written_is_said_as_a_full_disk(tmp_path, monkeypatch) -> None:
    """Not "trùng mã hoặc ràng buộc": the bundle is fine, the disk is not; nothing changed."""
    import pytest
    from sqlalchemy.exc import OperationalError

    from models.db import DiskFull
    from services.sync import apply

    district, school = two_offices(tmp_path)
    bundle = _bundle(district, tmp_path, 1)

    def full(*_args, **_kwargs):
        raise OperationalError("INSERT INTO documents …", {}, Exception("database or disk is full"))

    monkeypatch.setattr(apply, "_apply_rows", full)
    with pytest.raises(DiskFull) as refused:
        import_bundle(school, SYSTEM, bundle)
    assert "Ổ đĩa chứa dữ liệu đã đầy" in refused.value.message
    monkeypatch.undo()
    assert import_bundle(school, SYSTEM, bundle).ok, "the same bundle imports once there is room"
