"""A stored document's own text, cut into the parts a reprint needs (PRINT_SPEC: the plan itself).

The imported text runs: header lines, the type name (``KẾ HOẠCH``), the title, the body,
``Nơi nhận:`` with the recipients, the signer, then whatever the document attaches (an
``ĐỀ CƯƠNG BÁO CÁO``, a ``PHỤ LỤC``). The reprint prints the body line for line and the
attachments after the signature, each on its own page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.core.vietnamese import fold
from services.printing.model import Block, BlockStyle, TableBlock

_HEADING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?)\s")
_LETTER = re.compile(r"^[a-zđ]\)\s")
_SUB = re.compile(r"^\d+\.\d+")
_ROMAN = re.compile(r"^[IVXLC]+\.\s")
_LONGEST_HEADING = 400  # without an outline, a longer numbered line is a paragraph


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _key(text: str) -> str:
    return " ".join(fold(text).replace(".", " ").replace(")", " ").split())


_BLANK_DATE = re.compile(r"ngày\s+tháng\s+năm\s+(\d{4})", re.IGNORECASE)


def blank_date(text: str) -> str:
    """``ngày    tháng    năm 2023`` when the document's own date line leaves day and month blank."""
    for line in lines(text)[:8]:
        found = _BLANK_DATE.search(line)
        if found:
            return f"ngày {' ' * 6}tháng {' ' * 6}năm {found[1]}"
    return ""


def after_title(text: list[str], type_name: str, title: str) -> int | None:
    """Index of the first body line: after the type name and the title lines; ``None`` if not found."""
    wanted = _key(title)
    for index, line in enumerate(text[:20]):
        if not type_name or line.upper() != type_name:
            continue
        seen, at = "", index + 1
        while at < len(text) and wanted.startswith(_key(f"{seen} {text[at]}")) and wanted:
            seen, at = f"{seen} {text[at]}", at + 1
        return at
    return None


def closing_start(text: list[str], start: int) -> int:
    return next((i for i in range(start, len(text)) if fold(text[i]).startswith("noi nhan")), len(text))


def fold_heading(text: str) -> str:
    return _key(text)


def blocks(text: list[str], headings: set[str]) -> list[Block | TableBlock]:
    """Lines as printed paragraphs: the outline's headings bold in their own numbering, the rest as is."""
    out: list[Block | TableBlock] = []
    for line in text:
        if line[0] in "-–•":
            out.append(Block("- " + line[1:].strip(), "bullet"))
        elif line[0] == "+":
            out.append(Block("+ " + line[1:].strip(), "plus"))
        elif _is_heading(line, headings):
            style: BlockStyle = "heading1" if _ROMAN.match(line) else "heading3" if _SUB.match(line) else "heading2"
            out.append(Block(line, style))
        else:
            out.append(Block(line))
    return out


def _is_heading(line: str, headings: set[str]) -> bool:
    if _LETTER.match(line) or not _HEADING.match(line):
        return False
    if headings:
        return _key(line) in headings
    return len(line) <= _LONGEST_HEADING


@dataclass
class Attachment:
    title: str
    subtitle: str = ""
    note: str = ""
    lines: list[str] = field(default_factory=list)


def attachments(tail: list[str], signer_name: str) -> list[Attachment]:
    """What follows the signer's name: each part opens with an UPPERCASE title line."""
    if not tail:
        return []
    name = _key(signer_name)
    at = next((i + 1 for i, line in enumerate(tail) if name and _key(line) == name), None)
    if at is None:  # no signer name: after the recipients and the UPPERCASE signing lines
        at = 1
        while at < len(tail) and tail[at][0] in "-–•":
            at += 1
        while at < len(tail) and tail[at].isupper():
            at += 1
        at += 1  # the name
    parts: list[Attachment] = []
    for line in tail[at:]:
        opens = line.isupper() and not _HEADING.match(line) and len(line) < 120
        if not parts or (opens and parts[-1].lines):
            parts.append(Attachment(line))
        elif not parts[-1].lines and not parts[-1].note and line.startswith("("):
            parts[-1].note = line
        elif (
            not parts[-1].lines and not parts[-1].subtitle and not parts[-1].note and not _HEADING.match(line)
        ):
            parts[-1].subtitle = line
        else:
            parts[-1].lines.append(line)
    return parts
