"""Matching the units a plan names ("các trường THCS", "Trường TH An Phú") to org units.

``UnitMatcher`` suggests, ignoring diacritics, level words and plurals; groups such as every
lower-secondary school come from ``services.plans.assignments``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlalchemy import select

from models import OrgUnit
from models.db import Database
from models.enums import SchoolLevel, UnitKind
from services.plan_import.units import unit_key, unit_kind
from services.plans.assignments import (
    LEVELS_COVERING,
    UnitGroup,
    group_unit_ids,
)


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
        self.candidates = [
            _Candidate(
                uid,
                f"{name} ({code})",
                UnitKind(kind),
                tuple(dict.fromkeys(k for k in (unit_key(name), unit_key(short)) if k)),
            )
            for uid, code, name, short, kind in units
        ]

    def suggest(self, name: str, limit: int = 6) -> list[UnitSuggestion]:
        key = unit_key(name)
        if not key:
            return []
        kind = unit_kind(name)
        found = self._groups(key, kind)
        scored: list[tuple[float, _Candidate]] = []
        for cand in self.candidates:
            score = max(_similarity(key, k) for k in cand.keys)
            if kind in {k.value for k in UnitKind} and cand.kind.value != kind:
                score *= 0.85  # a school is rarely meant when the text names a department
            if score >= 0.5:
                scored.append((score, cand))
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


def _similarity(key: str, candidate: str) -> float:
    """difflib's ratio, raised when one name holds the other word for word ("Phòng Y tế huyện")."""
    if key == candidate:
        return 1.0
    a, b = f" {key} ", f" {candidate} "
    if a in b or b in a:
        shorter, longer = sorted((len(key), len(candidate)))
        return 0.86 + 0.13 * shorter / longer
    matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio() * 0.95


def suggest_units(db: Database, name: str, limit: int = 6) -> list[UnitSuggestion]:
    return UnitMatcher(db).suggest(name, limit)


