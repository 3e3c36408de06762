"""From raw lines to the document's parts: paragraphs, header, outline tree, closing.

Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) share one layout:
the issuing body and ``Số: …/KH-…`` on the left, the national motto and
``<place>, ngày … tháng … năm …`` on the right, the type (KẾ HOẠCH, CHỈ THỊ …) and
the title, the grounds (Căn cứ …), the body as an outline (I., 1., 1.1., a), bullets),
then ``Nơi nhận:`` and the signature, sometimes followed by an appendix. The rules
below read that layout; none of them depends on a particular plan's wording.

One module (over 400 lines) because its rules read one layout top to bottom: where the
header ends decides where the title starts, the title where the body starts, the body where
the closing starts; split apart, each piece would need the others' boundaries.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from services.core.vietnamese import fold
from services.plan_import.model import Appendix, DocumentInfo, Node, Para, Signer
from services.plan_import.sources import Block

# --- paragraphs -------------------------------------------------------------------------

_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^([-–—+*•·▪◦➢►✓❖∙●○■□]|o(?=\s+[A-ZĐÀ-Ỹ]))\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.;:!?…]['\"”’)]*$|\./\.?$")


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00a0", " ").replace("\t", " ").replace("\u200b", "").replace("\ufeff", "")
    bullet = ""
    if m := re.match(r"^\s*\*\s+", line):  # "* text" is a bullet, "*text*" is emphasis
        bullet, line = "* ", line[m.end() :]
    line = _EMPHASIS.sub("", line)
    return bullet + " ".join(line.split())


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def to_paragraphs(blocks: Iterable[Block]) -> list[Para]:
    """Clean lines and join the lines of one paragraph.

    A line goes on the previous one when it starts in lower case and the previous one
    did not end a sentence. In a hard-wrapped text (a PDF, a text saved with line
    breaks) a line that fills the width also goes on, whatever its next line's case.
    """
    blocks = list(blocks)
    width = _wrap_width([b.text for b in blocks if not b.is_table])
    paras: list[Para] = []
    tables = 0
    previous_raw = ""
    for block in blocks:
        if block.is_table:
            tables += 1
            for row in block.rows:
                cells = [clean_line(c.replace("\n", "; ")) for c in row]
                if any(cells):
                    paras.append(Para(" | ".join(c for c in cells if c), 0, cells=cells, table=tables))
            previous_raw = ""
            continue
        for raw in block.text.split("\n"):
            line = clean_line(raw)
            if not line or not any(c.isalnum() for c in line):
                previous_raw = ""
                continue
            previous = paras[-1] if paras else None
            if previous is not None and _goes_on(previous, previous_raw, line, width):
                previous.text = f"{previous.text} {line}"
            else:
                paras.append(Para(line, 0))
            previous_raw = raw.rstrip()
    for number, para in enumerate(paras, start=1):
        para.line = number
    return paras


# Words that never end a paragraph: what they introduce is on the next line.
_GOES_ON_WORDS = frozenset("ngay thang so truoc den tu va cua voi cac nhung cho tai ve theo hoac".split())  # noqa: SIM905


def _goes_on(previous: Para, previous_raw: str, line: str, width: int) -> bool:
    if previous.cells is not None or marker(line) is not None or bullet_of(line)[0]:
        return False
    if _is_upper(previous.text):
        return False
    if fold(previous.text).rsplit(" ", 1)[-1] in _GOES_ON_WORDS:
        return True  # "… hoàn thành trước ngày" + "31/8/2023.": a line broke inside a phrase
    if previous.text.count("(") > previous.text.count(")") and not _SENTENCE_END.search(previous.text):
        return True  # "… (qua Phòng" + "Quản lý chất lượng) …": a bracket is still open
    if line[0].islower() and previous.text.endswith((";", ",")):
        return True  # "…; phối hợp …": a clause goes on after a line break
    if _SENTENCE_END.search(previous.text):
        return False
    if line[0].islower() or (line[0] == "(" and line[1:2].islower()):
        return True  # "(nếu có) …" goes on too
    # A hard-wrapped text breaks a line only where the next word would not fit: then the
    # paragraph goes on; a shorter line ended its paragraph (a heading, say).
    next_word = len(line.split()[0])
    return bool(width) and len(previous_raw) + 1 + next_word > width * 0.97 and not _RECIPIENTS.match(line)


def _wrap_width(lines: list[str]) -> int:
    """The line width of a hard-wrapped text, or 0 when paragraphs are one line each."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 20:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(1 for n in lengths if width * 0.85 <= n <= width + 2)
    if 50 <= width <= 140 and lengths[-1] <= width * 1.15 and full >= len(lengths) * 0.25:
        return width
    return 0


