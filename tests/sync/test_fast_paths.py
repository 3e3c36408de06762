"""The quick checks of bundle import are the same rules as their plain definitions."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from models.errors import EduDeskError
from services.core import limits
from services.core.hlc import Stamp
from services.sync.records import _ID, _REV

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS = st.sampled_from([*"\x00\x08\x09\x0a\x0b\x0c\x0d\x1f\x7f\x85\x9f\u2028\u2029\ud800\udfff aĐ"])


@settings(deadline=None, max_examples=500)
@given(st.text(max_size=60) | st.text(_CONTROLS, max_size=20))
def test_clean_text_is_its_definition(text: str) -> None:
    assert limits.clean_text(text) == _BAD.sub("", text.translate(_BREAKS))


def _old_rev_ok(rev: str) -> bool:
    try:
        stamp = Stamp.decode(rev)
    except EduDeskError:
        return False
    return len(rev) <= 64 and stamp.encode() == rev and bool(_ID.match(stamp.office))


_DIGITS = st.text(st.sampled_from([*"0123456789١+-_ "]), min_size=5, max_size=16)


_OFFICE = st.text(st.sampled_from([*"aZ09_-\n é"]), max_size=40)
_WELL_FORMED = st.builds(lambda w, c, o: f"{w:015d}-{c:06d}-{o}", st.integers(0, 10**15 - 1),
                         st.integers(0, 10**6 - 1), _OFFICE)  # fmt: skip


@settings(deadline=None, max_examples=800)
@given(st.builds(lambda w, c, o: f"{w}-{c}-{o}", _DIGITS, _DIGITS, _OFFICE) | _WELL_FORMED | st.text(max_size=70))
@example("000001700000000-000000-abc")
@example("000001700000000-000000-abc\n")
@example("00000170000000-0000000-abc")
@example("000001700000000-000000-a-b")
def test_revision_pattern_is_decode_and_encode(rev: str) -> None:
    assert bool(_REV.match(rev)) == _old_rev_ok(rev)
