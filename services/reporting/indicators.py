"""Indicators (chỉ tiêu): a numerator and an optional denominator element against a target.

A target the plan importer found in a document becomes an indicator in one step
(``indicator_from_target``): its wording names the elements, its figure the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import DataElement, Document, Indicator
from models.db import Database
from models.enums import Comparator, SchoolLevel, ValueType
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import import parse_plan
from services.plan_import.model import Target
from services.plan_import.store import reviewed_parts
from services.reporting.elements import ElementSpec, element_by_code, upsert_element

COMPARATOR_SIGNS = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.EQ: "="}
_LEVEL_VALUES = {level.value for level in SchoolLevel}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    numerator: str  # element code
    denominator: str | None = None
    levels: tuple[str, ...] = ()
    comparator: Comparator | str = Comparator.GE
    target_value: float | None = None
    baseline_value: float | None = None
    baseline_year: str = ""
    target_year: str = ""
    document_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "levels": list(self.levels),
            "comparator": Comparator(self.comparator).value,
            "target": self.target_value,
            "baseline": self.baseline_value,
            "baseline_year": self.baseline_year,
            "target_year": self.target_year,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], place: str = "") -> IndicatorSpec:
        try:
            return cls(
                code=str(data["code"]).strip(),
                name=str(data["name"]).strip(),
                numerator=str(data["numerator"]).strip(),
                denominator=(str(data["denominator"]).strip() or None) if data.get("denominator") else None,
                levels=tuple(data.get("levels") or ()),
                comparator=Comparator(data.get("comparator", ">=")),
                target_value=_float(data.get("target")),
                baseline_value=_float(data.get("baseline")),
                baseline_year=str(data.get("baseline_year", "")),
                target_year=str(data.get("target_year", "")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(
                f"Chỉ tiêu không hợp lệ: {exc}.", f"Invalid indicator: {exc}.", place
            ) from None


def _float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def level_list(levels: str) -> list[str]:
    return [p for p in (x.strip() for x in levels.split(",")) if p]


def _element(session: Session, code: str | None, place: str) -> DataElement | None:
    if not code:
        return None
    row = element_by_code(session, code)
    if row is None:
        raise ValidationError(
            f"Chỉ tiêu dùng số liệu mã {code} chưa có.",
            f"The indicator uses unknown data element {code}.",
            place,
        )
    return row


def upsert_indicator(uow: UnitOfWork, spec: IndicatorSpec, place: str = "") -> Indicator:
    """The indicator with ``spec.code``, created or updated (MANAGE_REPORTING)."""
    require(uow.actor, Action.MANAGE_REPORTING)
    place = place or spec.code
    if not spec.code or not spec.name:
        raise ValidationError("Chỉ tiêu cần mã và tên.", "An indicator needs a code and a name.", place)
    bad = [lv for lv in spec.levels if lv not in _LEVEL_VALUES]
    if bad:
        raise ValidationError(
            f"Cấp học không hợp lệ: {', '.join(bad)}.", f"Unknown school level: {', '.join(bad)}.", place
        )
    numerator = _element(uow.session, spec.numerator, place)
    denominator = _element(uow.session, spec.denominator, place)
    if numerator is None:
        raise ValidationError("Chỉ tiêu cần số liệu tử số.", "An indicator needs a numerator.", place)
    if denominator is not None and denominator.id == numerator.id:
        raise ValidationError(
            "Tử số và mẫu số phải là hai số liệu khác nhau.", "Numerator and denominator must differ.", place
        )
    values = {
        "name": spec.name,
        "levels": ",".join(spec.levels),
        "numerator_id": numerator.id,
        "denominator_id": denominator.id if denominator else None,
        "comparator": Comparator(spec.comparator),
        "target_value": spec.target_value,
        "baseline_value": spec.baseline_value,
        "baseline_year": spec.baseline_year,
        "target_year": spec.target_year,
    }
    if spec.document_id is not None:
        values["document_id"] = spec.document_id
    row = uow.session.scalars(
        select(Indicator).where(Indicator.code == spec.code, Indicator.deleted.is_(False))
    ).first()
    if row is None:
        row = Indicator(code=spec.code, **values)
        uow.session.add(row)
        uow.session.flush()
        return row
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row


def create_indicator(db: Database, actor: Actor, spec: IndicatorSpec) -> str:
    require(actor, Action.MANAGE_REPORTING)
    with UnitOfWork(db, actor) as uow:
        return upsert_indicator(uow, spec).id


def live_indicators(session: Session) -> list[Indicator]:
    return list(
        session.scalars(select(Indicator).where(Indicator.deleted.is_(False)).order_by(Indicator.code))
    )


def spec_of(session: Session, row: Indicator) -> IndicatorSpec:
    num = session.get(DataElement, row.numerator_id)
    den = session.get(DataElement, row.denominator_id) if row.denominator_id else None
    return IndicatorSpec(
        code=row.code,
        name=row.name,
        numerator=num.code if num else "",
        denominator=den.code if den else None,
        levels=tuple(level_list(row.levels)),
        comparator=row.comparator,
        target_value=row.target_value,
        baseline_value=row.baseline_value,
        baseline_year=row.baseline_year,
        target_year=row.target_year,
        document_id=row.document_id,
    )


def list_indicators(db: Database) -> list[IndicatorSpec]:
    with db.session() as session:
        return [spec_of(session, row) for row in live_indicators(session)]


# --- from a plan's targets ---------------------------------------------------------------------


def plan_targets(db: Database, document_id: str) -> list[Target]:
    """The targets (chỉ tiêu) the plan importer finds in a stored document's text."""
    with db.session() as session:
        doc = session.get(Document, document_id)
        if doc is None or doc.deleted:
            raise NotFound("Không tìm thấy văn bản.", "No such document.", document_id)
        name, body = doc.source_name or "van-ban.txt", doc.body_text
    reviewed = reviewed_parts(db, document_id)
    if reviewed is not None:
        return reviewed[1]  # what the clerk corrected in review
    if not name.lower().endswith(".txt"):
        name += ".txt"
    return parse_plan(name, body.encode("utf-8")).targets


