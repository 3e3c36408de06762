"""No row may block sync for good (issue 16 item 2): one set of limits, quarantine on import."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Task
from models.errors import ValidationError
from services.accounts.permissions import SYSTEM
from services.core import limits
from services.core.uow import UnitOfWork
from tests.sync.hostile import craft, office_key, read_bundle
from tests.sync.network import template

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "resources" / "plans").glob("001_*.txt"))[0]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=False)  # fmt: skip


def test_a_long_plan_saved_by_import_plan_does_not_block_the_schools(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        text = SAMPLE.read_text(encoding="utf-8")
        plan = tmp_path / "ke-hoach-dai.txt"
        plan.write_text(
            text + "\n" + (text * (1_900_000 // len(text.encode()) + 1))[:1_400_000], encoding="utf-8"
        )
        assert plan.stat().st_size > 1_800_000
        net.offices["district"].close()
        saved = _cli(net.offices["district"].path, "import-plan", str(plan), "--save")
        assert saved.returncode == 0, saved.stderr
        result = net.receive("s1", net.send("district", "s1"))  # raised "refused" before
        assert result.ok and result.applied > 0 and not result.quarantined
    finally:
        net.close()


def test_a_row_outside_the_limits_is_quarantined_and_the_rest_applies(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        with UnitOfWork(net.offices["district"].db, SYSTEM) as uow:
            task = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[0]
            task.title = "Nhiệm vụ đã sửa"
            task_id = task.id
        manifest, records, members = read_bundle(net.send("district", "s1"))
        bad = copy.deepcopy(next(r for r in records if r["table"] == "tasks"))
        bad["id"] = "11111111-2222-3333-4444-555555555555"
        bad["fields"]["title"] = "x" * (limits.MAX_TEXT + 1)  # written by an older, laxer EduDesk
        records.append(bad)
        bundle = craft(tmp_path / "lax.edusync", manifest, records, key=office_key(net.offices["district"]),
                       members=members)  # fmt: skip
        result = net.receive("s1", bundle)
        assert result.ok, result.message
        assert [q["id"] for q in result.quarantined] == [bad["id"]]
        assert bad["id"] in result.message
        with net.offices["s1"].db.session() as session:
            assert session.get(Task, task_id).title == "Nhiệm vụ đã sửa"
            assert session.get(Task, bad["id"]) is None
    finally:
        net.close()


def test_entry_refuses_what_peers_would_refuse_and_cleans_control_characters(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    db = net.offices["district"].db
    try:
        with pytest.raises(ValidationError, match="title"), UnitOfWork(db, SYSTEM) as uow:
            uow.scalars(select(Task).order_by(Task.id))[0].title = "y" * (limits.MAX_TEXT + 1)
        with UnitOfWork(db, SYSTEM) as uow:
            task = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[0]
            task.description = "Dòng một\x0bDòng hai\x07\ud800"
            task_id = task.id
        with db.session() as session:
            assert session.get(Task, task_id).description == "Dòng một\nDòng hai"
    finally:
        net.close()
