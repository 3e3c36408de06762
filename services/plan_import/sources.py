"""Reading a plan file into plain paragraphs: .txt, .docx (python-docx) and .pdf (pypdf).

Whatever the format, the result is a list of ``Block``: a paragraph of text, or a
table (rows of cell texts). Word's automatic numbering is rendered into the text
("II. ", "1.2. ", "a) ", "- ") so that the outline parser sees typed and automatic
numbers alike. Bad input (empty, binary, a fake .docx, too large, a legacy or
unknown encoding) raises ``PlanImportError`` with a plain Vietnamese message.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from models.errors import ValidationError
from services.core.xlsx_safety import check_package
from services.plan_import.encodings import LEGACY_NAMES, convert_legacy, decode_legacy, not_vietnamese
from services.plan_import.errors import PlanImportError
from services.plan_import.pdf_tables import table_lines
from services.plan_import.repair import repair_lines

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a long plan is 100 KB of text
MAX_PACKED_BYTES = 30 * 1024 * 1024  # a .docx or .pdf with pictures
MAX_XML_BYTES = 40 * 1024 * 1024  # the unpacked document.xml (zip bombs)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Block:
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table when not empty

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@dataclass
class Source:
    name: str
    format: str  # txt, docx, pdf
    encoding: str
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)  # what reading changed (a conversion, a repair)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def read_source(name: str, data: bytes) -> Source:
    """Recognise the format by content (the extension only breaks ties) and read it."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise PlanImportError("Tệp rỗng, không có nội dung để nhập.", "The file is empty.", name)
    lower = name.lower()
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(name, data)
    if data.startswith(b"%PDF-"):
        return _read_pdf(name, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError(
            "Đây là tệp Word 97-2003 (.doc); hãy mở bằng Word và lưu lại dạng .docx rồi nhập lại.",
            "This is a Word 97-2003 (.doc) file; save it as .docx and import again.",
            name,
        )
    if lower.endswith(".docx"):
        raise PlanImportError(
            "Tệp có đuôi .docx nhưng không phải tài liệu Word (.docx) hợp lệ.",
            "The file is named .docx but is not a valid Word document.",
            name,
        )
    if lower.endswith(".pdf"):
        raise PlanImportError(
            "Tệp có đuôi .pdf nhưng không phải tệp PDF hợp lệ.",
            "The file is named .pdf but is not a PDF.",
            name,
        )
    return _read_text(name, data)


# --- plain text --------------------------------------------------------------------


def _read_text(name: str, data: bytes) -> Source:
    if len(data) > MAX_TEXT_BYTES:
        raise PlanImportError(
            f"Tệp văn bản quá lớn ({_mb(len(data))} MB); một kế hoạch chỉ vài trăm KB, "
            f"giới hạn là {_mb(MAX_TEXT_BYTES)} MB.",
            f"The text file is too large ({len(data)} bytes; the limit is {MAX_TEXT_BYTES}).",
            name,
        )
    text, encoding = decode_text(name, data)
    notes = [_converted(encoding)] if encoding in LEGACY_NAMES else []
    lines = text.split("\n")
    if _looks_like_pdf_text(lines):  # text copied out of a PDF keeps the PDF's damage
        lines, repaired = repair_lines([lines])
        notes += [_repaired(repaired)] if repaired else []
    _check_vietnamese(name, "\n".join(lines))
    return Source(name, "txt", encoding, text_blocks(lines), notes)


def _table_cells(line: str) -> list[str] | None:
    """The cells of a table row copied as text: tab-separated, or between "|" bars."""
    if line.count("\t") >= 2:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 4:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


def text_blocks(lines: list[str]) -> list[Block]:
    """Lines as blocks; two rows or more of a table (see ``_table_cells``) make a table block."""
    blocks: list[Block] = []
    run: list[list[str]] = []
    for line in [*lines, ""]:
        cells = _table_cells(line)
        if cells is not None and not re.fullmatch(r"[-:|\s]+", line):
            run.append(cells)
            continue
        if cells is not None:
            continue  # the "|---|---|" rule under a header
        if len(run) >= 2:
            blocks.append(Block(rows=run))
        else:
            blocks += [Block("   ".join(row)) for row in run]
        run = []
        blocks.append(Block(line))
    return blocks[:-1]



def _converted(encoding: str) -> str:
    return (
        f"Tệp được gõ theo bảng mã cũ {encoding}; EduDesk đã chuyển sang Unicode. "
        "Hãy soát lại chữ có dấu trước khi lưu."
    )


def _repaired(kinds: list[str]) -> str:
    return "Lớp chữ của tệp PDF bị lỗi, EduDesk đã sửa: " + "; ".join(kinds) + ". Hãy soát lại trước khi lưu."


def _looks_like_pdf_text(lines: list[str]) -> bool:
    text = "\n".join(lines)
    return "\u01a3" in text or bool(re.search(r"\s[\u0300\u0301\u0303\u0309\u0323]", text)) or len(
        re.findall(r"(?<!\w)(?:c|s|ng|nh|th|tr|ch|h|đ|b|v|k|l|m|t) [ủơàáạảãọóòỏõớờởợụứừửữựếềểễệấầẩẫậ]", text)
    ) >= 3


def _check_vietnamese(name: str, text: str) -> None:
    """Refuse a text that lost its diacritics (an OCR layer) or is not Vietnamese at all."""
    reason = not_vietnamese(text)
    if reason == "no-diacritics":
        raise PlanImportError(
            "Văn bản không có dấu tiếng Việt (thường là lớp chữ do máy nhận dạng từ bản quét, đã mất dấu). "
            "Nhập như vậy sẽ sai tên nhiệm vụ và đơn vị: hãy dùng bản Word hoặc PDF xuất trực tiếp từ Word.",
            "The text has no Vietnamese diacritics (an OCR layer that lost them); use the Word file.",
            name,
        )
    if reason == "foreign":
        raise PlanImportError(
            "Văn bản không phải tiếng Việt (hoặc bị hỏng mã chữ); EduDesk không nhập được. "
            "Hãy kiểm tra lại tệp đã chọn.",
            "The text is not Vietnamese (or its characters are garbled).",
            name,
        )


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) or UTF-16 (BOM, or recognisable by its zero bytes)."""
    encoding = ""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise PlanImportError(
                f"Tệp ghi theo {encoding.upper()} nhưng bị hỏng ở byte {exc.start}.",
                f"The file is {encoding} but broken at byte {exc.start}.",
                name,
            ) from exc
        return _check_text(name, text), encoding.removesuffix("-sig")
    if b"\x00" in data:
        raise _binary(name)
    try:
        return _check_text(name, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(_CONTROL.findall(data.decode("latin-1"))) > max(2, len(data) // 200):
        raise _binary(name)
    legacy = decode_legacy(data)
    if legacy:  # the tables are known: convert (and say so) rather than refuse
        text, encoding = legacy
        return _check_text(name, text), encoding
    raise PlanImportError(
        "Không nhận ra bảng mã của tệp văn bản (không phải UTF-8, UTF-16, TCVN3 hay VNI). "
        "Hãy lưu lại tệp dưới dạng Unicode (UTF-8) rồi nhập lại.",
        "Unknown text encoding (not UTF-8, UTF-16, TCVN3 or VNI); save the file as UTF-8.",
        name,
    )


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > half * 0.3 and min(even, odd) < half * 0.02


def _check_text(name: str, text: str) -> str:
    if len(_CONTROL.findall(text[:200000])) > max(2, len(text[:200000]) // 200):
        raise _binary(name)
    if not text.strip(" \t\r\n\ufeff"):
        raise PlanImportError("Tệp không có nội dung chữ.", "The file holds no text.", name)
    return text


def _binary(name: str) -> PlanImportError:
    return PlanImportError(
        "Tệp không phải là văn bản (có vẻ là tệp nhị phân, ảnh hoặc tệp nén). Hãy chọn tệp .txt, "
        ".docx hoặc .pdf của kế hoạch.",
        "This is not a text file (it looks binary); choose the plan's .txt, .docx or .pdf.",
        name,
    )


# --- Word -----------------------------------------------------------------------------


def _read_docx(name: str, data: bytes) -> Source:
    if len(data) > MAX_PACKED_BYTES:
        raise PlanImportError(
            f"Tệp quá lớn ({_mb(len(data))} MB); giới hạn là {_mb(MAX_PACKED_BYTES)} MB.",
            f"The file is too large ({len(data)} bytes).",
            name,
        )
    not_word = PlanImportError(
        "Tệp không phải tài liệu Word (.docx) hợp lệ (hỏng hoặc là tệp nén khác).",
        "The file is not a valid Word (.docx) document.",
        name,
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise PlanImportError(
                    "Nội dung tài liệu Word quá lớn khi giải nén.",
                    "The Word document unpacks too large.",
                    name,
                )
            _check_package(archive, name)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
            zlib.error) as exc:  # fmt: skip
        raise not_word from exc
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise not_word from exc
    from services.plan_import.wordnum import docx_blocks

    blocks = docx_blocks(document)
    if not any(b.text.strip() or b.rows for b in blocks):
        raise PlanImportError(
            "Tài liệu Word không có nội dung chữ.", "The Word document holds no text.", name
        )
    blocks, legacy = _convert_blocks(blocks)
    _check_vietnamese(name, "\n".join(b.text for b in blocks))
    return Source(name, "docx", legacy or "docx", blocks, [_converted(legacy)] if legacy else [])


def _check_package(archive: zipfile.ZipFile, name: str) -> None:
    """Every part capped before python-docx unpacks any (a 1 MB bomb would take gigabytes)."""
    try:
        check_package(archive, name, what="Word", english="Word")
    except ValidationError as exc:
        raise PlanImportError(exc.message, exc.english, exc.place) from None


def _convert_blocks(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """Paragraphs and table cells typed in .VnTime or VNI fonts, in Unicode."""
    texts = [b.text for b in blocks] + [c for b in blocks for row in b.rows for c in row]
    converted, legacy = convert_legacy(texts)
    if legacy is None:
        return blocks, None
    lookup = dict(zip(texts, converted, strict=True))
    return [
        Block(lookup.get(b.text, b.text), [[lookup.get(c, c) for c in row] for row in b.rows]) for b in blocks
    ], legacy


# --- PDF --------------------------------------------------------------------------------


def _read_pdf(name: str, data: bytes) -> Source:
    if len(data) > MAX_PACKED_BYTES:
        raise PlanImportError(
            f"Tệp quá lớn ({_mb(len(data))} MB); giới hạn là {_mb(MAX_PACKED_BYTES)} MB.",
            f"The file is too large ({len(data)} bytes).",
            name,
        )
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise PlanImportError(
            "Bản EduDesk này chưa đọc được PDF (thiếu thư viện pypdf). Hãy dùng tệp .docx hoặc .txt.",
            "This EduDesk build cannot read PDF (pypdf is missing); use .docx or .txt.",
            name,
        ) from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_page_lines(page) for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise PlanImportError(
            "Tệp PDF bị hỏng hoặc được bảo vệ, không đọc được.", "The PDF is damaged or protected.", name
        ) from exc
    text = "\n".join(line for page in pages for line in page)
    if len(text.strip()) < 20:
        raise PlanImportError(
            "Tệp PDF là bản quét (chỉ có hình ảnh, không có lớp chữ); EduDesk không nhận dạng chữ từ ảnh. "
            "Hãy dùng bản Word hoặc PDF xuất trực tiếp từ Word.",
            "The PDF is a scan without a text layer; use the Word file or a PDF exported from Word.",
            name,
        )
    lines, repaired = repair_lines(pages)
    lines, legacy = convert_legacy(lines)  # a PDF made from a .VnTime document
    notes = [_repaired(repaired)] if repaired else []
    notes += [_converted(legacy)] if legacy else []
    _check_vietnamese(name, "\n".join(lines))
    return Source(name, "pdf", legacy or "pdf", text_blocks(lines), notes)


def _page_lines(page: Any) -> list[str]:
    """A page's lines; a page with a task table is read from its layout so the rows survive."""
    plain = (page.extract_text() or "").split("\n")
    if sum(1 for line in plain if len(line.split()) <= 4) < 6:
        return plain  # one cell per line is what a table looks like in plain extraction
    try:
        rebuilt = table_lines(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # the layout mode is newer and less tried; the plain text stays usable
        return plain
    return rebuilt if rebuilt is not None else plain
