"""Printouts read as the head of office who signs them (issue 20): the produced files themselves,
measured with ``pdftotext -bbox``, python-docx and a LibreOffice render of the Word file."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from services.printing import build_report, save_report
from services.printing.docx import _PPR_ORDER, _TBLPR_ORDER
from services.printing.pdf import HeaderBlock

from .conftest import poppler

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page ")


def words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each word as ``(x, y, x_end, text)`` (y from the top of the page)."""
    out: list[list[tuple[float, float, float, str]]] = []
    for page in _PAGE.split(poppler("pdftotext", "-bbox", str(pdf), "-"))[1:]:
        out.append(
            [(float(m[1]), float(m[2]), float(m[3]), html.unescape(m[5])) for m in _WORD.finditer(page)]
        )
    return out


def phrase_lines(page: list[tuple[float, float, float, str]], phrase: str) -> list[float]:
    """The distinct line positions (y) the words of ``phrase`` sit on, where they follow each other."""
    wanted = phrase.split()
    texts = [w[3] for w in page]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start : start + len(wanted)] == wanted:
            return sorted({round(w[1]) for w in page[start : start + len(wanted)]})
    raise AssertionError(f"«{phrase}» not on the page: {' '.join(texts[:60])}")


def libreoffice_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the Word render cannot be checked")
    out = docx_path.parent / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / (docx_path.stem + ".pdf")


# --- 1. the Word header as the PDF has it ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["progress", "plan"])
def test_word_header_keeps_motto_and_names_on_their_lines(demo_db, dated, tmp_path, kind):
    path = tmp_path / f"{kind}.docx"
    save_report(build_report(demo_db, kind, dated), path)
    first = words(libreoffice_pdf(path))[0]
    assert len(phrase_lines(first, HeaderBlock.NATION)) == 1
    assert len(phrase_lines(first, HeaderBlock.MOTTO)) == 1
    if kind == "progress":  # the district office's own header
        assert len(phrase_lines(first, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")) == 1
        assert len(phrase_lines(first, "UBND HUYỆN CỦ CHI")) == 1
    else:  # printed as the People's Committee issued it: two even lines, not a word left alone
        lines = phrase_lines(first, "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI")
        assert len(lines) == 2
        row = [w[3] for w in first if round(w[1]) == lines[1] and w[0] < 250]
        assert row == ["HUYỆN", "CỦ", "CHI"]


def _children(element) -> list[str]:
    return [child.tag.rpartition("}")[2] for child in element]


def _in_order(names: list[str], order: list[str]) -> bool:
    positions = [order.index(n) for n in names if n in order]
    return positions == sorted(positions)


def test_word_header_structure(demo_db, dated, tmp_path):
    path = tmp_path / "plan.docx"
    save_report(build_report(demo_db, "plan", dated), path)
    document = Document(str(path))
    header = document.tables[0]
    margins = header._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None
    assert {m.get(qn("w:w")) for m in margins} == {"0"}
    body = document.element.body
    for tbl_pr in body.iter(qn("w:tblPr")):
        assert _in_order(_children(tbl_pr), _TBLPR_ORDER), _children(tbl_pr)
    for p_pr in body.iter(qn("w:pPr")):
        assert _in_order(_children(p_pr), _PPR_ORDER), _children(p_pr)
    rules = [
        p
        for p in header.cell(0, 0).paragraphs + header.cell(0, 1).paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(rules) == 2  # under the agency name and under the motto
    left = header.cell(0, 0).paragraphs[0]
    assert left._p.xml.count("<w:br/>") == 1  # ỦY BAN NHÂN DÂN / HUYỆN CỦ CHI, broken on purpose
    assert left.text.replace("\n", " ") == "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI"
    assert {r.font.size.pt for r in left.runs} == {12.0}
    langs = {lang.get(qn("w:val")) for lang in document.styles.element.iter(qn("w:lang"))}
    assert langs == {"vi-VN"}
