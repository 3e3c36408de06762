# ruff: noqa: F401
"""SQLAlchemy models of EduDesk (DESIGN §2).

The package loads its tables on first use, not on import: ``models.errors`` and
``models.enums`` are imported by the CLI, the GUI's first paint and ``--version``,
which must not pay the second SQLAlchemy costs to load. Any attribute of the
package (``from models import Assignment``) maps every table at once, so the
metadata is always complete when it is used.

The table modules do without ``from __future__ import annotations``: SQLAlchemy would
evaluate each ``Mapped[...]`` string again when it maps the class, some 10-15 ms of
every command.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Where each public name lives; ``load_all`` imports these modules.
_EXPORTS = {
    "models.base": ["Base", "Synced", "new_id", "synced_tables", "table_of"],
    "models.local": [
        "AuditEntry", "BlobChunk", "Conflict", "Peer", "ReceivedBundle", "SentBundle", "Setting",
        "StoredBlob", "User",
    ],
    "models.org": ["OrgUnit"],
    "models.plans": ["Assignment", "Attachment", "Document", "ProgressUpdate", "Section", "Task"],
    "models.register": ["HandlingSlip", "IncomingDocument", "OutgoingDocument", "RegisterCounter"],
    "models.reporting": [
        "DataElement",
        "Indicator",
        "Report",
        "ReportEvent",
        "ReportingRound",
        "ReportNarrative",
        "ReportTemplate",
        "ReportValue",
        "RoundUnit",
        "TemplateSection",
    ],
}

__all__ = sorted(name for names in _EXPORTS.values() for name in names)


def load_all() -> None:
    """Import every table module, so ``Base.metadata`` holds the whole schema."""
    for module_name, names in _EXPORTS.items():
        module = import_module(module_name)
        for name in names:
            globals()[name] = getattr(module, name)


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'models' has no attribute {name!r}")
    load_all()
    return globals()[name]


if TYPE_CHECKING:  # the names, for type checkers and editors (ruff cannot see the lazy __all__)
    from models.base import Base, Synced, new_id, synced_tables, table_of
    from models.local import (
        AuditEntry,
        BlobChunk,
        Conflict,
        Peer,
        ReceivedBundle,
        SentBundle,
        Setting,
        StoredBlob,
        User,
    )
    from models.org import OrgUnit
    from models.plans import Assignment, Attachment, Document, ProgressUpdate, Section, Task
    from models.register import HandlingSlip, IncomingDocument, OutgoingDocument, RegisterCounter
    from models.reporting import (
        DataElement,
        Indicator,
        Report,
        ReportEvent,
        ReportingRound,
        ReportNarrative,
        ReportTemplate,
        ReportValue,
        RoundUnit,
        TemplateSection,
    )
