"""The registers as ND30 books (Phụ lục IV): a cover, then the register's ruled table.

``incoming_book`` / ``outgoing_book`` give a ``Book`` for a date range; ``book_pdf`` lays
it out with ReportLab and the shipped fonts, ``book_docx`` with python-docx,
``book_xlsx`` with the safe Excel writer. A4 landscape, the column heads and their
numbers (1), (2) … repeated on every page, page numbers from the second page.
The handling slip prints too (``slip_pdf``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from models.db import Database
from models.errors import ValidationError
from models.labels import OUTGOING_STATUS_LABELS
from services.accounts.office import get_print_settings
from services.accounts.permissions import Action, Actor, require
from services.core import limits
from services.core.paging import ColumnSpec
from services.core.vietnamese import format_date, format_document_date
from services.register.common import number_text
from services.register.handling import SlipRow
from services.register.incoming import incoming_between
from services.register.outgoing import outgoing_between

MARGINS = (20.0, 15.0, 20.0, 15.0)  # top, right, bottom, left in mm: the book is bound on its left edge


@dataclass
class BookColumn:
    label: str
    width: float  # mm
    align: str = "left"


@dataclass
class Book:
    title: str  # SỔ ĐĂNG KÝ VĂN BẢN ĐẾN
    parent_body: str
    issuing_body: str
    start: dt.date
    end: dt.date
    columns: list[BookColumn]
    rows: list[list[str]] = field(default_factory=list)
    first_number: str = ""
    last_number: str = ""

    @property
    def years(self) -> str:
        return str(self.start.year) if self.start.year == self.end.year else f"{self.start.year}-{self.end.year}"


INCOMING_BOOK = [
    BookColumn("Ngày đến", 23, "center"), BookColumn("Số đến", 13, "center"), BookColumn("Tác giả", 34),
    BookColumn("Số, ký hiệu", 36, "center"), BookColumn("Ngày tháng", 23, "center"),
    BookColumn("Tên loại và trích yếu nội dung", 64), BookColumn("Đơn vị hoặc người nhận", 30),
    BookColumn("Ký nhận", 17), BookColumn("Ghi chú", 22),
]  # fmt: skip
OUTGOING_BOOK = [
    BookColumn("Số, ký hiệu văn bản", 30, "center"), BookColumn("Ngày tháng văn bản", 23, "center"),
    BookColumn("Tên loại và trích yếu nội dung văn bản", 74), BookColumn("Người ký", 28),
    BookColumn("Nơi nhận văn bản", 43), BookColumn("Đơn vị, người nhận bản lưu", 26),
    BookColumn("Số lượng bản", 16, "center"), BookColumn("Ghi chú", 22),
]  # fmt: skip


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(f"Ngày cuối {format_date(end)} trước ngày đầu {format_date(start)}.",
                              "The end date is before the start date.", "end")  # fmt: skip


def _book(db: Database, title: str, start: dt.date, end: dt.date, columns: list[BookColumn]) -> Book:
    settings = get_print_settings(db)
    return Book(title, settings.parent_body, settings.issuing_body, start, end, columns)


def incoming_book(db: Database, actor: Actor, start: dt.date, end: dt.date) -> Book:
    require(actor, Action.PRINT)
    _check_range(start, end)
    book = _book(db, "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", start, end, INCOMING_BOOK)
    rows = incoming_between(db, actor, start, end)
    for r in rows:
        marks = ", ".join(m for m in (r["urgency"], r["confidentiality"]) if m)
        note = "; ".join(n for n in (marks, r["note"]) if n)
        book.rows.append([format_date(r["arrived_on"]), r["number"], r["agency"], r["number_symbol"],
                          format_date(r["doc_date"]), _typed(r["doc_type"], r["subject"]), r["sent_to"], "",
                          note])  # fmt: skip
    if rows:
        book.first_number, book.last_number = rows[0]["number"], rows[-1]["number"]
    return book


_TYPE_WORDS = {"KH": "Kế hoạch", "CT": "Chỉ thị", "CTr": "Chương trình", "QĐ": "Quyết định",
               "BC": "Báo cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "TTr": "Tờ trình", "CV": "Công văn"}  # fmt: skip


def _typed(doc_type: str, subject: str) -> str:
    """``Tên loại và trích yếu``: the type's name before the subject, unless the subject says it."""
    word = _TYPE_WORDS.get(doc_type or "", "")
    if not word or subject.lower().startswith(word.lower()) or subject.startswith("V/v"):
        return subject
    return f"{word} {subject[:1].lower()}{subject[1:]}" if subject else word