def _code_of(text: str, prefix: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return (prefix + "_" + "_".join(w[:4] for w in words[:8])).upper()[:60]


def indicator_from_target(
    uow: UnitOfWork, target: Target, *, document_id: str | None = None, code: str = ""
) -> Indicator:
    """One step from a plan's target to an indicator: a percentage becomes numerator/denominator
    elements ("Số …" over "Tổng số …"), a count a single element; level, year and comparator
    come from the target."""
    require(uow.actor, Action.MANAGE_REPORTING)
    hint = (target.hint or target.text).strip().rstrip(".;,")
    levels = tuple(lv for lv in level_list(target.level) if lv in _LEVEL_VALUES)
    # Plans repeat a target per level ("100% học sinh được giáo dục kỹ năng sống" for TH and THCS).
    prefix = "CT_" + levels[0].replace("&", "_") if len(levels) == 1 else "CT"
    base = code or _code_of(hint, prefix)
    if target.unit == "%":
        core = hint[6:].strip() if fold(hint).startswith(("ty le ", "ti le ")) else hint
        num = upsert_element(uow, ElementSpec(base + "_TS", f"Số {core}"[:255], ValueType.INTEGER))
        den = upsert_element(
            uow, ElementSpec(base + "_MS", f"Tổng số {_subject(core)}"[:255], ValueType.INTEGER)
        )
        numerator, denominator = num.code, den.code
        name = f"Tỷ lệ {core}"
    else:
        single = upsert_element(uow, ElementSpec(base + "_SL", f"Số {hint}"[:255], ValueType.INTEGER,
                                                 unit_label=target.unit[:32]))  # fmt: skip
        numerator, denominator, name = single.code, None, f"Số {hint}"
    spec = IndicatorSpec(
        code=base,
        name=name[:1000],
        numerator=numerator,
        denominator=denominator,
        levels=levels,
        comparator=Comparator(target.comparator),
        target_value=target.value,
        target_year=str(target.year or ""),
        document_id=document_id,
    )
    return upsert_indicator(uow, spec)


def _subject(hint: str) -> str:
    """ "trẻ 6 tuổi vào lớp 1 được …" → "trẻ 6 tuổi vào lớp 1": who the percentage counts."""
    folded = fold(hint)
    for word in (" duoc ", " dat ", " co ", " bo hoc", " tham gia", " hoan thanh", " tiep tuc"):
        at = folded.find(word)
        if at > 0:
            return hint[:at].strip()
    return hint


def create_indicator_from_target(
    db: Database, actor: Actor, document_id: str, index: int, *, code: str = ""
) -> str:
    """The ``index``-th target of a stored document (as ``plan_targets`` lists them) → indicator."""
    require(actor, Action.MANAGE_REPORTING)
    targets = plan_targets(db, document_id)
    if not 0 <= index < len(targets):
        raise NotFound(
            f"Văn bản không có chỉ tiêu số {index + 1}.",
            f"The document has no target #{index + 1}.",
            str(index),
        )
    with UnitOfWork(db, actor) as uow:
        return indicator_from_target(uow, targets[index], document_id=document_id, code=code).id
