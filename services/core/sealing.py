"""A secret sealed under a passphrase: scrypt derives the key, AES-256-GCM seals, the owner's
id is the associated data (a box moved to another office does not open).

One box format for every secret EduDesk keeps or carries: the key inside a setup bundle
(sealed with the setup code), in a backup (the backup passphrase) and in a server
database (the office key passphrase). Callers say what a wrong passphrase means to the
person; this module only tells a wrong one from a damaged box.
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

# 2**15 costs ~0.1 s per try: cheap once for a person, costly for a guesser
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
KDF, CIPHER = "scrypt", "AES-256-GCM"
FIELDS = frozenset({"kdf", "n", "r", "p", "salt", "cipher", "nonce", "data"})


class WrongPassphrase(Exception):
    """The passphrase does not open the box (or the box was changed: GCM cannot tell which)."""


class DamagedBox(Exception):
    """The box is not one this module wrote."""


def _derive(secret: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(secret)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def seal(plain: bytes, passphrase: bytes, owner: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    data = AESGCM(_derive(passphrase, salt)).encrypt(nonce, plain, owner.encode("utf-8"))
    return {"kdf": KDF, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt),
            "cipher": CIPHER, "nonce": _b64(nonce), "data": _b64(data)}  # fmt: skip


def well_formed(box: Any) -> bool:
    """The box's shape and parameters, checkable before anyone is asked for a passphrase."""
    return (
        isinstance(box, dict)
        and set(box) == FIELDS
        and box["kdf"] == KDF
        and box["cipher"] == CIPHER
        and (box["n"], box["r"], box["p"]) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
        and all(isinstance(box[k], str) and len(box[k]) < 4096 for k in ("salt", "nonce", "data"))
    )


def open_box(box: Any, passphrase: bytes, owner: str) -> bytes:
    if not well_formed(box):
        raise DamagedBox()
    try:
        salt, nonce, data = (base64.b64decode(box[k], validate=True) for k in ("salt", "nonce", "data"))
    except (binascii.Error, ValueError) as exc:
        raise DamagedBox() from exc
    try:
        return AESGCM(_derive(passphrase, salt)).decrypt(nonce, data, owner.encode("utf-8"))
    except (InvalidTag, ValueError) as exc:  # ValueError: a nonce of the wrong length
        raise WrongPassphrase() from exc
