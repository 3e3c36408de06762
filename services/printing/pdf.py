"""A ``PrintDocument`` as an A4 PDF in the national format (PRINT_SPEC.md), with ReportLab.

The header is drawn by one flowable (two centred columns and their rules), the body is
platypus paragraphs, tables are ``PagedTable``: each page gets a plain ReportLab table of
the rows that fit, header row first, so the header repeats, no row splits and the cost
stays linear (one huge ``Table`` re-measures all remaining rows at every page break).

One module (over 400 lines): one backend, every block kind of ``PrintDocument`` drawn the
same way; ``services.printing.docx`` is its twin for Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from services.core.callbacks import ProgressCallback
from services.printing.fonts import LIBERATION, FontFamily, register_family
from services.printing.model import Appendix, Block, Header, PrintDocument, TableBlock


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres (PRINT_SPEC default: top 20, bottom 20, left 30, right 15)."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15


BODY_SIZE = 13
_RULE = 0.6  # points: the solid rules under the names and the motto


# --- styles --------------------------------------------------------------------------------------


class Styles:
    def __init__(self, family: FontFamily):
        f = family
        self.family = f

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base = {"fontName": f.regular, "fontSize": BODY_SIZE, "leading": 17, "textColor": colors.black}
            return ParagraphStyle(name, **{**base, **kw})

        indent = 1 * cm
        body = {"alignment": TA_JUSTIFY, "firstLineIndent": indent, "spaceAfter": 6}
        self.blocks = {
            "body": style("body", **body),
            "heading1": style("heading1", fontName=f.bold, **body),
            "heading2": style("heading2", fontName=f.bold, **body),
            "heading3": style("heading3", fontName=f.bolditalic, **body),
            "bullet": style("bullet", **body),
            "plus": style("plus", **body),
            "italic": style("italic", fontName=f.italic, **body),
            "note": style(
                "note", fontName=f.italic, fontSize=12, leading=15, alignment=TA_CENTER, spaceAfter=6
            ),
            "center": style("center", alignment=TA_CENTER, spaceAfter=6),
        }
        self.type_name = style("type", fontName=f.bold, fontSize=14, leading=18, alignment=TA_CENTER)
        self.subject = style("subject", fontName=f.bold, fontSize=14, leading=18, alignment=TA_CENTER)
        self.caption = style("caption", fontName=f.bold, fontSize=12, leading=15, spaceBefore=4, spaceAfter=4)
        self.recipients_title = style("nn", fontName=f.bolditalic, fontSize=12, leading=14)
        self.recipient = style("rcp", fontSize=11, leading=13)
        self.signer = style("sig", fontName=f.bold, fontSize=13, leading=16, alignment=TA_CENTER)

    def cell(self, size: float, align: str, bold: bool = False) -> ParagraphStyle:
        key = (size, align, bold)
        cache = self.__dict__.setdefault("_cells", {})
        if key not in cache:
            alignments: dict[str, Literal[0, 1, 2]] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
            alignment = alignments[align]
            cache[key] = ParagraphStyle(
                f"cell{key}",
                fontName=self.family.bold if bold else self.family.regular,
                fontSize=size,
                leading=size * 1.2,
                alignment=alignment,
            )
        return cache[key]


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


# --- the header ----------------------------------------------------------------------------------


class Rule(Flowable):
    """A centred solid rule of a given width."""

    def __init__(self, width: float, space_before: float = 1, space_after: float = 6):
        super().__init__()
        self.rule_width = width
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        return availWidth, _RULE

    def draw(self) -> None:
        x = (self._avail - self.rule_width) / 2
        self.canv.setLineWidth(_RULE)
        self.canv.line(x, 0, x + self.rule_width, 0)


class HeaderBlock(Flowable):
    """The two-column header: issuing body and number | Quốc hiệu, Tiêu ngữ and place-date.

    Drawn directly so both columns are centred exactly as in the national template: the
    left column is about 40 % of the width, the right 60 %; the left one may reach a little
    into the left margin, as the Word templates do, so ``PHÒNG GIÁO DỤC VÀ ĐÀO TẠO`` stays
    on one line at 13 pt.
    """

    NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    MOTTO = "Độc lập - Tự do - Hạnh phúc"
    LEFT_REACH = 0.0  # the whole header stays inside the margins

    def __init__(self, header: Header, family: FontFamily, subject_line: str = ""):
        super().__init__()
        self.header, self.f = header, family
        self.subject_line = subject_line  # công văn: "V/v …" under the number

    def _columns(self, width: float) -> tuple[float, float, float]:
        total = width + self.LEFT_REACH
        left_w = total * 0.4
        return -self.LEFT_REACH, left_w, total - left_w

    def _left_lines(self, width: float) -> list[tuple[str, str, float]]:
        return agency_lines(self.header, self.f, width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._width = availWidth
        _x0, left_w, _right_w = self._columns(availWidth)
        self._left = self._left_lines(left_w)
        self._subject = _split(self.subject_line, self.f.regular, 12, left_w) if self.subject_line else []
        top_rows = max(len(self._left), 2)
        self._height = top_rows * 16 + 8 + 20 + len(self._subject) * 15 + 4
        return availWidth, self._height

    def _nation_size(self, left_w: float, right_w: float) -> float:
        """13 pt unless it would crowd the left column's widest line (or not fit): then 12 pt."""
        wide = stringWidth(self.NATION, self.f.bold, 13)
        left_end = left_w / 2 + max((stringWidth(t, f, s) for t, f, s in self._left), default=0) / 2
        gap = left_w + (right_w - wide) / 2 - left_end
        return 13.0 if wide <= right_w - 4 and gap >= 4 * mm else 12.0

    def draw(self) -> None:
        c = self.canv
        x0, left_w, right_w = self._columns(self._width)
        left_mid, right_mid = x0 + left_w / 2, x0 + left_w + right_w / 2
        y = self._height - 13
        nation_size = self._nation_size(left_w, right_w)
        right = [(self.NATION, self.f.bold, nation_size), (self.MOTTO, self.f.bold, 14.0)]
        rows = max(len(self._left), 2)
        # Both blocks end on the same line, so their rules line up.
        left_y = y - (rows - len(self._left)) * 16
        right_y = y - (rows - 2) * 16
        for text, font, size in self._left:
            c.setFont(font, size)
            c.drawCentredString(left_mid, left_y, text)
            left_y -= 16
        for text, font, size in right:
            c.setFont(font, size)
            c.drawCentredString(right_mid, right_y, text)
            right_y -= 16
        rule_y = y - (rows - 1) * 16 - 5
        c.setLineWidth(_RULE)
        if self._left:
            last, font, size = self._left[-1]
            name_w = stringWidth(last, font, size)
            half = name_w * 0.4 / 2  # between a third and a half of the name
            c.line(left_mid - half, rule_y, left_mid + half, rule_y)
        motto_w = stringWidth(self.MOTTO, self.f.bold, 14)
        c.line(right_mid - motto_w / 2, rule_y, right_mid + motto_w / 2, rule_y)
        line_y = rule_y - 22
        c.setFont(self.f.regular, 13)
        c.drawCentredString(left_mid, line_y, self.header.number_line())
        c.setFont(self.f.italic, 13)
        c.drawCentredString(right_mid, line_y, self.header.place_date())
        c.setFont(self.f.regular, 12)
        for text in self._subject:
            line_y -= 15
            c.drawCentredString(left_mid, line_y, text)


