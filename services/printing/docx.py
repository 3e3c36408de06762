"""A ``PrintDocument`` as a Word file (python-docx) in the same national layout as the PDF.

For offices that edit before signing: A4 with the same margins, the two-column header as
a borderless table, rules as paragraph borders, page numbers in the header from page 2
(a different first page), tables whose header row repeats and whose rows cannot split,
landscape sections for the appendices. Table rows are written as XML directly: python-docx's
cell API walks the whole table for every cell and would take minutes at 40,000 rows.

One module (over 400 lines): one backend, the twin of ``services.printing.pdf``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

from services.core import limits
from services.printing.model import Appendix, Block, Header, PrintDocument, TableBlock
from services.printing.pdf import HeaderBlock, Margins

FONT = "Times New Roman"  # Word has it everywhere; LibreOffice substitutes Liberation Serif
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_TWIPS_PER_MM = 56.6929


def _run(paragraph: Any, text: str, size: float, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(limits.safe(text))  # a peer's \x0b must not break the file
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return run


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    indent: float | None = None,
) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent is not None:
        fmt.first_line_indent = Cm(indent)
    if text:
        _run(p, text, size, bold, italic)
    return p


def _names(text: str) -> list[str]:
    return text.split()


# Child order of w:pPr, w:tblPr and w:rPr in the WordprocessingML schema: Word drops (or calls
# the file damaged over) an element written after one that must follow it.
_PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)
_RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)


def _put(parent: Any, element: Any, order: list[str]) -> Any:
    """Insert ``element`` into ``parent`` at its schema position, replacing one of the same tag."""
    tag = element.tag.rpartition("}")[2]
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    later = order[order.index(tag) + 1 :]
    for child in parent:
        if child.tag.rpartition("}")[2] in later:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def _keep_with_next(paragraph: Any) -> None:
    _put(paragraph._p.get_or_add_pPr(), OxmlElement("w:keepNext"), _PPR_ORDER)


def _rule(container: Any, width_mm: float, column_mm: float, after: float = 4) -> Any:
    """A centred solid rule: an empty paragraph with a bottom border, narrowed by indents."""
    p = _para(container, after=after)
    side = max((column_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _put(p._p.get_or_add_pPr(), borders, _PPR_ORDER)
    return p


def _fixed_widths(table: Any, widths_twips: list[int]) -> None:
    """Column widths in the grid too (LibreOffice reads the grid, Word the cells) and a fixed layout."""
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_twips, strict=False):
        col.set(qn("w:w"), str(width))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _put(table._tbl.tblPr, layout, _TBLPR_ORDER)


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _put(table._tbl.tblPr, borders, _TBLPR_ORDER)


def _zero_cell_margins(table: Any, sides_twips: int = 0) -> None:
    """Inner cell margins: none in the header (Word's default 1.9 mm each side would wrap the
    motto and the names); in a grid, the PDF's 3 pt each side so the same words fit a cell."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(sides_twips if edge in ("left", "right") else 0))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _put(table._tbl.tblPr, margins, _TBLPR_ORDER)


def _indent(table: Any, mm: float) -> None:
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(mm * _TWIPS_PER_MM)))
    ind.set(qn("w:type"), "dxa")
    _put(table._tbl.tblPr, ind, _TBLPR_ORDER)


