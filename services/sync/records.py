"""Rows as bundle records (DESIGN §4): one JSON object per line of ``records.jsonl``.

A record is ``{"table", "id", "rev", "origin", "deleted", "fields"}``; ``fields``
holds every synchronised column except the sync metadata and the local-only
columns (search keys). Parsing is strict: an unknown table or field, a missing
field, a wrong type or an over-long text refuses the whole bundle, with the line.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Text
from sqlalchemy.sql.schema import Column

from models import synced_tables, table_of
from models.base import Base
from models.errors import ValidationError
from services.core import limits

META = ("id", "origin", "rev", "deleted")
MAX_TEXT = limits.MAX_TEXT  # characters in one Text field
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,35}$")
_MAX_INT = 2**53


class BundleRefused(ValidationError):
    """A bundle that is not applied: the message says why, the place says where."""


class OutsideLimits(BundleRefused):
    """One row whose values break services.core.limits: set aside, the rest of the bundle applies."""

    table: str = ""
    row_id: str = ""
    rev: str = ""


def refuse(message: str, english: str, place: str = "") -> BundleRefused:
    return BundleRefused(message, english, place)


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Base]
    fields: tuple[str, ...]  # synchronised columns besides META, in table order
    columns: dict[str, Column[Any]]
    references: dict[str, str]  # field -> referenced table


def _spec(model: type[Base]) -> TableSpec:
    table = table_of(model)
    local = set(getattr(model, "__local_columns__", ()))
    fields = tuple(c.name for c in table.columns if c.name not in META and c.name not in local)
    references = {}
    for column in table.columns:
        for fk in column.foreign_keys:
            references[column.name] = fk.column.table.name
    return TableSpec(model.__tablename__, model, fields, {c.name: c for c in table.columns}, references)


TABLES: dict[str, TableSpec] = {m.__tablename__: _spec(m) for m in synced_tables()}
TABLE_ORDER = list(TABLES)  # parents before children


def stamp_office(rev: str) -> str:
    """The office that wrote this revision (the stamp's last part)."""
    return rev.split("-", 2)[2] if rev.count("-") >= 2 else ""


def plain(value: Any) -> Any:
    """A column value as JSON: enums by value, dates in ISO form."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # SQLite and PostgreSQL agree on whole numbers
    return value


def to_record(spec: TableSpec, row: Any) -> dict[str, Any]:
    """A database row (mapping with every column) as a record."""
    return {
        "table": spec.name,
        "id": row["id"],
        "rev": row["rev"],
        "origin": row["origin"],
        "deleted": bool(row["deleted"]),
        "fields": {name: plain(row[name]) for name in spec.fields},
    }


@dataclass
class Record:
    """A parsed, typed record, ready for the database."""

    table: str
    id: str
    rev: str
    origin: str
    deleted: bool
    fields: dict[str, Any]  # typed Python values
    line: int

    def values(self) -> dict[str, Any]:
        """A new dict of every column value (callers may change it)."""
        return {"id": self.id, "rev": self.rev, "origin": self.origin, "deleted": self.deleted, **self.fields}

    @property
    def place(self) -> str:
        return f"records.jsonl dòng {self.line} ({self.table} {self.id})"


# A long text of a record kept for the checks only (an import that streams its records): its length
# and digest stand for it, and it equals the very same text; the rows written are parsed again.
LONG_TEXT = 256


class LongText:
    __slots__ = ("digest", "length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.digest = _digest(text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LongText):
            return (self.length, self.digest) == (other.length, other.digest)
        if isinstance(other, str):
            return len(other) == self.length and _digest(other) == self.digest
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.digest)

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"LongText({self.length} ký tự)"


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def slim(record: Record) -> Record:
    """The record with its long texts as ``LongText``: what the checks need, a fraction of the memory."""
    fields = record.fields
    if any(isinstance(v, str) and len(v) > LONG_TEXT for v in fields.values()):
        fields = {k: LongText(v) if isinstance(v, str) and len(v) > LONG_TEXT else v for k, v in fields.items()}
    return Record(record.table, record.id, record.rev, record.origin, record.deleted, fields, record.line)


def _bad(line: int, what: str, english: str) -> BundleRefused:
    return refuse(
        f"Bản ghi không hợp lệ: {what}.", f"Invalid record: {english}.", f"records.jsonl dòng {line}"
    )


def _converter(column: Column[Any]) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, Enum):
        enum_class = kind.enum_class
        allowed = {m.value: m for m in enum_class} if enum_class else {v: v for v in kind.enums}

        def convert_enum(value: Any) -> Any:
            if not isinstance(value, str) or value not in allowed:
                raise ValueError(f"giá trị {str(value)[:40]!r} không thuộc danh mục")
            return allowed[value]

        return convert_enum
    if isinstance(kind, Boolean):
        return lambda value: value if isinstance(value, bool) else _fail("cần đúng/sai")
    if isinstance(kind, Integer):
        return lambda value: (
            value
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _MAX_INT
            else _fail("cần số nguyên")
        )
    if isinstance(kind, Float):

        def convert_float(value: Any) -> float:
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError("cần số")
            return float(value)

        return convert_float
    if isinstance(kind, DateTime):
        return lambda value: _iso(value, dt.datetime.fromisoformat, 19)
    if isinstance(kind, Date):
        return lambda value: _iso(value, dt.date.fromisoformat, 10)
    if isinstance(kind, String | Text):

        def convert_text(value: Any) -> str:
            if not isinstance(value, str):
                raise ValueError("cần chuỗi ký tự")
            return limits.clean_text(value)  # Word breaks become line breaks; length is a limit

        return convert_text
    raise TypeError(f"no converter for {kind!r}")  # a new column type needs one here


def _fail(why: str) -> Any:
    raise ValueError(why)


def _iso(value: Any, parse: Callable[[str], Any], length: int) -> Any:
    if not isinstance(value, str) or len(value) > length + 7:
        raise ValueError("cần ngày dạng ISO")
    parsed = parse(value)
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is not None:
        raise ValueError("ngày giờ không được kèm múi giờ")
    return parsed


_CONVERTERS: dict[str, dict[str, Callable[[Any], Any]]] = {
    name: {field: _converter(spec.columns[field]) for field in spec.fields} for name, spec in TABLES.items()
}


@dataclass(frozen=True)
class _FieldCheck:
    name: str
    convert: Callable[[Any], Any]
    nullable: bool
    column: Column[Any]
    limited: bool  # real numbers, dates, ranged numbers: services.core.limits may still refuse a converted value
    reference: bool
    length: int  # text: cleaned on conversion, so only a length above this can be refused (0: not text)


def _limited(column: Column[Any]) -> bool:
    ranged = f"{column.table.name}.{column.key}" in limits.RANGES
    return ranged or isinstance(column.type, Float | Date | DateTime)


def _checks(spec: TableSpec) -> tuple[_FieldCheck, ...]:
    return tuple(
        _FieldCheck(name, _CONVERTERS[spec.name][name], bool(spec.columns[name].nullable), spec.columns[name],
                    _limited(spec.columns[name]), name in spec.references,
                    limits.limit_of(spec.columns[name]) if isinstance(spec.columns[name].type, String | Text) else 0)
        for name in spec.fields
    )  # fmt: skip


_CHECKS = {name: _checks(spec) for name, spec in TABLES.items()}
_FIELD_SETS = {name: frozenset(spec.fields) for name, spec in TABLES.items()}
_KEYS = frozenset(("table", "id", "rev", "origin", "deleted", "fields"))
# A revision in its one written form (what Stamp.decode reads and encode gives back, with an
# office id of _ID's shape): one match instead of a decode and an encode per record.
_REV = re.compile(r"^[0-9]{15}-[0-9]{6}-[0-9A-Za-z][0-9A-Za-z_-]{0,35}$")


def parse_record(data: Any, line: int, max_wall_ms: int) -> Record:
    """Check one decoded JSON line against the schema; typed values or a refusal."""
    if not isinstance(data, dict) or data.keys() != _KEYS:
        raise _bad(line, "thiếu hoặc thừa khóa", "missing or unexpected keys")
    table = data["table"]
    if not isinstance(table, str) or table not in TABLES:
        raise _bad(
            line,
            f"bảng {str(table)[:40]!r} không được đồng bộ",
            f"table {str(table)[:40]!r} is not synchronised",
        )
    row_id, rev, origin, deleted = data["id"], data["rev"], data["origin"], data["deleted"]
    if not isinstance(row_id, str) or not _ID.match(row_id):
        raise _bad(line, "mã dòng (id) sai dạng", "malformed id")
    if not isinstance(origin, str) or not _ID.match(origin):
        raise _bad(line, "đơn vị tạo (origin) sai dạng", "malformed origin")
    if not isinstance(deleted, bool):
        raise _bad(line, "cờ xóa phải là đúng/sai", "deleted must be a boolean")
    if not isinstance(rev, str) or not _REV.match(rev):
        raise _bad(line, "phiên bản (rev) sai dạng", "malformed revision")
    if int(rev[:15]) > max_wall_ms:
        raise _bad(
            line,
            "phiên bản mang thời điểm quá xa trong tương lai (hãy kiểm tra đồng hồ máy gửi)",
            "revision stamped too far in the future (check the sender's clock)",
        )
    fields = data["fields"]
    if not isinstance(fields, dict) or fields.keys() != _FIELD_SETS[table]:
        raise _bad(line, f"các trường của bảng {table} không khớp", f"fields of {table} do not match")
    if deleted:  # a tombstone's body is ignored: it neither blocks sync nor brings content back
        fields = dict(fields)
        limits.without_body(TABLES[table].columns, fields, True)
    typed: dict[str, Any] = {}
    for check in _CHECKS[table]:
        name = check.name
        value = fields[name]
        if value is None:
            if not check.nullable:
                raise _bad(line, f"trường {name} không được để trống", f"field {name} cannot be null")
            typed[name] = None
            continue
        try:
            value = typed[name] = check.convert(value)
        except (ValueError, TypeError) as exc:
            raise _bad(line, f"trường {name}: {exc}", f"field {name}: {exc}") from exc
        long = check.length and len(value) > check.length
        why = limits.problem(check.column, value) if check.limited or long else ""
        if why:  # well formed but outside the limits: this row is set aside, the bundle applies
            refused = _bad(line, f"trường {name}: {why}", f"field {name}: outside the limits ({why})")
            bad = OutsideLimits(refused.message, refused.english, refused.place)
            bad.table, bad.row_id, bad.rev = table, row_id, rev
            raise bad
        if check.reference and not _ID.match(value):
            raise _bad(line, f"trường {name} không phải mã dòng", f"field {name} is not an id")
    return Record(table, row_id, rev, origin, deleted, typed, line)
