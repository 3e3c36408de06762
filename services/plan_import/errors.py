"""The importer's error: what is wrong with the file, in Vietnamese, and which file."""

from __future__ import annotations

from models.errors import EduDeskError


class PlanImportError(EduDeskError):
    """A file that cannot be imported; nothing was saved."""