def agency_lines(
    header: Header, family: FontFamily, width: float, sizes: tuple[float, ...] = (13.0, 12.0)
) -> list[tuple[str, str, float]]:
    """The parent and issuing bodies as printed lines ``(text, font, size)`` in a column ``width`` wide.

    The first size of ``sizes`` that fits the name on one line; else the smallest, split into
    lines of even length on purpose (``ỦY BAN NHÂN DÂN`` / ``HUYỆN CỦ CHI``), never where the
    column happens to run out. A line break typed in the setting is kept.
    """
    lines: list[tuple[str, str, float]] = []
    for text, font in ((header.parent_body, family.regular), (header.issuing_body, family.bold)):
        for part in text.upper().split("\n"):
            part = " ".join(part.split())
            if not part:
                continue
            size = next((s for s in sizes if stringWidth(part, font, s) <= width), sizes[-1])
            lines += [(line, font, size) for line in _balanced(part, font, size, width)]
    return lines


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


_PLACE_WORDS = {"HUYỆN", "QUẬN", "TỈNH", "THỊ", "THÀNH", "XÃ", "PHƯỜNG", "THỊ TRẤN"}


def _balanced(text: str, font: str, size: float, width: float) -> list[str]:
    """Two lines of even length (``ỦY BAN NHÂN DÂN`` / ``HUYỆN CỦ CHI``), not a word left alone."""
    lines = _split(text, font, size, width)
    if len(lines) != 2:
        return lines
    words = text.split()
    for i, word in enumerate(
        words[1:], start=1
    ):  # before the place: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO / HUYỆN CỦ CHI"
        if word in _PLACE_WORDS and all(
            stringWidth(" ".join(part), font, size) <= width for part in (words[:i], words[i:])
        ):
            return [" ".join(words[:i]), " ".join(words[i:])]
    best = min(
        (max(stringWidth(" ".join(words[:i]), font, size), stringWidth(" ".join(words[i:]), font, size)), i)
        for i in range(1, len(words))
    )
    return [" ".join(words[: best[1]]), " ".join(words[best[1] :])] if best[0] <= width else lines


