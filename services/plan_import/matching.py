"""Matching the units a plan names ("các trường THCS", "Trường TH An Phú") to org units.

``UnitMatcher`` suggests, ignoring diacritics, level words and plurals; groups such as every
lower-secondary school come from ``services.plans.assignments``.
"""

from __future__ import annotations

import difflib
import heapq
import re
from dataclasses import dataclass

from sqlalchemy import select

from models import OrgUnit
from models.db import Database
from models.enums import SchoolLevel, UnitKind
from services.plan_import.model import ParsedPlan
from services.plan_import.units import unit_key, unit_kind
from services.plans.assignments import (
    LEVELS_COVERING,
    UnitGroup,
    group_unit_ids,
)

RANKED = 6  # suggestions ranked per name (a review shows up to 6)


@dataclass(frozen=True)
class UnitSuggestion:
    label: str  # what the reviewer sees
    unit_ids: tuple[str, ...]
    score: float  # 0..1
    group: str = ""  # a UnitGroup key when the name stands for many units


@dataclass(frozen=True)
class _Candidate:
    id: str
    label: str
    kind: UnitKind
    keys: tuple[str, ...]
    # one difflib matcher per key, built once: the candidate is difflib's second sequence, whose
    # index is what costs, so comparing it with every name the plan gives reuses that index
    matchers: tuple[difflib.SequenceMatcher, ...] = ()


_LEVEL_WORDS = [
    ("mam non", SchoolLevel.MN), ("tieu hoc", SchoolLevel.TH), ("trung hoc co so", SchoolLevel.THCS),
    ("thcs", SchoolLevel.THCS), ("trung hoc pho thong", SchoolLevel.THPT), ("thpt", SchoolLevel.THPT),
    ("giao duc nghe nghiep", SchoolLevel.GDNN_GDTX), ("gdnn", SchoolLevel.GDNN_GDTX),
]  # fmt: skip
_PLURAL = re.compile(
    r"^(cac|tat ca|nhung|moi)\b|\bcac (xa|truong|phong|co so)\b|^co so giao duc|^nha truong$|^don vi truong"
    r"|^hieu truong( nha truong)?$"  # "Hiệu trưởng" in a district's text: the head of each school
)