# --- outline markers --------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    kind: str
    label: str
    rest: str


_ROMAN_VALUE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_PART = re.compile(
    r"^(?P<label>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:THỨ\s+\S+|Thứ\s+\S+|[IVXLC]+|\d+))\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_ARTICLE = re.compile(r"^(?P<label>Điều\s+\d{1,3})\s*[.:]\s*(?P<rest>\S.*)$")  # a Quyết định's articles
_ROMAN = re.compile(r"^(?P<label>[IVXLC]{1,7})\s*(?:[.\-–:)]\s*|/\s+)(?P<rest>\S.*)$")  # not "V/v"
_UPPER = re.compile(r"^(?P<label>[A-ZĐ])\s*[.)/]\s+(?P<rest>\S.*)$")
# "3.Chế độ báo cáo" (no space after the number) is an item too, as typed in many offices.
_DECIMAL = re.compile(
    r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})(?:(?P<sep>\.|\)|/)?\s+|(?P<tight>[.)])(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]))(?P<rest>\S.*)$"
)
_PAREN = re.compile(r"^\((?P<label>\d{1,2}|[a-zđ])\)\s*(?P<rest>\S.*)$")
_LOWER = re.compile(r"^(?P<label>[a-zđ]|i{2,3}|iv|vi{0,3}|ix|x)\s*[).\/]\s+(?P<rest>\S.*)$")
_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+"}


def marker(text: str) -> Marker | None:
    """The outline marker that starts ``text`` (a part, an item, a letter), bullets excluded."""
    if m := _PART.match(text):
        return Marker("part", m.group("label"), m.group("rest"))
    if m := _ARTICLE.match(text):
        return Marker("article", m.group("label"), m.group("rest"))
    if (m := _ROMAN.match(text)) and _ROMAN_VALUE.match(m.group("label")) and _starts_word(m.group("rest")):
        return Marker("roman", m.group("label"), m.group("rest"))
    if (m := _UPPER.match(text)) and _starts_word(m.group("rest")):
        return Marker("upper", m.group("label"), m.group("rest"))
    if m := _DECIMAL.match(text):
        label, sep, rest = m.group("label"), m.group("sep") or m.group("tight"), m.group("rest")
        parts = label.split(".")
        if (sep or len(parts) > 1) and int(parts[0]) <= 60 and _starts_word(rest):
            kind = f"paren{len(parts)}" if sep == ")" else f"dec{len(parts)}"
            return Marker(kind, label, rest)
    if (m := _PAREN.match(text)) and _starts_word(m.group("rest")):
        return Marker("paren", m.group("label"), m.group("rest"))
    if (m := _LOWER.match(text)) and _starts_word(m.group("rest")):
        return Marker("lower", m.group("label"), m.group("rest"))
    return None


def _starts_word(rest: str) -> bool:
    return bool(rest) and (rest[0].isalpha() or rest[0] in "“\"'(«")


def bullet_of(text: str) -> tuple[str, str]:
    """("-"/"+"/"•", the text after it) for a bullet paragraph, else ("", text)."""
    if m := _BULLET.match(text):
        glyph = m.group(1)
        return _BULLETS.get(glyph, "•"), text[m.end() :]
    return "", text


# --- regions ----------------------------------------------------------------------------

