"""Targets (chỉ tiêu), deadlines and cited documents found in a plan's sentences."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from services.core.vietnamese import fold
from services.plan_import.model import Deadline, Node, Target

# --- clauses -----------------------------------------------------------------------------


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) split at ";" and sentence ends, not at the dot of "1.3" or "TP.HCM"."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r";\s+|(?<=[^\d\s.][.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(-])|\n", text):
        piece = text[start : m.start()]
        if piece.strip():
            out.append((start, piece))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


# --- targets -----------------------------------------------------------------------------

_PERCENT = re.compile(r"(?<![\d/.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10}  # fmt: skip
_COUNT = re.compile(
    r"\b(?P<cmp>tối thiểu|ít nhất|không dưới|không ít hơn|tối đa|không quá|trên|dưới)\s+(?:có\s+)?"
    r"(?P<num>\d{1,4}|một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+"
    r"(?P<unit>trường|học sinh|trẻ|giáo viên|lớp|phòng học|điểm trường|xã|đơn vị|cơ sở|người|cán bộ|"
    r"thư viện|câu lạc bộ|mô hình|tiết|đội tuyển|huyện|giải|lần|buổi|đợt|cuộc|chuyên đề|sáng kiến)\b",
    re.IGNORECASE,
)
_LE = ("xuong con duoi", "giam xuong con", "xuong duoi", "con duoi", "khong vuot qua", "khong qua", "toi da",
       "giam xuong", "giam con", "thap hon", "khong lon hon", "it hon", "duoi")  # fmt: skip
_GE = ("khong thap hon", "khong duoi", "khong it hon", "toi thieu", "it nhat", "dat tren", "cao hon",
       "phan dau", "tang len", "dat tu", "tren", "hon", "dat", "tu")  # fmt: skip
_EQ = ("khoang", "bang", "xap xi")
_YEAR = re.compile(r"\bnăm\s+(20\d\d|19\d\d)\b(?!\s*[-–]\s*\d{4})", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_LEVELS = [
    ("MN", ("mam non", "nha tre", "mau giao")),
    ("TH", ("tieu hoc",)),
    ("THCS", ("trung hoc co so", "thcs")),
    ("THPT", ("trung hoc pho thong", "thpt")),
    ("PT", ("pho thong",)),  # "phổ thông" alone: every level of general education
    ("GDNN-GDTX", ("giao duc thuong xuyen", "gdtx", "gdnn")),
]


def find_targets(node: Node, text: str, line: int, default_year: int | None) -> list[Target]:
    """Figures in ``text`` (a paragraph of ``node``) that state a target."""
    targets: list[Target] = []
    for _offset, clause in clauses(text):
        previous_end = 0
        hits = [
            (m.start(), m.end(), float(m.group(1).replace(",", ".")), "%", "")
            for m in _PERCENT.finditer(clause)
        ]
        hits += [
            (m.start("num"), m.end("unit"), float(_NUMBER_WORDS.get(m.group("num").lower(), 0) or m.group("num")),
             m.group("unit").lower(), m.group("cmp"))
            for m in _COUNT.finditer(clause)
        ]  # fmt: skip
        hits.sort()
        for index, (start, end, value, unit, wording) in enumerate(hits):
            if _in_parentheses(clause, start) or value > (100 if unit == "%" else 10000):
                continue
            following = hits[index + 1][0] if index + 1 < len(hits) else len(clause)
            comparator, found = _comparator(clause, start, end, value, wording)
            hint = _hint(clause, start, end, previous_end, following, unit)
            targets.append(
                Target(
                    text=clause.strip(" .;"),
                    value=value,
                    unit=unit,
                    comparator=comparator,
                    year=_year(clause, text, node, default_year),
                    level=_level(clause[previous_end:end] + " " + hint, node),
                    hint=hint,
                    section=node.path,
                    line=line,
                    wording=found,
                )
            )
            previous_end = end
    return targets


def _in_parentheses(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def _comparator(clause: str, start: int, end: int, value: float, wording: str) -> tuple[str, str]:
    before = " ".join(fold(wording or clause[:start]).split()[-4:])
    after = " ".join(fold(clause[end:]).split()[:8])
    best: tuple[int, str, str] = (-1, "", "")
    for words, comparator in ((_LE, "<="), (_GE, ">="), (_EQ, "=")):
        for phrase in words:
            position = f" {before} ".rfind(f" {phrase} ")
            if position >= 0 and (position + len(phrase), len(phrase)) > (best[0], len(best[2])):
                best = (position + len(phrase), comparator, phrase)
    if best[1]:
        return best[1], best[2]
    if "tro len" in after:
        return ">=", "trở lên"
    if "tro xuong" in after:
        return "<=", "trở xuống"
    return ("=", "") if value == 100 else (">=", "")


def _hint(clause: str, start: int, end: int, previous_end: int, following: int, unit: str) -> str:
    """What the figure measures: the words after it, else those before it."""
    after_text = clause[end:following]
    if following < len(clause):  # another figure follows: this one's words end at a comma
        after_text = after_text.split(",")[0]
    if after_text.lstrip().startswith((",", "”", '"', ";", ".")):
        after_text = ""  # the figure ends its phrase ("… đạt 70,1%”, …")
    after = re.split(r"[;.(:”]", after_text, maxsplit=1)[0].split()
    if unit == "%" and len(after) >= 2:
        return " ".join(after[:14]).strip(' “”"')
    if unit != "%":
        return " ".join([unit, *after[:12]]).strip(' “”"')
    cut = max(clause.rfind(c, 0, start) for c in ";:“(")
    begin = max(cut + 1, previous_end)
    words = clause[begin:start].strip(" ,").split()
    folded = [fold(w) for w in words]
    while folded and folded[-1] in {"dat", "tren", "duoi", "toi", "thieu", "it", "nhat", "khong", "co", "la",
                                    "xuong", "con", "khoang", "tu", "giam", "da", "qua", "hon"}:  # fmt: skip
        words, folded = words[:-1], folded[:-1]
    hint = " ".join(words[-14:]).strip(' “”"')
    return f"{hint} ({unit})" if unit != "%" and hint else (hint or unit)


def _year(clause: str, paragraph: str, node: Node, default: int | None) -> int | None:
    for text in (clause, paragraph, *(n.heading for n in [node, *node.ancestors()])):
        years = [int(m.group(1)) for m in _YEAR.finditer(text)]
        if years:
            return years[-1]
        if m := _SCHOOL_YEAR.search(text):
            return int(m.group(2))
    return default


def _level(clause: str, node: Node) -> str:
    for heading in (n.heading for n in [node, *node.ancestors()]):
        found = _levels_in(heading)
        if len(found) == 1:
            return found[0]
    found = _levels_in(clause)
    return ",".join(found)


def _levels_in(text: str) -> list[str]:
    folded = fold(text)
    found = [code for code, words in _LEVELS if any(re.search(rf"\b{w}\b", folded) for w in words)]
    if "PT" in found:
        found.remove("PT")
        if any(c in found for c in ("TH", "THCS", "THPT")) or "chuong trinh giao duc pho thong" in folded:
            return found
        found += [c for c in ("TH", "THCS", "THPT") if c not in found]
    return found


# --- deadlines ---------------------------------------------------------------------------

_DATE_PATTERNS = [
    ("day", re.compile(r"(?:ngày\s*)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", re.IGNORECASE)),
    ("day", re.compile(r"(?:ngày\s*)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|/)\s*(?P<y>\d{4})", re.IGNORECASE)),
    ("month", re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm|-)\s*(?P<y>\d{4})", re.IGNORECASE)),
    ("quarter", re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm|-)\s*(?P<y>\d{4})", re.IGNORECASE)),
    ("year", re.compile(r"(?:cuối|hết)\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)),
]  # fmt: skip
_CUES = ("truoc", "cham nhat", "han", "hoan thanh", "trong", "vao", "den", "tu", "ke tu", "bao cao",
         "gui", "nop", "thoi gian", "xong", "muon nhat", "dien ra", "ket thuc", "bat dau", "gio")  # fmt: skip
_CITATION = re.compile(r"(số\s*\d+|\d+\s*/\s*[A-ZĐ]|\d+-[A-ZĐ]+/)[^;.]{0,120}$", re.IGNORECASE)
_STATISTICS = re.compile(r"(so lieu|thong ke|tinh den|tinh toi|tinh den het|tai thoi diem)[^;.]{0,30}$")
_QUARTER_END = {"I": 3, "1": 3, "II": 6, "2": 6, "III": 9, "3": 9, "IV": 12, "4": 12}


# "ngày 15/10" or "ngày 20 tháng 9" without a year: the year comes from the school year.
_YEARLESS = [
    re.compile(r"ngày\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])", re.IGNORECASE),
    re.compile(r"ngày\s*(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s*(?:năm|/)\s*\d)", re.IGNORECASE),
]


def find_dates(text: str, years: tuple[int, int] | None = None) -> list[tuple[int, int, dt.date, str]]:
    """(start, end, date, precision) of every date in ``text`` (the end of a month or a quarter).

    ``years`` (first, second) dates "ngày 15/10" without a year: August to December in the
    first, January to July in the second (a school year), when the document gives them.
    """
    found: list[tuple[int, int, dt.date, str]] = []
    for precision, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e, *_ in found):
                continue
            if precision == "day" and re.search(r"\b(tuần|tuần thứ|đợt|lần|khối|lớp)\s*$", text[: m.start()], re.IGNORECASE):
                continue  # "tuần 3 tháng 4/2024" is a week of April, not the 3rd
            day = _date(m, precision)
            if day is not None:
                found.append((m.start(), m.end(), day, precision))
    if years:
        for pattern in _YEARLESS:
            for m in pattern.finditer(text):
                if any(s <= m.start() < e or s < m.end() <= e for s, e, *_ in found):
                    continue
                month = int(m.group("m"))
                year = years[0] if month >= 8 else years[1]
                try:
                    found.append((m.start(), m.end(), dt.date(year, month, int(m.group("d"))), "day"))
                except ValueError:
                    continue
    return sorted(found, key=lambda f: f[0])


def _date(m: re.Match[str], precision: str) -> dt.date | None:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        if not 1945 <= year <= 2100:
            return None
        if precision == "day":
            return dt.date(year, int(groups["m"]), int(groups["d"]))
        if precision == "month":
            month = int(groups["m"])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if precision == "quarter":
            month = _QUARTER_END[groups["q"].upper()]
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 12, 31)
    except (ValueError, KeyError):
        return None


# --- deadlines counted from something else ("hằng tháng", "sau khi kết thúc học kỳ") ------------

_MONTHLY_DAY = re.compile(r"ngày\s*(?P<d>\d{1,2})\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng", re.IGNORECASE)
_QUARTER_DAY = re.compile(r"ngày\s*(?P<d>\d{1,2})\s*(?:của\s+)?tháng\s+cuối\s+(?:mỗi\s+|hằng\s+|hàng\s+)?quý",
                          re.IGNORECASE)  # fmt: skip
_AFTER_TERM = re.compile(
    r"(?P<n>\d{1,3})\s*ngày\s*(?P<work>làm việc\s*)?(?:sau khi|kể từ (?:ngày|khi))\s*kết thúc\s+"
    r"(?P<what>năm học|học kỳ\s*(?P<k>II|I|1|2)?)(?![\w])", re.IGNORECASE)  # fmt: skip
_EVERY = re.compile(r"(?:hằng|hàng|mỗi|định kỳ(?: hằng| hàng)?)\s+(?P<p>quý|tháng)\b", re.IGNORECASE)
_YEARLESS_MONTH = re.compile(r"(?:trong|cuối|hết)\s+tháng\s+(?P<m>\d{1,2})(?![\d/])(?!\s*(?:năm|-)\s*\d)",
                             re.IGNORECASE)  # fmt: skip
_REPORT_WORDS = ("bao cao", "gui ", "nop ")


@dataclass(frozen=True)
class DateContext:
    """What a relative deadline is counted from: the school year (first, second year), the day
    of issue (no deadline falls before it) and the end of each semester."""

    years: tuple[int, int]
    issued: dt.date | None = None
    semester_ends: tuple[dt.date, dt.date] | None = None

    @property
    def start(self) -> dt.date:
        return self.issued or dt.date(self.years[0], 9 if self.years[0] != self.years[1] else 1, 1)


def _month_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _first_monthly(day: int, start: dt.date, months: tuple[int, ...] = tuple(range(1, 13))) -> dt.date:
    """The first day ``day`` of one of ``months`` on or after ``start``."""
    year, month = start.year, start.month
    for _ in range(24):
        if month in months and _month_day(year, month, day) >= start:
            return _month_day(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return _month_day(start.year, start.month, day)


def _add_days(day: dt.date, n: int, *, working: bool) -> dt.date:
    if not working:
        return day + dt.timedelta(days=n)
    while n > 0:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def relative_dates(clause: str, context: DateContext) -> list[tuple[int, int, dt.date, str, str]]:
    """(start, end, date, precision, recurrence) of the deadlines ``clause`` counts from the
    calendar: "trước ngày 05 hằng tháng" (the first such day, monthly), "ngày 20 tháng cuối
    quý", "10 ngày sau khi kết thúc học kỳ I", "trong tháng 12" (of the school year)."""
    found: list[tuple[int, int, dt.date, str, str]] = []
    quarter_ends = (3, 6, 9, 12)
    for m in _QUARTER_DAY.finditer(clause):
        found.append((m.start(), m.end(), _first_monthly(int(m["d"]), context.start, quarter_ends), "day",
                      "quarterly"))  # fmt: skip
    for m in _MONTHLY_DAY.finditer(clause):
        found.append((m.start(), m.end(), _first_monthly(int(m["d"]), context.start), "day", "monthly"))
    ends = context.semester_ends
    if ends:
        for m in _AFTER_TERM.finditer(clause):
            term = (m["k"] or "").upper()
            base = ends[0] if term in ("I", "1") else ends[1] if term or m["what"].lower() == "năm học" else ends[0]
            every = "semester" if not term and m["what"].lower() != "năm học" else "once"
            found.append((m.start(), m.end(), _add_days(base, int(m["n"]), working=bool(m["work"])), "day", every))
    for m in _YEARLESS_MONTH.finditer(clause):
        month = int(m["m"])
        if 1 <= month <= 12:
            year = context.years[0] if month >= 8 else context.years[1]
            found.append((m.start(), m.end(), _month_day(year, month, 31), "month", "cued"))
    if not found and not find_dates(clause) and any(w in f" {fold(clause)} " for w in _REPORT_WORDS):
        for m in _EVERY.finditer(clause):  # "báo cáo định kỳ hằng quý": due at the end of each quarter
            months = quarter_ends if m["p"].lower() == "quý" else tuple(range(1, 13))
            # The first whole period under the document: the quarter (month) after the one it is issued in.
            current = _first_monthly(31, context.start, months)
            first = _first_monthly(31, current + dt.timedelta(days=1), months)
            found.append((m.start(), m.end(), first, "quarter" if len(months) == 4 else "month",
                          "quarterly" if len(months) == 4 else "monthly"))  # fmt: skip
            break
    return sorted(found, key=lambda f: f[0])


