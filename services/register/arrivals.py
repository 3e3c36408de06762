"""The register's one hook into sync: documents that came down in a bundle are registered.

Called by ``services.sync.apply`` inside the import's transaction, so a bundle and the
entries it gives arrive together or not at all.
"""

from __future__ import annotations

from typing import Any

from services.core.uow import UnitOfWork
from services.register.incoming import register_arrivals


def documents_arrived(uow: UnitOfWork, records: list[Any]) -> int:
    """Register each live document of the bundle not registered yet; returns how many."""
    ids = [r.id for r in records if r.table == "documents" and not r.deleted]
    return register_arrivals(uow, ids)
