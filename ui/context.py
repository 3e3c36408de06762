"""What every page shares: the open database, who is logged in, the office, and the change bus."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from models.db import Database
from services.accounts.office import OfficeInfo
from services.accounts.permissions import Action, Actor
from services.core.changes import Changes


class ChangeBus(QObject):
    """One signal for "these rows changed", so pages refresh without knowing each other."""

    changed = Signal(object)  # services.core.changes.Changes


@dataclass
class AppContext:
    db: Database
    actor: Actor
    office: OfficeInfo
    bus: ChangeBus = field(default_factory=ChangeBus)

    def notify(self, changes: Any) -> None:
        """Tell the pages: a ``Changes``, a result carrying one, or table names."""
        found = Changes.of(changes)
        if found:
            self.bus.changed.emit(found)

    def can(self, action: Action) -> bool:
        return self.actor.can(action)
