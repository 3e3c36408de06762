"""The importer's corpus: documents to tune on and documents to measure on, their variants
as offices receive them (PDF, damaged PDF text, .docx typed in TCVN3 or VNI, Windows-1258
text), and the scores of the importer against the expected results a clerk wrote down.

Each document ``<name>.txt`` has ``<name>.json``: its tasks (a phrase of each), its units,
targets ([value, a word of what is measured]) and report deadlines (ISO dates), written by
reading the document, before the importer ran on it.
"""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from services.core.vietnamese import fold
from services.plan_import import parse_plan
from services.plan_import.encodings import encode_legacy
from services.plan_import.errors import PlanImportError
from services.plan_import.model import DocumentInfo, Node, ParsedPlan
from services.plan_import.units import unit_key

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
TUNE, MEASURE = ROOT / "tune", ROOT / "measure"
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


# --- damage as PDF text extraction gives it ------------------------------------------------


def split_syllables(text: str, share: float = 0.25, seed: int = 7) -> str:
    """ "của" → "c ủa", "sơ" → "s ơ", "07/11/2020" → "0 7/11/2020": a glyph placed apart."""
    rng = random.Random(seed)
    out = []
    for word in text.split(" "):
        accented = next((i for i, c in enumerate(word) if c.isalpha() and not c.isascii() and c not in "Đđ"), -1)
        if 0 < accented < len(word) and word[:accented].isalpha() and rng.random() < share:
            word = f"{word[:accented]} {word[accented:]}"
        elif len(word) >= 8 and word[:2].isdigit() and "/" in word[2:5] and rng.random() < share * 2:
            word = f"{word[0]} {word[1:]}"
        out.append(word)
    return " ".join(out)


def uo_glyphs(text: str) -> str:
    """The "ƣ"/"Ƣ" (U+01A3/U+01A2) some PDF fonts map "ư"/"Ư" to."""
    nfd = unicodedata.normalize("NFD", text)
    nfd = nfd.replace("u\u031b", "ƣ").replace("U\u031b", "Ƣ")
    return unicodedata.normalize("NFC", nfd)


def detached_marks(text: str) -> str:
    """Tone marks as separate combining characters (NFD), sometimes after a space."""
    nfd = unicodedata.normalize("NFD", text)
    return nfd.replace("\u0301", " \u0301", 3)


