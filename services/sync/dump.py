"""Canonical dump of the synchronised content: what two offices compare after sync.

Rows of every synchronised table, sorted by id, with the sync metadata (origin,
revision, deleted flag) and without local-only columns (search keys); JSON with
sorted keys. Two databases holding the same shared state dump byte-identical text.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from models import synced_tables, table_of
from models.db import Database
from services.core.uow import row_values


def dump_data(db: Database, tables: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    with db.session() as session:
        for model in synced_tables():
            name = model.__tablename__
            if tables is not None and name not in tables:
                continue
            rows = session.scalars(select(model).order_by(table_of(model).c.id))
            result[name] = [_canonical(row_values(r, include_local=False)) for r in rows]
    return result


def _canonical(values: dict[str, Any]) -> dict[str, Any]:
    # Floats that hold whole numbers dump the same from SQLite and PostgreSQL.
    return {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in values.items()}


def dump_json(db: Database, tables: list[str] | None = None) -> str:
    return json.dumps(dump_data(db, tables), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
