"""Paged, sorted, filtered queries that a lazy table can walk at 100,000 rows.

A service exposes a ``PagedQuery``: its columns, a count and one page of rows for
a search text and filters. The GUI's table model asks for pages as it scrolls and
never loads the whole table; the CLI and exports use the same queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from models.db import Database
from services.core import vietnamese

STREAM_BATCH = 2000  # rows read at a time by a streamed query


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

    def ordered(self, request: PageRequest) -> Select:
        """The filtered statement in the page order (sort column, then the tie-breaker)."""
        statement = self.filtered(request)
        key = request.sort if request.sort in self.sort_columns else self.default_sort
        order = self.sort_columns[key]
        order_by = [order.desc() if request.descending else order.asc()]
        if self.tie_breaker is not None:
            order_by.append(self.tie_breaker)
        return statement.order_by(*order_by)

    def finish(self, rows: list[dict[str, Any]], request: PageRequest) -> list[dict[str, Any]]:
        """Columns worked out in Python for fetched rows (a page, or a batch of a stream)."""
        return rows

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        statement = self.ordered(request)
        key = request.sort if request.sort in self.sort_columns else self.default_sort
        order = self.sort_columns[key]
        if request.keyset and self._keyset_possible(statement):
            statement = statement.add_columns(order.label(KEYSET_SORT), self.tie_breaker.label(KEYSET_TIE))
            if request.after is not None and request.after[0] is not None:
                statement = statement.where(self._after(order, request.descending, *request.after))
                statement = statement.limit(request.limit)
            else:  # the first page, or after a row whose sort value is empty: counted off
                statement = statement.offset(request.offset).limit(request.limit)
        else:
            statement = statement.offset(request.offset).limit(request.limit)
        with self.db.session() as session:
            rows = [dict(row._mapping) for row in session.execute(statement)]
        return self.finish(rows, request)

    def stream(self, request: PageRequest, batch: int = STREAM_BATCH) -> Iterator[dict[str, Any]]:
        """Every row, in the page order, through one SELECT read a batch at a time (no OFFSET:
        page 20 of 5,000 rows would make the database walk 100,000 rows to skip them)."""
        if type(self).fetch is not SqlPagedQuery.fetch:  # a query that finishes its pages its own way
            yield from pages(self, request)
            return
        with self.db.session() as session:
            result = session.execute(self.ordered(request).execution_options(yield_per=batch))
            for part in result.partitions():
                yield from self.finish([dict(row._mapping) for row in part], request)

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


def pages(query: PagedQuery, request: PageRequest, size: int = 5000) -> Iterator[dict[str, Any]]:
    """Every row of any paged query, a page at a time."""
    offset = 0
    while True:
        page = PageRequest(request.text, request.filters, request.sort, request.descending, offset, size)
        rows = query.fetch(page)
        yield from rows
        if len(rows) < size:
            return
        offset += size


def every_row(query: PagedQuery, request: PageRequest | None = None) -> Iterator[dict[str, Any]]:
    """Every row a query shows: streamed when it can, else page by page."""
    request = request or PageRequest()
    stream = getattr(query, "stream", None)
    return stream(request) if stream is not None else pages(query, request)


def any_of(*conditions: Any) -> Any:
    return or_(*conditions)
