"""The selftest fails a page that takes longer than a clerk would wait."""

from __future__ import annotations

from pathlib import Path

from services.operations.backup import copy_database
from ui import selftest


def _copy(demo_master: Path, tmp_path: Path) -> str:
    target = tmp_path / "selftest.sqlite"
    copy_database(demo_master, target)
    files = demo_master.with_name(demo_master.stem + "-files")
    if files.exists():
        import shutil

        shutil.copytree(files, target.with_name(target.stem + "-files"))
    return str(target)


def test_every_page_within_the_limit_passes(demo_master, tmp_path, qapp) -> None:
    result = selftest.run_selftest(_copy(demo_master, tmp_path), bare_runs=1)
    assert result["ok"], result["errors"]
    assert all(page["ms"] <= selftest.PAGE_LIMIT_MS for page in result["pages"])
    review = result["plan_review"]  # the importer's review dialog, every tab of it
    assert review["tabs"] == 5 and review["tasks"] > 0 and "error" not in review
    assert result["sync_key"] == {"where": "file", "present": True}


def test_a_broken_review_dialog_fails_the_selftest(demo_master, tmp_path, qapp, monkeypatch) -> None:
    from ui.dialogs import plan_import

    def broken(self, *args, **kwargs):
        raise RuntimeError("the targets tab cannot be built")

    monkeypatch.setattr(plan_import.PlanReviewDialog, "_targets_tab", broken)
    result = selftest.run_selftest(_copy(demo_master, tmp_path), bare_runs=1)
    assert not result["ok"] and any(e.startswith("plan review:") for e in result["errors"])


def test_a_page_over_the_limit_fails_the_selftest(demo_master, tmp_path, qapp, monkeypatch) -> None:
    monkeypatch.setattr(selftest, "PAGE_LIMIT_MS", -1)  # every page is "too slow"
    result = selftest.run_selftest(_copy(demo_master, tmp_path), bare_runs=1)
    assert not result["ok"]
    slow = [e for e in result["errors"] if "limit" in e]
    assert len(slow) == len(result["pages"]) and slow[0].startswith("page overview:")
