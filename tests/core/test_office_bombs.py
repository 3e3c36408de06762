"""A 1 MB .docx or .xlsx bomb is refused before it grows memory (issue 16 item 8): every part's
unpacked size, packing ratio and XML element count are capped before python-docx or openpyxl
unpacks anything. Through the CLI, in a child process that reports its own peak memory."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 300  # the CLI with the GUI's libraries imported uses ~100 MB; 2 GB before the caps

_CHILD = """
import sys
from ui.cli import run_cli
code = run_cli(sys.argv[1:])
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print("PEAK", code, int(hwm.split()[1]) // 1024)
"""


def _repack(source: bytes, out: Path, name: str, body: Callable[[bytes, io.RawIOBase], None]) -> Path:
    """``source`` with member ``name`` rewritten by ``body`` (streamed, deflated at level 9)."""
    src = zipfile.ZipFile(io.BytesIO(source))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for member in src.namelist():
            if member != name:
                zf.writestr(member, src.read(member))
                continue
            info = zipfile.ZipInfo(member)
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as stream:
                body(src.read(member), stream)
    return out


def _word() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kế hoạch thực hiện nhiệm vụ năm học 2025-2026")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _spaces(original: bytes, stream, closing: bytes, megabytes: int) -> None:
    cut = original.rindex(closing)
    stream.write(original[:cut])
    chunk = b" " * (1 << 20)
    for _ in range(megabytes):
        stream.write(chunk)
    stream.write(original[cut:])


def _elements(original: bytes, stream, after: bytes, count: int, element: Callable[[int], bytes]) -> None:
    cut = original.index(after) + len(after)
    stream.write(original[:cut])
    rng = random.Random(16)
    for first in range(0, count, 10_000):
        stream.write(b"".join(element(rng.getrandbits(32)) for _ in range(min(10_000, count - first))))
    stream.write(original[cut:])


def _empty_paragraph(_r: int) -> bytes:
    return b"<w:p/>"


def _paragraph_with_id(r: int) -> bytes:
    return b'<w:p w:rsidR="%08X"/>' % r


def _bombs(tmp: Path) -> dict[str, Path]:
    word = _word()
    buffer = io.BytesIO()
    Workbook().save(buffer)
    excel = buffer.getvalue()

    def styles(o: bytes, s) -> None:  # 1 MB packed, a gigabyte of styles: 2 GB peak before
        _spaces(o, s, b"</w:styles>", 1000)

    def paragraphs(o: bytes, s) -> None:  # 90 KB packed, 6.5 million empty paragraphs
        _elements(o, s, b"<w:body>", 6_500_000, _empty_paragraph)

    def elements(o: bytes, s) -> None:  # packs like real text (random ids), under every size cap
        _elements(o, s, b"<w:body>", 1_200_000, _paragraph_with_id)

    def sheet(o: bytes, s) -> None:  # a sheet of a gigabyte in a 1 MB workbook
        _spaces(o, s, b"</worksheet>", 1000)

    return {
        "styles.docx": _repack(word, tmp / "styles.docx", "word/styles.xml", styles),
        "paragraphs.docx": _repack(word, tmp / "paragraphs.docx", "word/document.xml", paragraphs),
        "elements.docx": _repack(word, tmp / "elements.docx", "word/document.xml", elements),
        "sheet.xlsx": _repack(excel, tmp / "sheet.xlsx", "xl/worksheets/sheet1.xml", sheet),
    }


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _bombs(tmp_path_factory.mktemp("bombs"))


def _run(*args: str) -> tuple[int, int, str]:
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=600)  # fmt: skip
    line = next(line for line in done.stdout.splitlines() if line.startswith("PEAK"))
    _, code, peak = line.split()
    return int(code), int(peak), done.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux) for VmHWM")
@pytest.mark.parametrize("name", ["styles.docx", "paragraphs.docx", "elements.docx"])
def test_a_word_bomb_is_refused_before_it_grows_memory(bombs, name) -> None:
    assert bombs[name].stat().st_size < 12 * 1024 * 1024
    code, peak, err = _run("import-plan", str(bombs[name]))
    assert code == 1, err
    assert "giải nén ra quá lớn" in err and "Traceback" not in err
    assert peak < PEAK_MB, f"{name}: {peak} MB"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux) for VmHWM")
def test_an_excel_bomb_is_refused_before_it_grows_memory(bombs, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EDUDESK_ADMIN_PASSWORD", "Kiem-Tra-2026!")
    db = tmp_path / "office.sqlite"
    assert _run("--db", str(db), "init", "--office-code", "PGD-X", "--office-name", "Phòng GD&ĐT X",
                "--kind", "district")[0] == 0  # fmt: skip
    code, peak, err = _run("--db", str(db), "import-units", str(bombs["sheet.xlsx"]))
    assert code == 1 and "giải nén ra quá lớn" in err and "Traceback" not in err, err
    assert peak < PEAK_MB, f"{peak} MB"


def test_an_ordinary_long_plan_is_still_read() -> None:
    from services.plan_import.sources import read_source

    document = docx.Document()
    for n in range(3000):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{n}. Tăng cường công tác kiểm tra ").bold = True
        paragraph.add_run("đánh giá chất lượng giáo dục ở các trường, hạn 31/12/2025.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_source("ke-hoach.docx", buffer.getvalue())
    assert len(source.blocks) >= 3000
