"""Sync benchmarks (not in the default run): ``uv run pytest tests/bench/test_sync.py -s``."""

from services.bench.sync import run_benchmarks


def test_sync_benchmarks_report_their_figures():
    result = run_benchmarks(quick=True)
    print(result)
    speed, memory = result["sync_speed"], result["sync_memory"]
    assert speed["rows"] > 0 and speed["import_ratio"] > 0 and speed["export_ratio"] > 0
    for memory in (result["sync_memory"], result["sync_memory_records"]):
        assert memory["imported"] and memory["peak_rss_mb"] < memory["goal_mb"]
