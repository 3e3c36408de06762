"""Header fields of a printout: the office's print settings, then what the officer changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from models.db import Database
from models.errors import EduDeskError
from services.accounts.office import PrintSettings, get_print_settings
from services.core.vietnamese import fold
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
    signer_authority: str | None = None  # "", "TM.", "KT.", "Q.": with signer_title, the signing lines
    signer_title: str | None = None
    signer_name: str | None = None
    recipients: list[str] | None = field(default=None)
    subject: str | None = None  # trích yếu as the officer wrote it


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
    """The office's own header for a new printout of ``doc_type`` (BC, TB, KH …).

    What the settings leave blank comes from the office itself, so a school set up from its
    district's bundle prints ``Số: …/BC-MNAP``, ``Củ Chi, ngày …`` and its head's name."""
    header = header_from_settings(get_print_settings(db), doc_type, day)
    if not header.abbreviation and header.issuing_body:
        from services.printing.common import school_abbreviation

        header.abbreviation = school_abbreviation(header.issuing_body)
    if not header.place:
        header.place = place_of(header.parent_body) or place_of(header.issuing_body)
    if not header.signer_name:
        header.signer_name = _office_head(db)
    return header


def place_of(body: str) -> str:
    """``Củ Chi`` from ``PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CỦ CHI`` (the place line's name)."""
    words = f" {' '.join(body.upper().split())} "
    for marker in (" HUYỆN ", " QUẬN ", " THỊ XÃ ", " THÀNH PHỐ ", " TỈNH "):
        if marker in words:
            return sentence_name(words.rpartition(marker)[2].strip())
    return ""


def _office_head(db: Database) -> str:
    from services.accounts.office import office_info
    from services.accounts.orgunits import get_unit

    try:
        return get_unit(db, office_info(db).id).head_name
    except EduDeskError:  # an office without its own unit row
        return ""


_NOT_HEADER = ("signer_authority", "signer_title", "subject")


def apply_overrides(header: Header, overrides: HeaderOverrides | None) -> Header:
    if overrides is None:
        return header
    changes = {f.name: getattr(overrides, f.name) for f in fields(overrides) if f.name not in _NOT_HEADER}
    changes = {k: v for k, v in changes.items() if v is not None}
    if overrides.signer_title is not None or overrides.signer_authority is not None:
        title = overrides.signer_title or _title_of(header.signer_lines)
        body = changes.get("issuing_body", header.issuing_body)
        changes["signer_lines"] = signer_lines(overrides.signer_authority or "", title, body)
    if "date" in changes:  # a date the officer typed replaces a blank one
        changes["date_text"] = ""
    return replace(header, **changes)


def _title_of(lines: list[str]) -> str:
    """The signer's own title from signing lines: the last line without its TM./KT./Q. prefix."""
    last = lines[-1] if lines else ""
    for prefix in ("TM. ", "KT. ", "Q. ", "TL. ", "TUQ. "):
        last = last.removeprefix(prefix)
    return last


_LOWER_WORDS = {
    "BAN", "NHÂN", "DÂN", "GIÁO", "DỤC", "VÀ", "ĐÀO", "TẠO", "HUYỆN", "QUẬN", "TỈNH", "THỊ", "XÃ",
    "TRẤN", "THÀNH", "PHỐ", "PHÒNG", "SỞ", "TRƯỜNG", "BỘ",
}  # fmt: skip


_PHRASES = (  # written as a name writes them, before the word-by-word rule
    ("GIÁO DỤC VÀ ĐÀO TẠO", "Giáo_dục và Đào_tạo"),
    ("ỦY BAN NHÂN DÂN", "Ủy_ban_nhân_dân"),
    ("MẦM NON", "Mầm_non"),
    ("MẪU GIÁO", "Mẫu_giáo"),
    ("TIỂU HỌC", "Tiểu_học"),
    ("TRUNG HỌC CƠ SỞ", "Trung_học_cơ_sở"),
    ("TRUNG HỌC PHỔ THÔNG", "Trung_học_phổ_thông"),
)


def sentence_name(upper: str) -> str:
    """``UBND HUYỆN CỦ CHI`` → ``UBND huyện Củ Chi``: a body named in a recipient line."""
    text = " ".join(upper.split())
    for phrase, written in _PHRASES:
        text = text.replace(phrase, written)
    out = []
    for index, word in enumerate(text.split()):
        if not word.isupper():  # written by a phrase above
            out.append(word)
            continue
        if (
            len(word) > 2
            and word.isupper()
            and not any(c in "aeiouy" for c in fold(word[1:]))  # no vowel after the first letter
            and word not in _LOWER_WORDS
        ):
            out.append(word)  # an abbreviation: UBND, GDĐT
        elif word in _LOWER_WORDS:
            out.append(word.capitalize() if index == 0 else word.lower())
        else:
            out.append(word.capitalize())
    return " ".join(out).replace("_", " ")


def is_as_above(recipient: str) -> bool:
    return recipient.strip().lstrip("-").strip().rstrip(";.").lower() == "như trên"


_DOWNWARD = ("các trường", "các đơn vị", "các cơ sở", "hiệu trưởng", "trường ", "ubnd các xã", "các xã")


def recipients_for(configured: list[str], kind_default: list[str], upward: bool = False) -> list[str]:
    """Nơi nhận by the kind of document: the office's own list when it names real recipients,
    else the kind's (a report going up names the body above, a notice the units it concerns),
    with the office's ``Lưu`` line; ``upward`` puts the body above first and leaves out the
    schools and units (whom a notice addresses, not a report). ``Như trên`` only stands under a ``Kính gửi``, which none of
    these documents has, so it goes."""
    listed = [r for r in configured if r.strip() and not is_as_above(r)]
    archive = [r for r in listed if r.strip().lower().startswith("lưu")]
    real = [r for r in listed if r not in archive]
    if upward:  # a report going up: the body above first, never the schools it reports on
        real = [r for r in real if not r.strip().lower().startswith(_DOWNWARD)]
        return [*kind_default, *(r for r in real if r not in kind_default)] + (archive or ["Lưu: VT"])
    return (real or kind_default) + (archive or ["Lưu: VT"])
