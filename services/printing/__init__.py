"""Official printouts (PRINT_SPEC.md): six report kinds as PDF or Word, and Excel views.

``build_report(db, kind, options)`` reads the data and returns a ``PrintDocument``;
``save_report(doc, path)`` writes it as .pdf or .docx by the file's extension.
"""

from __future__ import annotations

from services.printing.kinds import KIND_LABELS, KINDS, build_report, save_report

__all__ = ["KINDS", "KIND_LABELS", "build_report", "save_report"]