# --- tables --------------------------------------------------------------------------------------


class _CountedTable(Table):
    """A page's table that tells the document how many rows are laid out (for progress)."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        template = getattr(canvas, "_doctemplate", None)
        if template is not None:
            # Table keeps its rows in _cellvalues, which types-reportlab does not declare.
            rows = len(self._cellvalues)  # type: ignore[attr-defined]
            template.rows_done = getattr(template, "rows_done", 0) + rows - 1
        super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs omit drawOn's _sW


class PagedTable(Flowable):
    """A long table laid out one page at a time: a small ReportLab ``Table`` per page.

    Every row's height is measured once (a Paragraph cell wraps to its column); each page
    then takes the rows that fit under the header row and becomes a plain ``Table`` with
    those heights given, so ReportLab never re-measures the rows still to come (one huge
    ``Table`` does, at every page break: quadratic). The header repeats; rows never split,
    except a single row taller than a whole page, which would not fit anywhere.
    """

    PADDING = (2, 3)  # top, bottom: the table style's paddings

    def __init__(
        self,
        header: list[Any],
        rows: list[list[Any]],
        widths: list[float],
        style: list[tuple[Any, ...]],
        leading: float,
        heights: tuple[float, list[float]] | None = None,
        breaks: list[bool] | None = None,
    ):
        super().__init__()
        self.header, self.rows, self.widths, self.style, self.leading = header, rows, widths, style, leading
        self._heights = heights
        self.breaks = breaks if breaks is not None else [True] * len(rows)  # may a page break before row i
        # The height of what must follow the table on its last page (the closing lines and the
        # signature); when it does not fit under the table, the last rows go over with it.
        self.tail_height = 0.0
        self._table: Table | None = None

    def _row_height(self, row: list[Any]) -> float:
        tallest = 0.0
        for value, width in zip(row, self.widths, strict=True):
            if isinstance(value, Flowable):
                height = value.wrap(width - 6, 1e6)[1]
            else:
                height = self.leading * (str(value).count("\n") + 1)
            tallest = max(tallest, height)
        return tallest + sum(self.PADDING)

    def heights(self) -> tuple[float, list[float]]:
        if self._heights is None:
            self._heights = (self._row_height(self.header), [self._row_height(r) for r in self.rows])
        return self._heights

    def _make(self, count: int) -> Table:
        head, rows = self.heights()
        table = _CountedTable(
            [self.header, *self.rows[:count]],
            colWidths=self.widths,
            rowHeights=[head, *rows[:count]],
            repeatRows=1,
        )
        table.setStyle(TableStyle(self.style))
        return table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        head, rows = self.heights()
        total = head + sum(rows)
        self._table = None
        if self.tail_height and total <= availHeight < total + self.tail_height and len(self.rows) > 1:
            return sum(self.widths), total + self.tail_height  # too tall: the frame asks for a split
        if total <= availHeight:
            self._table = self._make(len(self.rows))
            self._table.wrap(availWidth, availHeight)
        return sum(self.widths), total

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if self._table is None:
            self._table = self._make(len(self.rows))
            self._table.wrap(sum(self.widths), 1e6)
        self._table.drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs omit drawOn's _sW

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head, rows = self.heights()
        used, count = head, 0
        for height in rows:
            if used + height > availHeight:
                break
            used += height
            count += 1
        if self.tail_height and count == len(self.rows) and used + self.tail_height > availHeight:
            count = max(len(self.rows) - _LAST_ROWS, 0)  # the last rows go over with the signature
        if count < len(self.rows):  # back to the start of a group (an indicator and its levels)
            grouped = max((i for i in range(1, count + 1) if self.breaks[i]), default=0)
            frame = getattr(self, "_frame", None)
            if grouped or not (frame is not None and getattr(frame, "_atTop", False)):
                count = grouped  # a group taller than a whole page splits where it must
        if count == 0:
            frame = getattr(self, "_frame", None)
            at_top = frame is not None and getattr(frame, "_atTop", False)
            if not at_top:
                return []  # the next page has room
            return self._oversized_row(availWidth, availHeight)
        first = self._make(count)
        rest = PagedTable(
            self.header,
            self.rows[count:],
            self.widths,
            self.style,
            self.leading,
            (head, rows[count:]),
            self.breaks[count:],
        )
        rest.tail_height = self.tail_height
        return [first, rest] if count < len(self.rows) else [first]

    def _oversized_row(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """A row taller than a page: let ReportLab split inside it rather than fail."""
        table = LongTable([self.header, self.rows[0]], colWidths=self.widths, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle(self.style))
        pieces = table.split(availWidth, availHeight)
        if not pieces:
            return []
        head, rows = self.heights()
        rest = PagedTable(
            self.header,
            self.rows[1:],
            self.widths,
            self.style,
            self.leading,
            (head, rows[1:]),
            self.breaks[1:],
        )
        return [*pieces, rest] if len(self.rows) > 1 else pieces


def table_flowables(block: TableBlock, styles: Styles, width: float) -> list[Flowable]:
    total = sum(c.width for c in block.columns) or 1
    widths = [width * c.width / total for c in block.columns]
    size = block.font_size
    head = [Paragraph(_text(c.label), styles.cell(size, "center", bold=True)) for c in block.columns]
    cell_styles = [styles.cell(size, c.align) for c in block.columns]
    font = styles.family.regular
    # a plain string draws far faster than a Paragraph; only text that must wrap becomes one
    room = [w - 6 for w in widths]
    rows = [
        [
            value
            if stringWidth(value, font, size) <= room[i] and "\n" not in value
            else Paragraph(_text(value), cell_styles[i])
            for i, value in enumerate(row)
        ]
        for row in block.rows
    ]
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for index, column in enumerate(block.columns):
        if column.align != "left":
            style.append(("ALIGN", (index, 1), (index, -1), column.align.upper()))
    out: list[Flowable] = []
    if block.caption:
        out.append(Paragraph(_text(block.caption), styles.caption))
    if not rows:
        out.append(Paragraph(_text(block.empty_text), styles.blocks["italic"]))
        return out
    out.append(PagedTable(head, rows, widths, style, size * 1.2, breaks=block.break_allowed()))
    out.append(Spacer(1, 6))
    return out


# --- the document --------------------------------------------------------------------------------

_PREFIX = {"bullet": "- ", "plus": "+ "}


_HEADINGS = ("heading1", "heading2", "heading3")
_FIRST_ROWS = 2  # a heading never ends a page without its table's header row and first rows
_HEADING_RUN = 2  # at most this many headings in a row are kept with what follows them


def _blocks(blocks: list[Block | TableBlock], styles: Styles, width: float) -> list[Flowable]:
    """Paragraphs and tables; a run of headings starts a page when what follows it would not."""
    out: list[Flowable] = []
    pending: list[Flowable] = []  # headings waiting for what they introduce
    for block in blocks:
        if isinstance(block, TableBlock):
            flowables = table_flowables(block, styles, width)
        else:
            text = block.text
            if block.style in _PREFIX and not text.startswith(_PREFIX[block.style].strip()):
                text = _PREFIX[block.style] + text
            flowables = [Paragraph(_text(text), styles.blocks[block.style])]
        if isinstance(block, Block) and block.style in _HEADINGS:
            pending += flowables
            if len(pending) > _HEADING_RUN:  # an outline of headings only: no chain over pages
                out.append(pending.pop(0))
            continue
        if pending:
            out.append(CondPageBreak(_height(pending, width) + _lead_height(flowables, width)))
            out += pending
            pending = []
        out += flowables
    if pending:
        out += pending
    return out


def _height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _lead_height(flowables: list[Flowable], width: float) -> float:
    """The part of what follows a heading that must share its page: a table's caption, header
    row and first rows, or a paragraph's first two lines."""
    total = 0.0
    for f in flowables:
        if isinstance(f, PagedTable):
            head, rows = f.heights()
            return total + head + sum(rows[:_FIRST_ROWS])
        if isinstance(f, Paragraph):
            return total + min(f.wrap(width, 1e6)[1], 2 * f.style.leading) + f.getSpaceBefore()
        total += f.wrap(width, 1e6)[1]
    return total


