"""Checks on an Office package (.xlsx, .docx) before openpyxl or python-docx parses it.

An Office file never declares a DTD; one that does is either broken or an attack
(entity expansion, external entities). Every decompression is capped before anything
is unpacked: the sizes the package declares (zipfile never reads past them), the
packing ratio, and the number of XML elements the parser would build (a tree costs
hundreds of bytes per element, so a 1 MB package of empty paragraphs would take
gigabytes). Each XML member is scanned in bounded chunks, in UTF-8 and UTF-16, so the
refusal costs no more memory than a chunk.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from models.errors import ValidationError

_CHUNK = 256 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one unpacked part (a sheet, document.xml, a picture)
MAX_TOTAL_BYTES = 160 * 1024 * 1024  # every part unpacked
MAX_RATIO = 200  # Office XML packs 5-20 times, pictures about once; a bomb packs about 1000 times
RATIO_FROM = 2 * 1024 * 1024  # small parts may pack as tightly as they like
MAX_XML_ELEMENTS = 1_000_000  # tags in all XML parts: a 100-page plan has ~125,000
_MARKERS = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")]
_OVERLAP = max(len(m) for m in _MARKERS)


def _scan(archive: zipfile.ZipFile, member: str) -> tuple[bool, int]:
    """(declares a DTD, number of '<') of one XML part, read in chunks."""
    tail, tags = b"", 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            tags += chunk.count(b"<")
            window = (tail + chunk).upper()
            if any(marker in window for marker in _MARKERS):
                return True, tags
            tail = window[-_OVERLAP:]
    return False, tags


def _too_big(what: str, member: str, place: str, english: str) -> ValidationError:
    return ValidationError(
        f"Tệp {what} giải nén ra quá lớn ({member}); có thể là tệp nén độc hại. Tệp bị từ chối, không nhập gì.",
        f"The {english} file unpacks too large ({member}); refused, nothing imported.",
        place,
    )


def _check_sizes(archive: zipfile.ZipFile, what: str, english: str, place: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _too_big(what, f"{len(infos)} thành phần", place, english)
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > RATIO_FROM and info.file_size / packed > MAX_RATIO):
            raise _too_big(what, f"«{info.filename}» {info.file_size // (1024 * 1024):,} MB".replace(",", "."),
                           place, english)  # fmt: skip
        if total > MAX_TOTAL_BYTES:
            raise _too_big(what, f"tổng {total // (1024 * 1024):,} MB".replace(",", "."), place, english)


def check_package(archive: zipfile.ZipFile, place: str, *, what: str = "Excel", english: str = "Excel") -> None:
    """Refuse, before any parser runs, a package that unpacks too large or declares a DTD."""
    _check_sizes(archive, what, english, place)
    elements = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        declares, tags = _scan(archive, info.filename)
        if declares:
            raise ValidationError(
                f"Tệp {what} có khai báo DOCTYPE/ENTITY trong «{info.filename}» (không phải tệp {what} "
                "bình thường); tệp bị từ chối, không nhập gì.",
                f"The {english} file declares a DOCTYPE/ENTITY in {info.filename}; refused, nothing imported.",
                place,
            )
        elements += tags
        if elements > MAX_XML_ELEMENTS:
            raise _too_big(what, f"quá {MAX_XML_ELEMENTS:,} phần tử XML".replace(",", "."), place, english)


def refuse_dtd(path: Path, place: str) -> None:
    """Raise a plain refusal when the workbook unpacks too large or an XML part declares a DTD."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_package(archive, place)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        zlib.error,
    ) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError(
            "Không mở được tệp Excel (.xlsx): tệp hỏng hoặc không phải .xlsx.",
            f"Cannot open the Excel file ({exc.__class__.__name__}).",
            place,
        ) from None
