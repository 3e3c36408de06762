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