def _title(doc: PrintDocument, styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 10)]
    if doc.type_name:
        out.append(Paragraph(_text(doc.type_name), styles.type_name))
    lines = _split(doc.subject, styles.family.bold, 14, width)
    out.append(Paragraph(_text(doc.subject), styles.subject))
    widest = max(stringWidth(line, styles.family.bold, 14) for line in lines)
    out.append(Rule(widest * 0.4, space_before=3, space_after=14))
    return out


_CLOSING_LINES = 2  # body paragraphs kept on the signature's page
_LAST_ROWS = 2  # table rows kept on the signature's page when the table ends the body
_SHORT = 60  # points: a paragraph up to about three lines


def _closing_lines(body: list[Flowable], width: float) -> list[Flowable]:
    """Take from the end of ``body`` what goes on the signature's page: the last paragraph (two
    when the last is short) and the headings right above them, never a heading left behind."""
    tail: list[Flowable] = []
    while body and isinstance(body[-1], Paragraph) and len(tail) < _CLOSING_LINES:
        if tail and tail[0].wrap(width, 1e6)[1] > _SHORT:
            break
        tail.insert(0, body.pop())
    while body and (isinstance(body[-1], CondPageBreak) or _is_heading(body[-1])):
        flowable = body.pop()
        if not isinstance(flowable, CondPageBreak):
            tail.insert(0, flowable)
    return tail


