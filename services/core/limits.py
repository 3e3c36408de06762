"""One set of limits for synchronised data (DESIGN §4): text length, characters, value ranges.

The same rules apply where data enters (every write through a UnitOfWork, so data
entry, plan import and Excel import alike), again before a row is written to a
bundle (an office never sends a row its peers would refuse) and on import. Text is
cleaned where it enters: Word's line and page breaks (``\\x0b``, ``\\x0c``) become
line breaks, other control characters and lone UTF-16 surrogates are dropped, so a
peer's text can never break printing or Excel.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, String, Text
from sqlalchemy.sql.schema import Column

MAX_TEXT = 2_000_000  # characters in one unbounded text field: a long plan's whole text fits
MAX_RECORD_BYTES = 16 * 1024 * 1024  # one record's line in a bundle (several long fields, UTF-8)
MAX_NUMBER = 1e15  # beyond what any count or amount of an office reaches
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # any date an office writes
# ranges data entry enforces on one column ("table.column": (low, high)), the same for bundles
RANGES: dict[str, tuple[float, float]] = {"progress_updates.percent": (0, 100), "assignments.percent": (0, 100)}
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
# C0 controls but tab, line feed and carriage return; DEL and C1; lone surrogates
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# What clean_text changes (the breaks and _BAD): found in one scan, so clean text costs one scan
_TO_CLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Text safe for the database, a bundle, a .docx and an .xlsx (what XML 1.0 allows)."""
    if _TO_CLEAN.search(value) is None:
        return value
    return _BAD.sub("", value.translate(_BREAKS))


def safe(value: Any) -> Any:
    """Any value as a .docx/.xlsx writer may take it: text cleaned, the rest unchanged."""
    return clean_text(value) if isinstance(value, str) else value


def limit_of(column: Column[Any]) -> int:
    return getattr(column.type, "length", None) or MAX_TEXT


def problem(column: Column[Any], value: Any) -> str:
    """Why ``value`` may not be stored in ``column`` ('' when it may), in Vietnamese."""
    if value is None:
        return ""
    kind = column.type
    why = _range_problem(column, value)
    if why:
        return why
    if isinstance(kind, String | Text) and isinstance(value, str):
        if len(value) > limit_of(column):
            return f"dài {len(value):,} ký tự, quá giới hạn {limit_of(column):,} ký tự".replace(",", ".")
        if _BAD.search(value):
            return "chứa ký tự điều khiển không hợp lệ"
    elif isinstance(kind, Float) and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            return "số quá lớn"
    elif (
        isinstance(kind, Integer)
        and isinstance(value, int)
        and not isinstance(value, bool)
        and abs(value) > 2**53
    ):
        return "số quá lớn"
    return ""


def _range_problem(column: Column[Any], value: Any) -> str:
    """Dates outside 1900-2100 (9999-12-31 is no deadline) and the ranges of ``RANGES``."""
    if isinstance(column.type, Date | DateTime) and isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not DATE_MIN <= day <= DATE_MAX:
            return f"ngày {day.day:02d}/{day.month:02d}/{day.year} ngoài khoảng năm {DATE_MIN.year}–{DATE_MAX.year}"
    bounds = RANGES.get(f"{getattr(column.table, 'name', '')}.{column.key}")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if bounds and number and not bounds[0] <= value <= bounds[1]:
        return f"giá trị {value:g} ngoài khoảng {bounds[0]:g}–{bounds[1]:g}"
    return ""


def body_columns(columns: dict[str, Column[Any]]) -> list[str]:
    """A row's body: its free text (Text columns). A deleted row (a tombstone) carries none."""
    return [name for name, column in columns.items() if isinstance(column.type, Text)]


def without_body(columns: dict[str, Column[Any]], values: dict[str, Any], deleted: bool) -> None:
    """Empty the body of a tombstone in place (export, import and local deletion alike)."""
    if deleted:
        for name in body_columns(columns):
            if name in values:
                values[name] = ""


def row_problems(columns: dict[str, Column[Any]], values: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, why) for every value outside the limits."""
    found = []
    for name, value in values.items():
        column = columns.get(name)
        if column is not None:
            why = problem(column, value)
            if why:
                found.append((name, why))
    return found


def clean_object(obj: Any) -> list[tuple[str, str]]:
    """Clean an ORM object's text in place; (field, why) for what is still outside the limits.

    A deleted synchronised row loses its body here, so the tombstone this office keeps is the
    one it sends and its peers hold.
    """
    table = obj.__table__
    found = []
    if getattr(obj, "deleted", False):
        for name in body_columns({c.key: c for c in table.columns}):
            if getattr(obj, name, None):
                setattr(obj, name, "")
    for column in table.columns:
        value = getattr(obj, column.key, None)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(obj, column.key, cleaned)
                value = cleaned
        why = problem(column, value)
        if why:
            found.append((column.key, why))
    return found
