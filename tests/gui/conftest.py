"""GUI fixtures: one demo district per session, a private copy of it per test, a logged-in window."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models.db import Database, open_database
from services.accounts import authenticate
from services.backup import copy_database
from services.demo import DEMO_PASSWORD, build_demo
from services.office import office_info
from ui.context import AppContext
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(str(path), schools=12)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Iterator[Database]:
    """A copy of the demo (database, evidence files and keys) that the test may change."""
    target = tmp_path / "demo.sqlite"
    copy_database(demo_master, target)
    files = demo_master.with_name(demo_master.stem + "-files")
    if files.exists():
        shutil.copytree(files, target.with_name(target.stem + "-files"))
    db = open_database(str(target))
    yield db
    db.dispose()


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