def _is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name in _HEADINGS


def _closing(header: Header, styles: Styles, width: float, tail: list[Flowable] | None = None) -> Flowable:
    left = [Paragraph("Nơi nhận:", styles.recipients_title)]
    left += [Paragraph(_text(line), styles.recipient) for line in header.recipient_lines()]
    right: list[Flowable] = [Paragraph(_text(line.upper()), styles.signer) for line in header.signer_lines]
    right.append(Spacer(1, 28 * mm))  # room for the signature and the seal
    right.append(Paragraph(_text(header.signer_name), styles.signer))
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.family.regular, 12),  # a table's default font is Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([*(tail or []), Spacer(1, 8), table])


def _appendix(appendix: Appendix, styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(_text(appendix.title), styles.type_name),
        Paragraph(_text(appendix.subtitle), styles.subject),
    ]
    if appendix.note:
        out.append(Paragraph(_text(appendix.note), styles.blocks["note"]))
    out.append(Spacer(1, 8))
    return out + _blocks(appendix.blocks, styles, width)


class _Template(BaseDocTemplate):
    def __init__(
        self,
        target: Any,
        margins: Margins,
        family: FontFamily,
        progress: ProgressCallback | None,
        total_rows: int,
        **kw: Any,
    ):
        super().__init__(target, pagesize=A4, initialFontName=family.regular, **kw)
        self.family, self.progress, self.total_rows = family, progress, total_rows
        m = margins
        self.frame_sizes = {}
        templates = []
        for name, size in (("portrait", A4), ("landscape", landscape(A4))):
            w, h = size
            frame = Frame(
                m.left * mm,
                m.bottom * mm,
                w - (m.left + m.right) * mm,
                h - (m.top + m.bottom) * mm,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=name,
            )
            self.frame_sizes[name] = frame.width  # Frame.width reads _width
            templates.append(PageTemplate(name, [frame], onPage=self._page_number, pagesize=size))
        self.addPageTemplates(templates)
        self.margins = m

    def _page_number(self, canvas: Any, doc: Any) -> None:
        """Arabic numeral, 13 pt, centred in the top margin; none on the first page."""
        page = canvas.getPageNumber()
        if self.progress is not None:
            done = getattr(self, "rows_done", 0)
            self.progress(min(done, self.total_rows), self.total_rows, f"Đang dàn trang {page}")
        if page == 1:
            return
        w, h = canvas._pagesize
        m = self.margins
        canvas.saveState()
        canvas.setFont(self.family.regular, 13)
        canvas.drawCentredString((m.left * mm + w - m.right * mm) / 2, h - m.top * mm / 2 - 4, str(page))
        canvas.restoreState()


