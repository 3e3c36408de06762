"""Word output of the 1,000-school progress report stays under 300 MB peak RSS (issue 20).

Not in the default run (a 1,000-school demo): ``uv run pytest tests/bench/test_docx_memory.py -s``.
The report is built and written in a child process that reads its own ``VmHWM``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from services.demo.district import build_demo

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 300

_CHILD = """
import sys
from pathlib import Path
from models.db import open_database
from services.printing import build_report, save_report
db = open_database(sys.argv[1])
doc = build_report(db, "progress")
db.dispose()
save_report(doc, Path(sys.argv[2]))
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(doc.row_count(), int(hwm.split()[1]) // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux) for VmHWM")
def test_word_progress_report_of_1000_schools_under_300_mb(tmp_path):
    db_path = tmp_path / "big.sqlite"
    build_demo(str(db_path), schools=1000, seed=1)
    out = tmp_path / "progress.docx"
    done = subprocess.run([sys.executable, "-c", _CHILD, str(db_path), str(out)], capture_output=True, text=True,
                          cwd=ROOT, check=True)  # fmt: skip
    rows, peak_mb = (int(x) for x in done.stdout.split())
    print(f"rows={rows} peak={peak_mb} MB")
    assert rows > 10_000
    assert peak_mb < LIMIT_MB

    from docx import Document

    tables = Document(str(out)).tables
    assert sum(len(t.rows) for t in tables) > rows  # every row is in the file, header rows besides
