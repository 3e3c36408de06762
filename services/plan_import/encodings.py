"""Recognising the legacy 8-bit Vietnamese encodings (TCVN3, VNI, Windows-1258).

Old offices still type with .VnTime (TCVN3/ABC) or VNI fonts. Such a file is not
UTF-8; we decode it with each legacy table and count how many of its accented
words are common Vietnamese syllables. The best table, when clearly Vietnamese,
is named in the error so the officer knows what to convert from.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712:1993 (VN3, the ".VnTime" fonts): one byte per accented letter.
_TCVN3 = dict(
    zip(
        bytes.fromhex(
            "a1a2a3a4a5a6a7a8a9aaabacadae"
            "b5b6b7b8b9bbbcbdbec6c7c8c9cacbcccecfd0d1d2d3d4d5d6d7d8dcdddedfe1e2e3e4"
            "e5e6e7e8e9eaebecedeeeff1f2f3f4f5f6f7f8f9fafbfcfdfe"
        ),
        "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
        strict=True,
    )
)
# VNI-Windows: a base letter followed by mark bytes (read here as Windows-1252 text).
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_TONES = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_TONES = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}

# Frequent syllables of administrative Vietnamese (from plans and directives).
COMMON_SYLLABLES = frozenset(
    """giáo dục học và các thực hiện của công trường triển huyện tạo chất sở cơ đào thông về tác trình
    lượng hội năm lý quả hoạch phát số việc có phổ với kế cấp quản nâng bộ chính xã động chương
    viên lực nhiệm địa chức hiệu xây dựng phòng nhân định dân toàn để hợp đề tổ vụ tăng chủ cường
    tiếp ngày ủy kết điều lớp mầm đảm bảo thể cầu tế vị dạy tư tục ứng pháp kiện ngành tập năng hóa
    quốc tâm đơn đạo phương quyết thành chuẩn đổi yêu trên nghị giải phối cán án tỉnh bàn nhà được
    đối đoạn trẻ mới đáp hướng đầu nghiệp chỉ sách hành nguồn tốt kiểm hoạt truyền giá đánh làm tại
    tiêu hình nhằm đạt thị vật văn thường là dụng mạnh hoàn trí thiểu kỹ người tháng bản diện đại
    quyền tuyên đội sự cách chí trọng tình thống bị đến trực đặc đẩy nội ngũ nhận trách chuyên ở
    thức tối môn căn đoàn phố tiểu trị xuyên nước đủ nhập mục thời đảng thiện hệ thuộc kỳ một sát
    biệt tích liên mạng đúng những trì dưỡng tộc sống từ phần rà soát thiết bổ giám tài mô nghề tự
    trấn cụ kiến bố từng tưởng chế liệu sử này đã sẽ không cũng như theo trong ra vào lên khi đó
    rằng cho""".split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[^\W\d_]+")


def _decode_tcvn3(data: bytes) -> str:
    return "".join(_TCVN3.get(b, chr(b)) for b in data)


def _decode_vni(data: bytes) -> str:
    text = data.decode("cp1252", errors="replace")
    out: list[str] = []
    for char in text:
        low = char.lower()
        previous = out[-1] if out else ""
        prev_low = previous.lower()
        if low in _VNI_TONES and prev_low in "aeiouyâêôơư" and prev_low:
            out[-1] = unicodedata.normalize("NFC", previous + _VNI_TONES[low])
        elif low in _VNI_HAT_TONES and prev_low in "aeo" and prev_low:
            hat = unicodedata.normalize("NFC", previous + "\u0302")
            out[-1] = unicodedata.normalize("NFC", hat + _VNI_HAT_TONES[low])
        elif low == "â" and prev_low in "aeo" and prev_low:
            out[-1] = unicodedata.normalize("NFC", previous + "\u0302")
        elif low == "ê" and prev_low == "a":
            out[-1] = unicodedata.normalize("NFC", previous + "\u0306")
        elif low in _VNI_BREVE_TONES and prev_low == "a":
            breve = unicodedata.normalize("NFC", previous + "\u0306")
            out[-1] = unicodedata.normalize("NFC", breve + _VNI_BREVE_TONES[low])
        elif low in _VNI_SINGLE:
            single = _VNI_SINGLE[low]
            out.append(single.upper() if char.isupper() else single)
        else:
            out.append(char)
    return "".join(out)


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_CANDIDATES = (
    ("TCVN3 (ABC, phông .VnTime)", _decode_tcvn3),
    ("VNI", _decode_vni),
    ("Windows-1258", _decode_cp1258),
)


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of accented words that are common syllables, number of such words)."""
    accented = [w for w in _WORD.findall(text.lower()) if not w.isascii()]
    if not accented:
        return 0.0, 0
    hits = sum(1 for w in accented if w in COMMON_SYLLABLES)
    return hits / len(accented), hits


def detect_legacy(data: bytes) -> str | None:
    """The name of the legacy encoding ``data`` is written in, or None when unsure."""
    sample = data[:200000]
    best, best_score = None, 0.0
    for name, decode in _CANDIDATES:
        share, hits = vietnamese_score(decode(sample))
        if hits >= 3 and share > best_score:
            best, best_score = name, share
    return best if best_score >= 0.25 else None


