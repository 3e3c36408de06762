"""One sealed-box format for every secret (services.core.sealing): it opens only with its
passphrase and for its owner, and a changed box never opens to something else."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.core import sealing


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The format is what is under test here, not scrypt's cost (the box records N; checked below)."""
    monkeypatch.setattr(sealing, "SCRYPT_N", 2**4)


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=300), st.text(min_size=1, max_size=30), st.text(max_size=40))
def test_a_box_opens_with_its_passphrase_for_its_owner(plain: bytes, passphrase: str, owner: str) -> None:
    box = sealing.seal(plain, passphrase.encode(), owner)
    assert sealing.well_formed(box) and box["n"] == 2**4
    assert sealing.open_box(box, passphrase.encode(), owner) == plain
    with pytest.raises(sealing.WrongPassphrase):
        sealing.open_box(box, passphrase.encode() + b"x", owner)
    with pytest.raises(sealing.WrongPassphrase):
        sealing.open_box(box, passphrase.encode(), owner + "x")  # moved to another office


def test_a_changed_byte_never_opens() -> None:
    box = sealing.seal(b"-----BEGIN PRIVATE KEY-----", b"pass", "office")
    data = bytearray(base64.b64decode(box["data"]))
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(sealing.WrongPassphrase):
            sealing.open_box({**box, "data": base64.b64encode(changed).decode()}, b"pass", "office")


@pytest.mark.parametrize("damage", [
    lambda box: {**box, "kdf": "pbkdf2"},
    lambda box: {**box, "n": 2},
    lambda box: {k: v for k, v in box.items() if k != "salt"},
    lambda box: {**box, "extra": 1},
    lambda box: {**box, "nonce": "***"},
    lambda box: [box],
    lambda box: None,
])  # fmt: skip
def test_a_damaged_box_is_told_apart(damage) -> None:
    box = sealing.seal(b"secret", b"pass", "office")
    with pytest.raises(sealing.DamagedBox):
        sealing.open_box(damage(box), b"pass", "office")