def outgoing_book(db: Database, actor: Actor, start: dt.date, end: dt.date) -> Book:
    require(actor, Action.PRINT)
    _check_range(start, end)
    book = _book(db, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", start, end, OUTGOING_BOOK)
    rows = outgoing_between(db, actor, start, end)
    for r in rows:
        status = r["status"]
        subject = f"({OUTGOING_STATUS_LABELS['skipped']})" if status == "skipped" else r["subject"]
        if status == "reserved":
            subject = f"{subject} ({OUTGOING_STATUS_LABELS['reserved'].lower()})".strip()
        recipients = "\n".join(f"- {x}" for x in r["recipients"] if not x.lower().startswith("lưu"))
        book.rows.append([r["number_symbol"], format_date(r["doc_date"]), subject, r["signer"], recipients,
                          r["archive"], str(r["copies"] or ""), r["note"]])  # fmt: skip
    if rows:
        book.first_number = number_text(rows[0]["number"])
        book.last_number = number_text(rows[-1]["number"])
    return book


def _cover_lines(book: Book) -> list[tuple[str, float, bool, bool]]:
    """(text, size, bold, italic) of the cover's centre, as appendix IV sets it."""
    return [
        (book.title, 22, True, False),
        ("", 12, False, False),
        (f"Năm: {book.years}", 14, False, False),
        (f"Từ ngày {format_date(book.start)} đến ngày {format_date(book.end)}", 14, False, False),
        (f"Từ số {book.first_number or '.....'} đến số {book.last_number or '.....'}", 14, False, False),
        ("Quyển số: 01", 14, False, False),
    ]


# --- PDF -----------------------------------------------------------------------------------------


def book_pdf(book: Book, out: Path, *, font: str = "liberation") -> int:
    """Write the book as PDF; returns the page count."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from services.printing.fonts import register_family

    f = register_family(font)
    top, right, bottom, left = MARGINS
    out.parent.mkdir(parents=True, exist_ok=True)
    template = SimpleDocTemplate(str(out), pagesize=landscape(A4), topMargin=top * mm, rightMargin=right * mm,
                                 bottomMargin=bottom * mm, leftMargin=left * mm, initialFontName=f.regular,
                                 title=book.title.capitalize(), author=book.issuing_body, creator="EduDesk")  # fmt: skip

    def style(name: str, size: float, bold: bool = False, italic: bool = False, align: Literal[0, 1, 2, 4] = TA_CENTER) -> Any:
        face = (f.bolditalic if italic else f.bold) if bold else (f.italic if italic else f.regular)
        return ParagraphStyle(name, fontName=face, fontSize=size, leading=size * 1.25, alignment=align)

    story: list[Any] = [Spacer(1, 4 * mm)]
    if book.parent_body:
        story.append(Paragraph(escape(book.parent_body.upper()), style("p", 13)))
    story.append(Paragraph(escape(book.issuing_body.upper()), style("i", 13, bold=True)))
    story.append(Spacer(1, 40 * mm))
    for n, (text, size, bold, italic) in enumerate(_cover_lines(book)):
        story.append(Paragraph(escape(text) or "&nbsp;", style(f"c{n}", size, bold, italic)))
        story.append(Spacer(1, 3 * mm))
    story.append(PageBreak())
    head = style("h", 11, bold=True)
    numbers = style("n", 10, italic=True)
    cells = {a: style(f"t{a}", 11, align=TA_CENTER if a == "center" else TA_LEFT) for a in ("left", "center")}
    data: list[list[Any]] = [[Paragraph(escape(c.label), head) for c in book.columns],
                             [Paragraph(f"({n})", numbers) for n in range(1, len(book.columns) + 1)]]  # fmt: skip
    for row in book.rows:
        data.append([Paragraph(escape(limits.clean_text(v)).replace("\n", "<br/>"), cells[c.align])
                     for c, v in zip(book.columns, row, strict=True)])  # fmt: skip
    if not book.rows:
        data.append([Paragraph("Không có văn bản trong khoảng ngày này.", cells["left"])]
                    + [""] * (len(book.columns) - 1))  # fmt: skip
    table = LongTable(data, colWidths=[c.width * mm for c in book.columns], repeatRows=2, splitByRow=1)
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), f.regular),  # the table's own default is Helvetica, not embedded
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if not book.rows:
        commands.append(("SPAN", (0, 2), (-1, 2)))
    table.setStyle(TableStyle(commands))
    story.append(table)

    def numbered(canvas: Any, doc: Any) -> None:
        page = canvas.getPageNumber()
        if page <= 1:
            return
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(f.regular, 13)
        canvas.drawCentredString((left * mm + w - right * mm) / 2, h - top * mm / 2 - 4, str(page))
        canvas.restoreState()

    template.build(story, onFirstPage=numbered, onLaterPages=numbered)
    return template.page


# --- Word ----------------------------------------------------------------------------------------


def book_docx(book: Book, out: Path) -> None:
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from services.printing.docx import _TWIPS_PER_MM, FONT, _fixed_widths, _page_numbers

    document = WordDocument()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    top, right, bottom, left = MARGINS
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    _page_numbers(section)

    def para(text: str, size: float, bold: bool = False, italic: bool = False, after: float = 0) -> Any:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(after)
        run = p.add_run(limits.clean_text(text))
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
        return p

    if book.parent_body:
        para(book.parent_body.upper(), 13)
    para(book.issuing_body.upper(), 13, bold=True)
    para("", 13, after=110)
    for text, size, bold, italic in _cover_lines(book):
        para(text, size, bold, italic, after=8)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=2, cols=len(book.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    for index, column in enumerate(book.columns):
        _cell_lines(table.rows[0].cells[index], column.label, 11, "center", bold=True)
        _cell_lines(table.rows[1].cells[index], f"({index + 1})", 10, "center", italic=True)
    for header_row in table.rows[:2]:
        tr_pr = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
    rows = book.rows or [["Không có văn bản trong khoảng ngày này."] + [""] * (len(book.columns) - 1)]
    for values in rows:
        cells = table.add_row().cells
        tr_pr = table.rows[-1]._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        tr_pr.append(cant)
        for cell, column, value in zip(cells, book.columns, values, strict=True):
            _cell_lines(cell, value, 11, column.align)
    _fixed_widths(table, [round(c.width * _TWIPS_PER_MM) for c in book.columns])  # Word keeps them as set
    for row in table.rows:
        for cell, column in zip(row.cells, book.columns, strict=True):
            cell.width = Mm(column.width)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _cell_lines(cell: Any, text: str, size: float, align: str, *, bold: bool = False, italic: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = limits.clean_text(text).split("\n")
    for n, line in enumerate(lines):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
        run = p.add_run(line)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic


# --- Excel ---------------------------------------------------------------------------------------


def book_xlsx(book: Book, out: Path) -> int:
    from services.core.exports import export_rows

    columns = [ColumnSpec(f"c{n}", c.label) for n, c in enumerate(book.columns)]
    rows = [{f"c{n}": v for n, v in enumerate(row)} for row in book.rows]
    return export_rows(out, columns, rows, sheet_title=book.title.capitalize()[:31])


def save_book(book: Book, out: Path, *, font: str = "liberation") -> int:
    """By the file's extension: .pdf (returns pages), .docx (0), .xlsx (returns rows)."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return book_pdf(book, out, font=font)
    if suffix == ".docx":
        book_docx(book, out)
        return 0
    if suffix == ".xlsx":
        return book_xlsx(book, out)
    raise ValidationError("Tệp sổ phải là .pdf, .docx hoặc .xlsx.", "The book file must be .pdf, .docx or .xlsx.",
                          str(out))  # fmt: skip


# --- the handling slip ---------------------------------------------------------------------------


def slip_pdf(db: Database, actor: Actor, slip: SlipRow, out: Path, *, font: str = "liberation") -> int:
    """Phiếu giải quyết văn bản đến on one A4 page (appendix IV's slip)."""
    require(actor, Action.PRINT)
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from services.printing.fonts import register_family

    f = register_family(font)
    settings = get_print_settings(db)
    out.parent.mkdir(parents=True, exist_ok=True)
    template = SimpleDocTemplate(str(out), pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm,
                                 leftMargin=30 * mm, rightMargin=15 * mm, initialFontName=f.regular,
                                 title="Phiếu giải quyết văn bản đến", creator="EduDesk")  # fmt: skip

    def style(name: str, size: float = 13, face: str = f.regular, align: Literal[0, 1, 2, 4] = TA_JUSTIFY, after: float = 6) -> Any:
        return ParagraphStyle(name, fontName=face, fontSize=size, leading=size * 1.3, alignment=align,
                              spaceAfter=after)  # fmt: skip

    names = _full_names(db)
    supporters = ", ".join(names.get(u, u) for u in slip.supporters) or "không"
    deadline = format_document_date(slip.deadline) if slip.deadline else "không ghi hạn"
    story: list[Any] = []
    if settings.parent_body:
        story.append(Paragraph(escape(settings.parent_body.upper()), style("p", 12, align=TA_CENTER, after=0)))
    story += [
        Paragraph(escape(settings.issuing_body.upper()), style("i", 12, f.bold, TA_CENTER, 18)),
        Paragraph("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN", style("t", 14, f.bold, TA_CENTER, 14)),
        Paragraph(f"Văn bản đến số <b>{escape(slip.arrival)}</b>; số, ký hiệu: {escape(slip.number_symbol or '...')}; "
                  f"của: {escape(slip.agency or '...')}", style("a")),
        Paragraph(f"Trích yếu: {escape(slip.subject)}", style("b")),
        Spacer(1, 4 * mm),
        Paragraph("Ý kiến của lãnh đạo cơ quan:", style("o", 13, f.bold)),
        Paragraph(escape(slip.opinion).replace("\n", "<br/>"), style("v", face=f.italic)),
        Paragraph(f"Giao chủ trì: <b>{escape(names.get(slip.lead_user, slip.lead_user))}</b>; phối hợp: "
                  f"{escape(supporters)}.", style("l")),
        Paragraph(f"Hạn giải quyết: {escape(deadline)}.", style("d")),
        Paragraph(f"{escape(format_document_date(slip.directed_at.date()).capitalize())}", style(
            "dt", face=f.italic, align=TA_RIGHT, after=4)),
        Paragraph(escape(names.get(slip.directed_by) or settings.signer_name or slip.directed_by),
                  style("s", 13, f.bold, TA_RIGHT, 24)),
        Paragraph("Ý kiến đề xuất của người giải quyết:", style("r", 13, f.bold)),
        Paragraph(escape(slip.result) or "." * 140, style("rv")),
    ]  # fmt: skip
    template.build(story)
    return template.page


def _full_names(db: Database) -> dict[str, str]:
    from sqlalchemy import select

    from models import User

    with db.session() as session:
        return dict(session.execute(select(User.username, User.full_name)).tuples().all())
