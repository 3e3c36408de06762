"""What the register's modules share: field labels, the limits check, search keys, dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from models.errors import ValidationError
from services.core import limits, vietnamese

FIELD_LABELS = {
    "agency": "Cơ quan ban hành", "number_symbol": "Số, ký hiệu", "subject": "Trích yếu",
    "sent_to": "Đơn vị hoặc người nhận", "note": "Ghi chú", "file_name": "Tệp", "symbol": "Ký hiệu",
    "signer": "Người ký", "recipients": "Nơi nhận", "archive": "Nơi lưu bản", "opinion": "Ý kiến",
    "result": "Kết quả giải quyết", "lead_user": "Người chủ trì", "for_user": "Người cho ý kiến",
}  # fmt: skip
URGENCY = ("", "Khẩn", "Thượng khẩn", "Hỏa tốc")
CONFIDENTIALITY = ("", "Mật", "Tối mật", "Tuyệt mật")


def checked(obj: Any, place: str) -> Any:
    """The one set of limits (services.core.limits) on a register row before it is written."""
    found = limits.clean_object(obj)
    if found:
        field, why = found[0]
        raise ValidationError(
            f"{FIELD_LABELS.get(field, field)}: {why}.", f"Field {field} is outside the limits ({why}).",
            place,
        )  # fmt: skip
    return obj


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    """``khan`` finds ``Khẩn``: marks are typed without diacritics too."""
    folded = vietnamese.fold(value or "")
    for option in allowed:
        if vietnamese.fold(option) == folded:
            return option
    raise ValidationError(
        f"{what} «{value}» không có; chọn một trong: {', '.join(a for a in allowed if a)}.",
        f"Unknown {what} «{value}».",
        what,
    )


def number_text(number: int) -> str:
    """Register numbers below 10 take a leading zero (``05``), as the header does."""
    return f"{number:02d}"


def search_key(*parts: Any) -> str:
    """Folded number, subject, agency and dates (``05/01/2024`` and ``2024-01-05``)."""
    texts: list[str] = []
    for part in parts:
        if isinstance(part, dt.date):
            texts += [vietnamese.format_date(part), part.isoformat()]
        elif isinstance(part, int):
            texts += [number_text(part), str(part)]
        elif part:
            texts.append(str(part))
    return vietnamese.search_key(*texts)


def dumps(values: list[str]) -> str:
    return json.dumps([v for v in values if v and v.strip()], ensure_ascii=False)


def loads(text: str) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