def _text_mm(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from services.printing.fonts import register_family

    family = register_family()
    return stringWidth(text, family.bold if bold else family.regular, size) / 72 * 25.4


def _lines(cell: Any, lines: list[tuple[str, float, bool, bool]]) -> None:
    """Lines of one paragraph, broken where we say (``w:br``), never where Word runs out of room."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, (text, size, bold, italic) in enumerate(lines):
        run = _run(paragraph, text, size, bold, italic)
        if index < len(lines) - 1:
            run.add_break()


# Word's header: 12 pt for the agency lines and the Quốc hiệu (ND30 allows 12-13), so every line
# fits its column with room to spare; the Tiêu ngữ 14 pt as in the PDF.
HEADER_SIZE, MOTTO_SIZE = 12.0, 14.0
_REACH_MM = 3.0  # the left column reaches a little into the left margin, as the Word templates do
_SAFETY_MM = 1.5  # Word and LibreOffice measure a hair wider than ReportLab


def header_layout(header: Header, width_mm: float) -> tuple[float, float, list[tuple[str, bool]]]:
    """Left and right column widths (mm) and the agency lines ``(text, bold)`` of the Word header."""
    from services.printing.fonts import register_family
    from services.printing.pdf import agency_lines

    left_mm, right_mm = width_mm * 0.4 + _REACH_MM, width_mm * 0.6
    family = register_family()
    room = (left_mm - _SAFETY_MM) / 25.4 * 72
    lines = agency_lines(header, family, room, sizes=(HEADER_SIZE,))
    return left_mm, right_mm, [(text, font == family.bold) for text, font, _size in lines]


def _header(document: Any, header: Header, subject_line: str, width_mm: float) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    _zero_cell_margins(table)
    _indent(table, -_REACH_MM)
    left_mm, right_mm, agency = header_layout(header, width_mm)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Mm(left_mm), Mm(right_mm)
    _fixed_widths(table, [int(left_mm * _TWIPS_PER_MM), int(right_mm * _TWIPS_PER_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):  # both blocks end on the same line, so their rules line up
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _lines(left, [(text, HEADER_SIZE, bold, False) for text, bold in agency])
    last = agency[-1] if agency else ("", True)
    _rule(left, min(_text_mm(last[0], HEADER_SIZE, last[1]), left_mm) * 0.4, left_mm)
    _lines(
        right, [(HeaderBlock.NATION, HEADER_SIZE, True, False), (HeaderBlock.MOTTO, MOTTO_SIZE, True, False)]
    )
    _rule(right, _text_mm(HeaderBlock.MOTTO, MOTTO_SIZE, True), right_mm)
    number, place = table.cell(1, 0), table.cell(1, 1)
    _lines(number, [(header.number_line(), 13, False, False)])
    if subject_line:
        _para(number, subject_line, size=12)
    _lines(place, [(header.place_date(), 13, False, True)])


_BLOCK = {  # style → (bold, italic, first-line indent)
    "body": (False, False, 1.0),
    "heading1": (True, False, 1.0),
    "heading2": (True, False, 1.0),
    "heading3": (True, True, 1.0),
    "bullet": (False, False, 1.0),
    "plus": (False, False, 1.0),
    "italic": (False, True, 1.0),
}


def _blocks(document: Any, blocks: list[Block | TableBlock], width_mm: float, keep_last: int = 0) -> None:
    """Paragraphs and tables; headings keep with what follows (Word's keep-with-next), and the
    last ``keep_last`` paragraphs keep with the signature block after them."""
    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            # a table among the closing lines keeps its last rows with the signature
            _table(document, block, width_mm, keep_tail=index >= len(blocks) - keep_last)
            continue
        p = _block(document, block)
        if _keeps_next(blocks, index) or index >= len(blocks) - keep_last:
            _keep_with_next(p)


_HEADINGS = ("heading1", "heading2", "heading3")


def _keeps_next(blocks: list[Block | TableBlock], index: int) -> bool:
    """A heading keeps with what follows, through at most one more heading: an outline that is
    all headings would otherwise chain from page to page."""

    def heading(at: int) -> bool:
        if at >= len(blocks):
            return False
        block = blocks[at]
        return isinstance(block, Block) and block.style in _HEADINGS

    return heading(index) and not (heading(index + 1) and heading(index + 2))


def _block(document: Any, block: Block) -> Any:
    if block.style == "note":
        return _para(document, block.text, size=12, italic=True, after=6)
    if block.style == "center":
        return _para(document, block.text, after=6)
    bold, italic, indent = _BLOCK[block.style]
    text = block.text
    prefix = {"bullet": "- ", "plus": "+ "}.get(block.style, "")
    if prefix and not text.startswith(prefix.strip()):
        text = prefix + text
    p = _para(
        document, text, bold=bold, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=indent
    )
    p.paragraph_format.line_spacing = 1.15
    return p


def _cell_xml(
    text: str, width_twips: int, size: float, align: str, bold: bool, keep_next: bool = False
) -> Any:
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(width_twips))
    tc_w.set(qn("w:type"), "dxa")
    tc_pr.append(tc_w)
    tc.append(tc_pr)
    for line in text.split("\n") or [""]:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        if keep_next:  # this row stays on the page of the next one
            p_pr.append(OxmlElement("w:keepNext"))
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        p_pr.append(spacing)
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), {"left": "left", "center": "center", "right": "right"}[align])
        p_pr.append(jc)
        p.append(p_pr)
        if line:
            r = OxmlElement("w:r")
            r_pr = OxmlElement("w:rPr")
            if bold:
                r_pr.append(OxmlElement("w:b"))
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(int(size * 2)))
            r_pr.append(sz)
            r.append(r_pr)
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = limits.safe(line)
            r.append(t)
            p.append(r)
        tc.append(p)
    return tc


def _row_xml(cells: list[Any], header: bool) -> Any:
    tr = OxmlElement("w:tr")
    tr_pr = OxmlElement("w:trPr")
    tr_pr.append(OxmlElement("w:cantSplit"))  # a row never splits across pages
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on every page
    tr.append(tr_pr)
    for cell in cells:
        tr.append(cell)
    return tr


def _table(document: Any, block: TableBlock, width_mm: float, keep_tail: bool = False) -> None:
    if block.caption:
        caption = _para(document, block.caption, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=4)
        _keep_with_next(caption)
    if not block.rows:
        _para(document, block.empty_text, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
        return
    total = sum(c.width for c in block.columns) or 1
    widths = [int(width_mm * _TWIPS_PER_MM * c.width / total) for c in block.columns]
    table = document.add_table(rows=0, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, widths)
    _zero_cell_margins(table, sides_twips=60)  # 3 pt, as pdf.table_flowables pads
    tbl = table._tbl
    size = block.font_size
    head = [_cell_xml(c.label, widths[i], size, "center", True, True) for i, c in enumerate(block.columns)]
    tbl.append(_row_xml(head, header=True))
    # The body rows are streamed into the file at save time (``_stream_rows``): as lxml elements
    # 14,000 rows of a 1,000-school report would hold about 200 MB until the file is written.
    deferred = _deferred(document)
    tbl.append(etree.Comment(f"{_MARK}{len(deferred)}"))
    deferred.append((block, widths, keep_tail))
    _para(document, after=4)


_MARK = "edudesk-rows:"


def _deferred(document: Any) -> list[tuple[TableBlock, list[int], bool]]:
    if not hasattr(document, "_edudesk_rows"):
        document._edudesk_rows = []
    return document._edudesk_rows


def _rows_xml(block: TableBlock, widths: list[int], keep_tail: bool = False) -> Iterator[str]:
    """The table's body rows as WordprocessingML text, the same markup ``_cell_xml`` builds."""
    size = str(int(block.font_size * 2))
    aligns = [c.align for c in block.columns]
    breaks = [*block.break_allowed()[1:], True]  # may a page break after row i
    tail = len(block.rows) - 2 if keep_tail else len(block.rows)
    for index, row in enumerate(block.rows):
        # the header row and the first row stay together; so do the rows of one group, and the
        # last rows of a table that ends the body stay with the closing lines after it
        keep = "<w:keepNext/>" if index == 0 or not breaks[index] or index >= tail else ""
        cells = []
        for i, value in enumerate(row):
            paragraphs = []
            for line in value.split("\n"):
                run = (
                    f'<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                    if line
                    else ""
                )
                paragraphs.append(
                    f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0"/><w:jc w:val="{aligns[i]}"/></w:pPr>'
                    f"{run}</w:p>"
                )
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'
            )
        yield f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


def _stream_rows(source: BinaryIO, path: Path, deferred: list[tuple[TableBlock, list[int], bool]]) -> None:
    """Copy the saved package to ``path``, writing each deferred table's rows where its mark is."""
    marks = re.compile(rf"<!--{_MARK}(\d+)-->".encode())
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, package.read(item))
                continue
            xml = package.read(item)
            with out.open(item.filename, "w", force_zip64=True) as target:
                at = 0
                for found in marks.finditer(xml):
                    target.write(xml[at : found.start()])
                    block, widths, keep_tail = deferred[int(found[1])]
                    for chunk in _chunks(_rows_xml(block, widths, keep_tail)):
                        target.write(chunk)
                    at = found.end()
                target.write(xml[at:])


