"""The one-time code that seals a new school's private key inside its setup bundle.

A setup bundle travels on a USB stick or by e-mail; whoever copies it must not be able
to sign bundles as the school. The district's office makes a code of 16 characters from
an alphabet without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), shown as four
groups of four to be read on the phone; the key is sealed with scrypt + AES-GCM under
that code, the school's office id as associated data. The code is never stored.
"""

from __future__ import annotations

import base64
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from models.errors import ValidationError

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # 25 symbols: 16 of them give 74 bits
GROUPS, GROUP_SIZE = 4, 4
# 2**15 costs ~0.1 s per try: cheap for the school once, costly for a guesser of 2**74 codes
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_FIELDS = {"kdf", "n", "r", "p", "salt", "cipher", "nonce", "data"}


def new_code() -> str:
    """``ABCD-EFGH-JKMN-PQRT``: random, grouped for reading aloud."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(chars[i : i + GROUP_SIZE] for i in range(0, len(chars), GROUP_SIZE))


def normalise(code: str) -> str:
    """What was typed, without spaces or dashes, in upper case (read aloud, case is lost anyway)."""
    return "".join(ch for ch in code.upper() if ch not in " -_.\t")


def _derive(code: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalise(code).encode("ascii", "replace"))


def seal(pem: bytes, code: str, office_id: str) -> dict[str, Any]:
    """The private key as the setup bundle carries it."""
    salt, nonce = os.urandom(16), os.urandom(12)
    data = AESGCM(_derive(code, salt)).encrypt(nonce, pem, office_id.encode("utf-8"))
    b64 = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64(salt),
            "cipher": "AES-256-GCM", "nonce": b64(nonce), "data": b64(data)}  # fmt: skip


def well_formed(box: Any) -> bool:
    """The sealed key's shape (checked with the rest of setup.json, before any code is asked)."""
    return (
        isinstance(box, dict)
        and set(box) == _FIELDS
        and box["kdf"] == "scrypt"
        and box["cipher"] == "AES-256-GCM"
        and (box["n"], box["r"], box["p"]) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
        and all(isinstance(box[k], str) and len(box[k]) < 4096 for k in ("salt", "nonce", "data"))
    )


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
        salt, nonce, data = (base64.b64decode(box[k], validate=True) for k in ("salt", "nonce", "data"))
        return AESGCM(_derive(code, salt)).decrypt(nonce, data, office_id.encode("utf-8"))
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise wrong_code() from exc
