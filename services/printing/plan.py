"""Kind ``plan``: a stored document re-printed in the national format, its tasks as an appendix."""

from __future__ import annotations

from models.db import Database
from models.enums import Recurrence
from models.labels import RECURRENCE_LABELS
from services.accounts.office import get_print_settings
from services.plans.documents import DocumentRow, get_document
from services.printing import plan_data, plan_text
from services.printing.common import (
    ReportOptions,
    date_text,
    document_reference,
    heading_block,
    office_id,
    text_blocks,
)
from services.printing.header import apply_overrides, header_from_settings, signer_lines
from services.printing.model import TYPE_NAMES, Appendix, Block, Column, Header, PrintDocument, TableBlock


def _header(db: Database, doc: DocumentRow, options: ReportOptions) -> Header:
    """The document's own header fields where it has them, the office's settings elsewhere."""
    settings = get_print_settings(db)
    header = header_from_settings(settings, doc.doc_type.value, options.day())
    own = plan_data.document_office_owned(db, doc.id, office_id(db)) or not doc.issuer.strip()
    if not own:  # printed on behalf of the body that issued it (UBND huyện, Sở …)
        header.parent_body = ""
        header.issuing_body = doc.issuer.upper()
        header.abbreviation = doc.symbol.rpartition("-")[2] or _abbreviation(doc.issuer)
    header.number = doc.number
    header.symbol = doc.symbol or header.default_symbol()
    header.place = doc.place or header.place
    # The document's own date, as its appendix and every reference to it give it.
    if doc.issued_on:
        header.date = doc.issued_on
    else:  # an undated draft keeps its blank date line: "ngày    tháng    năm 2023"
        header.date_text = plan_text.blank_date(doc.body_text)
    if doc.signer_title:
        header.signer_lines = signer_lines(doc.signer_authority, doc.signer_title, header.issuing_body)
        header.signer_name = doc.signer_name
    if doc.recipients:
        header.recipients = list(doc.recipients)
    return apply_overrides(header, options.header)


_ISSUERS = {
    "ủy ban nhân dân": "UBND",
    "sở giáo dục": "SGDĐT",
    "phòng giáo dục": "PGDĐT",
    "bộ giáo dục": "BGDĐT",
}


def _abbreviation(issuer: str) -> str:
    folded = issuer.lower()
    return next((abbr for name, abbr in _ISSUERS.items() if folded.startswith(name)), "")


def _body(db: Database, doc: DocumentRow) -> tuple[list[Block | TableBlock], list[Appendix]]:
    """The body and the attachments (đề cương …) that follow the signature.

    The stored text is the document: printed line for line between its title and ``Nơi nhận``,
    so the introduction and the closing paragraph stay, and ``Thực hiện …`` stays ``Thực hiện``.
    Only a document without stored text is rebuilt from its outline.
    """
    lines = plan_text.lines(doc.body_text)
    headings = _headings(plan_data.outline(db, doc.id))
    start = plan_text.after_title(lines, TYPE_NAMES.get(doc.doc_type.value, ""), doc.title)
    if start is None:
        return _outline_body(db, doc), []
    end = plan_text.closing_start(lines, start)
    body = plan_text.blocks(lines[start:end], headings)
    attachments = [
        # an attached outline (đề cương) is all headings: every numbered line prints as one
        Appendix(part.title, part.subtitle, part.note, plan_text.blocks(part.lines, set()), landscape=False)
        for part in plan_text.attachments(lines[end:], doc.signer_name)
    ]
    return body, attachments


def _headings(outline: list[plan_data.SectionLine]) -> set[str]:
    """Numbered lines that introduce something (text or sub-sections) print as headings; a
    numbered line with nothing under it is a numbered paragraph and prints as one."""
    out = set()
    for index, line in enumerate(outline):
        has_children = index + 1 < len(outline) and outline[index + 1].depth > line.depth
        if line.text.strip() or has_children:
            out.add(plan_text.fold_heading(f"{line.number} {line.heading}"))
    return out


def _outline_body(db: Database, doc: DocumentRow) -> list[Block | TableBlock]:
    body: list[Block | TableBlock] = []
    for basis in doc.basis:
        text = basis.get("text", "") if isinstance(basis, dict) else str(basis)
        if text:
            body.append(Block(f"Căn cứ {text.removeprefix('Căn cứ ').rstrip(';.')};", "italic"))
    lines = plan_data.outline(db, doc.id)
    if not lines:
        return body + text_blocks(doc.body_text)
    for line in lines:
        body.append(heading_block(line.number, line.heading, line.depth))
        body += text_blocks(line.text)
    return body


def _task_table(db: Database, doc: DocumentRow) -> TableBlock:
    tasks = plan_data.tasks(db, doc.id)
    given: dict[str, set[str]] = {}
    for a in plan_data.assignments(db, doc.id):
        given.setdefault(a.task_id, set()).add(a.unit_name)
    rows = [
        [
            str(i),
            t.full_title,
            t.section,
            date_text(t.deadline),
            RECURRENCE_LABELS.get(Recurrence(t.recurrence), t.recurrence) if t.recurrence else "",
            str(len(given.get(t.id, ()))),
        ]
        for i, t in enumerate(tasks, start=1)
    ]
    columns = [
        Column("STT", 1.5, "center"),
        Column("Nhiệm vụ", 14),
        Column("Mục", 1.8, "center"),
        Column("Thời hạn", 2.8, "center"),
        Column("Chu kỳ", 3, "center"),
        Column("Số đơn vị được giao", 2.6, "right"),
    ]
    return TableBlock(columns, rows, font_size=12, empty_text="Văn bản chưa có nhiệm vụ.")


def build(db: Database, options: ReportOptions) -> PrintDocument:
    doc = get_document(db, options.document_id or plan_data.latest_document_id(db))
    header = _header(db, doc, options)
    body, attachments = _body(db, doc)
    appendix = Appendix(
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ",
        note=f"(Kèm theo {document_reference(doc)})",
        blocks=[_task_table(db, doc)],
    )
    subject = doc.title[:1].upper() + doc.title[1:]  # trích yếu in sentence case
    return PrintDocument(header, subject, body, [*attachments, appendix], kind="plan")
