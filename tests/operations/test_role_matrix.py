"""Every service function that acts for someone is walked with every role.

The actions a function checks are recorded by calling it as an administrator; then each
role must be refused (PermissionDenied, nothing written) exactly when the role matrix
lacks one of those actions, and let through the role gate otherwise. A function that
takes an actor but checks nothing fails here, so a new service cannot forget its check.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import services
from models.db import open_database
from models.enums import Role
from models.errors import PermissionDenied
from services.backup import copy_database
from services.demo import build_demo
from services.dump import dump_json
from services.permissions import ROLE_MATRIX, Action, Actor

# Callables that take an actor without being a gate themselves (documented why).
NOT_GATED = {
    "services.accounts.change_password",  # everyone changes only their own password (old one required)
    "services.office.set_user_language",  # everyone chooses only their own interface language
    "services.permissions.require",  # the gate itself
    "services.permissions.require_own_unit",
    "services.uow.UnitOfWork",  # the transaction; its callers check first
    "services.task_views.assignment_conditions",  # row filters of queries that check in __init__
    "services.task_views.matrix_unit_statement",
    "services.task_views.matrix_units",
}
SKIP_MODULES = ("services.benchmarks", "services.demo")


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
    from services.accounts import list_users
    from services.permissions import SYSTEM

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


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "demo.sqlite"
    build_demo(str(path), schools=3)
    return path


def test_the_walk_finds_the_services() -> None:
    names = {name for name, _ in FUNCTIONS}
    for expected in ("services.orgunits.create_unit", "services.accounts.reset_password",
                     "services.backup.backup_to", "services.assignments.assign", "services.progress.add_progress"):  # fmt: skip
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
            before = dump_json(db)
            raised = _call(function, db, actor, tmp_path)
            if allowed:
                own_unit_rule = role == Role.SCHOOL_STAFF and "đơn vị mình" in str(raised)
                assert not isinstance(raised, PermissionDenied) or own_unit_rule, (
                    f"{name} refused {role}: {raised}"
                )
            else:
                assert isinstance(raised, PermissionDenied), f"{name} let {role} through ({raised!r})"
                assert "không có quyền" in str(raised)
                assert dump_json(db) == before, f"{name} wrote data for a refused {role}"
    finally:
        db.dispose()
