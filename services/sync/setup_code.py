"""The one-time code that seals a new school's private key inside its setup bundle.

A setup bundle travels on a USB stick or by e-mail; whoever copies it must not be able
to sign bundles as the school. The district's office makes a code of 16 characters from
an alphabet without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), shown as four
groups of four to be read on the phone; the key is sealed (``services.core.sealing``) under
that code, the school's office id as associated data. The code is never stored.
"""

from __future__ import annotations

import secrets
from typing import Any

from models.errors import ValidationError
from services.core import sealing

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # 25 symbols: 16 of them give 74 bits
GROUPS, GROUP_SIZE = 4, 4


def new_code() -> str:
    """``ABCD-EFGH-JKMN-PQRT``: random, grouped for reading aloud."""
    return grouped("".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE)))


def grouped(code: str) -> str:
    """A code (or an office key passphrase) in groups of four, as it is read aloud."""
    plain = normalise(code)
    return "-".join(plain[i : i + GROUP_SIZE] for i in range(0, len(plain), GROUP_SIZE))


def normalise(code: str) -> str:
    """What was typed, without spaces or dashes, in upper case (read aloud, case is lost anyway)."""
    return "".join(ch for ch in code.upper() if ch not in " -_.\t")


def _secret(code: str) -> bytes:
    return normalise(code).encode("ascii", "replace")


def seal(pem: bytes, code: str, office_id: str) -> dict[str, Any]:
    """The private key as the setup bundle carries it."""
    return sealing.seal(pem, _secret(code), office_id)


def well_formed(box: Any) -> bool:
    """The sealed key's shape (checked with the rest of setup.json, before any code is asked)."""
    return sealing.well_formed(box)


def wrong_code() -> ValidationError:
    return ValidationError(
        "Mã khởi tạo không đúng. Hãy nhập lại đúng 16 ký tự Phòng GD&ĐT đọc cho (ví dụ ABCD-EFGH-JKMN-PQRT); "
        "chưa tạo gì, gói khởi tạo vẫn dùng được.",
        "Wrong setup code. Type again the 16 characters the district office read to you "
        "(e.g. ABCD-EFGH-JKMN-PQRT); nothing was created, the setup bundle can still be used.",
    )


def open_sealed(box: dict[str, Any], code: str, office_id: str) -> bytes:
    """The school's private key (PEM); a wrong code or a changed key gives the same plain refusal."""
    if not code.strip():
        raise ValidationError(
            "Cần mã khởi tạo: 16 ký tự Phòng GD&ĐT đọc cho khi gửi gói (ví dụ ABCD-EFGH-JKMN-PQRT).",
            "The setup code is needed: the 16 characters the district office read to you "
            "(e.g. ABCD-EFGH-JKMN-PQRT).",
        )
    if len(normalise(code)) != GROUPS * GROUP_SIZE:
        raise wrong_code()
    try:
        return sealing.open_box(box, _secret(code), office_id)
    except (sealing.WrongPassphrase, sealing.DamagedBox) as exc:
        raise wrong_code() from exc
