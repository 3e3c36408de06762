"""The importer on documents it was not tuned on (tests/fixtures/plans/measure): the scores
of issue 21's "done when", computed against the results a clerk wrote down for each."""

from __future__ import annotations

import json

import pytest

from tests.plan_import.corpus import MEASURE, TUNE, VARIANTS, documents, run, totals


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    return totals(run(MEASURE))


def test_the_measure_set_is_apart_from_the_tune_set() -> None:
    measure = {p.stem for p in MEASURE.glob("*.txt")}
    tune = {p.stem for p in TUNE.glob("*.txt")}
    assert len(measure) >= 8 and len(tune) >= 8 and not measure & tune
    for path in [*MEASURE.glob("*.txt"), *TUNE.glob("*.txt")]:
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert {"kind", "tasks", "units", "targets", "deadlines"} <= set(expected), path.name
    kinds = {json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["kind"] for p in MEASURE.glob("*.txt")}
    assert {"KH", "CV", "QĐ", "BC"} <= kinds
    assert all(stem in measure | tune for stem in VARIANTS)


def test_every_variant_is_read_in_its_format() -> None:
    names = [name for name, _data, _expected in documents(MEASURE)]
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".docx") for n in names)
    assert len(names) == 2 * len(list(MEASURE.glob("*.txt")))


def test_scores_on_documents_not_tuned_on(measured: dict[str, float]) -> None:
    assert measured["tasks"] >= 0.90, measured
    assert measured["units"] >= 0.75, measured
    assert measured["targets"] >= 0.85, measured
    assert measured["deadlines"] >= 0.95, measured
    # At most one false deadline in ten documents; fragment tasks under 5 % of those found.
    assert measured["false_deadlines"] <= measured["documents"] / 10, measured
    assert measured["fragments"] < 0.05, measured
    assert measured["bare_deadlines"] == 0, measured
    assert measured["issuer"] >= 0.9 and measured["symbol"] >= 0.9, measured
