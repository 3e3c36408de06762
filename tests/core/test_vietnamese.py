"""Vietnamese helpers: folding, collation keys and the two date forms (DESIGN §6)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from services.core import vietnamese as vn

# No Hypothesis deadlines (settings(deadline=None)): a busy machine must not turn a
# slow example into a failure.

# The 29 letters of the Vietnamese alphabet in dictionary order, then the tones in
# dictionary order (level, huyền, hỏi, ngã, sắc, nặng).
ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
VOWELS = set("aăâeêioôơuưy")

letter_and_tone = st.tuples(st.integers(0, len(ALPHABET) - 1), st.integers(0, len(TONE_MARKS) - 1))
words = st.lists(letter_and_tone, min_size=1, max_size=6)
phrases = st.lists(words, min_size=1, max_size=4)


def compose(phrase: list[list[tuple[int, int]]]) -> str:
    """A phrase of (letter, tone) pairs as NFC text; tones only go on vowels."""
    out = []
    for word in phrase:
        chars = []
        for letter, tone in word:
            base = ALPHABET[letter]
            mark = TONE_MARKS[tone] if base in VOWELS else ""
            chars.append(unicodedata.normalize("NFC", base + mark))
        out.append("".join(chars))
    return " ".join(out)


def reference_key(phrase: list[list[tuple[int, int]]]) -> tuple:
    """Vietnamese order: letters word by word first, tones only as the tie-break."""
    letters = tuple(tuple(letter for letter, _ in word) for word in phrase)
    tones = tuple(tone if ALPHABET[letter] in VOWELS else 0 for word in phrase for letter, tone in word)
    return letters, tones


vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY")
        + list("àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
        + list("ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ")
        + list(" 0123456789-/.,&()\t")
    ),
    max_size=60,
)


# --- folding --------------------------------------------------------------------


@settings(deadline=None)
@given(st.text(max_size=80))
@example("İstanbul")  # lower() of U+0130 gives "i" + a combining dot
def test_fold_is_idempotent(text: str) -> None:
    assert vn.fold(vn.fold(text)) == vn.fold(text)


@settings(deadline=None)
@given(st.text(max_size=80) | vietnamese_text)
def test_fold_leaves_no_combining_mark(text: str) -> None:
    folded = vn.fold(text)
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded))
    assert not any(unicodedata.category(c) == "Mn" for c in folded)


@settings(deadline=None)
@given(vietnamese_text)
def test_fold_of_vietnamese_is_plain_lower_ascii(text: str) -> None:
    folded = vn.fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded and folded == folded.strip()


@settings(deadline=None)
@given(vietnamese_text)
def test_fold_ignores_composition_form(text: str) -> None:
    """Text typed precomposed (NFC) or with separate marks (NFD) folds the same."""
    assert vn.fold(unicodedata.normalize("NFD", text)) == vn.fold(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đào tạo", "dao tao"),
        ("đ", "d"),
        ("Đ", "d"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Trường  Tiểu học\tAn Phú", "truong tieu hoc an phu"),
        ("Ưu tiên", "uu tien"),
        ("Giáo dục – Đào tạo", "giao duc – dao tao"),
        ("\u00d0à Nẵng", "da nang"),  # Ð (U+00D0) left for Đ by old TCVN3/VNI converters
        ("\u00f0ông", "dong"),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert vn.fold(text) == expected


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("truong tieu hoc", "Trường Tiểu học Nguyễn Văn Trỗi"),
        ("dao tao", "Phòng Giáo dục và Đào tạo"),
        ("TRƯỜNG tiểu", "trường tiểu học"),
        ("hoc tieu", "Trường Tiểu học"),  # every word, in any order
        ("cu chi", "Củ Chi"),
    ],
)
def test_matches_ignores_diacritics_and_case(query: str, text: str) -> None:
    assert vn.matches(query, text)


def test_matches_needs_every_word() -> None:
    assert not vn.matches("truong trung hoc", "Trường Tiểu học")
    assert not vn.matches("dao", "Đông")


@settings(deadline=None)
@given(vietnamese_text, vietnamese_text)
def test_search_key_finds_every_fragment(prefix: str, text: str) -> None:
    """Any typed fragment of a name, with or without marks, finds that name."""
    name = prefix + " " + text
    assert vn.matches(text, name)
    assert vn.matches(vn.fold(text), name)
    assert vn.fold(text) in vn.search_key("X01", name)


# --- collation ------------------------------------------------------------------


def test_sort_key_alphabet_order() -> None:
    letters = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
               "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]  # fmt: skip
    shuffled = sorted(letters, key=lambda c: vn.fold(c)[::-1] + c)
    assert sorted(shuffled, key=vn.sort_key) == letters


def test_sort_key_tone_order() -> None:
    tones = ["a", "à", "ả", "ã", "á", "ạ"]
    assert sorted(reversed(tones), key=vn.sort_key) == tones


def test_sort_key_letters_before_tones() -> None:
    """A tone decides only between words with the same letters: ``án`` < ``ăn``."""
    assert sorted(["ăn", "án", "an", "ạn"], key=vn.sort_key) == ["an", "án", "ạn", "ăn"]
    assert sorted(["Đông", "Dương", "Đà Nẵng", "Du"], key=vn.sort_key) == ["Du", "Dương", "Đà Nẵng", "Đông"]


@pytest.mark.parametrize(
    ("shorter", "longer"),
    [
        ("Hà", "Hà Nội"),
        ("Hà", "Ha Noi"),
        ("á", "a b"),
        ("à", "a1"),
        ("Tân Phú", "Tân Phú Trung"),
        ("Ấp", "Ấp Bắc"),
    ],
)
def test_sort_key_prefix_sorts_first(shorter: str, longer: str) -> None:
    """A name that is the beginning of another comes first, whatever its tones."""
    assert vn.sort_key(shorter) < vn.sort_key(longer)


def test_sort_key_treats_the_look_alike_eth_as_đ() -> None:
    assert vn.sort_key("\u00d0à Nẵng") == vn.sort_key("Đà Nẵng")


def test_sort_key_ignores_case_and_spacing() -> None:
    assert vn.sort_key("Trường  Tiểu học") == vn.sort_key("trường tiểu học")
    assert vn.sort_key(unicodedata.normalize("NFD", "Đồng Tháp")) == vn.sort_key("Đồng Tháp")


@settings(deadline=None)
@given(phrases, phrases)
def test_sort_key_matches_reference_order(a: list, b: list) -> None:
    ka, kb = vn.sort_key(compose(a)), vn.sort_key(compose(b))
    ra, rb = reference_key(a), reference_key(b)
    assert (ka < kb) == (ra < rb)
    assert (ka == kb) == (ra == rb)


@settings(deadline=None)
@given(st.text(max_size=400))
def test_sort_key_is_portable_and_fits_its_column(text: str) -> None:
    """Only 0-9a-z (same order under any collation), within org_units.sort_key (600)."""
    key = vn.sort_key(text)
    assert set(key) <= set("0123456789abcdefghijklmnopqrstuvwxyz")
    assert len(key) <= 600


@pytest.mark.parametrize("name", ["Đ" * 255, "İ" * 255, "Trường " * 40, "Sân 2.000 m²"])
def test_sort_key_of_a_long_name_fits(name: str) -> None:
    assert len(vn.sort_key(name)) <= 600


# --- dates and numbers -----------------------------------------------------------


def test_format_date_table_form() -> None:
    assert vn.format_date(dt.date(2024, 1, 5)) == "05/01/2024"
    assert vn.format_date(dt.date(2023, 12, 31)) == "31/12/2023"
    assert vn.format_date(None) == ""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (dt.date(2023, 9, 5), "ngày 05 tháng 9 năm 2023"),
        (dt.date(2023, 12, 20), "ngày 20 tháng 12 năm 2023"),
    ],
)
def test_format_document_date(day: dt.date, expected: str) -> None:
    assert vn.format_document_date(day) == expected


def test_format_place_date() -> None:
    assert vn.format_place_date("Củ Chi", dt.date(2024, 1, 5)) == "Củ Chi, ngày 05 tháng 01 năm 2024"


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@settings(deadline=None)
@given(dates)
def test_parse_date_round_trips_both_forms(day: dt.date) -> None:
    assert vn.parse_date(vn.format_date(day)) == day
    assert vn.parse_date(vn.format_document_date(day)) == day
    assert vn.parse_date(vn.format_place_date("Hà Nội", day)) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Củ Chi, ngày 5 tháng 1 năm 2024", dt.date(2024, 1, 5)),
        ("Hạn chót 20/9/2023, gửi về phòng", dt.date(2023, 9, 20)),
        ("31/02/2024 hoặc ngày 01 tháng 03 năm 2024", dt.date(2024, 3, 1)),
        ("NGÀY 05 THÁNG 01 NĂM 2024", dt.date(2024, 1, 5)),
        ("không có ngày nào", None),
        ("", None),
    ],
)
def test_parse_date_examples(text: str, expected: dt.date | None) -> None:
    assert vn.parse_date(text) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(1234.5, 1, "1.234,5"), (1234567, 0, "1.234.567"), (0.25, 2, "0,25"), (-1500, 0, "-1.500")],
)
def test_format_number(value: float, decimals: int, expected: str) -> None:
    assert vn.format_number(value, decimals) == expected


def test_format_percent() -> None:
    assert vn.format_percent(87.25) == "87,2%" or vn.format_percent(87.25) == "87,3%"
    assert vn.format_percent(100) == "100,0%"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_an_english_number_reads_back_as_written(value) -> None:
    from services.core.vietnamese import read_english_number

    assert read_english_number(f"{value:,}") == float(value)
    assert read_english_number(f"{value}") == float(value)


def test_an_english_comma_only_groups_thousands() -> None:
    from services.core.vietnamese import read_english_number

    assert read_english_number("1,234") == 1234.0
    assert read_english_number("1,234.5%") == 1234.5
    assert read_english_number("1,5") is None and read_english_number("12,34,5") is None
    assert read_english_number("abc") is None and read_english_number("inf") is None


# --- the fast fold against its definition ------------------------------------------


def _fold_oracle(text: str) -> str:
    """``fold`` as it was first written, character by character: the definition."""
    text = text.translate(str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}))
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(bare.lower().split())


_EDGES = [*"aAΣσΑİ đĐðÐ\t\n\x1c\u00a0\u2000\u3000\u0301\u0323\u0345\u1ec7ǅ", "\U0001d16d", "\U0001d165"]


@settings(deadline=None, max_examples=1500)
@given(
    st.text(max_size=80)
    | vietnamese_text
    | st.text(st.characters(max_codepoint=0x2FFF), max_size=40)
    | st.text(st.sampled_from(_EDGES), max_size=30)
)
@example("İstanbul ΣΑΣ")  # lower() of Σ depends on its neighbours
@example("\U0001d16d\U0001d165a")  # combining marks that are not Mn reorder
@example("A\u0301\u0323 \u2000 \u00a0x\u1ec7")
def test_fast_fold_equals_the_definition(text: str) -> None:
    assert vn.fold(text) == _fold_oracle(text)
