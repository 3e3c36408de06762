"""Every service function that acts for someone is walked with every role.

The actions a function checks are recorded by calling it as an administrator; then each
role must be refused (PermissionDenied, nothing written) exactly when the role matrix
lacks one of those actions, and let through the role gate otherwise. A function that
takes an actor but checks nothing fails here, so a new service cannot forget its check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib
import inspect
import pkgutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import services
from models.db import open_database
from models.enums import Role
from models.errors import PermissionDenied
from services.accounts.permissions import ROLE_MATRIX, Action, Actor
from services.demo.district import build_demo
from services.operations.backup import copy_database

# Callables that take an actor without being a gate themselves (documented why).
NOT_GATED = {
    "services.accounts.users.change_password",  # everyone changes only their own password (old one required)
    "services.accounts.office.set_user_language",  # everyone chooses only their own interface language
    "services.accounts.permissions.require",  # the gate itself
    "services.accounts.permissions.require_own_unit",
    "services.accounts.permissions.require_for_unit",
    "services.accounts.permissions.require_whole_office",
    "services.core.uow.UnitOfWork",  # the transaction; its callers check first
    "services.plans.views.assignment_conditions",  # row filters of queries that check in __init__
    "services.plans.matrix.matrix_unit_statement",
    "services.plans.matrix.matrix_units",
}
SKIP_MODULES = ("services.bench", "services.demo")


def _actor_functions() -> list[tuple[str, Callable[..., Any]]]:
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.walk_packages(services.__path__, "services."):
        if info.name.startswith(SKIP_MODULES) or info.name.endswith(".bench"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if not callable(value) or dataclasses.is_dataclass(value):
                continue
            try:
                params = inspect.signature(value).parameters
            except (TypeError, ValueError):
                continue
            # A first parameter uow/session: a step inside a caller's transaction, gated by the caller.
            if "actor" in params and next(iter(params)) not in ("uow", "session"):
                found[f"{module.__name__}.{name}"] = value
    return sorted(found.items())


FUNCTIONS = _actor_functions()


class RecordingActor(Actor):
    """An Actor that remembers which actions were asked of it."""

    def __init__(self, base: Actor) -> None:
        object.__setattr__(self, "__dict__", dict(vars(base)))  # frozen or not, copy the fields
        object.__setattr__(self, "asked", [])

    def can(self, action: Action) -> bool:
        self.asked.append(action)
        return super().can(action)


def _actors(db: Any) -> dict[Role, Actor]:
    from services.accounts.permissions import SYSTEM
    from services.accounts.users import list_users

    actors: dict[Role, Actor] = {}
    for user in list_users(db, SYSTEM):
        actors.setdefault(user.role, Actor(user.username, user.role, user.full_name, user.id, user.unit_id))
    assert set(actors) == set(Role), "the demo must have an account of every role"
    return actors


def _call(function: Callable[..., Any], db: Any, actor: Actor, tmp: Path) -> BaseException | None:
    """Call with the actor and placeholder arguments; returns what it raised, if anything."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, param in inspect.signature(function).parameters.items():
        if name == "actor":
            value: Any = actor
        elif name == "db":
            value = db
        elif param.default is not inspect.Parameter.empty or param.kind in (
            param.VAR_POSITIONAL,
            param.VAR_KEYWORD,
        ):
            continue
        else:
            value = _placeholder(name, tmp)
        if param.kind == param.KEYWORD_ONLY:
            kwargs[name] = value
        else:
            args.append(value)
    try:
        function(*args, **kwargs)
    except Exception as exc:  # anything after the gate is the placeholder's fault, not the gate's
        return exc
    return None


def _placeholder(name: str, tmp: Path) -> Any:
    if name in ("path", "out", "source", "target", "folder", "directory") or name.endswith(("_path", "_dir")):
        return tmp / f"placeholder-{name}"
    if name.endswith("ids") or name in ("files", "rows", "values"):
        return []
    return "khong-co-that"


