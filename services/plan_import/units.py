"""Organisations named in a plan, and which of them the text makes responsible.

An organisation name starts with a head word (Phòng, Sở, Ủy ban nhân dân, Trung
tâm, Các cơ sở giáo dục …) and goes on with capitalised words and the lower-case
words that occur inside such names (giáo dục, nhân dân, huyện, các xã, thị trấn …);
a verb ends it. The text makes an organisation responsible when it is the subject
of a clause, follows "giao", "đề nghị", "yêu cầu" (lead) or "phối hợp với" (support),
or precedes "chủ trì" (lead).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from services.core.vietnamese import fold
from services.plan_import.model import Responsibility, UnitRef

_TOKEN = re.compile(r"[\w&]+(?:[-–.][\w&]+)*|[-–—]|[,;:.()“”\"'/!?]")


class _Phrases:
    """Phrases longest first, found by their first word.

    Every token of a plan is tried as the start of a head or name phrase, a few hundred
    thousand tries per plan: a scan of every phrase each time took seconds for one plan.
    """

    def __init__(self, phrases: str) -> None:
        words = sorted((tuple(p.split()) for p in phrases.split("|")), key=len, reverse=True)
        self._exact: dict[str, list[tuple[str, ...]]] = {}
        self._lower: dict[str, list[tuple[str, ...]]] = {}
        for phrase in words:
            self._exact.setdefault(phrase[0], []).append(phrase)
            lowered = tuple(w.lower() for w in phrase)
            self._lower.setdefault(lowered[0], []).append(lowered)

    def starting_with(self, first: str, *, lower: bool) -> list[tuple[str, ...]]:
        return (self._lower if lower else self._exact).get(first, [])


# Heads written with a capital: the name of a body, or of the head of a body.
_HEADS = _Phrases(
    "Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban Mặt trận Tổ quốc|Uỷ ban Mặt trận Tổ quốc|Ủy ban|Uỷ ban|"
    "Mặt trận Tổ quốc|Hội đồng nhân dân|Hội đồng|Trung tâm|Công an|Chi cục|Văn phòng|Thanh tra|"
    "Huyện ủy|Huyện uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Quận ủy|Thị ủy|Đảng ủy|Huyện Đoàn|Huyện đoàn|"
    "Tỉnh Đoàn|Tỉnh đoàn|Thành Đoàn|Thành đoàn|Đoàn Thanh niên|Liên đoàn|Công đoàn|Đội Thiếu niên|"
    "Bảo hiểm xã hội|Kho bạc|Bệnh viện|Ban Chỉ huy|Bộ Chỉ huy|Trạm Y tế|Chi nhánh|Ngân hàng|"
    "Thủ trưởng|Hiệu trưởng|Giám đốc|Chủ tịch|Chánh Văn phòng|Chánh Thanh tra|Trưởng phòng|Trưởng ban|"
    "Tổng phụ trách Đội|Tổng phụ trách|Tổ trưởng|Tổ khối|Ban Chỉ đạo|Ban Tổ chức|Ban Giám hiệu|Ban Giám khảo|Phó Hiệu trưởng|Giáo viên|Công chức|Ban tổ chức|Ban chỉ đạo|Ban giám hiệu|Ban giám khảo|Ban đại diện cha mẹ học sinh|Bộ phận|Tổ chuyên môn|Tổ văn phòng|Liên đội|Chi đoàn|Sở|Phòng|Ban|Bộ|Cục|Hội|Đài|Viện|Trường|Tổ|Cơ quan"
)
# Single-word heads need a name after them ("Phòng Nội vụ", "Công an huyện"), not "Bộ tiêu chí".
_SHORT_HEADS = {"Sở", "Phòng", "Ban", "Bộ", "Cục", "Hội", "Đài", "Viện", "Trường", "Tổ"}
_AFTER_SHORT = {"huyện", "tỉnh", "xã", "quận", "thị", "thành", "các", "cấp"}
_ABBREVIATIONS = ("UBND", "HĐND", "UBMTTQ", "MTTQ", "PGD", "SGD", "TTGDNN", "TTYT", "BHXH", "BCH", "TTVH")
# Collective subjects, any case: "Các cơ sở giáo dục", "các trường" …
_COLLECTIVE = _Phrases(
    "các cơ sở giáo dục|các cơ sở|các trường|các đơn vị|các phòng|các ban|các cơ quan|các đoàn thể|"
    "các tổ chức|các xã|các huyện|các cấp ủy|các cấp uỷ|các sở|các ngành|các địa phương|các nhà trường|"
    "các trung tâm|các hội|các tổ khối|tổ khối|các tổ chuyên môn|các tổ|các thôn|các tổ dân phố|các khu phố|tất cả các trường|cơ sở giáo dục|nhà trường|đơn vị trường"
)
# Lower-case words and phrases that occur inside names.
_NAME_PHRASES = _Phrases(
    "và|nhân dân|huyện|tỉnh|xã|thị trấn|thành phố|thị xã|quận|phường|các|chuyên môn|trực thuộc|thuộc|"
    "có liên quan|liên quan|trên địa bàn|địa bàn|đoàn thể|ngành|cấp|giáo dục|đào tạo|y tế|văn hóa|văn hoá|"
    "thông tin|thể thao|truyền thông|lao động|thương binh|xã hội|tài nguyên|môi trường|nội vụ|tài chính|"
    "kế hoạch|tư pháp|dân tộc|kinh tế|hạ tầng|nông nghiệp|phát triển nông thôn|quản lý|dự án|"
    "đầu tư xây dựng|đầu tư|khu vực|tuyên giáo|dân vận|mặt trận|tổ quốc|học tập cộng đồng|thanh niên|"
    "cộng sản|phụ nữ|cựu chiến binh|nông dân|khuyến học|cựu giáo chức|chữ thập đỏ|đơn vị|phòng|ban|"
    "trường học|trường|bán trú|nội trú|công lập|ngoài công lập|tư thục|mầm non|tiểu học|trung học cơ sở|"
    "trung học phổ thông|trung học|phổ thông|cơ sở giáo dục|cơ sở|nghề nghiệp|giáo dục thường xuyên|"
    "thường xuyên|quân sự|bảo hiểm xã hội|kho bạc|nhà nước|chính trị|tổ chức chính trị|hành chính|"
    "sự nghiệp|công an|cấp ủy|cấp uỷ|chính quyền|cơ quan|trung tâm|văn phòng|thanh tra|chuyên trách|"
    "dạy nghề|ủy ban|uỷ ban|nhà trường|sở|việt nam|hồ chí minh|chỉ huy|thiếu niên|tiền phong"
)
_LEVEL_NAMES = _Phrases("mầm non|tiểu học|trung học cơ sở|trung học phổ thông|THCS|THPT|TH|MN")
_PAIRS = {("xã", "thị"), ("phường", "thị"), ("huyện", "thị"), ("huyện", "thành"), ("xã", "phường"),
          ("phòng", "ban"), ("ban", "ngành"), ("quan", "đơn"), ("vị", "trường"), ("ban", "chuyên"),
          ("thị", "thành"), ("xã", "thành"), ("sở", "ngành"), ("sở", "ban"), ("thôn", "xóm"), ("thôn", "tổ"), ("phường", "xã")}  # fmt: skip
_TRAILING = {"và", "các", "có", "của", "với", "thuộc", "trên", "cấp", "-", "–", "—", ",", "huyện,"}
_SUPPORT_BEFORE = ("moi", "phoi hop voi", "phoi hop cung", "cung voi", "phoi hop chat che voi", "su phoi hop cua",
                   "phoi hop voi cac", "va phoi hop voi")  # fmt: skip
_LEAD_BEFORE = ("giao", "giao cho", "de nghi", "yeu cau")
_CLAUSE_LEAD = ("doi voi", "trach nhiem cua", "nhiem vu cua")  # only at the start of a clause
_REQUEST_AFTER = ("yeu cau", "de nghi", "giao cho", "giao nhiem vu", "chi dao")  # the issuer asks
_CHAIN = re.compile(r"^\s*(,|;|và|cùng|hoặc|, và|; và|và các|cùng với|,\s*cùng)?\s*$")
_GENERIC = ("lien quan", "cac don vi", "cac co quan", "cac nganh", "cac dia phuong", "cac co so", "cac cap",
            "cac phong", "cac ban", "cac hoi", "cac to chuc", "cac trung tam", "cac so", "cac so, nganh",
            "cac ban, nganh", "cac co quan, don vi")  # fmt: skip


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


def _match(tokens: list[str], i: int, phrases: _Phrases, *, lower: bool) -> int:
    """How many tokens from ``i`` make the longest phrase of ``phrases`` (0: none); a position
    before the first token starts none."""
    if not 0 <= i < len(tokens):
        return 0
    first = tokens[i].lower() if lower else tokens[i]
    for phrase in phrases.starting_with(first, lower=lower):
        n = len(phrase)
        window = tokens[i : i + n]
        if len(window) == n and (tuple(t.lower() for t in window) if lower else tuple(window)) == phrase:
            return n
    return 0


def _is_cap(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def find_orgs(text: str) -> list[Mention]:
    """Every organisation name in ``text``, left to right, with its character span."""
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [s[0] for s in spans]
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        n = _head(tokens, i)
        if not n:
            i += 1
            continue
        j = _extend(tokens, i + n)
        while j > i + n and tokens[j - 1].lower() in _TRAILING:
            j -= 1
        if j - i >= 2 or tokens[i].startswith(_ABBREVIATIONS):
            found.append(Mention(spans[i][1], spans[j - 1][2], text[spans[i][1] : spans[j - 1][2]]))
            i = j
        else:
            i += 1
    return found


def _head(tokens: list[str], i: int) -> int:
    token = tokens[i]
    if token.startswith(_ABBREVIATIONS) and token.isupper():
        return 1
    n = _match(tokens, i, _HEADS, lower=False)
    if n:
        nxt = tokens[i + n] if i + n < len(tokens) else ""
        if n == 1 and tokens[i] in _SHORT_HEADS and not (_is_cap(nxt) or nxt.lower() in _AFTER_SHORT):
            return 0
        if tokens[i] in ("Thủ", "Giám", "Chủ", "Chánh", "Trưởng") and not (
            _is_cap(nxt) or nxt == "các"
        ):
            return 0
        return n
    return _match(tokens, i, _COLLECTIVE, lower=True)


def _extend(tokens: list[str], j: int) -> int:
    while j < len(tokens):
        step = _name_step(tokens, j)
        if not step:
            break
        j += step
    return j


_UY_AFTER = ("Huyện", "Tỉnh", "Thành", "Quận", "Thị", "Đảng")


def _name_step(tokens: list[str], j: int) -> int:
    """How many tokens from ``j`` still belong to the name being read (0: it ends here)."""
    token = tokens[j]
    following = tokens[j + 1] if j + 1 < len(tokens) else ""
    if token in ("và", "hoặc") and following and _head(tokens, j + 1):
        return 0  # "Phòng A và Ban B": two bodies
    if token.lower() in ("ủy", "uỷ") and tokens[j - 1] in _UY_AFTER:
        return 1  # Huyện ủy
    n = _match(tokens, j, _NAME_PHRASES, lower=True)
    if n and _phrase_fits(tokens, j, n):
        return n
    if _is_cap(token) or (token.isupper() and any(c.isalpha() for c in token)):
        return 1
    if token.isdigit() and len(token) <= 2 and (_is_cap(tokens[j - 1]) or tokens[j - 1].lower() == "khối"):
        return 1  # Trường Trung học cơ sở Thị Trấn 2, tổ khối 4
    if (
        token in "-–—"
        and following
        and (_is_cap(following) or _match(tokens, j + 1, _NAME_PHRASES, lower=True))
    ):
        return 1  # Phòng Tài chính - Kế hoạch
    if token == "," and following:
        if _match(tokens, j + 1, _LEVEL_NAMES, lower=True) and _match(tokens, j - 2, _LEVEL_NAMES, lower=True):
            return 1  # các trường mầm non, tiểu học, THCS
        if (tokens[j - 1].lower(), following.lower()) in _PAIRS:
            return 1  # các xã, thị trấn
        if _is_cap(following) and not _head(tokens, j + 1):
            return 1  # Trung tâm Văn hóa, Thông tin và Thể thao
    return 0


# Phrases that are verbs as often as name words: inside a name only when capitalised
# ("Ban Quản lý"), or "đầu tư" right after "dự án".
_VERBISH = {"quản lý", "chỉ huy", "dạy nghề", "đầu tư", "đầu tư xây dựng", "học tập cộng đồng"}


def _phrase_fits(tokens: list[str], j: int, n: int) -> bool:
    phrase = " ".join(tokens[j : j + n])
    if phrase.lower() not in _VERBISH or _is_cap(tokens[j]):
        return True
    if phrase.lower().startswith("đầu tư"):
        return j > 0 and tokens[j - 1].lower() == "án"
    if phrase.lower() == "học tập cộng đồng":
        return j > 0 and tokens[j - 1].lower() == "tâm"
    return _is_cap(tokens[j])


def is_generic(name: str) -> bool:
    folded = fold(name)
    return any(folded == g or folded.startswith(g + " lien quan") for g in _GENERIC) or "lien quan" in folded


def responsibilities(
    text: str, heading: list[str] | None = None, *, heading_role: str = "lead", subjects: bool = True
) -> list[Responsibility]:
    """The organisations ``text`` makes responsible, with their role; the heading's units first.

    Without ``subjects``, only those the text asks ("đề nghị X", "giao X", "phối hợp với X"),
    not the one that speaks ("Ủy ban nhân dân huyện xây dựng kế hoạch … như sau:").
    """
    result = [Responsibility(name, heading_role) for name in heading or []]
    previous: tuple[Mention, str] | None = None
    for mention in find_orgs(text):
        role = _role(text, mention, previous, subjects=subjects)
        previous = (mention, role)
        if role and not is_generic(mention.name):
            result.append(Responsibility(mention.name, role))
    return _dedupe(result)


def _role(text: str, mention: Mention, previous: tuple[Mention, str] | None, *, subjects: bool = True) -> str:
    if previous and previous[1] and _CHAIN.match(text[previous[0].end : mention.start]):
        return previous[1]
    clause = max(text.rfind(sep, 0, mention.start) for sep in (". ", "; ", "\n"))
    before = fold(text[clause + 1 if clause >= 0 else 0 : mention.start]).strip(" -+•*(")
    after = fold(text[mention.end : mention.end + 40]).strip()
    if before.endswith(_SUPPORT_BEFORE) or after.startswith("(phoi hop"):
        return "support"
    if (
        before.endswith(_LEAD_BEFORE)
        or before in _CLAUSE_LEAD
        or after.startswith(("chu tri", "(chu tri", "la don vi chu tri"))
    ):
        return "lead"
    heads = fold(mention.name).startswith(("hieu truong", "thu truong"))  # "Hiệu trưởng … chỉ đạo": they act
    if subjects and not before and (heads or not after.startswith(_REQUEST_AFTER)):
        return "lead"
    return ""


def _dedupe(items: list[Responsibility]) -> list[Responsibility]:
    seen: dict[str, Responsibility] = {}
    for item in items:
        key = unit_key(item.unit)
        if key not in seen:
            seen[key] = item
        elif item.role == "lead" and seen[key].role == "support":
            seen[key].role = "lead"
    return list(seen.values())


_ABBREV_KEYS = [
    (r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bgd ?& ?dt\b|\bgd-dt\b|\bgddt\b|\bgdđt\b", "giao duc va dao tao"),
    (r"\bubmttq(vn)?\b|\bmttq(vn)?\b", "uy ban mat tran to quoc"), (r"\btt\b", "trung tam"),
    (r"\bgdnn ?- ?gdtx\b", "giao duc nghe nghiep - giao duc thuong xuyen"), (r"\buỷ\b", "uy"),
]  # fmt: skip
_LOCATION_TAIL = re.compile(r"(\s+(huyen|tinh|thanh pho|quan|thi xa))+$")


def unit_key(name: str) -> str:
    """A key that is equal for two spellings of one unit (UBND / Ủy ban nhân dân, "huyện" or not)."""
    key = fold(name).replace("–", "-")
    for pattern, full in _ABBREV_KEYS:
        key = re.sub(pattern, full, key)
    key = re.sub(r"\bviet nam\b", "", key)
    key = " ".join(key.split())
    return _LOCATION_TAIL.sub("", key)


def unit_kind(name: str) -> str:
    key = unit_key(name)
    if key.startswith(("truong ", "cac truong", "co so giao duc", "cac co so giao duc", "nha truong",
                       "cac nha truong", "hieu truong", "don vi truong", "cac don vi truong", "tat ca cac truong")):  # fmt: skip
        return "school"
    if re.search(r"\b(xa|thi tran|phuong)\b", key) and "uy ban nhan dan" in key:
        return "commune"
    if key.startswith(("phong giao duc", "pgd", "truong phong giao duc")):
        return "district"
    if key.startswith(("so giao duc", "sgd", "giam doc so", "so ")):
        return "province"
    if key.startswith(("phong", "trung tam", "ban", "cong an", "thanh tra", "van phong", "chanh", "huyen doan",
                       "uy ban mat tran", "cac phong", "thu truong", "huyen uy", "hoi", "doan", "cong doan")):  # fmt: skip
        return "department"
    return "other"


def collect_units(groups: list[list[Responsibility]]) -> list[UnitRef]:
    """One entry per unit (merged by ``unit_key``), in order of first mention, with its roles."""
    units: dict[str, UnitRef] = {}
    for group in groups:
        for item in group:
            key = unit_key(item.unit)
            ref = units.get(key)
            if ref is None:
                ref = units[key] = UnitRef(item.unit, unit_kind(item.unit))
            elif len(item.unit) > len(ref.name) and unit_key(item.unit) == key:
                ref.name = item.unit  # keep the fullest spelling
            ref.mentions += 1
            if item.role not in ref.roles:
                ref.roles.append(item.role)
    for ref in units.values():
        ref.roles.sort()
    return list(units.values())


def heading_units(heading: str) -> list[str]:
    """The units when a heading is only units' names ("2. Phòng Tài chính - Kế hoạch:"), else []."""
    text = re.sub(
        r"^(Giao cho|Giao|Đề nghị|Yêu cầu|Đối với|Trách nhiệm của|Nhiệm vụ của)\s+", "", heading.strip()
    )
    text = text.strip(" :.;")
    if not text or len(text.split()) > 25:
        return []
    mentions = find_orgs(text)
    if not mentions or mentions[0].start > 0:
        return []
    rest = text[mentions[-1].end :].strip(" :.;,")
    rest = re.sub(r"^\((chủ trì|phối hợp)\)$", "", rest, flags=re.IGNORECASE)
    between = [text[a.end : b.start] for a, b in itertools.pairwise(mentions)]
    if rest or any(not _CHAIN.match(gap) for gap in between):
        return []
    return [m.name for m in mentions]
