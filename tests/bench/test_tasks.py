"""Task views benchmark (not in the default run): filters and search over 100,000 assignments.

Run: ``uv run pytest tests/bench/test_tasks.py -s`` (or ``main.py bench``).
"""

from services.bench.tasks import run_benchmarks


def test_task_filters_and_search_answer_within_100_ms():
    result = run_benchmarks(quick=False)
    print(result)
    assert result["assignments"] == 100_000
    slow = {
        k: v["service_ms"] for k, v in result.items() if isinstance(v, dict) and v.get("service_ms", 0) >= 100
    }
    assert not slow, f"over 100 ms: {slow}"