class UnitMatcher:
    """Diacritic-insensitive fuzzy matching of a unit named in a plan to the office's org units.

    Loads the active units once; ``suggest`` ranks single units (difflib on folded names,
    abbreviations expanded) and, for collective names ("Các trường THCS", "UBND các xã"),
    whole groups of units.
    """

    def __init__(self, db: Database) -> None:
        with db.session() as session:
            units = session.execute(
                select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.short_name, OrgUnit.kind).where(
                    OrgUnit.deleted.is_(False), OrgUnit.active.is_(True)
                )
            ).all()
            self.groups = {g.key: tuple(group_unit_ids(session, g)) for g in _all_groups()}
        self.candidates = [_candidate(uid, f"{name} ({code})", UnitKind(kind),
                                      tuple(dict.fromkeys(k for k in (unit_key(name), unit_key(short)) if k)))
                           for uid, code, name, short, kind in units]  # fmt: skip
        self._suggested: dict[tuple[str, int], list[UnitSuggestion]] = {}

    def suggest(self, name: str, limit: int = 6) -> list[UnitSuggestion]:
        key = unit_key(name)
        if not key:
            return []
        # the review asks for each name twice (its list, then best()): ranked once, at the larger
        # limit; the first n of the ranking to 6 are the ranking to n
        ranked = max(limit, RANKED)
        if (key, ranked) not in self._suggested:
            self._suggested[key, ranked] = self._rank(key, unit_kind(name), ranked)
        return self._suggested[key, ranked][:limit]

    def _rank(self, key: str, kind: str, limit: int) -> list[UnitSuggestion]:
        found = self._groups(key, kind)
        named_kind = kind in {k.value for k in UnitKind}
        scored: list[tuple[float, _Candidate]] = []
        best: list[float] = []  # the limit best scores so far, smallest first
        floor = 0.5  # the lowest score still shown; rises to the limit-th best as they are found
        words = set(key.split())  # the likeliest first: the floor rises soon, the rest are cut short
        for cand in sorted(self.candidates, key=lambda c: -max(len(words.intersection(k.split())) for k in c.keys)):
            # a school is rarely meant when the text names a department
            factor = 0.85 if named_kind and cand.kind.value != kind else 1.0
            needed = floor / factor
            score = factor * max(_similarity(key, k, needed, m) for k, m in zip(cand.keys, cand.matchers, strict=True))
            if score >= floor:
                scored.append((score, cand))
                heapq.heappush(best, score)
                if len(best) > limit:
                    heapq.heappop(best)
                if len(best) == limit:
                    floor = max(floor, best[0])
        scored.sort(key=lambda item: (-item[0], item[1].label))
        found += [UnitSuggestion(c.label, (c.id,), round(s, 3)) for s, c in scored[:limit]]
        found.sort(key=lambda s: -s.score)
        return found[:limit]

    def best(self, name: str, threshold: float = 0.85) -> UnitSuggestion | None:
        """The suggestion a reviewer would accept without looking twice, if there is one."""
        options = self.suggest(name, limit=2)
        if not options or options[0].score < threshold:
            return None
        if len(options) > 1 and options[1].score >= options[0].score - 0.02 and not options[0].group:
            return None  # two near-equal units: ask the person
        return options[0]

    def _groups(self, key: str, kind: str) -> list[UnitSuggestion]:
        if not _PLURAL.search(key):
            return []  # one named unit ("UBND xã Phước Hiệp"), not a group
        found: list[UnitSuggestion] = []
        if kind == "school":
            levels = {level for words, level in _LEVEL_WORDS if re.search(rf"\b{words}\b", key)}
            groups = [UnitGroup(UnitKind.SCHOOL, lv) for lv in sorted(levels)] or [UnitGroup(UnitKind.SCHOOL)]
            if len(groups) > 1:  # "các trường tiểu học và THCS": the union of the levels
                ids = tuple(dict.fromkeys(i for g in groups for i in self.groups[g.key]))
                label = " + ".join(g.label for g in groups)
                return [UnitSuggestion(f"{label} ({len(ids)} đơn vị)", ids, 0.95, groups[0].key)]
        elif kind == "commune":
            groups = [UnitGroup(UnitKind.COMMUNE)]
        elif kind == "department":
            groups = [UnitGroup(UnitKind.DEPARTMENT)]
        else:
            return []
        for group in groups:
            ids = self.groups[group.key]
            if ids:
                found.append(UnitSuggestion(f"{group.label} ({len(ids)} đơn vị)", ids, 0.95, group.key))
        return found


def _all_groups() -> list[UnitGroup]:
    return [UnitGroup(UnitKind.SCHOOL), *(UnitGroup(UnitKind.SCHOOL, lv) for lv in LEVELS_COVERING),
            UnitGroup(UnitKind.COMMUNE), UnitGroup(UnitKind.DEPARTMENT)]  # fmt: skip


def _candidate(uid: str, label: str, kind: UnitKind, keys: tuple[str, ...]) -> _Candidate:
    return _Candidate(uid, label, kind, keys, tuple(difflib.SequenceMatcher(None, "", k, autojunk=False) for k in keys))


def _similarity(key: str, candidate: str, needed: float = 0.5,
                matcher: difflib.SequenceMatcher | None = None) -> float:  # fmt: skip
    """difflib's ratio, raised when one name holds the other word for word ("Phòng Y tế huyện");
    0 when it is surely below ``needed`` (difflib's upper bounds say so without the full ratio).
    ``matcher``: one already holding ``candidate`` as its second sequence."""
    if key == candidate:
        return 1.0
    a, b = f" {key} ", f" {candidate} "
    if a in b or b in a:
        shorter, longer = sorted((len(key), len(candidate)))
        return 0.86 + 0.13 * shorter / longer
    if matcher is None:
        matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
    else:
        matcher.set_seq1(key)
    bound = max(needed, 0.5) / 0.95
    if matcher.real_quick_ratio() < bound or matcher.quick_ratio() < bound:
        return 0.0
    return matcher.ratio() * 0.95


def matcher_for(db: Database, plan: ParsedPlan) -> UnitMatcher:
    """A matcher that has ranked already every unit the plan names (at 1,000 schools about half a
    second of difflib): made with the plan's reading, off the window's thread, so the review opens
    with its units matched."""
    from services.plan_import.review import named_units

    matcher = UnitMatcher(db)
    for name in named_units(plan):
        matcher.suggest(name)
    return matcher


def suggest_units(db: Database, name: str, limit: int = 6) -> list[UnitSuggestion]:
    return UnitMatcher(db).suggest(name, limit)


