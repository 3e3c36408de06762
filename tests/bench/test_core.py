"""Foundation benchmark (not in the default run): search over 100,000 units."""

from services.bench.suite import unit_search_benchmark


def test_unit_search_figures():
    result = unit_search_benchmark(100_000)
    print(result)
    assert result["units"] == 100_000 and result["search_ms"] > 0
