"""The window's fixtures, loaded as a plugin by tests/conftest.py: the session's demo district and
one school made from its setup bundle, private copies per test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from models.db import Database, open_database
from models.enums import Role
from services.accounts import users
from services.accounts.office import office_info
from services.accounts.orgunits import get_unit
from services.accounts.permissions import SYSTEM
from services.accounts.users import authenticate
from services.core.uow import UnitOfWork
from services.demo.district import DEMO_PASSWORD
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from tests.conftest import copy_office
from ui.context import AppContext
from ui.main_window import MainWindow


class _PatientReads:
    """Waits for every read until it arrives (within a minute)."""

    def wait(self, done: threading.Event, at_most: float, still_to_do: float = 0.0) -> bool:
        return done.wait(60)


@pytest.fixture(autouse=True)
def patient_reads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables and panels get their rows before the test goes on.

    The window waits for reads at most ``ui.jobs.TURN_BUDGET_S`` in each turn of the event loop,
    then goes on and shows the rows when they come; a person's every action is a turn of its own.
    A test takes several actions in one turn, on a machine that may be busy, so it waits for
    every read instead. Tests marked ``real_waits`` (tests/gui/test_lazy_reads.py) get the
    window's own budget, fresh.
    """
    from ui import jobs

    real = request.node.get_closest_marker("real_waits") is not None
    monkeypatch.setattr(jobs, "_TURN", jobs._TurnBudget() if real else _PatientReads())


@pytest.fixture(scope="session")
def demo_master(demo_template: Path) -> Path:
    """The session's demo district (tests/conftest.py); ``demo_db`` is a private copy of it."""
    return demo_template


def login(db: Database, username: str = "admin") -> AppContext:
    return AppContext(db, authenticate(db, username, DEMO_PASSWORD), office_info(db))


@pytest.fixture
def ctx(demo_db: Database, qapp) -> AppContext:
    return login(demo_db)


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:
    win = MainWindow(ctx, idle_minutes=0)
    win.backup_on_close = False
    qtbot.addWidget(win)
    win.show()
    yield win


def school_staff(db: Database) -> tuple[str, str]:
    """The demo's school clerk on the district: (username, school code)."""
    admin = login(db)
    staff = next(u for u in users.list_users(db, admin.actor) if u.role == Role.SCHOOL_STAFF)
    unit = get_unit(db, staff.unit_id)
    return staff.username, unit.code


@pytest.fixture(scope="session")
def school_master(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A school's database made from the demo district's setup bundle, with its clerk's account."""
    folder = tmp_path_factory.mktemp("school")
    district = _copy(demo_master, folder / "district.sqlite")  # the master stays as other tests know it
    try:
        username, code = school_staff(district)
        bundle = folder / "setup.edusync"
        secret = create_setup_bundle(district, SYSTEM, code, bundle).code
    finally:
        district.dispose()
    school = init_from_setup_bundle(str(folder / "school.sqlite"), bundle, DEMO_PASSWORD, code=secret)
    try:
        office = office_info(school)
        with UnitOfWork(school, SYSTEM) as uow:
            users.add_user(uow, username=username, full_name="Văn thư trường", role=Role.SCHOOL_STAFF,
                              password=DEMO_PASSWORD, unit_id=office.id)  # fmt: skip
    finally:
        school.dispose()
    return folder / "school.sqlite"


def _copy(master: Path, target: Path) -> Database:
    return open_database(str(copy_office(master, target)))


@pytest.fixture
def school_db(school_master: Path, tmp_path: Path) -> Iterator[Database]:
    db = _copy(school_master, tmp_path / "school.sqlite")
    yield db
    db.dispose()


@pytest.fixture(params=["district", "school"])
def either_office(request, demo_master: Path, school_master: Path, tmp_path: Path) -> Iterator[tuple[str, Database]]:
    master = demo_master if request.param == "district" else school_master
    db = _copy(master, tmp_path / f"{request.param}.sqlite")
    yield request.param, db
    db.dispose()



class Boxes:
    """Records message boxes instead of blocking on them; ``answer`` is what question() returns."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Boxes:
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._record(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)
        return self

    def _record(self, kind: str):
        def show(_parent, _title, text, *args, **kwargs):
            self.shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    def _question(self, _parent, _title, text, *args, **kwargs):
        self.shown.append(("question", text))
        return self.answer

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind in (None, k)]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes().install(monkeypatch)


class Typed:
    """Answers QInputDialog.getText with ``answers`` in turn (then Cancel), recording the prompts."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Typed:
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(self._get_text))
        return self

    def _get_text(self, _parent, _title, label, *args, **kwargs) -> tuple[str, bool]:
        self.prompts.append(label)
        return (self.answers.pop(0), True) if self.answers else ("", False)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Typed:
    return Typed().install(monkeypatch)
