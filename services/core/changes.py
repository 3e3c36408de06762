"""What a write changed: tables and row ids, like Anki's ``OpChanges``.

The unit of work (``services.core.uow``) notes every row it stamps and audits into a ``ChangeLog``;
when it commits, the log's ``Changes`` is handed to every ``recording()`` open on that thread.
So every service write tells what it changed without each function returning it:

    with recording() as seen:
        progress.add_progress(db, actor, assignment_id, status="done", percent=100)
    seen.changes.ids("progress_updates")   # the new row's id

The GUI runs each write inside ``recording()`` (``ui.writes.run_write``) and refreshes only the
pages that show one of ``seen.changes.tables``. A rolled-back unit of work hands nothing over.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

CREATE, UPDATE, DELETE = "create", "update", "delete"
MANY = ""  # the row id of a change to many rows at once (a bulk update by statement)


@dataclass(frozen=True)
class Change:
    table: str
    row_id: str
    kind: str  # CREATE, UPDATE or DELETE


@dataclass(frozen=True)
class Changes:
    """An immutable set of changed rows; ``tables`` is what pages compare with what they show."""

    rows: frozenset[Change] = frozenset()

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        """Tables known to have changed, rows unknown (a notice that names only tables)."""
        return cls(frozenset(Change(t, MANY, UPDATE) for t in tables))

    @classmethod
    def of(cls, value: Any) -> Changes:
        """A ``Changes``, a result carrying one in ``.changes``, or table names: as ``Changes``."""
        if isinstance(value, Changes):
            return value
        inner = getattr(value, "changes", None)
        if inner is not None and not isinstance(value, str | bytes):
            return cls.of(inner)
        if isinstance(value, set | frozenset | list | tuple):
            return cls.of_tables(str(t) for t in value)
        return cls()  # any other result says nothing about what changed

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(c.table for c in self.rows)

    def ids(self, table: str, kind: str | None = None) -> frozenset[str]:
        """The ids of the changed rows of ``table`` (of one kind when given); bulk changes aside."""
        return frozenset(
            c.row_id for c in self.rows if c.table == table and c.row_id and kind in (None, c.kind)
        )

    def touches(self, tables: Iterable[str]) -> bool:
        return not self.tables.isdisjoint(tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.rows | other.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def as_dict(self) -> dict[str, dict[str, list[str]]]:
        """{table: {kind: [ids]}} in a stable order, for ``--json`` and logs."""
        out: dict[str, dict[str, list[str]]] = {}
        for c in sorted(self.rows, key=lambda c: (c.table, c.kind, c.row_id)):
            ids = out.setdefault(c.table, {}).setdefault(c.kind, [])
            if c.row_id:
                ids.append(c.row_id)
        return out


@dataclass
class ChangeLog:
    """The mutable collector a unit of work fills while it flushes."""

    _rows: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, table: str, row_id: str = MANY, kind: str = UPDATE) -> None:
        key = (table, str(row_id or MANY))
        # a row created and then changed in the same use case is still a new row
        if self._rows.get(key) != CREATE:
            self._rows[key] = kind

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _ in self._rows)

    def freeze(self) -> Changes:
        return Changes(frozenset(Change(t, i, k) for (t, i), k in self._rows.items()))


class Recording:
    """What the units of work committed while it was open (``recording()``)."""

    def __init__(self) -> None:
        self.changes = Changes()

    def add(self, changes: Changes) -> None:
        self.changes = self.changes | changes


_local = threading.local()


@contextmanager
def recording() -> Iterator[Recording]:
    """Collect the ``Changes`` of every unit of work committed on this thread inside the block."""
    stack: list[Recording] = _local.__dict__.setdefault("stack", [])
    seen = Recording()
    stack.append(seen)
    try:
        yield seen
    finally:
        stack.remove(seen)


def committed(changes: Changes) -> None:
    """Called by the unit of work after its commit: every open recording on this thread hears it."""
    if changes:
        for seen in getattr(_local, "stack", ()):
            seen.add(changes)
