"""Keyset pages (the lazy table scrolling on) hold exactly the rows OFFSET pages hold, in order."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from models.db import open_database
from services.accounts.audit import AuditQuery
from services.accounts.orgunits import UnitQuery
from services.accounts.users import first_admin
from services.core.paging import KEYSET_SORT, KEYSET_TIE, PageRequest
from services.demo.district import build_demo
from services.plans.task_lists import DocumentQuery
from services.plans.views import AssignmentQuery
from tests.conftest import _new_pg_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One demo district per backend for the whole module: the walks only read it."""
    admin = name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('keyset') / 'demo.sqlite'}"
    else:
        server, admin, name = _new_pg_database("edudesk_k_")
        url = server.set(database=name).render_as_string(hide_password=False)
    build_demo(url, schools=4, seed=2)
    db = open_database(url)
    yield db
    db.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _walk(query: Any, sort: str, descending: bool, size: int) -> tuple[list[Any], list[Any]]:
    """Every row's id by OFFSET pages and by keyset pages."""
    total = query.count(PageRequest(sort=sort, descending=descending))
    by_offset, by_keyset, after = [], [], None
    for offset in range(0, total, size):
        request = PageRequest(sort=sort, descending=descending, offset=offset, limit=size)
        by_offset += [r["id"] for r in query.fetch(request)]
        rows = query.fetch(PageRequest(sort=sort, descending=descending, offset=offset, limit=size,
                                       keyset=True, after=after))  # fmt: skip
        by_keyset += [r["id"] for r in rows]
        after = (rows[-1][KEYSET_SORT], rows[-1][KEYSET_TIE]) if rows else None
    assert len(by_offset) == total
    return by_offset, by_keyset


@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_equal_offset_pages_with_empty_values_and_ties(demo, descending: bool) -> None:
    actor = first_admin(demo)
    cases = [
        (UnitQuery(demo), ["name", "school_level", "code"]),  # a district's offices have no level
        (AssignmentQuery(demo, actor), ["due_on", "unit_name", "percent", "status"]),  # many ties
        (DocumentQuery(demo, actor), ["issued_on"]),  # a plan without a date
        (AuditQuery(demo, actor), ["at"]),
    ]
    for query, sorts in cases:
        for sort in sorts:
            by_offset, by_keyset = _walk(query, sort, descending, size=7)
            assert by_keyset == by_offset, (type(query).__name__, sort, descending)


def test_keyset_is_asked_for_not_imposed(demo) -> None:
    rows = UnitQuery(demo).fetch(PageRequest(limit=3))
    assert rows and KEYSET_SORT not in rows[0], "the CLI and exports get the columns they always had"
