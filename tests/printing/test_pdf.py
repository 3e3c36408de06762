"""Every kind printed to PDF on the demo reads like a hand-typed administrative document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.accounts.office import get_print_settings
from services.printing import KINDS, build_report, save_report
from tests.printing.conftest import poppler

MM = 72 / 25.4
KIND_NAMES = list(KINDS)


@pytest.fixture(scope="module")
def printed(demo_db, tmp_path_factory) -> dict[str, Path]:
    from services.printing.common import ReportOptions
    from services.printing.header import HeaderOverrides
    from tests.printing.conftest import PRINT_DAY

    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for kind in KIND_NAMES:
        options = ReportOptions(header=HeaderOverrides(date=PRINT_DAY, number="5"))
        doc = build_report(demo_db, kind, options)
        out[kind] = folder / f"{kind}.pdf"
        save_report(doc, out[kind])
    return out


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_header_date_title_and_signer_are_printed(printed, demo_db, kind):
    text = poppler("pdftotext", "-layout", str(printed[kind]), "-")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    settings = get_print_settings(demo_db)
    if kind != "plan":  # the plan is re-printed on behalf of whoever issued it
        assert any(settings.issuing_body in line for line in lines)
        assert any("Củ Chi, ngày 05 tháng 01 năm 2024" in line for line in lines)
        assert any("Số: 05/" in line for line in lines)
    assert re.search(r"ngày \d{2} tháng \d{2} năm \d{4}", text)
    assert "Nơi nhận:" in text
    assert "- Lưu: VT" in text


@pytest.mark.parametrize("kind", ["assignments", "progress", "synthesis", "indicators"])
def test_office_signer_and_title(printed, demo_db, kind):
    text = " ".join(poppler("pdftotext", str(printed[kind]), "-").split())
    settings = get_print_settings(demo_db)
    assert settings.signer_name and settings.signer_name in text
    assert settings.signer_title in text
    title = {
        "assignments": "THÔNG BÁO",
        "progress": "BÁO CÁO",
        "synthesis": "BÁO CÁO",
        "indicators": "BÁO CÁO",
    }
    assert title[kind] in text


def test_plan_keeps_the_documents_own_signer_and_title(printed, demo_db):
    from services.plans.documents import get_document
    from services.printing.plan_data import latest_document_id

    doc = get_document(demo_db, latest_document_id(demo_db))
    text = " ".join(poppler("pdftotext", str(printed["plan"]), "-").split())
    assert "KẾ HOẠCH" in text
    assert " ".join(doc.title.split())[:60] in text
    assert doc.signer_name in text
    assert "PHỤ LỤC" in text and "DANH MỤC NHIỆM VỤ" in text


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_fonts_embedded_and_page_a4(printed, kind):
    fonts = poppler("pdffonts", str(printed[kind])).splitlines()[2:]
    assert fonts, "no font listed"
    for line in fonts:
        assert line.split()[-5] == "yes", line  # the "emb" column
        assert "Liberation" in line or "TimesNewRoman" in line
    info = poppler("pdfinfo", str(printed[kind]))
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)


def _words(pdf: Path, page: int) -> tuple[float, float, list[tuple[float, float, float, float, str]]]:
    """(page width, height, [(xMin, yMin, xMax, yMax, word)]) from ``pdftotext -bbox``."""
    html = poppler("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert size
    words = [
        (float(a), float(b), float(c), float(d), w)
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html
        )
    ]
    return float(size.group(1)), float(size.group(2)), words


@pytest.mark.parametrize("kind", ["progress", "plan"])
def test_margins_and_page_numbers_from_page_two(printed, kind):
    pdf = printed[kind]
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf))).group(1))
    assert pages >= 3
    for page in (1, 2, pages):
        width, height, words = _words(pdf, page)
        top_margin = [w for w in words if w[3] < 20 * MM]
        body = [w for w in words if w[1] >= 20 * MM - 1]
        assert body
        # left 30 mm, right 15 mm, bottom 20 mm (a little slack for glyph overhang)
        assert min(w[0] for w in body) >= 30 * MM - 1.5
        assert max(w[2] for w in body) <= width - 15 * MM + 1.5
        assert max(w[3] for w in body) <= height - 20 * MM + 1.5
        if page == 1:
            assert top_margin == []
        else:
            assert [w[4] for w in top_margin] == [str(page)]
            number = top_margin[0]
            centre = (number[0] + number[2]) / 2
            assert abs(centre - (30 * MM + width - 15 * MM) / 2) < 3


def test_appendix_pages_are_landscape(printed):
    info = poppler("pdfinfo", "-f", "1", "-l", "99", str(printed["progress"]))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert float(sizes[0][0]) < float(sizes[0][1])  # the report itself: portrait
    assert float(sizes[-1][0]) > float(sizes[-1][1])  # its appendix: landscape


def test_table_header_repeats_on_every_appendix_page(printed):
    pdf = printed["progress"]
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf))).group(1))
    first_appendix = next(
        p
        for p in range(1, pages + 1)
        if "PHỤ LỤC" in poppler("pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-")
    )
    for page in range(first_appendix, pages + 1):
        text = poppler("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-")
        assert "Ghi chú mới nhất" in text, f"page {page} has a table without its header"