def _fingerprint(path: Path) -> str:
    """A digest of every row of every table, the local ones (audit, users, settings) too, read
    straight from SQLite: a dump through the services costs five times as much per call."""
    digest = hashlib.sha256()
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for name in names:
            digest.update(name.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"')):
                digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "demo.sqlite"
    build_demo(str(path), schools=3)
    return path


def test_the_walk_finds_the_services() -> None:
    names = {name for name, _ in FUNCTIONS}
    for expected in ("services.accounts.orgunits.create_unit", "services.accounts.users.reset_password",
                     "services.operations.backup.backup_to", "services.plans.assignments.assign", "services.plans.progress.add_progress"):  # fmt: skip
        assert expected in names
    assert len(FUNCTIONS) >= 30


@pytest.mark.parametrize(("name", "function"), FUNCTIONS, ids=[name for name, _ in FUNCTIONS])
def test_every_role_is_refused_or_let_through_as_the_matrix_says(
    name: str, function: Callable[..., Any], demo_master: Path, tmp_path: Path
) -> None:
    target = tmp_path / "db.sqlite"
    copy_database(demo_master, target)
    db = open_database(str(target))
    try:
        actors = _actors(db)
        probe = RecordingActor(actors[Role.ADMIN])
        _call(function, db, probe, tmp_path)
        if name in NOT_GATED:
            return
        assert probe.asked, f"{name} takes an actor but checks no permission"
        needed = set(probe.asked)
        for role, actor in actors.items():
            allowed = needed <= ROLE_MATRIX[role]
            before = None if allowed else _fingerprint(target)
            raised = _call(function, db, actor, tmp_path)
            if allowed:
                own_unit_rule = role == Role.SCHOOL_STAFF and "đơn vị mình" in str(raised)
                assert not isinstance(raised, PermissionDenied) or own_unit_rule, (
                    f"{name} refused {role}: {raised}"
                )
            else:
                assert isinstance(raised, PermissionDenied), f"{name} let {role} through ({raised!r})"
                assert "không có quyền" in str(raised)
                assert _fingerprint(target) == before, f"{name} wrote data for a refused {role}"
    finally:
        db.dispose()


# --- ownership: no service function changes a row the province owns ---------------------------

# Parameters that name a row; the walk passes the province's rows there.
_OWNED_PARAMS = {"assignment_id": "assignments", "assignment_ids": "assignments", "task_id": "tasks",
                 "task_ids": "tasks", "document_id": "documents", "document_ids": "documents"}  # fmt: skip
OWNED_FUNCTIONS = [
    (name, f) for name, f in FUNCTIONS if set(inspect.signature(f).parameters) & set(_OWNED_PARAMS)
]
_DERIVED = {"status", "percent", "rev"}  # an assignment's status follows the district's own progress


@pytest.fixture(scope="module")
def province_rows(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The demo district holding a plan its province sent: document, task, assignment to the district."""
    import datetime as dt
    import uuid

    from sqlalchemy import insert, select

    from models import Assignment, Document, OrgUnit, Task
    from models.enums import AssignmentRole, AssignmentStatus, DocType, Recurrence, UnitKind

    path = tmp_path_factory.mktemp("owned") / "demo.sqlite"
    copy_database(demo_master, path)
    db = open_database(str(path))
    ids = {table: str(uuid.uuid4()) for table in ("documents", "tasks", "assignments")}
    with db.session() as session, session.begin():
        province = session.scalars(select(OrgUnit).where(OrgUnit.kind == UnitKind.PROVINCE)).one()
        district = session.scalars(select(OrgUnit).where(OrgUnit.kind == UnitKind.DISTRICT)).one()
        stamp = f"{1_700_000_000_000:015d}-000001-{province.id}"
        meta = {"origin": province.id, "rev": stamp, "deleted": False}
        # As a province bundle writes them (below the services: the district never made them).
        session.execute(insert(Document), [{**meta, "id": ids["documents"], "doc_type": DocType.KH,
                                            "title": "Kế hoạch của Sở", "symbol": "9/KH-SGDĐT"}])  # fmt: skip
        session.execute(insert(Task), [{**meta, "id": ids["tasks"], "document_id": ids["documents"],
                                        "position": 0, "title": "Việc Sở giao", "recurrence": Recurrence.ONCE}])  # fmt: skip
        session.execute(insert(Assignment), [{**meta, "id": ids["assignments"], "task_id": ids["tasks"],
                                              "unit_id": district.id, "role": AssignmentRole.LEAD,
                                              "status": AssignmentStatus.NOT_STARTED, "percent": 0,
                                              "due_on": dt.date(2026, 3, 1)}])  # fmt: skip
    db.dispose()
    return path, ids


def _owned_state(db: Any, ids: dict[str, str]) -> dict[str, Any]:
    """The province's rows, with what the district may derive (status from its progress) folded:
    open stays open, but a cancellation shows."""
    from services.sync.dump import dump_data

    data = dump_data(db, list(ids))
    out = {}
    for table, rows in data.items():
        out[table] = [
            {**{k: v for k, v in r.items() if k not in _DERIVED}, "cancelled": r.get("status") == "cancelled"}
            for r in rows
            if r["id"] == ids[table]
        ]
    return out


def test_the_ownership_walk_finds_the_writers() -> None:
    names = {name for name, _ in OWNED_FUNCTIONS}
    assert {"services.plans.assignments.cancel_assignments", "services.plans.assignments.update_assignment",
            "services.plans.tasks.create_task"} <= names  # fmt: skip


@pytest.mark.parametrize(("name", "function"), OWNED_FUNCTIONS, ids=[name for name, _ in OWNED_FUNCTIONS])
def test_no_service_changes_what_the_province_owns(
    name: str, function: Callable[..., Any], province_rows: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    master, ids = province_rows
    target = tmp_path / "db.sqlite"
    copy_database(master, target)
    db = open_database(str(target))
    try:
        admin = _actors(db)[Role.ADMIN]
        before = _owned_state(db, ids)
        args: dict[str, Any] = {}
        for param in inspect.signature(function).parameters:
            table = _OWNED_PARAMS.get(param)
            if table:
                args[param] = [ids[table]] if param.endswith("ids") else ids[table]
        raised = _call(functools.partial(function, **args), db, admin, tmp_path)
        assert _owned_state(db, ids) == before, f"{name} changed a row the province owns"
        if isinstance(raised, PermissionDenied) and "thuộc quyền" in str(raised):
            assert "Sở Giáo dục" in str(raised), raised  # the refusal names the owner
    finally:
        db.dispose()
