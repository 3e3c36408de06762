"""The printed document, independent of the output format (PRINT_SPEC.md).

A report kind builds a ``PrintDocument``; ``pdf.render_pdf`` and ``docx.render_docx``
lay the same document out in the national format. Text here is final (numbers already
in Vietnamese notation), so both renderers print exactly the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from services.core.vietnamese import format_document_date

# Tên loại văn bản (PRINT_SPEC: type abbreviations) → the type name printed as the title.
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "CT": "CHỈ THỊ",
    "CTr": "CHƯƠNG TRÌNH",
    "BC": "BÁO CÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "TTr": "TỜ TRÌNH",
    "CV": "",  # công văn: no type name, a "V/v …" subject under the number
}

BlockStyle = Literal["body", "heading1", "heading2", "heading3", "bullet", "plus", "italic", "note", "center"]
Align = Literal["left", "center", "right"]


@dataclass
class Header:
    """The fields an officer may change before printing; defaults come from the office settings."""

    parent_body: str = ""
    issuing_body: str = ""
    abbreviation: str = ""  # PGDĐT
    number: str = ""  # blank: the clerk writes it by hand when the document is registered
    doc_type: str = "BC"
    symbol: str = ""  # "BC-PGDĐT"; built from type and abbreviation when blank
    place: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    date_text: str = ""  # a date left blank for the clerk: "ngày    tháng    năm 2023" (wins over date)
    signer_lines: list[str] = field(default_factory=list)  # ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)

    def number_line(self) -> str:
        """``Số: 05/BC-PGDĐT``; a blank number keeps room for the clerk: ``Số:      /BC-PGDĐT``."""
        symbol = self.symbol or self.default_symbol()
        number = self.number.strip()
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"
        return f"Số: {number}/{symbol}" if number else f"Số:        /{symbol}"

    def default_symbol(self) -> str:
        issuer = self.abbreviation or "..."
        if self.doc_type == "CV":
            return f"{issuer}-VP"
        return f"{self.doc_type}-{issuer}"

    def place_date(self) -> str:
        date = self.date_text or format_document_date(self.date)
        return f"{self.place}, {date}" if self.place else date.capitalize()

    def recipient_lines(self) -> list[str]:
        """``- X;`` for each recipient, the last (``- Lưu: VT, …``) ending with a full stop."""
        items = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in self.recipients]
        # "Như trên" points at a "Kính gửi" line, which these documents do not have.
        items = [r for r in items if r and r.lower() != "như trên"]
        if not any(r.lower().startswith("lưu") for r in items):
            items.append("Lưu: VT")
        archive = [r for r in items if r.lower().startswith("lưu")]
        items = [r for r in items if not r.lower().startswith("lưu")] + archive[-1:]
        return [f"- {r};" for r in items[:-1]] + [f"- {items[-1]}."]


@dataclass
class Block:
    """A paragraph of the body; headings keep the plan's own numbering in ``text``."""

    text: str
    style: BlockStyle = "body"


@dataclass
class Column:
    label: str
    width: float  # relative weight; the renderer scales to the frame width
    align: Align = "left"


@dataclass
class TableBlock:
    """A grid table: the header row repeats on every page and a row never splits."""

    columns: list[Column]
    rows: list[list[str]]
    font_size: float = 12
    caption: str = ""  # a bold line above the table
    empty_text: str = "Chưa có dữ liệu."
    # Rows whose first cell is blank belong to the row above (an indicator's levels under its
    # name): a page never breaks inside such a group.
    keep_groups: bool = False

    def break_allowed(self) -> list[bool]:
        """For each row, whether a page may break just before it."""
        if not self.keep_groups:
            return [True] * len(self.rows)
        return [index == 0 or bool(row and row[0].strip()) for index, row in enumerate(self.rows)]


@dataclass
class Appendix:
    """Phụ lục: its own page(s), landscape when the table is wide."""

    title: str  # "PHỤ LỤC"
    subtitle: str  # what it lists
    note: str = ""  # "(Kèm theo Báo cáo số …)"
    blocks: list[Block | TableBlock] = field(default_factory=list)
    landscape: bool = True


@dataclass
class PrintDocument:
    header: Header
    subject: str  # trích yếu: "Tiến độ thực hiện nhiệm vụ …"
    body: list[Block | TableBlock] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    kind: str = ""

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.header.doc_type, self.header.doc_type.upper())

    def name_attachments(self) -> None:
        """An appendix without its own note says which document it goes with: this one."""
        for appendix in self.appendices:
            if not appendix.note:
                appendix.note = self.attachment_note()

    def attachment_note(self) -> str:
        """``(Kèm theo Báo cáo số 05/BC-PGDĐT ngày 05 tháng 01 năm 2024 của Phòng Giáo dục và …)``."""

        h = self.header
        label = self.type_name.capitalize() or "Công văn"
        number = h.number_line().removeprefix("Số:").strip()
        date = h.date_text or format_document_date(h.date)
        return f"(Kèm theo {label} số {number} {date} của {self.issuer_name()})"

    def issuer_name(self) -> str:
        """The issuing body as a sentence names it, with its district or province when the name
        alone does not say it: ``Phòng Giáo dục và Đào tạo huyện Củ Chi``."""
        from services.printing.header import sentence_name

        h = self.header
        issuer = sentence_name(h.issuing_body)
        parent = h.parent_body.upper()
        place = parent.partition(" HUYỆN ")[2] or parent.partition(" TỈNH ")[2]
        if place and not any(w in f" {h.issuing_body.upper()} " for w in (" HUYỆN ", " TỈNH ", " QUẬN ")):
            kind = "huyện" if " HUYỆN " in parent else "tỉnh"
            issuer = f"{issuer} {kind} {sentence_name(place)}"
        return issuer

    def close_body(self) -> None:
        """The body's last paragraph ends with ``./.`` (ND30: the end of the text)."""
        last = self.body[-1] if self.body else None
        if isinstance(last, Block) and last.style in ("body", "italic", "bullet", "plus"):
            text = last.text.rstrip().rstrip("./;:,").rstrip()
            last.text = f"{text}./."
        elif self.body:  # a table or a heading last: a closing sentence carries the mark
            kind = self.type_name.lower() or "văn bản"
            subject = self.subject[:1].lower() + self.subject[1:]
            who = self.issuer_name()
            self.body.append(Block(f"Trên đây là {kind} {subject} của {who}./."))

    def row_count(self) -> int:
        """Table rows in the whole document (for progress messages and benchmarks)."""
        blocks = [*self.body, *(b for a in self.appendices for b in a.blocks)]
        return sum(len(b.rows) for b in blocks if isinstance(b, TableBlock))
