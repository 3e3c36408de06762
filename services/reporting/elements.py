"""Data elements (số liệu): what a unit reports, with its type and range, and value parsing."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import DataElement
from models.db import Database
from models.enums import ValueType
from models.errors import NotFound, ValidationError
from models.labels import VALUE_TYPE_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold, format_number

_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_YES = {"co", "x", "1", "true", "yes", "dat", "c"}
_NO = {"khong", "0", "false", "no", "chua", "k"}


class ElementLike(Protocol):
    """What ``bounds`` and ``parse_value`` read: a data element, its spec, a form's row."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def value_type(self) -> ValueType | str: ...
    @property
    def min_value(self) -> float | None: ...
    @property
    def max_value(self) -> float | None: ...


@dataclass(frozen=True)
class ElementSpec:
    code: str
    name: str
    value_type: ValueType | str
    min_value: float | None = None
    max_value: float | None = None
    unit_label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "type": ValueType(self.value_type).value,
            "min": self.min_value,
            "max": self.max_value,
            "unit": self.unit_label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], place: str = "") -> ElementSpec:
        try:
            return cls(
                code=str(data["code"]).strip(),
                name=str(data["name"]).strip(),
                value_type=ValueType(data.get("type", "integer")),
                min_value=_optional_float(data.get("min")),
                max_value=_optional_float(data.get("max")),
                unit_label=str(data.get("unit", "")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(
                f"Số liệu không hợp lệ: {exc}.", f"Invalid data element: {exc}.", place
            ) from None


def _optional_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def check_spec(spec: ElementSpec, place: str = "") -> None:
    if not spec.code or len(spec.code) > 64 or not spec.name:
        raise ValidationError(
            "Số liệu cần mã (tối đa 64 ký tự) và tên.",
            "A data element needs a code (≤ 64) and a name.",
            place,
        )
    low, high = spec.min_value, spec.max_value
    if low is not None and high is not None and low > high:
        raise ValidationError(
            f"Số liệu {spec.code}: giá trị nhỏ nhất lớn hơn giá trị lớn nhất.",
            f"Data element {spec.code}: min is greater than max.",
            place,
        )


def element_by_code(session: Session, code: str) -> DataElement | None:
    return session.scalars(
        select(DataElement).where(DataElement.code == code, DataElement.deleted.is_(False))
    ).first()


def elements_by_id(session: Session, ids: set[str] | None = None) -> dict[str, DataElement]:
    query = select(DataElement).where(DataElement.deleted.is_(False))
    if ids is not None:
        query = query.where(DataElement.id.in_(ids))
    return {e.id: e for e in session.scalars(query)}


def upsert_element(uow: UnitOfWork, spec: ElementSpec, place: str = "") -> DataElement:
    """The element with ``spec.code``, created or brought up to ``spec`` (MANAGE_REPORTING)."""
    require(uow.actor, Action.MANAGE_REPORTING)
    check_spec(spec, place)
    row = element_by_code(uow.session, spec.code)
    values = {
        "name": spec.name,
        "value_type": ValueType(spec.value_type),
        "min_value": spec.min_value,
        "max_value": spec.max_value,
        "unit_label": spec.unit_label,
    }
    if row is None:
        row = DataElement(code=spec.code, **values)
        uow.session.add(row)
        uow.session.flush()
        return row
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row


def create_element(db: Database, actor: Actor, spec: ElementSpec) -> str:
    require(actor, Action.MANAGE_REPORTING)
    with UnitOfWork(db, actor) as uow:
        if element_by_code(uow.session, spec.code) is not None:
            raise ValidationError(
                f"Đã có số liệu mã {spec.code}.", f"A data element with code {spec.code} exists.", spec.code
            )
        return upsert_element(uow, spec).id


def list_elements(db: Database) -> list[ElementSpec]:
    with db.session() as session:
        rows = session.scalars(
            select(DataElement).where(DataElement.deleted.is_(False)).order_by(DataElement.code)
        )
        return [spec_of(e) for e in rows]


def spec_of(element: DataElement) -> ElementSpec:
    return ElementSpec(
        element.code,
        element.name,
        element.value_type,
        element.min_value,
        element.max_value,
        element.unit_label,
    )


def get_element(session: Session, code: str) -> DataElement:
    row = element_by_code(session, code)
    if row is None:
        raise NotFound(f"Không có số liệu mã {code}.", f"No data element with code {code}.", code)
    return row


# --- values -------------------------------------------------------------------------------


def bounds(element: ElementLike) -> tuple[float | None, float | None]:
    """The allowed range: a percentage is 0-100 and a count is never negative unless told."""
    low, high = element.min_value, element.max_value
    kind = ValueType(element.value_type)
    if kind == ValueType.PERCENT:
        low = 0.0 if low is None else max(low, 0.0)
        high = 100.0 if high is None else min(high, 100.0)
    elif kind == ValueType.INTEGER and low is None:
        low = 0.0
    elif kind == ValueType.BOOLEAN:
        low, high = 0.0, 1.0
    return low, high


def parse_value(element: ElementLike, raw: Any, place: str = "") -> tuple[float | None, str]:
    """``(value_num, value_text)`` of what a person typed or a cell held; None when empty.

    Refuses text in a number, a fraction in a count, a value outside the range, with ``place``.
    """
    kind = ValueType(element.value_type)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    if kind == ValueType.TEXT:
        return None, str(raw).strip()
    if kind == ValueType.BOOLEAN:
        return _boolean(element, raw, place), ""
    number = _number(element, raw, place)
    if kind == ValueType.INTEGER and not float(number).is_integer():
        raise ValidationError(
            f"«{element.name}» phải là số nguyên, không phải {raw}.",
            f"'{element.code}' must be a whole number, not {raw}.",
            place,
        )
    low, high = bounds(element)
    if (low is not None and number < low) or (high is not None and number > high):
        shown = f"{_shown(low)} – {_shown(high)}"
        raise ValidationError(
            f"«{element.name}» = {raw} nằm ngoài khoảng cho phép ({shown}).",
            f"'{element.code}' = {raw} is outside the allowed range ({low} to {high}).",
            place,
        )
    return float(number), ""


def _shown(bound: float | None) -> str:
    if bound is None:
        return "…"
    return format_number(bound, 0 if float(bound).is_integer() else 2)


def _boolean(element: ElementLike, raw: Any, place: str) -> float:
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    if isinstance(raw, int | float) and raw in (0, 1):
        return float(raw)
    word = fold(str(raw)).strip().rstrip(".")
    if word in _YES:
        return 1.0
    if word in _NO:
        return 0.0
    raise ValidationError(
        f"«{element.name}» chỉ nhận «Có» hoặc «Không», không phải «{raw}».",
        f"'{element.code}' takes yes or no, not '{raw}'.",
        place,
    )


def _number(element: ElementLike, raw: Any, place: str) -> float:
    if isinstance(raw, bool):
        raise _not_a_number(element, raw, place)
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise _not_a_number(element, raw, place)
        return float(raw)
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if ValueType(element.value_type) == ValueType.PERCENT:
        text = text.removesuffix("%")
    # Vietnamese writes 1.234,5: dots group thousands, the comma is the decimal mark.
    if "," in text or _GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise _not_a_number(element, raw, place) from None
    if not math.isfinite(value):
        raise _not_a_number(element, raw, place)
    return value


def _not_a_number(element: ElementLike, raw: Any, place: str) -> ValidationError:
    return ValidationError(
        f"«{element.name}» phải là {VALUE_TYPE_LABELS[ValueType(element.value_type)]}, không phải «{raw}».",
        f"'{element.code}' must be a number, not '{raw}'.",
        place,
    )


def display_value(element: ElementLike, value_num: float | None, value_text: str) -> Any:
    """The value as a person enters it: int for counts, 'Có'/'Không', text or float."""
    kind = ValueType(element.value_type)
    if kind == ValueType.TEXT:
        return value_text
    if value_num is None:
        return None
    if kind == ValueType.BOOLEAN:
        return "Có" if value_num else "Không"
    if kind == ValueType.INTEGER:
        return int(value_num)
    return value_num
