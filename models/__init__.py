"""SQLAlchemy models of EduDesk (DESIGN §2). Importing this package maps every table."""

from models.base import Base, Synced, new_id, synced_tables
from models.local import (
    AuditEntry,
    Conflict,
    Peer,
    ReceivedBundle,
    SentBundle,
    Setting,
    User,
)
from models.org import OrgUnit
from models.plans import Assignment, Attachment, Document, ProgressUpdate, Section, Task
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

__all__ = [
    "Assignment",
    "Attachment",
    "AuditEntry",
    "Base",
    "Conflict",
    "DataElement",
    "Document",
    "Indicator",
    "OrgUnit",
    "Peer",
    "ProgressUpdate",
    "ReceivedBundle",
    "Report",
    "ReportEvent",
    "ReportNarrative",
    "ReportTemplate",
    "ReportValue",
    "ReportingRound",
    "RoundUnit",
    "Section",
    "SentBundle",
    "Setting",
    "Synced",
    "Task",
    "TemplateSection",
    "User",
    "new_id",
    "synced_tables",
]
