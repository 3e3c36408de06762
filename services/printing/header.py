"""Header fields of a printout: the office's print settings, then what the officer changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from models.db import Database
from services.office import PrintSettings, get_print_settings
from services.printing.model import Header


@dataclass
class HeaderOverrides:
    """What the officer typed before printing; ``None`` keeps the default."""

    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    parent_body: str | None = None
    issuing_body: str | None = None
    signer_lines: list[str] | None = None
    signer_name: str | None = None
    recipients: list[str] | None = field(default=None)


def signer_lines(authority: str, title: str, body: str = "") -> list[str]:
    """The signing lines of PRINT_SPEC: ``TRƯỞNG PHÒNG``; ``KT. TRƯỞNG PHÒNG`` over ``PHÓ TRƯỞNG PHÒNG``;
    ``TM. ỦY BAN NHÂN DÂN`` over ``CHỦ TỊCH``; ``Q. TRƯỞNG PHÒNG``."""
    title = " ".join(title.upper().split())
    head = title.removeprefix("PHÓ ").strip()
    words = authority.upper().replace(".", ". ").split()
    lines: list[str] = []
    if "TM." in words:
        lines.append(f"TM. {_collective(body)}")
    if "KT." in words:
        lines += [f"KT. {head}", title]
    elif "Q." in words:
        lines.append(f"Q. {title}")
    elif "TL." in words or "TUQ." in words:
        lines.append(f"{words[-1]} {title}")
    else:
        lines.append(title)
    return [line for line in lines if line.strip()]


def _collective(body: str) -> str:
    """``ỦY BAN NHÂN DÂN HUYỆN CỦ CHI`` signs collectively as ``ỦY BAN NHÂN DÂN``."""
    body = " ".join(body.upper().split())
    for name in ("ỦY BAN NHÂN DÂN", "UBND"):
        if body.startswith(name):
            return "ỦY BAN NHÂN DÂN"
    return body or "CƠ QUAN"


def header_from_settings(settings: PrintSettings, doc_type: str, day: dt.date | None = None) -> Header:
    return Header(
        parent_body=settings.parent_body,
        issuing_body=settings.issuing_body,
        abbreviation=settings.abbreviation,
        doc_type=doc_type,
        place=settings.place,
        date=day or dt.date.today(),
        signer_lines=signer_lines(settings.signer_authority, settings.signer_title, settings.issuing_body),
        signer_name=settings.signer_name,
        recipients=list(settings.recipients),
    )


def default_header(db: Database, doc_type: str, day: dt.date | None = None) -> Header:
    """The office's own header for a new printout of ``doc_type`` (BC, TB, KH …)."""
    return header_from_settings(get_print_settings(db), doc_type, day)


def apply_overrides(header: Header, overrides: HeaderOverrides | None) -> Header:
    if overrides is None:
        return header
    changes = {f.name: getattr(overrides, f.name) for f in fields(overrides)}
    changes = {k: v for k, v in changes.items() if v is not None}
    if "date" in changes:  # a date the officer typed replaces a blank one
        changes["date_text"] = ""
    return replace(header, **changes)