def build_story(
    doc: PrintDocument, family: FontFamily, portrait_w: float, landscape_w: float
) -> list[Flowable]:
    styles = Styles(family)
    subject_line = f"V/v {doc.subject}" if doc.header.doc_type == "CV" else ""
    story: list[Flowable] = [HeaderBlock(doc.header, family, subject_line)]
    if doc.header.doc_type != "CV":
        story += _title(doc, styles, portrait_w)
    else:
        story.append(Spacer(1, 12))
    body = _blocks(doc.body, styles, portrait_w)
    # The signature never stands alone on the last page: the closing lines go with it.
    tail = _closing_lines(body, portrait_w)
    closing = _closing(doc.header, styles, portrait_w, tail)
    table = next((f for f in body[-2:] if isinstance(f, PagedTable)), None)
    if table is not None:  # a table right before the closing lines: its last rows keep them company
        # KeepTogether keeps its flowables in _content, which types-reportlab does not declare.
        table.tail_height = _height(closing._content, portrait_w) + 8  # type: ignore[attr-defined]
    story += body
    story.append(closing)
    current = "portrait"
    for appendix in doc.appendices:
        wanted = "landscape" if appendix.landscape else "portrait"
        if wanted != current:
            story.append(NextPageTemplate(wanted))
            current = wanted
        story.append(PageBreak())
        story += _appendix(appendix, styles, landscape_w if appendix.landscape else portrait_w)
    return story


def render_pdf(
    doc: PrintDocument,
    target: Path | BinaryIO,
    *,
    margins: Margins | None = None,
    font: str = LIBERATION,
    progress: ProgressCallback | None = None,
) -> int:
    """Write ``doc`` as a PDF; returns the number of pages."""
    family = register_family(font)
    margins = margins or Margins()
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    template = _Template(
        str(target) if isinstance(target, Path) else target,
        margins,
        family,
        progress,
        doc.row_count(),
        leftMargin=margins.left * mm,
        rightMargin=margins.right * mm,
        topMargin=margins.top * mm,
        bottomMargin=margins.bottom * mm,
        title=f"{doc.type_name} {doc.subject}".strip(),
        author=doc.header.issuing_body,
        creator="EduDesk",
        subject=doc.subject,
    )
    story = build_story(doc, family, template.frame_sizes["portrait"], template.frame_sizes["landscape"])
    template.build(story)
    if progress is not None:
        progress(template.total_rows, template.total_rows, f"Xong: {template.page} trang")
    return template.page
