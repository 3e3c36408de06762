"""Word documents as blocks: paragraphs with their automatic numbers, and tables.

Word keeps list numbers out of the text (``w:numPr`` → numbering.xml); we render
them back ("II. ", "1.2. ", "a) ", "- ") with a counter per list so that typed and
automatic numbering look the same to the outline parser. Layout tables (the
header and the signature block) are read cell by cell; a table whose first row
names columns such as "Nội dung" and "Chủ trì" stays a table (a task table).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from services.core.vietnamese import fold
from services.plan_import.sources import Block

_TASK_COLUMNS = ("noi dung", "nhiem vu", "cong viec", "hoat dong")
_ROLE_COLUMNS = ("chu tri", "phoi hop", "thuc hien", "thoi gian", "thoi han", "tien do", "trach nhiem")


def _roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    out = ""
    for value, letters in values:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * (1 + (n - 1) // 26)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Renders the label of each numbered paragraph, keeping the counters of every list."""

    def __init__(self, document: Any) -> None:
        self._abstract: dict[str, dict[int, dict[str, Any]]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._styles = document.styles
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, dict[str, Any]] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = {
                    "start": int(_val(lvl, "w:start") or 1),
                    "fmt": _val(lvl, "w:numFmt") or "decimal",
                    "text": _val(lvl, "w:lvlText") or "",
                    "legal": lvl.find(qn("w:isLgl")) is not None,
                }
            self._abstract[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            starts = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    starts[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"), "")] = (_val(num, "w:abstractNumId") or "", starts)

    def label(self, paragraph: Paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, starts = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        # Instances of one list share counters unless they restart (startOverride).
        key = f"n{num_id}" if starts else f"a{abstract_id}"
        counters = self._counters.setdefault(key, [0] * 9)
        start = starts.get(ilvl, level["start"])
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if level["fmt"] == "bullet":
            glyph = level["text"].strip()
            return "- " if glyph in ("-", "–", "—", "") else ("+ " if glyph == "+" else "• ")
        text = level["text"]
        for i in range(ilvl + 1):
            info = levels.get(i, {"fmt": "decimal", "start": 1})
            value = counters[i] or info["start"]
            fmt = "decimal" if level["legal"] else info["fmt"]
            text = text.replace(f"%{i + 1}", _format(value, fmt))
        return text.strip() + " " if text.strip() else ""

    def _num_pr(self, paragraph: Paragraph) -> tuple[str, int]:
        p_pr = paragraph._p.pPr
        # python-docx declares CT_PPr.numPr as a bare ZeroOrOne descriptor, not as the element it gives
        num_pr: Any = p_pr.numPr if p_pr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), int(ilvl)
        style = paragraph.style
        while style is not None:  # numbering that comes from the paragraph style
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None and s_pr.numPr.numId is not None:
                ilvl = s_pr.numPr.ilvl.val if s_pr.numPr.ilvl is not None else 0
                return str(s_pr.numPr.numId.val), int(ilvl)
            style = style.base_style
        return "", 0


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def docx_blocks(document: Any) -> list[Block]:
    numbering = Numbering(document)
    return list(_blocks(document.element.body, document.part, numbering))


def _children(element: Any) -> Iterator[Any]:
    for child in element.iterchildren():
        if child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _blocks(parent: Any, part: Any, numbering: Numbering) -> Iterator[Block]:
    for child in _children(parent):
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, part)
            label = numbering.label(paragraph)
            lines = paragraph.text.replace("\t", " ").split("\n")
            yield Block(label + lines[0])
            for line in lines[1:]:
                yield Block(line)
        elif child.tag == qn("w:tbl"):
            yield from _table(child, part, numbering)


def _table(tbl: Any, part: Any, numbering: Numbering) -> Iterator[Block]:
    rows: list[list[Any]] = []
    for tr in tbl.findall(qn("w:tr")):
        cells = tr.findall(qn("w:tc"))
        rows.append(cells)
    texts = [[_cell_text(tc, part, numbering) for tc in row] for row in rows]
    header = fold(" ".join(texts[0])) if texts else ""
    if len(texts) > 1 and any(w in header for w in _TASK_COLUMNS) and any(w in header for w in _ROLE_COLUMNS):
        yield Block(rows=texts)
        return
    for row in rows:  # a layout table: its cells are paragraphs, left to right
        for tc in row:
            yield from _blocks(tc, part, numbering)


def _cell_text(tc: Any, part: Any, numbering: Numbering) -> str:
    return "\n".join(b.text for b in _blocks(tc, part, numbering) if b.text.strip())
