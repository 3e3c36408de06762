"""Printing benchmarks (not in the default run): progress report PDF and a big Excel export.

Run: ``uv run pytest tests/bench/test_printing.py -s`` (full figures: ``main.py bench``).
"""

from services.bench.printing import run_benchmarks


def test_printing_benchmarks_report_ratios_against_the_raw_libraries():
    result = run_benchmarks(quick=True)
    print(result)
    pdf, excel = result["progress_pdf"], result["excel_export"]
    assert pdf["schools"] == 100 and pdf["rows"] > 1000 and pdf["pages"] > 10
    assert excel["rows"] == 100 * 100  # 100 schools × 100 tasks, read from the database
    for figures in (pdf, excel):
        assert figures["ratio"] > 0 and figures["goal"] == 0.5
