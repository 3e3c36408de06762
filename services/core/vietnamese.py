"""Vietnamese text and dates: diacritic folding, collation keys, the two date forms."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

# Combining marks of the five tones, in dictionary order after the level tone:
# huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ), as in CLDR's Vietnamese collation.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own: ă â ê ô ơ ư.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j",
    "k", "l", "m", "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b",
    "v", "w", "x", "y", "z",
]  # fmt: skip
_ASCII_DIGITS = frozenset("0123456789")
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_SPACE, _OTHER, _FIRST_DIGIT = 0, 1, 2
_LETTER_CODE = {letter: _FIRST_DIGIT + 10 + i for i, letter in enumerate(_ALPHABET)}
# Every primary code starts with a digit above "0", the separator before the tones,
# so a name that is the beginning of another sorts first whatever its tones
# ("Hà" < "Hà Nội"). 199 characters: 2 per primary code + 1 separator + 1 per tone
# stay within the 600 of org_units.sort_key.
_CODE_OFFSET = 36
SORT_KEY_CHARS = 199
# Ð/ð (U+00D0/U+00F0) look exactly like Đ/đ and are what old TCVN3/VNI converters
# often produced: they are read as Đ/đ.
_D_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_ETH_AS_D = str.maketrans({"ð": "đ", "Ð": "Đ"})


def _fold_slowly(text: str) -> str:
    """The definition of ``fold``: NFD, marks dropped, lower case, whitespace collapsed."""
    text = text.translate(_D_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(bare.lower().split())


# Folded words, worked out once: Vietnamese text is made of a few thousand syllables.
_FOLDED_WORDS: dict[str, str] = {}
_MAX_FOLDED_WORDS = 100_000


def fold(text: str) -> str:
    """Lower case without diacritics, whitespace collapsed: ``Đào tạo`` → ``dao tao``.

    Word by word through a cache; the same as ``_fold_slowly`` on the whole text, since no
    step makes or removes whitespace and none looks across it (lower case of Σ stops at a
    space). A word made of marks alone folds to nothing and is left out.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    words = _FOLDED_WORDS
    folded = []
    for word in text.split():
        value = words.get(word)
        if value is None:
            if len(words) >= _MAX_FOLDED_WORDS:
                words.clear()
            value = words[word] = _fold_slowly(word)
        if value:
            folded.append(value)
    return " ".join(folded)


def _code(value: int) -> str:
    value += _CODE_OFFSET
    return _DIGITS36[value // 36] + _DIGITS36[value % 36]


def _letters(text: str) -> list[tuple[str, int]]:
    """(base letter with its letter-making mark, tone) for each character."""
    result: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFC", text.translate(_ETH_AS_D).lower()):
        parts = unicodedata.normalize("NFD", char)
        base, tone = parts[0], 0
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                base += mark
        result.append((base, tone))
    return result


def sort_key(text: str) -> str:
    """A key whose plain string order is Vietnamese alphabetical order.

    Letters first (a ă â b c d đ e ê …, word by word), then tones as a tie-break.
    Only ``0-9a-z`` appear, so the order holds under any database collation.
    """
    # Cut after lower-casing, which can lengthen the text ("İ" → "i" + U+0307).
    letters = _letters(" ".join(text.split()))[:SORT_KEY_CHARS]
    primary: list[str] = []
    tones: list[str] = []
    for base, tone in letters:
        if base == " ":
            primary.append(_code(_SPACE))
            continue
        if base in _ASCII_DIGITS:  # not isdigit(): "²" is a digit to it, not to int()
            primary.append(_code(_FIRST_DIGIT + int(base)))
        elif base in _LETTER_CODE:
            primary.append(_code(_LETTER_CODE[base]))
        else:
            primary.append(_code(_OTHER))
        tones.append(str(tone))
    return "".join(primary) + "0" + "".join(tones)


def search_key(*parts: str) -> str:
    """The folded text that diacritic-insensitive search matches against."""
    return " ".join(fold(p) for p in parts if p)


def matches(query: str, *parts: str) -> bool:
    """Every folded word of ``query`` occurs in the folded ``parts``."""
    haystack = search_key(*parts)
    return all(word in haystack for word in fold(query).split())


def format_date(day: dt.date | None) -> str:
    """Table form: ``05/01/2024``."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_document_date(day: dt.date) -> str:
    """Document form (Nghị định 30/2020): ``ngày 05 tháng 01 năm 2024``.

    Days below 10 and the months 1 and 2 take a leading zero; other months do not.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_place_date(place: str, day: dt.date) -> str:
    return f"{place}, {format_document_date(day)}"


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_WORDED_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``: ``20/9/2023``, ``05/01/2024`` or ``ngày 5 tháng 1 năm 2024``."""
    found = [m for m in (_NUMERIC_DATE.search(text), _WORDED_DATE.search(text)) if m]
    for match in sorted(found, key=lambda m: m.start()):
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def format_number(value: float, decimals: int = 0) -> str:
    """Vietnamese separators: ``1.234,5``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float) -> str:
    return format_number(value, 1) + "%"


_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def read_english_number(text: str) -> float | None:
    """A number typed the English way (``1,234.5``); None when it is not one.

    Vietnamese typing is read by the reporting parser itself (``1.234,5``); an English interface
    reads the comma as grouping, never as the decimal mark, so "1,234" is one thousand two hundred
    and thirty-four there, as the person meant.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if "," in cleaned:
        if not _EN_GROUPED.match(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
