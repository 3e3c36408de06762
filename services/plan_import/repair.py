"""Repairing the text a PDF's text layer gives before it is parsed.

PDF text extraction damages Vietnamese in a few recurring ways: a glyph placed apart
splits a syllable ("c ủa", "s ơ kết", "0 7/11/2020"); some fonts map "ư"/"Ư" to the
look-alike "ƣ"/"Ƣ" (U+01A3/U+01A2, never Vietnamese); tone marks come as separate
combining characters, sometimes after a space; page numbers and running headers sit
on their own lines between the lines of a paragraph. ``repair_lines`` undoes these
and says which it found, so the import can tell the officer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from services.plan_import.encodings import COMMON_SYLLABLES

# The initial consonants of a Vietnamese syllable: on their own they are never a word.
_INITIALS = frozenset(
    ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x"]
)
_VOWELS = "aăâeêioôơuưy"
_PAGE_NUMBER = re.compile(r"\s*[-–]?\s*(Trang\s*)?\d{1,3}(\s*/\s*\d{1,3})?\s*[-–]?\s*", re.IGNORECASE)
_SPLIT_NUMBER = re.compile(r"(?<![\d/.,])(\d) (\d{1,3})(?=/)")
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(uyê|uya|uô|ươ|iê|yê|ưu|ươi|oai|oay|uây|[aăâeêioôơuưy]{1,2})(ch|ng|nh|[cmnpt])?$"
)
_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


def fix_glyphs(text: str) -> str:
    """ "ƣ" → "ư", tone marks joined to their letter (a space before a mark is dropped)."""
    text = text.replace("\u01a3", "ư").replace("\u01a2", "Ư")
    text = re.sub(rf"\s+(?=[{_MARKS}])", "", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text)


def _base(letter: str) -> str:
    """The letter without its tone (ư, â … keep their shape)."""
    parts = unicodedata.normalize("NFD", letter.lower())
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323"))


def _joins(left: str, right: str) -> bool:
    """Whether ``left right`` is one syllable split by a glyph placed apart."""
    if not right or not left.isalpha() or not right[0].isalpha() or right[0].isascii():
        return False
    if _base(right[0]) not in _VOWELS:
        return False
    upper = left.isupper() and right.rstrip(",.;:").isupper()  # "T ẠO", "V À" in a heading
    if not upper and (not right[0].islower() or left[1:] != left[1:].lower()):
        return False  # "UBND ủy" is not a syllable
    head = left.lower()
    right = right.lower()
    if head in _INITIALS:
        return True  # "c ủa", "ng ày": a consonant alone is never a word
    right = right.rstrip(",.;:")
    if (head + right) in COMMON_SYLLABLES and head not in COMMON_SYLLABLES:
        return True
    # "Nguy ễn", "tuy ển", "bi ên": neither half is a word of its own, together they are one syllable.
    tones = sum(1 for c in unicodedata.normalize("NFD", head + right) if c in "\u0300\u0301\u0303\u0309\u0323")
    return (
        head not in COMMON_SYLLABLES and right not in COMMON_SYLLABLES and tones <= 1
        and bool(_SYLLABLE.match("".join(_base(c) for c in head + right)))
    )  # fmt: skip


def join_syllables(line: str) -> str:
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        if out and _joins(out[-1], word):
            out[-1] += word
        else:
            out.append(word)
    return _SPLIT_NUMBER.sub(_join_number, " ".join(out))


def _join_number(m: re.Match[str]) -> str:
    """ "0 7/11/2020" → "07/11/2020", "Số: 5 12/PGDĐT" → "512/PGDĐT" (a date's day stays ≤ 31)."""
    joined = m.group(1) + m.group(2)
    is_date = re.match(r"/\d{1,2}/", m.string[m.end() :])
    return joined if not is_date or int(joined) <= 31 else m.group(0)


def _is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(line)) and any(c.isdigit() for c in line)


def running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated as a running header or footer: the same short line at the top or the
    bottom of two pages or more, or anywhere three times or more."""
    edges: Counter[str] = Counter()
    for page in pages:
        lines = [s for s in (line.strip() for line in page) if s and not _is_page_number(s)]
        for line in {*lines[:2], *lines[-2:]}:
            edges[line] += 1
    anywhere = Counter(s for page in pages for s in (line.strip() for line in page) if s)
    found = {line for line, n in edges.items() if n >= 2 and len(pages) >= 2}
    found |= {line for line, n in anywhere.items() if n >= 3}
    return {line for line in found if 3 <= len(line) <= 120 and not re.fullmatch(r"[-–.\s]*", line)}


def repair_lines(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """The repaired lines of a PDF's pages, and the kinds of damage that were repaired."""
    found: list[str] = []
    fixed_pages = [[fix_glyphs(line) for line in page] for page in pages]
    if any(a != b for p, q in zip(pages, fixed_pages, strict=True) for a, b in zip(p, q, strict=True)):
        if any("\u01a2" in line or "\u01a3" in line for page in pages for line in page):
            found.append("chữ «ƣ» thay cho «ư»")
        if any(re.search(rf"\s[{_MARKS}]", unicodedata.normalize("NFD", line)) for page in pages for line in page):
            found.append("dấu thanh tách rời")
    repeated = running_lines(fixed_pages)
    lines: list[str] = []
    dropped = split = 0
    for page in fixed_pages:
        for line in page:
            if _is_page_number(line) or line.strip() in repeated:
                dropped += 1
                continue
            joined = join_syllables(line)
            if lines and re.search(r"(?<![\d/])\d$", lines[-1]) and re.match(r"\d/\d", joined):
                lines[-1] += joined  # "… ngày 1" + "0/6/2024": a date split at a line end
                split += 1
                continue
            split += joined != line
            lines.append(joined)
    if split:
        found.append(f"chữ bị tách ({split} dòng)")
    if dropped:
        found.append(f"số trang, tiêu đề lặp ({dropped} dòng)")
    return lines, found