def encode_legacy(text: str, encoding: str) -> bytes:
    """Text in TCVN3 or VNI, for tests (the reverse of the tables above)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        reverse = {v: k for k, v in _TCVN3.items()}
        lower = {v: k for k, v in _TCVN3.items() if v.islower()}
        out = bytearray()
        for char in text:
            code = reverse.get(char) or lower.get(char.lower())
            out += (
                bytes([code]) if code else unicodedata.normalize("NFD", char)[0].encode("latin-1", "replace")
            )
        return bytes(out)
    if encoding == "vni":
        return "".join(_vni_char(c) for c in text).encode("cp1252", errors="replace")
    raise ValueError(encoding)


def _vni_char(char: str) -> str:
    upper = char.isupper()
    low = char.lower()
    for single, target in _VNI_SINGLE.items():
        if target == low:
            return single.upper() if upper else single
    parts = unicodedata.normalize("NFD", low)
    base, marks = parts[0], parts[1:]
    if base == "ư" or (base == "u" and "\u031b" in marks):
        base, marks = "ö", marks.replace("\u031b", "")
    if base == "o" and "\u031b" in marks:
        base, marks = "ô", marks.replace("\u031b", "")
    if base == "đ":
        base = "ñ"
    tone = next((m for m in marks if m in "\u0301\u0300\u0309\u0303\u0323"), "")
    code = base
    if "\u0302" in marks:
        code += {v: k for k, v in _VNI_HAT_TONES.items()}.get(tone, "â")
    elif "\u0306" in marks:
        code += {v: k for k, v in _VNI_BREVE_TONES.items()}.get(tone, "ê")
    elif tone:
        code += {v: k for k, v in _VNI_TONES.items()}[tone]
    return code.upper() if upper else code


# --- converting instead of refusing -------------------------------------------------------

_DECODERS = {name: decode for name, decode in _CANDIDATES}
LEGACY_NAMES = tuple(_DECODERS)


def _fix_case(text: str) -> str:
    """TCVN3 has few capitals: ".VnTimeH" headings and "Ủ", "Ế" … come as small letters."""
    def word(m: re.Match[str]) -> str:
        w = m.group()
        ascii_letters = [c for c in w if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            return w.upper()
        return w

    lines = []
    for line in text.split("\n"):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 3 and sum(c.isupper() for c in ascii_letters) >= 0.9 * len(ascii_letters):
            line = line.upper()  # a heading typed with .VnTimeH
        line = _WORD.sub(word, line)
        line = re.sub(r"(?:(?<=^)|(?<=[.]\s))([^\W\d_])", lambda m: m.group(1).upper(), line)
        lines.append(re.sub(r"\bủ([yỷ]) ban\b", r"Ủ\1 ban", line))
    return "\n".join(lines)


def decode_legacy(data: bytes) -> tuple[str, str] | None:
    """(Unicode text, the encoding's name) of 8-bit TCVN3, VNI or Windows-1258 text."""
    name = detect_legacy(data)
    if name is None:
        return None
    text = unicodedata.normalize("NFC", _DECODERS[name](data))
    return (_fix_case(text) if name.startswith("TCVN3") else text), name


def _as_bytes(text: str) -> bytes | None:
    """The 8-bit codes a legacy font's text was typed with (None: real Unicode is in it)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))
    return bytes(out)


def convert_legacy(lines: list[str]) -> tuple[list[str], str | None]:
    """Lines of a .docx or PDF typed in a legacy font, converted to Unicode (line by line:
    a header in Unicode and a body in .VnTime is common), and the encoding's name."""
    sample = [b for b in (_as_bytes(line) for line in lines) if b and max(b) >= 0x80]
    if not sample or vietnamese_score("\n".join(lines))[0] >= 0.5:
        return lines, None
    name = detect_legacy(b"\n".join(sample))
    if name is None:
        return lines, None
    out = []
    for line in lines:
        data = _as_bytes(line)
        if data is None or max(data, default=0) < 0x80:
            out.append(line)
            continue
        converted = unicodedata.normalize("NFC", _DECODERS[name](data))
        if name.startswith("TCVN3"):
            converted = _fix_case(converted)
        out.append(converted if vietnamese_score(converted)[1] >= vietnamese_score(line)[1] else line)
    return out, name


# Frequent syllables with their diacritics removed: a text made of them, without a single
# accented letter, is Vietnamese that lost its marks (a scan read by OCR without them).
_BARE_SYLLABLES = frozenset(
    ["giao", "duc", "hoc", "va", "cac", "thuc", "hien", "cua", "cong", "truong", "trien", "huyen", "tao", "chat", "so", "co", "dao", "thong", "ve", "tac", "trinh", "nam", "ke", "hoach", "phat", "nhiem", "vu", "chuc", "xay", "dung", "phong", "nhan", "dinh", "dan", "toan", "de", "hop", "to", "tang", "chu", "tinh", "ban", "nha", "duoc", "doi", "voi", "bao", "cao", "theo", "trong", "tren", "ngay", "thang", "tiep", "quan", "ly"]
)


def not_vietnamese(text: str) -> str | None:
    """ "no-diacritics" for Vietnamese that lost its marks, "foreign" for text that cannot be
    Vietnamese, None for Vietnamese (or too little text to tell)."""
    words = _WORD.findall(text.lower())
    if len(words) < 80:
        return None
    accented = sum(1 for w in words if not w.isascii())
    if accented / len(words) >= 0.03:
        return None
    bare = sum(1 for w in words if w in _BARE_SYLLABLES)
    return "no-diacritics" if bare / len(words) >= 0.2 else "foreign"
