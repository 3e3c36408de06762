"""What every report kind shares: its options and small text helpers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from models.db import Database
from models.enums import SchoolLevel, UnitKind
from models.labels import DOC_TYPE_LABELS
from services.accounts.office import office_info
from services.core.vietnamese import format_document_date, format_number, format_percent
from services.plans.documents import DocumentRow
from services.printing.header import (
    HeaderOverrides,
    apply_overrides,
    default_header,
    recipients_for,
    sentence_name,
)
from services.printing.model import Block, Header


@dataclass
class ReportOptions:
    """The scope of a printout (``None``: the kind's default) and the header the officer edited."""

    document_id: str | None = None
    round_id: str | None = None
    unit_id: str | None = None
    as_of: dt.date | None = None  # the day lateness is counted to; the printing date by default
    header: HeaderOverrides = field(default_factory=HeaderOverrides)

    def day(self) -> dt.date:
        return self.header.date or dt.date.today()

    def today(self) -> dt.date:
        return self.as_of or self.day()


def office_header(db: Database, doc_type: str, options: ReportOptions, audience: str = "up") -> Header:
    """The office's header; Nơi nhận by ``audience``: ``up`` (a report to the body above) or
    ``units`` (a notice to the units it concerns)."""
    header = default_header(db, doc_type, options.day())
    header.recipients = recipients_for(
        header.recipients, kind_recipients(header, audience), upward=audience == "up"
    )
    return apply_overrides(header, options.header)


def kind_recipients(header: Header, audience: str) -> list[str]:
    if audience == "units":
        return ["Các đơn vị được giao nhiệm vụ"]
    if header.parent_body.strip():
        return [f"{sentence_name(header.parent_body)} (để báo cáo)"]
    return []


_LEVEL_WORDS = [  # longest first: "Trung học cơ sở" before "Trung học"
    ("trung học phổ thông", "THPT"),
    ("trung học cơ sở", "THCS"),
    ("tiểu học", "TH"),
    ("mầm non", "MN"),
    ("mẫu giáo", "MG"),
    ("nhà trẻ", "NT"),
    ("th&thcs", "TH&THCS"),
    ("thcs&thpt", "THCS&THPT"),
    ("thpt", "THPT"),
    ("thcs", "THCS"),
    ("mn", "MN"),
    ("th", "TH"),
]


def school_abbreviation(name: str) -> str:
    """``Trường Tiểu học Tân Phú Trung`` → ``THTPT``; ``Trường THCS Bàu Sim`` → ``THCSBS``.

    The way schools write their own symbol (``Số: 05/BC-THTPT``): the level's letters, then
    the first letter of each word of the proper name (Đ kept). Not a school name: initials.
    """
    words = " ".join(name.split())
    rest = re.sub(r"^trường\s+", "", words, flags=re.IGNORECASE)
    level = ""
    for phrase, abbr in _LEVEL_WORDS:
        if rest.lower().startswith(phrase + " "):
            level, rest = abbr.replace("&", ""), rest[len(phrase) :]
            break
    initials = "".join(w[0].upper() for w in re.split(r"[\s\-–]+", rest) if w and w[0].isalpha())
    return level + initials


def office_id(db: Database) -> str:
    return office_info(db).id


def office_name(db: Database) -> str:
    """The office as a sentence names it: ``Phòng Giáo dục và Đào tạo huyện Củ Chi``."""
    return office_info(db).name


_ROMAN = re.compile(r"^[IVXLC]+$")
_SUB = re.compile(r"^\d+(\.\d+)+$")


def heading_block(number: str, heading: str, depth: int) -> Block:
    """A heading in the plan's own numbering: ``I.`` upper bold, ``1.`` bold, ``1.1.`` bold italic, ``a)``."""
    number = number.strip().rstrip(".)")
    heading = " ".join(heading.split())
    if _ROMAN.match(number):
        return Block(f"{number}. {heading.upper()}", "heading1")
    if number.isdigit():
        return Block(f"{number}. {heading}", "heading2")
    if _SUB.match(number):
        return Block(f"{number}. {heading}", "heading3")
    if len(number) == 1 and number.isalpha():
        return Block(f"{number}) {heading}", "body")
    if number:
        return Block(f"{number}. {heading}", "heading1" if depth == 0 else "heading2")
    return Block(heading, "heading1" if depth == 0 else "heading2")


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of stored text; lines that start with ``-`` or ``+`` stay bullets."""
    blocks: list[Block] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if line[0] in "-–•":
            blocks.append(Block("- " + line[1:].strip(), "bullet"))
        elif line[0] == "+":
            blocks.append(Block("+ " + line[1:].strip(), "plus"))
        else:
            blocks.append(Block(line))
    return blocks


def document_reference(doc: DocumentRow) -> str:
    """``Kế hoạch số 123/KH-UBND ngày 19 tháng 9 năm 2023 của Ủy ban nhân dân huyện Củ Chi``."""
    label = DOC_TYPE_LABELS.get(doc.doc_type, "Văn bản")
    parts = [f"{label} số {doc.reference}" if doc.number else f"{label} {doc.reference}".strip()]
    if doc.issued_on:
        parts.append(format_document_date(doc.issued_on))
    if doc.issuer:
        parts.append(f"của {doc.issuer}")
    return " ".join(parts)


def number(value: float | int | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


def date_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


_LEVEL_ORDER = list(SchoolLevel)


def unit_summary(units: list[tuple[str, UnitKind, SchoolLevel | None]], limit: int = 8) -> str:
    """Names when few; otherwise schools counted by level and the other units named.

    A task given to 300 schools prints ``Các trường MN (120), TH (110), THCS (70)`` rather
    than a cell taller than a page.
    """
    names = [name for name, _kind, _level in units]
    if len(units) <= limit:
        return "; ".join(names)
    schools = [(n, lv) for n, k, lv in units if k == UnitKind.SCHOOL]
    others = [n for n, k, _lv in units if k != UnitKind.SCHOOL]
    counts: dict[str, int] = {}
    for _name, level in schools:
        key = level.value if level else "khác"
        counts[key] = counts.get(key, 0) + 1
    order = {lv.value: i for i, lv in enumerate(_LEVEL_ORDER)}
    parts = []
    if counts:
        levels = ", ".join(
            f"{k} ({v})" for k, v in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))
        )
        parts.append(f"Các trường {levels}")
    if len(others) > limit:
        parts.append(f"{others[0]} và {len(others) - 1} đơn vị khác")
    else:
        parts += others
    return "; ".join(parts)
