"""Task tables in a PDF: rebuilt from the page's layout text.

A PDF has no tables, only text placed on the page; plain extraction gives one cell (or one
line of a wrapped cell) per line. pypdf's layout mode keeps the horizontal positions: a
table's rows come out as lines whose cells start at the same columns as the header's.
``table_lines`` turns such a region into one line per row, its cells joined by tabs (as a
table copied into a .txt file), and leaves every other line as it is.
"""

from __future__ import annotations

import re

from services.core.vietnamese import fold

_GAP = re.compile(r"\S+(?: \S+)*")
_HEADER_WORDS = ("stt", "noi dung", "nhiem vu", "cong viec", "chu tri", "phoi hop", "thoi gian", "don vi",
                 "thoi han", "san pham", "ghi chu", "hoat dong")  # fmt: skip
_NUMBER = re.compile(r"^\d{1,3}\.?$")


def _segments(line: str) -> list[tuple[int, str]]:
    """(column, text) of the pieces of a layout line that two spaces or more keep apart."""
    return [(m.start(), m.group()) for m in _GAP.finditer(line)]


def _is_header(line: str) -> bool:
    segments = _segments(line)
    if len(segments) < 3:
        return False
    return sum(1 for _c, text in segments if fold(text).startswith(_HEADER_WORDS)) >= 2


def _in_table(line: str) -> bool:
    """A line of a table region: indented (a wrapped cell) or split into columns."""
    return bool(line.strip()) and (line[:1] == " " or len(_segments(line)) >= 2)


def table_lines(layout: str) -> list[str] | None:
    """The page's lines with each task table as tab-separated rows; None without a table."""
    lines = layout.split("\n")
    out: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        if not _is_header(lines[i]):
            out.append(lines[i].strip())
            i += 1
            continue
        start = i
        while start > 0 and out and lines[start - 1][:1] == " " and len(lines[start - 1].strip()) < 60:
            start -= 1  # the header's first line ("Thời gian hoàn") sits above it
            out.pop()
        end = i + 1
        first_width = _first_column_width(lines[i])
        starts = [c for c, _t in _segments(lines[i])]
        while end < len(lines) and _in_table(lines[end]) and not _leaves_table(lines[end], first_width, starts):
            end += 1
        rows = _rows(lines[start:end], i - start)
        if len(rows) >= 2:
            out += ["\t".join(row) for row in rows]
            found = True
        else:
            out += [line.strip() for line in lines[start:end]]
        i = end
    return out if found else None


def _first_column_width(header: str) -> int:
    segments = _segments(header)
    return segments[1][0] - segments[0][0] if len(segments) > 1 else 0


def _leaves_table(line: str, first_width: int, starts: list[int]) -> bool:
    """A heading ("III. TỔ CHỨC …"), a body line at the margin too long for the first column,
    or a justified body line whose wide gaps fall anywhere but at the columns."""
    from services.plan_import.outline import marker  # outline reads sources, which reads this

    if marker(line.strip()) is not None:
        return True
    segments = _segments(line)
    aligned = sum(1 for c, _t in segments if any(abs(c - s) <= 2 for s in starts))
    if len(segments) > len(starts) or aligned * 2 < len(segments):
        return True
    return line[:1] != " " and bool(segments) and len(segments[0][1]) > max(first_width, 6)


def _rows(region: list[str], header_at: int) -> list[list[str]]:
    """The table's rows: each anchored on the line whose first column holds its number;
    the lines of wrapped cells go to the row above or below as the cells are aligned."""
    columns = sorted({c for line in region[: header_at + 1] for c, _t in _segments(line)})
    columns = [c for i, c in enumerate(columns) if i == 0 or c - columns[i - 1] > 3]
    if len(columns) < 3:
        return []
    anchors = [header_at] + [
        k for k, line in enumerate(region) if k > header_at and _NUMBER.match(_cells(line, columns)[0])
    ]
    if len(anchors) < 2:
        return []
    # Cells aligned to the bottom put the wrapped lines above their row's number; to the top, below it.
    # A row's number stands beside the first line of its cells (aligned to the top: that line
    # starts a sentence) or beside the last (aligned to the bottom, as a header wrapped above its "STT").
    firsts = [_cells(region[k], columns)[1][:1] for k in anchors[1:]]
    bottom = header_at > 0 or sum(1 for c in firsts if c.isupper()) * 2 < len(firsts)
    groups: list[list[int]] = [[] for _ in anchors]
    for k in range(len(region)):
        index = _owner(k, anchors, bottom)
        groups[index].append(k)
    rows = []
    for group in groups:
        cells = [""] * len(columns)
        for k in group:
            for c, text in enumerate(_cells(region[k], columns)):
                if text:
                    cells[c] = f"{cells[c]} {text}".strip()
        rows.append(cells)
    return rows


def _owner(k: int, anchors: list[int], bottom: bool) -> int:
    if k in anchors:
        return anchors.index(k)
    if bottom:
        return next((i for i, a in enumerate(anchors) if a > k), len(anchors) - 1)
    return max((i for i, a in enumerate(anchors) if a < k), default=0)


def _cells(line: str, columns: list[int]) -> list[str]:
    cells = [""] * len(columns)
    for start, text in _segments(line):
        index = max((i for i, c in enumerate(columns) if c <= start + 2), default=0)
        cells[index] = f"{cells[index]} {text}".strip()
    return cells
