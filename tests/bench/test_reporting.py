"""Reporting benchmark (not in the default run): every indicator for 1,000 schools × 4 periods
against a raw SQL GROUP BY of the same sums.

Run: ``uv run pytest tests/bench/test_reporting.py -s`` (or ``main.py bench``).
"""

from services.bench.reporting import run_benchmarks


def test_reporting_bench_structure():
    result = run_benchmarks(quick=True)
    print(result)
    assert result["schools"] == 200 and result["periods"] == 4
    assert result["figures_agree"] is True
    assert result["service_ms"] > 0 and result["raw_sql_ms"] > 0
    assert result["ratio_service_over_raw"] == round(result["service_ms"] / result["raw_sql_ms"], 2)