def pages(text: str, header: str = "", per_page: int = 14) -> str:
    """Page numbers and a running header on their own lines every ``per_page`` lines."""
    lines, out = text.split("\n"), []
    for index, line in enumerate(lines):
        if index and index % per_page == 0:
            out += [str(index // per_page), header] if header else [str(index // per_page)]
        out.append(line)
    return "\n".join(out)


# --- formats ----------------------------------------------------------------------------


def pdf_bytes(lines: list[str | list[list[str]]], running: str = "") -> bytes:
    """A PDF drawn by ReportLab: each string one line, each list of rows a table; with
    ``running``, short pages with that running header and a page number on each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    if "CorpusSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("CorpusSerif", str(FONTS / "LiberationSerif-Regular.ttf")))
    style = ParagraphStyle("body", fontName="CorpusSerif", fontSize=11, leading=14)
    cell = ParagraphStyle("cell", fontName="CorpusSerif", fontSize=9, leading=11)
    flow: list[object] = []
    for item in lines:
        if isinstance(item, list):
            flow.append(Table([[Paragraph(_escape(c), cell) for c in row] for row in item]))
        elif item.strip():
            flow.append(Paragraph(_escape(item), style))
    def furniture(canvas, document) -> None:
        canvas.setFont("CorpusSerif", 9)
        canvas.drawString(72, A4[1] - 40, running)
        canvas.drawString(A4[0] / 2, 30, str(document.page))

    buffer = io.BytesIO()
    margins = {"topMargin": 250, "bottomMargin": 250} if running else {}
    template = SimpleDocTemplate(buffer, pagesize=A4, **margins)
    if running:
        template.build(flow, onFirstPage=furniture, onLaterPages=furniture)
    else:
        template.build(flow)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pdf_of_text(text: str) -> bytes:
    """A PDF of a .txt; tab-separated lines become a table."""
    items: list[str | list[list[str]]] = []
    for line in text.split("\n"):
        if "\t" in line:
            if not items or not isinstance(items[-1], list):
                items.append([])
            items[-1].append(line.split("\t"))  # type: ignore[union-attr]
        else:
            items.append(line)
    return pdf_bytes(items)


def legacy_docx(text: str, encoding: str) -> bytes:
    """A .docx typed with the .VnTime (TCVN3) or VNI-Times font: the runs hold 8-bit codes."""
    import docx

    font = {"tcvn3": ".VnTime", "vni": "VNI-Times"}[encoding]
    codec = "latin-1" if encoding == "tcvn3" else "cp1252"
    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            run = document.add_paragraph().add_run(encode_legacy(line, encoding).decode(codec))
            run.font.name = font
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258: letters with their hat, breve or horn, tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323"))
            tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def damaged_pdf(text: str) -> bytes:
    damaged = detached_marks(uo_glyphs(split_syllables(text)))
    return pdf_bytes(list(damaged.split("\n")), running=uo_glyphs("Cổng thông tin điện tử – bản sao văn bản"))


VARIANTS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    # document → (variant name, how it is made); the measure set first
    "cv_ubnd_tinh_hai_cot": (".damaged.pdf", damaged_pdf),
    "kh_truong_th_chuyen_de": (".pdf", pdf_of_text),
    "qd_ubnd_xa_ban_hanh": (".tcvn3.docx", lambda t: legacy_docx(t, "tcvn3")),
    "bc_pgd_thang": (".vni.docx", lambda t: legacy_docx(t, "vni")),
    "kh_pgd_stt_bang": (".cp1258.txt", cp1258_bytes),
    "cv_truong_phhs": (".damaged.pdf", damaged_pdf),
    "kh_ubnd_huyen_pctt": (".pdf", pdf_of_text),
    "tb_so_ket_luan": (".vni.docx", lambda t: legacy_docx(t, "vni")),
    "cv_so_bao_cao_thang": (".damaged.pdf", damaged_pdf),
    "tb_truong_lich_kiem_tra": (".pdf", pdf_of_text),
    "kh_pgd_suc_khoe": (".tcvn3.docx", lambda t: legacy_docx(t, "tcvn3")),
    # the tune documents (three earlier measure sets among them)
    "cv_pgd_pccc": (".damaged.pdf", damaged_pdf),
    "kh_so_stem": (".pdf", pdf_of_text),
    "qd_truong_phan_cong": (".tcvn3.docx", lambda t: legacy_docx(t, "tcvn3")),
    "bc_truong_thcs": (".vni.docx", lambda t: legacy_docx(t, "vni")),
    "kh_pgd_kiem_tra": (".table.pdf", pdf_of_text),
    "hd_pgd_tuyen_sinh": (".cp1258.txt", cp1258_bytes),
    "ct_ubnd_huyen_an_ninh": (".damaged.pdf", damaged_pdf),
    "cv_so_bao_cao_dinh_ky": (".pdf", pdf_of_text),
    "cv_so_thi_hsg": (".damaged.pdf", damaged_pdf),
    "kh_xa_pho_cap": (".tcvn3.docx", lambda t: legacy_docx(t, "tcvn3")),
    "qd_so_ban_hanh": (".pdf", pdf_of_text),
    "bc_so_tong_ket": (".vni.docx", lambda t: legacy_docx(t, "vni")),
    "kh_mn_an_toan": (".cp1258.txt", cp1258_bytes),
    "kh_pgd_bdtx": (".table.pdf", pdf_of_text),
    "ct_ubnd_tinh_nam_hoc": (".damaged.pdf", damaged_pdf),
    "tb_pgd_lich_thi": (".pdf", pdf_of_text),
    "kh_pgd_thi_dua": (".pdf", pdf_of_text),
    "cv_pgd_tuyen_sinh": (".damaged.pdf", damaged_pdf),
    "qd_ubnd_ban_chi_dao": (".tcvn3.docx", lambda t: legacy_docx(t, "tcvn3")),
    "bc_pgd_ket_qua": (".vni.docx", lambda t: legacy_docx(t, "vni")),
    "kh_truong_doc_sach": (".cp1258.txt", cp1258_bytes),
    "kh_so_chuyen_doi_so": (".table.pdf", pdf_of_text),
    "hd_so_he": (".damaged.pdf", damaged_pdf),
    "cv_ubnd_huyen_an_toan": (".pdf", pdf_of_text),
}


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Score:
    name: str
    kind: str = ""
    tasks: tuple[int, int] = (0, 0)  # (found, expected)
    units: tuple[int, int] = (0, 0)
    targets: tuple[int, int] = (0, 0)
    deadlines: tuple[int, int] = (0, 0)
    false_deadlines: int = 0
    bare_deadlines: int = 0  # deadlines whose text does not say what is due
    extra_targets: int = 0
    found_tasks: int = 0
    fragments: int = 0  # tasks found that are no expected task
    issuer_ok: bool = False
    symbol_ok: bool = False
    warnings: list[str] = field(default_factory=list)
    missed: dict[str, list[object]] = field(default_factory=dict)


def documents(folder: Path) -> list[tuple[str, bytes, dict[str, object]]]:
    """(name, file bytes, expected) of each document and its variant as offices receive it."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        out.append((path.name, path.read_bytes(), expected))
        if path.stem in VARIANTS:
            suffix, make = VARIANTS[path.stem]
            out.append((path.stem + suffix, make(text), expected))
    return out


def _has(texts: list[str], phrase: str) -> bool:
    return any(fold(phrase) in t for t in texts)


def _same_unit(a: str, b: str) -> bool:
    ka, kb = unit_key(a), unit_key(b)
    return ka == kb or (len(ka) > 6 and len(kb) > 6 and (ka in kb or kb in ka))


def _without_dates(text: str) -> str:
    return re.sub(r"(ngày|tháng|quý|trước|chậm nhất|đến|từ)?\s*[\d/]+", " ", text, flags=re.IGNORECASE)


def score(name: str, plan: ParsedPlan, expected: dict[str, object]) -> Score:
    result = Score(name, str(expected.get("kind", "")))
    texts = [fold(f"{t.title} {t.description}") for t in plan.tasks]
    tasks: list[str] = list(expected["tasks"])  # type: ignore[arg-type]
    missed_tasks = [p for p in tasks if not _has(texts, p)]
    result.tasks = (len(tasks) - len(missed_tasks), len(tasks))
    result.found_tasks = len(plan.tasks)
    result.fragments = sum(1 for t in texts if not any(fold(p) in t for p in tasks))
    units: list[str] = list(expected["units"])  # type: ignore[arg-type]
    missed_units = [u for u in units if not any(_same_unit(u, ref.name) for ref in plan.units)]
    result.units = (len(units) - len(missed_units), len(units))
    targets: list[list[object]] = list(expected["targets"])  # type: ignore[arg-type]
    missed_targets = [
        t for t in targets
        if not any(g.value == float(t[0]) and fold(str(t[1])) in fold(f"{g.text} {g.hint}") for g in plan.targets)
    ]  # fmt: skip
    result.targets = (len(targets) - len(missed_targets), len(targets))
    result.extra_targets = max(0, len(plan.targets) - len(targets))
    wanted = set(expected["deadlines"])  # type: ignore[arg-type]
    found = {d.date.isoformat() for d in plan.deadlines}
    result.deadlines = (len(wanted & found), len(wanted))
    result.false_deadlines = len(found - wanted)
    result.bare_deadlines = sum(1 for d in plan.deadlines if len(_without_dates(d.text).split()) < 3)
    result.issuer_ok = unit_key(plan.document.issuer) == unit_key(str(expected.get("issuer", "")))
    result.symbol_ok = plan.document.symbol == expected.get("symbol") and plan.document.number == expected.get("number")
    result.warnings = plan.warnings
    result.missed = {
        "tasks": missed_tasks, "units": missed_units, "targets": missed_targets,
        "deadlines": sorted(wanted - found), "false_deadlines": sorted(found - wanted),
        "fragments": [t.title for t, f in zip(plan.tasks, texts, strict=True) if not any(fold(p) in f for p in tasks)],
        "issuer": [plan.document.issuer] if not result.issuer_ok else [],
        "symbol": [f"{plan.document.number}/{plan.document.symbol}"] if not result.symbol_ok else [],
    }  # fmt: skip
    return result


def run(folder: Path) -> list[Score]:
    scores = []
    for name, data, expected in documents(folder):
        try:
            scores.append(score(name, parse_plan(name, data), expected))
        except PlanImportError as refused:  # a refusal finds nothing
            empty = ParsedPlan(name, "", "", "", "", DocumentInfo(), Node())
            scores.append(score(name, empty, expected))
            scores[-1].warnings = [f"refused: {refused.message}"]
    return scores


def totals(scores: list[Score]) -> dict[str, float]:
    def share(attribute: str) -> float:
        found = sum(getattr(s, attribute)[0] for s in scores)
        wanted = sum(getattr(s, attribute)[1] for s in scores)
        return found / wanted if wanted else 1.0

    found_tasks = sum(s.found_tasks for s in scores)
    return {
        "documents": len(scores),
        "tasks": share("tasks"),
        "units": share("units"),
        "targets": share("targets"),
        "deadlines": share("deadlines"),
        "false_deadlines": sum(s.false_deadlines for s in scores),
        "bare_deadlines": sum(s.bare_deadlines for s in scores),
        "extra_targets": sum(s.extra_targets for s in scores),
        "fragments": sum(s.fragments for s in scores) / found_tasks if found_tasks else 0.0,
        "issuer": sum(s.issuer_ok for s in scores) / len(scores),
        "symbol": sum(s.symbol_ok for s in scores) / len(scores),
    }