def semester_ends(text: str, years: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """The end of semester I and of the school year: as the document states them, else the
    office calendar's (``services.plans.assignments.occurrences``)."""
    from services.plans.assignments import occurrences  # the one place the semesters' ends are written

    default = [o.due_on for o in occurrences("semester", f"{years[0]}-{years[0] + 1}")]
    ends: list[dt.date] = [d for d in default if d is not None]
    for n, pattern in enumerate((r"kết thúc học kỳ I(?!I)|học kỳ I(?!I)\s+kết thúc",
                                      r"kết thúc (?:học kỳ II|năm học)|(?:học kỳ II|năm học)\s+kết thúc")):
        for m in re.finditer(pattern, text, re.IGNORECASE):
            after = re.split(r"[.;\n]", text[m.end() : m.end() + 60], maxsplit=1)[0]
            dates = find_dates(after)  # "… kết thúc trước ngày 16/01/2027", in the same sentence
            if dates and dates[0][3] == "day" and dates[0][0] <= 20:
                ends[n] = dates[0][2]
                break
    return ends[0], ends[1]


def find_deadlines(
    node: Node, text: str, line: int, *, schedule: bool = False, years: tuple[int, int] | None = None,
    context: DateContext | None = None,
) -> list[Deadline]:
    """Dates that say when something is due: after "trước", "chậm nhất", "hoàn thành" …, or
    opening a schedule line ("- Quý II/2023: …"); dates of cited documents are not deadlines."""
    deadlines: list[Deadline] = []
    for _offset, clause in clauses(text):
        for start, _end, day, precision in find_dates(clause, years):
            before = clause[:start]
            words = fold(before).replace(",", " ").split()
            around = fold(clause[max(0, start - 12) : start + 5])
            if _CITATION.search(before[-140:]) and "ngay" in around:
                continue  # the date of a cited document
            if _STATISTICS.search(fold(before[-60:])):
                continue  # "số liệu tính đến ngày 31/5": when figures were counted, not a deadline
            # "- Quý II/2023: …" or "Thi thực hành: tháng 12/2023" is a line of a schedule.
            at_start = not before.strip(" -+•*:") or before.rstrip().endswith(":")
            cue = " ".join(words[-5:])
            if at_start or schedule or any(f" {c} " in f" {cue} " for c in _CUES):
                deadlines.append(Deadline(day, clause.strip(" .;")[:300], node.path, line, precision))
        for start, _end, day, precision, every in relative_dates(clause, context) if context else []:
            prior = fold(clause[:start]).replace(",", " ").split()
            reported = any(w in f" {fold(clause)} " for w in _REPORT_WORDS)
            cued = every == "cued"  # "trong tháng 12" carries its own cue
            if cued or reported or schedule or any(f" {c} " in f" {' '.join(prior[-5:])} " for c in _CUES):
                deadlines.append(Deadline(day, clause.strip(" .;")[:300], node.path, line, precision,
                                          "once" if cued else every))  # fmt: skip
    return deadlines


# --- cited documents ----------------------------------------------------------------------

_CITED = re.compile(
    r"(?P<kind>Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư liên tịch|"
    r"Thông tư|Kế hoạch|Chương trình hành động|Chương trình|Công văn|Kết luận|Hướng dẫn|Thông báo|Đề án|"
    r"Văn bản|Quy định)\s+(?:số\s*)?(?P<number>\d+(?:/\d{4})?/[\wĐđ.-]+(?:/[\wĐđ]+)?|\d+-[\wĐđ]+/[\wĐđ]+)?"
)
_ISSUER_SENTENCE = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ][^,;]{3,120}?\b(ban hành|xây dựng)\s)")


def find_basis(paragraphs: list[str]) -> list[dict[str, object]]:
    """The documents the grounds (Căn cứ …, Thực hiện …) cite, one per clause."""
    basis: list[dict[str, object]] = []
    for paragraph in paragraphs:
        for piece in re.split(r";\s*", paragraph):
            m = _CITED.search(piece)
            if m is None or not (m.group("number") or m.group("kind") in ("Luật", "Bộ luật", "Hiến pháp")):
                continue
            text = _ISSUER_SENTENCE.split(piece[m.start() :], maxsplit=1)[0]
            text = re.split(r"(?<=[^\d\s.])\.\s+(?=[A-ZĐÀ-Ỹ])", text, maxsplit=1)[0].strip(" .;,:")
            dates = find_dates(text)
            basis.append(
                {
                    "kind": m.group("kind"),
                    "number": m.group("number") or "",
                    "date": dates[0][2].isoformat() if dates and dates[0][3] == "day" else None,
                    "text": text[:400],
                }
            )
    return basis
