"""Print the importer's scores on the corpus: ``uv run python -m tests.plan_import.scores [tune|measure] [-v]``."""

from __future__ import annotations

import sys

from tests.plan_import.corpus import MEASURE, TUNE, run, totals


def main(argv: list[str]) -> None:
    folder = TUNE if "tune" in argv else MEASURE
    scores = run(folder)
    for s in scores:
        print(f"{s.name:38} {s.kind:3} tasks {s.tasks[0]}/{s.tasks[1]} units {s.units[0]}/{s.units[1]} "
              f"targets {s.targets[0]}/{s.targets[1]} (+{s.extra_targets}) deadlines {s.deadlines[0]}/{s.deadlines[1]} "
              f"false {s.false_deadlines} fragments {s.fragments}/{s.found_tasks} "
              f"issuer {'ok' if s.issuer_ok else '--'} symbol {'ok' if s.symbol_ok else '--'}")  # fmt: skip
        if "-v" in argv:
            for key, values in s.missed.items():
                if values:
                    print(f"    {key}: {values}")
            for warning in s.warnings:
                print(f"    warning: {warning}")
    print({k: round(v, 3) for k, v in totals(scores).items()})


if __name__ == "__main__":
    main(sys.argv[1:])
