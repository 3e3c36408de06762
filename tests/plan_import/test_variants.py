"""The same plan written differently gives the same structure: line endings, blank lines,
numbering styles, hard-wrapped lines, and the text as a Word document (typed or automatic
numbering). Generated from the samples and the fixtures."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan
from services.plan_import.model import ParsedPlan
from services.plan_import.outline import marker

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
SOURCES = sorted(sample_plans_dir().glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _shape(plan: ParsedPlan) -> dict[str, object]:
    """What must not change: the document, the task titles and units, targets and deadlines."""
    doc = plan.document
    return {
        "document": (doc.type, doc.number, doc.symbol, doc.place, doc.issued_on, doc.title, doc.issuer),
        "tasks": [
            (t.title, t.deadline, tuple((r.unit, r.role) for r in t.responsibilities)) for t in plan.tasks
        ],
        "targets": [(t.value, t.comparator, t.year) for t in plan.targets],
        "deadlines": [d.date for d in plan.deadlines],
        "units": [u.name for u in plan.units],
    }


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _blank_lines_everywhere(text: str) -> str:
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _items_with_parenthesis(text: str) -> str:
    """ "1. …" → "1) …" and "2.1. …" → "2.1) …" (another common way to number)."""
    return re.sub(r"(?m)^(\d{1,2}(?:\.\d{1,2})?)\.\s", r"\1) ", text)


def _parts_as_letters(text: str) -> str:
    """Roman parts "II. …" → "B. …" (some plans letter their parts)."""

    def letter(m: re.Match[str]) -> str:
        return f"{'ABCDEFGH'[ROMAN.index(m.group(1))]}. "

    return re.sub(r"(?m)^(I{1,3}|IV|V|VI{0,3})\.\s", letter, text)


def _parts_as_phan(text: str) -> str:
    """Roman parts "II. …" → "PHẦN II. …"."""
    return re.sub(r"(?m)^(I{1,3}|IV|V|VI{0,3})\.\s", r"PHẦN \1. ", text)


def _renumbered(text: str) -> str:
    """Items numbered from 11 on (a copy-paste that kept another list's numbers)."""
    return re.sub(r"(?m)^(\d{1,2})\.\s", lambda m: f"{int(m.group(1)) + 10}. ", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "crlf": _crlf,
    "no_blank_lines": _no_blank_lines,
    "blank_lines_everywhere": _blank_lines_everywhere,
    "items_with_parenthesis": _items_with_parenthesis,
    "parts_as_letters": _parts_as_letters,
    "parts_as_phan": _parts_as_phan,
    "renumbered": _renumbered,
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_a_variant_of_the_text_gives_the_same_structure(source: Path, variant: str) -> None:
    if variant == "parts_as_letters" and re.search(r"(?m)^A\. ", _text(source)):
        pytest.skip("the parts are lettered already")
    original = parse_plan(source.name, source.read_bytes())
    changed = parse_plan(source.name, VARIANTS[variant](_text(source)).encode("utf-8"))
    assert _shape(changed) == _shape(original)
    assert len(changed.root.walk()) == len(original.root.walk())


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_unicode_with_a_byte_order_mark_reads_the_same(encoding: str) -> None:
    source = SOURCES[0]
    original = parse_plan(source.name, source.read_bytes())
    assert _shape(parse_plan(source.name, _text(source).encode(encoding))) == _shape(original)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_a_hard_wrapped_text_keeps_its_tasks(source: Path) -> None:
    """Lines cut at 78 columns and no blank lines (a text saved from a PDF or an e-mail)."""
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 78)) for line in _text(source).split("\n") if line.strip()
    )
    original = parse_plan(source.name, source.read_bytes())
    changed = parse_plan(source.name, wrapped.encode("utf-8"))
    titles = {t.title for t in original.tasks}
    kept = {t.title for t in changed.tasks} & titles
    assert len(kept) >= 0.9 * len(titles), sorted(titles - kept)[:5]
    assert [t.value for t in changed.targets] == [t.value for t in original.targets]


# --- the same text as a Word document ------------------------------------------------------

_LEVELS = {"roman": (0, "upperRoman", "%1."), "dec1": (1, "decimal", "%2."), "dec2": (2, "decimal", "%2.%3."),
           "lower": (3, "lowerLetter", "%4)")}  # fmt: skip


def _numbering(document: docx.document.Document) -> None:
    """A multi-level list (I. / 1. / 1.1. / a)) and a dash bullet list, as Word writes them."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, fmt, text in _LEVELS.values()
    )
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    dash = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
    root.insert(1, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">{dash}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))


def _number(paragraph, num_id: int, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _docx(text: str, *, automatic: bool) -> bytes:
    document = docx.Document()
    if automatic:
        _numbering(document)
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        found = marker(line)
        usable = found and found.kind in _LEVELS and (found.kind != "roman" or found.label in ROMAN)
        if automatic and usable and (found.kind != "lower" or found.label in "abcd"):
            _number(document.add_paragraph(found.rest), 90, _LEVELS[found.kind][0])
        elif automatic and line.startswith("- "):
            _number(document.add_paragraph(line[2:]), 91, 0)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("automatic", [False, True], ids=["typed-numbers", "word-numbering"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_the_same_text_as_a_word_document(source: Path, automatic: bool) -> None:
    original = parse_plan(source.name, source.read_bytes())
    converted = parse_plan(source.stem + ".docx", _docx(_text(source), automatic=automatic))
    assert converted.format == "docx"
    expected, got = _shape(original), _shape(converted)
    if automatic and source.stem.startswith("001"):
        # Word numbers the second "III." of that plan "IV.": only the numbers differ.
        assert [t[0] for t in got["tasks"]] == [t[0] for t in expected["tasks"]]  # type: ignore[index]
        return
    assert got == expected


def test_a_task_table_in_a_word_document() -> None:
    document = docx.Document()
    for line in ["KẾ HOẠCH", "Triển khai công tác y tế trường học năm học 2023-2024", "I. NHIỆM VỤ CỤ THỂ"]:
        document.add_paragraph(line)
    rows = [
        ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
        ["1", "Khám sức khỏe đầu năm cho học sinh", "Các trường", "Trung tâm Y tế huyện", "Tháng 10/2023"],
        ["2", "Kiểm tra bếp ăn bán trú", "Phòng Giáo dục và Đào tạo", "Phòng Y tế; Trạm Y tế xã", "Hằng quý"],
        ["3", "Báo cáo kết quả công tác y tế trường học", "Các trường", "", "Trước ngày 25/5/2024"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_plan("y-te.docx", buffer.getvalue())
    tasks = {t.title: t for t in plan.tasks}
    assert list(tasks) == [r[1] for r in rows[1:]]
    exam = tasks["Khám sức khỏe đầu năm cho học sinh"]
    assert [(r.unit, r.role) for r in exam.responsibilities] == [
        ("Các trường", "lead"),
        ("Trung tâm Y tế huyện", "support"),
    ]
    assert str(exam.deadline) == "2023-10-31"
    kitchen = tasks["Kiểm tra bếp ăn bán trú"]
    assert kitchen.recurrence == "quarterly" and kitchen.deadline is None
    assert [r.unit for r in kitchen.responsibilities] == [
        "Phòng Giáo dục và Đào tạo",
        "Phòng Y tế",
        "Trạm Y tế xã",
    ]
    assert str(tasks["Báo cáo kết quả công tác y tế trường học"].deadline) == "2024-05-25"