def _chunks(rows: Iterator[str], size: int = 1 << 20) -> Iterator[bytes]:
    buffer: list[str] = []
    length = 0
    for row in rows:
        buffer.append(row)
        length += len(row)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def _closing(document: Any, header: Header, width_mm: float) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one block, one page
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Mm(width_mm * 0.45), Mm(width_mm * 0.55)
    _fixed_widths(table, [int(width_mm * 0.45 * _TWIPS_PER_MM), int(width_mm * 0.55 * _TWIPS_PER_MM)])
    first = left.paragraphs[0]
    _run(first, "Nơi nhận:", 12, bold=True, italic=True)
    for line in header.recipient_lines():
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(header.signer_lines):
        _run(right.paragraphs[0], ("\n" if index else "") + line.upper(), 13, bold=True)
    room = _para(right)
    room.paragraph_format.space_after = Mm(28)  # signature and seal
    _para(right, header.signer_name, bold=True)


def _page_numbers(section: Any) -> None:
    """PAGE field centred in the header, 13 pt; the first page has its own, empty header."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _set_page(section: Any, landscape: bool, margins: Margins) -> float:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    return (297 if landscape else 210) - margins.left - margins.right


def _appendix(document: Any, appendix: Appendix, margins: Margins) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width = _set_page(section, appendix.landscape, margins)
    section.different_first_page_header_footer = False
    _para(document, appendix.title, size=14, bold=True)
    _para(document, appendix.subtitle, size=14, bold=True)
    if appendix.note:
        _para(document, appendix.note, size=12, italic=True)
    _para(document, after=4)
    _blocks(document, appendix.blocks, width)


def _vietnamese(document: Any) -> None:
    """Document language vi-VN (default run properties and Normal), so spelling and hyphenation
    treat the text as Vietnamese rather than English."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        if r_pr is not None:
            targets.append(r_pr)
    for r_pr in targets:
        lang = OxmlElement("w:lang")
        for key in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(key), "vi-VN")
        _put(r_pr, lang, _RPR_ORDER)


def render_docx(doc: PrintDocument, path: Path, *, margins: Margins | None = None) -> None:
    margins = margins or Margins()
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    _vietnamese(document)
    section = document.sections[0]
    width = _set_page(section, False, margins)
    _page_numbers(section)
    subject_line = f"V/v {doc.subject}" if doc.header.doc_type == "CV" else ""
    _header(document, doc.header, subject_line, width)
    if doc.header.doc_type != "CV":
        _para(document, after=6)
        if doc.type_name:
            _para(document, doc.type_name, size=14, bold=True)
        _para(document, doc.subject, size=14, bold=True)
        _rule(document, min(_text_mm(doc.subject, 14, True), width) * 0.4, width, after=12)
    _blocks(document, doc.body, width, keep_last=2)
    _closing(document, doc.header, width)
    for appendix in doc.appendices:
        _appendix(document, appendix, margins)
    path.parent.mkdir(parents=True, exist_ok=True)
    deferred = _deferred(document)
    if not deferred:
        document.save(str(path))
        return
    package = io.BytesIO()
    document.save(package)
    del document  # the tree is no longer needed while the rows stream out
    _stream_rows(package, path, deferred)