TYPE_WORDS = [  # (folded words, code, name): the longest first
    ("chuong trinh hanh dong", "CTr", "Chương trình hành động"),
    ("chuong trinh", "CTr", "Chương trình"),
    ("ke hoach", "KH", "Kế hoạch"),
    ("chi thi", "CT", "Chỉ thị"),
    ("quyet dinh", "QĐ", "Quyết định"),
    ("cong van", "CV", "Công văn"),
    ("bao cao", "BC", "Báo cáo"),
    ("thong bao", "TB", "Thông báo"),
    ("huong dan", "HD", "Hướng dẫn"),
]
_SYMBOL_TYPES = {"KH": "KH", "CT": "CT", "CTR": "CTr", "QĐ": "QĐ", "QD": "QĐ", "BC": "BC", "TB": "TB",
                 "HD": "HD", "HĐ": "HD"}  # fmt: skip
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc")
_NUMBER = re.compile(
    r"(?:Số|SỐ)\s*[:.]?\s*(?P<number>\d*[a-zđ]?)\s*(?:/\s*(?P<year>\d{4}))?\s*/\s*(?P<symbol>[A-ZĐa-zđ0-9.&\-–]+(?:/[A-ZĐ0-9.&\-–]+)?)"
)
_NUMBER_DASH = re.compile(r"Số\s*[:.]?\s*(?P<number>\d+)-(?P<symbol>[A-ZĐ]+/[A-ZĐ0-9.\-]+)")
_PLACE_DATE = re.compile(
    r"(?P<place>[^\W\d_](?:[^,;:\d]|(?<=\s)\d{1,2}(?=\s*,)){1,60}?)\s*,\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_SCHOOL_YEAR = re.compile(r"năm học\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_PERIOD = re.compile(r"(?:giai đoạn|nhiệm kỳ)\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?P<auth>TM|T/M|KT|K/T|Q|TL|T/L|TUQ|TM\.)\s*[./]\s*(?P<rest>.+)$")
_RECIPIENTS = re.compile(r"^(nơi nhận|noi nhan)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_APPENDIX = ("de cuong", "phu luc", "bieu mau", "mau bao cao", "danh sach", "danh muc")
_PREAMBLE_START = re.compile(
    r"^(Căn cứ|Thực hiện|Theo|Triển khai|Thực hiện chỉ đạo|Nhằm|Để)\b", re.IGNORECASE
)
_BODY_CLOSE = re.compile(r"(\./\.?|/\.)\s*$")


def type_of_line(text: str) -> tuple[str, str, str] | None:
    """(code, name, the rest) when ``text`` is the type line (upper case: KẾ HOẠCH …)."""
    if not _is_upper(text) or len(text) > 300:
        return None
    folded = fold(text).strip(" .:")
    for words, code, name in TYPE_WORDS:
        if folded == words or folded.startswith(words + " "):
            rest = text.strip()[len(words) :].strip(" .:")
            if rest and len(rest.split()) < 2:
                return None
            return code, name, rest
    return None


@dataclass
class Regions:
    header: list[Para]
    type_index: int | None
    type_line: tuple[str, str, str] | None  # (code, name, title words on the same line)
    title: list[Para]
    preamble: list[Para]
    body: list[Para]
    closing: list[Para]  # the closing statement(s) ending in "./."
    recipients: list[Para]
    signature: list[Para]
    appendix: list[Para]


def split_regions(paras: list[Para]) -> Regions:
    type_index = next((i for i, p in enumerate(paras[:40]) if type_of_line(p.text)), None)
    start = (type_index + 1) if type_index is not None else _header_end(paras)
    header = paras[: type_index if type_index is not None else start]
    title, start = _title(paras, start, type_index)
    first_marker = next((i for i in range(start, len(paras)) if marker(paras[i].text)), len(paras))
    end = _body_end(paras, start)
    first_marker = min(first_marker, end)
    preamble, body = paras[start:first_marker], paras[first_marker:end]
    # The closing statement ("Trên đây là …./.") ends the body; it is no part of the last item.
    # A letter without an outline (a Công văn) has it at the end of its plain paragraphs.
    text = body if body else preamble
    closing: list[Para] = []
    while text and (_BODY_CLOSE.search(text[-1].text) or fold(text[-1].text).startswith("tren day")):
        closing.insert(0, text.pop())
    for i, para in enumerate(text):
        if fold(para.text).startswith("tren day la"):
            closing = text[i:] + closing
            del text[i:]
            break
    recipients, signature, appendix = _tail(paras[end:])
    type_line = type_of_line(paras[type_index].text) if type_index is not None else None
    return Regions(
        header, type_index, type_line, title, preamble, body, closing, recipients, signature, appendix
    )


def _header_end(paras: list[Para]) -> int:
    """Without a type line (a Công văn): the header ends after the number, date and V/v lines,
    before "Kính gửi", the first outline marker or the first real paragraph."""
    last = -1
    for i, para in enumerate(paras[:15]):
        folded = fold(para.text)
        if folded.startswith("kinh gui") or marker(para.text) or len(para.text.split()) > 30:
            break
        dated = (
            _NUMBER.search(para.text)
            or _PLACE_DATE.search(para.text)
            or folded.startswith(("v/v", "ve viec"))
        )
        motto = any(folded.startswith(m) for m in _MOTTO)
        if dated or motto or (_is_upper(para.text) and len(para.text) < 80):
            last = i
    return last + 1


def _title(paras: list[Para], start: int, type_index: int | None) -> tuple[list[Para], int]:
    if type_index is None:
        return [], start
    title: list[Para] = []
    i = start
    while i < len(paras) and len(title) < 3:
        text = paras[i].text
        if marker(text) or (title and not _title_goes_on(title[-1].text, text)):
            break
        if not title and _is_preamble(text):
            break
        title.append(paras[i])
        i += 1
    return title, i


def _is_preamble(text: str) -> bool:
    """A ground ("Căn cứ …;"), not a title that happens to start with "Thực hiện" or "Triển khai"."""
    if fold(text).startswith("can cu"):
        return True
    return bool(_PREAMBLE_START.match(text)) and (
        text.rstrip().endswith((";", ".", ",")) or len(text.split()) > 60
    )


_SIGNING_TITLES = ("chu tich", "giam doc", "truong phong", "hieu truong", "thu truong", "bo truong", "cuc truong")


def _title_goes_on(previous: str, text: str) -> bool:
    """A second title line: a short line such as "Năm học 2023-2024", when the first did not end."""
    folded = fold(text)
    if _is_upper(text) and (_is_agency(text) or folded.startswith(_SIGNING_TITLES)):
        return False  # "ỦY BAN NHÂN DÂN HUYỆN X" above a decision's grounds: who decides
    return (
        not _SENTENCE_END.search(previous)
        and len(text.split()) <= 12
        and (folded.startswith(("nam hoc", "giai doan", "nhiem ky", "ve ", "nam ")) or _is_upper(text))
    )


def _body_end(paras: list[Para], start: int) -> int:
    for i in range(start, len(paras)):
        text = paras[i].text
        if _RECIPIENTS.match(text):
            return i
        if _AUTHORITY.match(text) and _is_upper(text):
            return i
    return len(paras)


def _tail(paras: list[Para]) -> tuple[list[Para], list[Para], list[Para]]:
    """Recipients ("Nơi nhận:" and its dashes), the signature block, then any appendix."""
    recipients: list[Para] = []
    signature: list[Para] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        if m := _RECIPIENTS.match(para.text):
            if m.group("rest").strip(" -"):
                recipients.append(Para(m.group("rest"), para.line))
            i += 1
            while i < len(paras) and (bullet_of(paras[i].text)[0] or paras[i].text.startswith(("-", "–"))):
                recipients.append(paras[i])
                i += 1
            continue
        if signature and _looks_like_name(signature[-1].text) and _is_appendix_title(para.text):
            break
        if len(signature) >= 6 or (
            signature and _looks_like_name(signature[-1].text) and len(para.text) > 60
        ):
            break
        signature.append(para)
        i += 1
    return recipients, signature, paras[i:]


def _is_appendix_title(text: str) -> bool:
    return _is_upper(text) and (fold(text).startswith(_APPENDIX) or len(text.split()) >= 2)


_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$|^[A-ZĐÀ-Ỹ]+$")


def _looks_like_name(text: str) -> bool:
    words = text.replace("(", " ").replace(")", " ").split()
    return (
        2 <= len(words) <= 5
        and all(_NAME_WORD.match(w) for w in words)
        and not _AUTHORITY.match(text)
        and not fold(text).startswith(("chu tich", "giam doc", "truong phong", "hieu truong", "pho "))
    )


# --- header -------------------------------------------------------------------------------


def read_header(regions: Regions) -> DocumentInfo:
    info = DocumentInfo()
    issuers: list[str] = []
    for para in _join_symbol_lines(regions.header):
        # A header laid out in two columns arrives as one line: split on the motto.
        for piece in re.split(r"\s{3,}|(?=CỘNG HÒA)|(?=Độc lập)", para.text):
            _header_piece(info, piece.strip(), issuers)
    if regions.type_line is not None:
        code, name, rest = regions.type_line
        info.type, info.type_name = code, name
        title = " ".join(p.text for p in regions.title)
        info.title = f"{rest} {title}".strip() if rest else title
    else:
        vv = next((p.text for p in regions.header if fold(p.text).startswith(("v/v", "ve viec"))), "")
        info.title = re.sub(r"^(V/v|Về việc)\s*:?\s*", "", vv, flags=re.IGNORECASE)
    if not info.type and info.symbol:
        # "123/KH-UBND" names its type; "1234/GDĐT-TH" (no type code) is a Công văn.
        prefix = info.symbol.split("-")[0].split("/")[0].upper()
        info.type = _SYMBOL_TYPES.get(prefix, "CV")
        info.type_name = next((name for _w, code, name in TYPE_WORDS if code == info.type), "")
    issuers = [i for i in _join_issuer_lines([i for i in issuers if i]) if _is_agency(i)]
    if issuers:
        info.issuer = issuers[-1]
        info.issuer_parent = issuers[0] if len(issuers) > 1 else ""
    for text in (info.title, " ".join(p.text for p in regions.preamble)):
        if not info.school_year and (m := _SCHOOL_YEAR.search(text)):
            info.school_year = f"{m.group(1)}-{m.group(2)}"
        if not info.period and (m := _PERIOD.search(text)):
            info.period = f"{m.group(1)}-{m.group(2)}"
        if info.school_year or info.period:
            break
    return info


# An issuing body's name starts with one of these (the header's other upper-case lines are the
# motto broken over lines, "NAM", a type word …).
_AGENCY_HEADS = ("uy ban", "ubnd", "hoi dong", "hdnd", "so ", "phong ", "truong ", "trung tam", "ban ", "bo ",
                 "cuc ", "chi cuc", "van phong", "thanh tra", "dang uy", "huyen uy", "tinh uy", "thanh uy",
                 "cong doan", "doan ", "hoi ", "vien ", "dai hoc", "cong an", "pgd", "sgd", "tt ", "lien doi",
                 "chi bo", "mat tran")  # fmt: skip


def _is_agency(text: str) -> bool:
    return fold(text).startswith(_AGENCY_HEADS)


def _join_symbol_lines(paras: list[Para]) -> list[Para]:
    """ "Số: 87/KH-" + "PGDĐT": a symbol broken over two lines of the header is one."""
    out: list[Para] = []
    for para in paras:
        previous = out[-1].text if out else ""
        if re.search(r"(?:Số|SỐ)\s*[:.]?\s*[\w/.\-–]*[/\-–]$", previous) and re.fullmatch(r"[A-ZĐ0-9.&\-–/]+", para.text):
            out[-1] = Para(previous + para.text, out[-1].line)
        else:
            out.append(para)
    return out


_LOCALITY = ("huyen ", "tinh ", "thanh pho ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ")


def _join_issuer_lines(lines: list[str]) -> list[str]:
    """ "ỦY BAN NHÂN DÂN" + "HUYỆN CỦ CHI" is one body, as is "PHÒNG GIÁO DỤC VÀ" + "ĐÀO TẠO"."""
    joined: list[str] = []
    for line in lines:
        if joined and (
            fold(line).startswith(_LOCALITY) or fold(joined[-1]).endswith((" va", "-", " va dao"))
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _header_piece(info: DocumentInfo, piece: str, issuers: list[str]) -> None:
    if not piece:
        return
    folded = fold(piece)
    if any(folded.startswith(m) for m in _MOTTO):
        return
    if m := (_NUMBER_DASH.search(piece) or _NUMBER.search(piece)):
        info.number = m.group("number") or ""
        info.symbol = m.group("symbol").rstrip(".,;-")
        if "year" in m.groupdict() and m.group("year"):
            info.number = f"{info.number}/{m.group('year')}" if info.number else ""
        before = piece[: m.start()].strip()
        if before and _is_upper(before):
            issuers.append(before)
        piece = piece[m.end() :].strip()  # a two-column header puts the date on the same line
        if not piece:
            return
    if m := _PLACE_DATE.search(piece):
        words = m.group("place").split()
        place = [w for w in words if w[:1].isupper()]
        info.place = " ".join(place[-4:]) if place else m.group("place").strip()
        day, month, year = m.group("day"), m.group("month"), int(m.group("year"))
        info.issued_year = year
        if day and month:
            try:
                info.issued_on = dt.date(year, int(month), int(day))
            except ValueError:
                info.issued_on = None
        return
    if folded.startswith(("v/v", "ve viec")):
        return
    if _is_upper(piece) and len(piece.split()) <= 12:
        issuers.append(piece)


# --- outline -------------------------------------------------------------------------------


def build_outline(paras: list[Para]) -> Node:
    """The outline tree: each marker kind takes the level where it first appeared."""
    root = Node()
    stack: list[tuple[str, Node]] = [("", root)]
    last_upper: dict[int, str] = {}
    for para in paras:
        if para.cells is not None:
            stack[-1][1].paras.append(para)
            continue
        found = marker(para.text)
        if found and found.kind == "roman" and len(found.label) == 1:
            # "C." after "B." is a letter, not the Roman hundred.
            for depth, (kind, _node) in enumerate(stack):
                last = last_upper.get(depth, "")
                if kind == "upper" and found.label in (last, _next_letter(last)):
                    found = Marker("upper", found.label, found.rest)
                    break
        if found is None:
            bullet, text = bullet_of(para.text)
            stack[-1][1].paras.append(Para(text, para.line, bullet) if bullet else para)
            continue
        same = next((i for i in range(len(stack) - 1, 0, -1) if stack[i][0] == found.kind), None)
        if same is not None:
            del stack[same:]
        parent = stack[-1][1]
        if found.kind == "upper":
            last_upper[len(stack)] = found.label
        heading, inline = _split_heading(found.rest)
        node = Node(found.label, found.kind, heading, para.line, parent=parent)
        if inline:
            node.paras.append(Para(inline, para.line))
        parent.children.append(node)
        stack.append((found.kind, node))
    return root


def _next_letter(letter: str) -> str:
    alphabet = "ABCDĐEGHIKLMNOPQRSTUVXY"
    if letter and letter in alphabet and alphabet.index(letter) + 1 < len(alphabet):
        return alphabet[alphabet.index(letter) + 1]
    return ""


def _split_heading(rest: str) -> tuple[str, str]:
    """ "Địa điểm: Do UBND huyện bố trí." → ("Địa điểm", "Do UBND huyện bố trí.")."""
    head, colon, tail = rest.partition(":")
    if colon and tail.strip() and len(head.split()) <= 12 and not re.search(r"\d$", head):
        return head.strip(), tail.strip()
    return rest.strip().rstrip(":").strip(), ""


# --- closing: recipients and signature -------------------------------------------------------


def read_closing(info: DocumentInfo, regions: Regions) -> None:
    info.recipients = [bullet_of(p.text)[1].strip(" ;.") for p in regions.recipients]
    info.recipients = [r for r in info.recipients if r]
    info.closing = " ".join(p.text for p in regions.closing)
    signer = Signer()
    authorities: list[str] = []
    titles: list[str] = []
    for para in regions.signature:
        text = para.text.strip()
        if m := _AUTHORITY.match(text):
            authorities.append(text)
            signer.authority = (signer.authority + " " + _auth_code(m.group("auth"))).strip()
        elif _looks_like_name(text) and not _is_upper(text):
            signer.name = text
        elif _is_upper(text) and len(text.split()) <= 8:
            titles.append(text)
        elif _looks_like_name(text) and not signer.name:
            signer.name = text
    signer.authority_text = " / ".join(authorities)
    if titles:
        signer.title = titles[-1]
    elif authorities:
        last = _AUTHORITY.match(authorities[-1])
        if last and _auth_code(last.group("auth")) == "KT.":
            signer.title = "PHÓ " + last.group("rest").strip()  # KT. CHỦ TỊCH is signed by a deputy
        elif last:
            signer.title = last.group("rest").strip()
    info.signer = signer


def _auth_code(raw: str) -> str:
    code = raw.replace("/", "").upper().rstrip(".")
    return {"TM": "TM.", "KT": "KT.", "Q": "Q.", "TL": "TL.", "TUQ": "TUQ."}.get(code, code + ".")


# --- appendix ----------------------------------------------------------------------------------


def read_appendices(paras: list[Para]) -> list[Appendix]:
    """Each upper-case title after the signature starts an appendix (ĐỀ CƯƠNG, PHỤ LỤC …)."""
    appendices: list[Appendix] = []
    current: list[Para] = []
    for para in paras:
        if (
            _is_upper(para.text)
            and marker(para.text) is None
            and current
            and any(marker(p.text) for p in current)
        ):
            appendices.append(_appendix(current))
            current = []
        current.append(para)
    if current:
        appendices.append(_appendix(current))
    return appendices


def _appendix(paras: list[Para]) -> Appendix:
    title = paras[0].text
    rest = paras[1:]
    subtitle: list[str] = []
    while rest and marker(rest[0].text) is None and len(subtitle) < 3:
        subtitle.append(rest[0].text)
        rest = rest[1:]
    return Appendix(title, " ".join(subtitle), paras[0].line, build_outline(rest))
