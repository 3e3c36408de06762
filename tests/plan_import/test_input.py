"""Bad input is refused with a plain Vietnamese reason naming the file: empty, binary, a fake
.docx, too large, a legacy or unknown encoding, an old .doc, a PDF without text."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from services.demo.district import sample_plans_dir
from services.plan_import import PlanImportError, parse_plan, parse_plan_file
from services.plan_import.encodings import detect_legacy, encode_legacy

SAMPLE = sorted(sample_plans_dir().glob("*.txt"))[0]


def _refused(name: str, data: bytes) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        parse_plan(name, data)
    error = caught.value
    assert error.place == name and error.english and error.message != error.english
    return error


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  ", b"\xef\xbb\xbf\n\n"])
def test_an_empty_file(data: bytes) -> None:
    assert "rỗng" in _refused("trong.txt", data).message


def test_a_binary_file() -> None:
    noise = random.Random(4).randbytes(5000)
    assert "không phải là văn bản" in _refused("anh.txt", b"\x89PNG\r\n\x1a\n" + noise).message
    assert "không phải là văn bản" in _refused("so-lieu.txt", noise).message


def test_a_fake_word_document() -> None:
    assert "không phải tài liệu Word" in _refused("ke-hoach.docx", SAMPLE.read_bytes()).message
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "không phải Word")
    assert "không phải tài liệu Word" in _refused("ke-hoach.docx", other_zip.getvalue()).message
    broken = bytearray(other_zip.getvalue())
    broken[10:40] = b"\x00" * 30
    assert "không phải tài liệu Word" in _refused("hong.docx", b"PK\x03\x04" + bytes(broken[4:])).message


def test_an_old_word_file_is_named() -> None:
    assert ".doc" in _refused("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600).message


def test_a_50_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "qua-lon.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(PlanImportError) as caught:
        parse_plan_file(big)
    assert "quá lớn" in caught.value.message and "50,0 MB" in caught.value.message
    assert "quá lớn" in _refused("lon.txt", b"a" * (6 * 1024 * 1024)).message


@pytest.mark.parametrize(("encoding", "name"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_a_legacy_vietnamese_encoding_is_converted_and_named(encoding: str, name: str) -> None:
    # Issue 21: the tables are known, so the text is converted (and the officer told), not refused.
    data = encode_legacy(SAMPLE.read_text(encoding="utf-8"), encoding)
    assert detect_legacy(data) is not None and name in detect_legacy(data)
    plan = parse_plan("cu.txt", data)
    unicode = parse_plan(SAMPLE.name, SAMPLE.read_bytes())
    assert name in plan.encoding and any(name in w and "Unicode" in w for w in plan.warnings)
    assert len(plan.tasks) == len(unicode.tasks)
    # The legacy tables have no "–" or "“": those few titles come back with "?" in place.
    same = sum(a.title == b.title for a, b in zip(plan.tasks, unicode.tasks, strict=True))
    assert same >= 0.9 * len(unicode.tasks)


def test_an_unknown_encoding() -> None:
    french = "Le règlement intérieur prévoit des réunions trimestrielles à l'école élémentaire. " * 20
    assert "Không nhận ra bảng mã" in _refused("fr.txt", french.encode("cp1252")).message
    japanese = "学校の年間計画と報告書の提出期限について。" * 30
    assert "Không nhận ra bảng mã" in _refused("jp.txt", japanese.encode("shift_jis")).message


def test_utf16_without_a_byte_order_mark_is_still_read() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    plan = parse_plan("utf16.txt", text.encode("utf-16-le"))
    assert plan.encoding == "utf-16-le" and plan.tasks


def test_the_format_is_recognised_by_content_not_by_name() -> None:
    plan = parse_plan("ke-hoach.dat", SAMPLE.read_bytes())
    assert plan.format == "txt" and plan.tasks


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanImportError, match="Không tìm thấy tệp"):
        parse_plan_file(tmp_path / "khong-co.txt")


def test_a_pdf_is_read_or_refused_plainly() -> None:
    try:
        import pypdf  # noqa: F401
    except ImportError:
        error = _refused(
            "ke-hoach.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        )
        assert "pypdf" in error.message
    else:
        error = _refused("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n")
        assert "PDF" in error.message
    assert "không phải tệp PDF" in _refused("gia.pdf", SAMPLE.read_bytes()).message


@pytest.mark.skipif(not os.environ.get("EDUDESK_PDF_SAMPLE"), reason="no PDF sample given")
def test_a_real_pdf_sample() -> None:  # pragma: no cover - run by hand with pypdf installed
    plan = parse_plan_file(os.environ["EDUDESK_PDF_SAMPLE"])
    assert plan.format == "pdf" and plan.tasks
