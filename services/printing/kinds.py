"""The six report kinds by name, and saving a built document by file extension."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from models.db import Database
from models.errors import ValidationError
from services.core.callbacks import ProgressCallback
from services.printing.common import ReportOptions
from services.printing.model import PrintDocument

# kind → module with ``build(db, options) -> PrintDocument``
KINDS = {
    "plan": "services.printing.plan",
    "assignments": "services.printing.assignment_table",
    "progress": "services.printing.progress",
    "unit-report": "services.printing.unit_report",
    "synthesis": "services.printing.synthesis",
    "indicators": "services.printing.indicators",
}
KIND_LABELS = {
    "plan": "Văn bản (kế hoạch) kèm danh mục nhiệm vụ",
    "assignments": "Bảng phân công nhiệm vụ",
    "progress": "Báo cáo tiến độ thực hiện nhiệm vụ",
    "unit-report": "Báo cáo của đơn vị",
    "synthesis": "Báo cáo tổng hợp",
    "indicators": "Kết quả thực hiện chỉ tiêu",
}


def build_report(db: Database, kind: str, options: ReportOptions | None = None) -> PrintDocument:
    if kind not in KINDS:
        raise ValidationError(
            f"Loại báo cáo «{kind}» không có; chọn một trong: {', '.join(KINDS)}.",
            f"Unknown report kind «{kind}».",
            "kind",
        )
    options = options or ReportOptions()
    doc = import_module(KINDS[kind]).build(db, options)
    if options.header.subject and options.header.subject.strip():  # the trích yếu the officer wrote
        doc.subject = " ".join(options.header.subject.split())
    doc.close_body()
    doc.name_attachments()
    return doc


def save_report(
    doc: PrintDocument, path: Path, *, font: str = "liberation", progress: ProgressCallback | None = None
) -> int:
    """Write ``doc`` to ``path`` (.pdf or .docx); returns the page count (PDF) or 0 (Word)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from services.printing.pdf import render_pdf

        return render_pdf(doc, path, font=font, progress=progress)
    if suffix == ".docx":
        from services.printing.docx import render_docx

        render_docx(doc, path)
        return 0
    raise ValidationError(
        "Tệp kết quả phải là .pdf hoặc .docx.", "The output file must be .pdf or .docx.", str(path)
    )
