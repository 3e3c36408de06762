"""What every page shares: the open database, who is logged in, the office, and the change bus."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from models.db import Database
from services.office import OfficeInfo
from services.permissions import Action, Actor


class ChangeBus(QObject):
    """One signal for "these tables changed", so pages refresh without knowing each other."""

    changed = Signal(object)  # frozenset[str] of table names


@dataclass
class AppContext:
    db: Database
    actor: Actor
    office: OfficeInfo
    bus: ChangeBus = field(default_factory=ChangeBus)

    def notify(self, tables: Iterable[str]) -> None:
        names = frozenset(tables)
        if names:
            self.bus.changed.emit(names)

    def can(self, action: Action) -> bool:
        return self.actor.can(action)
