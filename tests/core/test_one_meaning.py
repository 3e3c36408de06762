"""One name, one meaning: the labels of statuses, roles and kinds live in models/labels.py, and
``ROLE_LABELS``, ``RoundInfo``, ``export_query`` and ``Progress`` are each defined once."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABEL_WORDS = ("STATUS", "ROLE", "KIND", "TYPE", "RECURRENCE", "OWNERSHIP")


def _definitions() -> dict[str, list[str]]:
    """Top-level names bound in the application (assignments, functions, classes) → where."""
    found: dict[str, list[str]] = defaultdict(list)
    for package in ("models", "services", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                names: list[str] = []
                if isinstance(node, ast.Assign):
                    names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names = [node.target.id]
                elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                    names = [node.name]
                for name in names:
                    found[name].append(str(path.relative_to(ROOT)))
    return found


def test_status_role_and_kind_labels_live_in_one_module() -> None:
    defined = _definitions()
    elsewhere = {
        name: where
        for name, where in defined.items()
        if name.lstrip("_").endswith("_LABELS")
        and any(w in name for w in LABEL_WORDS)
        and any(p != "models/labels.py" for p in where)
    }
    # plan_review keeps the parser's own string keys (its file is the GUI engineers'); printing
    # kinds are report kinds, not unit kinds.
    elsewhere.pop("_ROLE_LABELS", None)
    elsewhere.pop("_KIND_LABELS", None)
    elsewhere.pop("KIND_LABELS", None)
    assert elsewhere == {}


def test_each_name_has_one_meaning() -> None:
    defined = _definitions()
    for name in ("ROLE_LABELS", "ASSIGNMENT_ROLE_LABELS", "RoundInfo", "export_query", "ProgressCallback"):
        assert len(defined[name]) == 1, (name, defined[name])
    assert "Progress" not in defined, defined["Progress"]  # a progress callback is a ProgressCallback
