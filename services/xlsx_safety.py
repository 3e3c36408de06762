"""Checks on an .xlsx before openpyxl parses it: no DOCTYPE or ENTITY in any XML part.

An Office workbook never declares a DTD; one that does is either broken or an attack
(entity expansion, external entities). Each XML member is scanned in bounded chunks,
in UTF-8 and UTF-16, so the refusal costs no more memory than a chunk.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from models.errors import ValidationError

_CHUNK = 256 * 1024
_MARKERS = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")]
_OVERLAP = max(len(m) for m in _MARKERS)


def _declares_dtd(archive: zipfile.ZipFile, member: str) -> bool:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = (tail + chunk).upper()
            if any(marker in window for marker in _MARKERS):
                return True
            tail = window[-_OVERLAP:]
    return False


def refuse_dtd(path: Path, place: str) -> None:
    """Raise a plain refusal when an XML part of the workbook declares a DOCTYPE or an ENTITY."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_dtd(
                    archive, info.filename
                ):
                    raise ValidationError(
                        f"Tệp Excel có khai báo DOCTYPE/ENTITY trong «{info.filename}» (không phải tệp Excel "
                        "bình thường); tệp bị từ chối, không nhập gì.",
                        f"The workbook declares a DOCTYPE/ENTITY in {info.filename}; refused, nothing imported.",
                        place,
                    )
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
