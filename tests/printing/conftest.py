"""One demo district per session, printed from by every test here (pdftotext & co. from poppler)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from models.db import open_database
from services.printing.common import ReportOptions
from services.printing.header import HeaderOverrides
from tests.conftest import copy_office

PRINT_DAY = dt.date(2024, 1, 5)  # "ngày 05 tháng 01 năm 2024": both leading zeros


def poppler(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} (poppler-utils) is not installed")
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def demo_path(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's demo district (tests/conftest.py), one copy shared by these tests: they only print."""
    return copy_office(demo_template, tmp_path_factory.mktemp("printing") / "demo.sqlite")


@pytest.fixture(scope="session")
def demo_db(demo_path: Path):
    db = open_database(str(demo_path))
    yield db
    db.dispose()


@pytest.fixture
def dated() -> ReportOptions:
    return ReportOptions(header=HeaderOverrides(date=PRINT_DAY, number="5"))
