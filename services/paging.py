"""Paged, sorted, filtered queries that a lazy table can walk at 100,000 rows.

A service exposes a ``PagedQuery``: its columns, a count and one page of rows for
a search text and filters. The GUI's table model asks for pages as it scrolls and
never loads the whole table; the CLI and exports use the same queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from models.db import Database
from services import vietnamese


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str  # Vietnamese header; the GUI translates it
    sortable: bool = True
    numeric: bool = False
    format: Callable[[Any], str] | None = None

    def display(self, value: Any) -> str:
        if self.format is not None:
            return self.format(value)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "✓" if value else ""
        return str(value)


@dataclass
class PageRequest:
    text: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int = 200
    # Keyset paging (a lazy table scrolling on): ``keyset`` asks for each row's sort value and
    # tie-breaker under KEYSET_SORT / KEYSET_TIE; ``after`` (the last row's pair) starts the page
    # after that row instead of counting ``offset`` rows off from the top.
    keyset: bool = False
    after: tuple[Any, Any] | None = None


KEYSET_SORT, KEYSET_TIE = "_keyset_sort", "_keyset_tie"


class PagedQuery(Protocol):
    columns: list[ColumnSpec]

    def count(self, request: PageRequest) -> int: ...

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]: ...


def folded_search(statement: Select, column: InstrumentedAttribute, text: str) -> Select:
    """Every folded word of ``text`` must occur in the folded key column."""
    for word in vietnamese.fold(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(column.like(f"%{escaped}%", escape="\\"))
    return statement


class SqlPagedQuery:
    """A PagedQuery over one SELECT: subclasses give the base statement and filters."""

    columns: list[ColumnSpec] = []
    sort_columns: dict[str, Any] = {}
    default_sort: str = ""
    tie_breaker: Any = None

    def __init__(self, db: Database) -> None:
        self.db = db

    def base(self) -> Select:
        raise NotImplementedError

    def filtered(self, request: PageRequest) -> Select:
        return self.base()

    def count_statement(self, request: PageRequest) -> Select:
        """Override to count without the joins that only feed displayed columns."""
        return select(func.count()).select_from(self.filtered(request).order_by(None).subquery())

    def count(self, request: PageRequest) -> int:
        with self.db.session() as session:
            return session.scalar(self.count_statement(request)) or 0

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        statement = self.filtered(request)
        key = request.sort if request.sort in self.sort_columns else self.default_sort
        order = self.sort_columns[key]
        order_by = [order.desc() if request.descending else order.asc()]
        if self.tie_breaker is not None:
            order_by.append(self.tie_breaker)
        if request.keyset and self._keyset_possible(statement):
            statement = statement.add_columns(order.label(KEYSET_SORT), self.tie_breaker.label(KEYSET_TIE))
            if request.after is not None and request.after[0] is not None:
                statement = statement.where(self._after(order, request.descending, *request.after))
                statement = statement.order_by(*order_by).limit(request.limit)
            else:  # the first page, or after a row whose sort value is empty: counted off
                statement = statement.order_by(*order_by).offset(request.offset).limit(request.limit)
        else:
            statement = statement.order_by(*order_by).offset(request.offset).limit(request.limit)
        with self.db.session() as session:
            return [dict(row._mapping) for row in session.execute(statement)]

    def _keyset_possible(self, statement: Select) -> bool:
        """A unique tie-breaker (a primary key) and no GROUP BY (its sums cannot go in WHERE)."""
        tie = self.tie_breaker
        columns = getattr(getattr(tie, "property", None), "columns", None) or [tie]
        unique = all(getattr(c, "primary_key", False) for c in columns) if tie is not None else False
        return unique and not getattr(statement, "_group_by_clauses", ())

    def _after(self, order: Any, descending: bool, value: Any, tie_value: Any) -> Any:
        """Rows after (value, tie_value) in ORDER BY order, NULL sort values included where they sort."""
        beyond = order < value if descending else order > value
        condition = or_(beyond, and_(order == value, self.tie_breaker > tie_value))
        # SQLite sorts NULL first ascending, PostgreSQL last: the NULLs come after the values when
        # SQLite sorts descending or PostgreSQL ascending
        nulls_last = (self.db.engine.dialect.name == "postgresql") != descending
        return or_(condition, order.is_(None)) if nulls_last else condition


def any_of(*conditions: Any) -> Any:
    return or_(*conditions)
