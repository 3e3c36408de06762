"""The demo district's people and places: Củ Chi's communes, the office's departments, school
names, people's names and the notes on progress, and the share of schools per level.

Plain data and pure functions of a seeded ``random.Random``: the builder (``district``)
consumes them in a fixed order, so the same seed gives the same district.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from models.enums import AssignmentStatus, SchoolLevel
from services.core.vietnamese import fold

# The 21 communes of Củ Chi: the town and 20 xã.
COMMUNES = [
    "Thị trấn Củ Chi", "An Nhơn Tây", "An Phú", "Bình Mỹ", "Hòa Phú", "Nhuận Đức", "Phạm Văn Cội",
    "Phú Hòa Đông", "Phú Mỹ Hưng", "Phước Hiệp", "Phước Thạnh", "Phước Vĩnh An", "Tân An Hội",
    "Tân Phú Trung", "Tân Thạnh Đông", "Tân Thạnh Tây", "Tân Thông Hội", "Thái Mỹ", "Trung An",
    "Trung Lập Hạ", "Trung Lập Thượng",
]  # fmt: skip


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short_name: str
    keywords: tuple[str, ...]  # folded words of the tasks it supports


DEPARTMENTS = [
    Department("PNV", "Phòng Nội vụ huyện Củ Chi", "Phòng Nội vụ",
                ("doi ngu", "tuyen dung", "bien che", "can bo quan ly", "thi dua")),
    Department("PTCKH", "Phòng Tài chính - Kế hoạch huyện Củ Chi", "Phòng Tài chính - Kế hoạch",
                ("ngan sach", "nguon luc", "tai chinh", "dau tu")),
    Department("PYT", "Phòng Y tế huyện Củ Chi", "Phòng Y tế", ("y te", "dich benh")),
    Department("TTYT", "Trung tâm Y tế huyện Củ Chi", "Trung tâm Y tế huyện",
                ("y te", "suc khoe", "dinh duong", "an toan thuc pham")),
    Department("CAH", "Công an huyện Củ Chi", "Công an huyện", ("an ninh", "bao luc", "an toan truong hoc")),
    Department("PVHTT", "Phòng Văn hóa và Thông tin huyện Củ Chi", "Phòng Văn hóa và Thông tin",
                ("truyen thong", "thong tin", "chuyen doi so")),
    Department("TTVHTT", "Trung tâm Văn hóa – Thể thao và Truyền thông huyện Củ Chi",
                "Trung tâm Văn hóa – Thể thao và Truyền thông", ("the thao", "the chat", "truyen thong")),
    Department("PTNMT", "Phòng Tài nguyên và Môi trường huyện Củ Chi", "Phòng Tài nguyên và Môi trường",
                ("quy hoach", "dat")),
    Department("BQLDA", "Ban Quản lý dự án đầu tư xây dựng khu vực huyện Củ Chi", "Ban Quản lý dự án",
                ("xay dung", "co so vat chat", "truong lop")),
    Department("PLDTBXH", "Phòng Lao động - Thương binh và Xã hội huyện Củ Chi",
                "Phòng Lao động - Thương binh và Xã hội", ("phan luong", "nghe", "nhan luc", "chinh sach")),
    Department("HUYENDOAN", "Huyện Đoàn Củ Chi", "Huyện Đoàn", ("doan", "thanh nien", "phong trao")),
    Department("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Củ Chi", "UBMTTQ Việt Nam huyện",
                ("xa hoi hoa", "van dong", "khuyen hoc", "xa hoi hoc tap")),
    Department("BTGHU", "Ban Tuyên giáo Huyện ủy Củ Chi", "Ban Tuyên giáo Huyện ủy",
                ("chinh tri", "tu tuong", "tuyen truyen")),
    Department("TTRA", "Thanh tra huyện Củ Chi", "Thanh tra huyện", ("thanh tra",)),
]  # fmt: skip
# Tasks with these words concern the communes' People's Committees too.
COMMUNE_KEYWORDS = ("quy dat", "xa hoi hoc tap", "pho cap", "co so vat chat", "cho hoc", "an ninh")

FLOWERS = [
    "Hoa Sen", "Hoa Mai", "Hoa Hồng", "Hoa Lan", "Hoa Cúc", "Hoa Phượng", "Hoa Sữa", "Hoa Mười Giờ",
    "Hướng Dương", "Sơn Ca", "Họa Mi", "Vành Khuyên", "Sao Mai", "Tuổi Thơ", "Măng Non", "Búp Sen Xanh",
    "Bông Sen", "Sen Hồng", "Thiên Thanh", "Thủy Tiên", "Ánh Dương", "Hoa Đào", "Hoa Ban", "Bình Minh",
    "Rạng Đông", "Thỏ Ngọc", "Vàng Anh", "Hoàng Oanh",
]  # fmt: skip
PEOPLE = [
    "Nguyễn Du", "Lê Quý Đôn", "Chu Văn An", "Nguyễn Trãi", "Trần Hưng Đạo", "Lê Lợi", "Quang Trung",
    "Võ Thị Sáu", "Nguyễn Văn Trỗi", "Phan Bội Châu", "Phan Chu Trinh", "Trần Quốc Toản", "Kim Đồng",
    "Lý Tự Trọng", "Nguyễn Đình Chiểu", "Nguyễn Thị Minh Khai", "Trương Định", "Huỳnh Thúc Kháng",
    "Lê Văn Tám", "Lương Thế Vinh", "Nguyễn Bỉnh Khiêm", "Hùng Vương", "Ngô Quyền", "Lý Thường Kiệt",
    "Trần Phú", "Hoàng Hoa Thám", "Nguyễn Khuyến", "Bùi Thị Xuân", "Nguyễn Văn Cừ", "Lê Hồng Phong",
    "Tôn Đức Thắng", "Võ Trường Toản", "Trương Vĩnh Ký", "Nguyễn An Ninh", "Nguyễn Hữu Cảnh",
    "Nguyễn Thị Định", "Đinh Tiên Hoàng", "Lê Thánh Tông", "Phạm Ngũ Lão", "Nguyễn Huệ", "Trưng Vương",
    "Bà Triệu", "Tô Hiến Thành", "Mạc Đĩnh Chi", "Nguyễn Hiền", "Trần Quang Khải", "Nguyễn Thị Rành",
    "Tô Ký", "Nguyễn Văn Cội", "Trần Văn Chẩm", "Lê Thị Pha", "Hồ Văn Thể",
]  # fmt: skip
HAMLETS = [
    "Bàu Tre", "Bến Đình", "Chợ Cũ", "Phú Lợi", "Bàu Sim", "Bến Mương", "Láng Cát", "Suối Cụt", "Xóm Mới",
    "Cây Trôm", "Bàu Trăn", "Bàu Lách", "Mũi Lớn", "Bốn Phú", "Rạch Kiến", "Phú Hiệp", "Trảng Lắm",
    "Bình Thượng", "Bình Hạ", "An Hòa", "Đồng Dù", "Bàu Đưng", "Xóm Chùa", "Gò Nổi", "Bến Súc", "Chợ Đình",
    "Phước An", "Mỹ Khánh", "Cây Sộp", "Sa Nhỏ",
]  # fmt: skip
LEVELS = [  # level, code prefix, name prefix, share of the schools, name pools
    (SchoolLevel.MN, "MN", "Trường Mầm non", 0.40, ("flowers", "communes", "hamlets")),
    (SchoolLevel.TH, "TH", "Trường Tiểu học", 0.33, ("communes", "people", "hamlets")),
    (SchoolLevel.THCS, "THCS", "Trường THCS", 0.22, ("communes", "people", "hamlets")),
    (SchoolLevel.TH_THCS, "THTHCS", "Trường Tiểu học và THCS", 0.05, ("communes", "people", "hamlets")),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
             "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai", "Tô"]  # fmt: skip
MALE_NAMES = [("Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công"),
         ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Nam", "Phúc", "Quang",
          "Sơn", "Tâm", "Thành", "Tuấn", "Việt", "Vinh")]  # fmt: skip
FEMALE_NAMES = [("Thị", "Ngọc", "Thu", "Kim", "Thanh", "Bích", "Mỹ"),
           ("Anh", "Châu", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương",
            "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến")]  # fmt: skip
NOTES = {
    AssignmentStatus.IN_PROGRESS: [
        "Đã xây dựng kế hoạch của đơn vị và triển khai đến các tổ chuyên môn.",
        "Đã tổ chức họp hội đồng sư phạm quán triệt nội dung; đang triển khai.",
        "Đang thực hiện theo lộ trình; đã hoàn thành phần việc của học kỳ I.",
        "Đã phân công nhiệm vụ cho từng bộ phận; đang tổng hợp minh chứng.",
        "Đã tổ chức chuyên đề cấp trường; chuẩn bị báo cáo sơ kết.",
    ],
    AssignmentStatus.DONE: [
        "Đã hoàn thành, báo cáo kết quả kèm minh chứng.",
        "Hoàn thành đúng tiến độ; đã gửi báo cáo về Phòng.",
        "Đã hoàn thành và tổ chức rút kinh nghiệm trong hội đồng sư phạm.",
    ],
    AssignmentStatus.PAUSED: [
        "Tạm dừng chờ kinh phí được phân bổ.",
        "Tạm dừng do đơn vị đang sửa chữa cơ sở vật chất.",
        "Tạm dừng chờ hướng dẫn của cấp trên.",
    ],
}


def level_counts(n: int) -> list[int]:
    """Schools per level by the largest remainder, so the shares add up to n."""
    exact = [share * n for *_, share, _pools in LEVELS]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return counts


def ascii_code(text: str) -> str:
    return "".join(c for c in fold(text).upper() if c.isalnum())


def locality(commune: str, rng: random.Random) -> str:
    if commune.startswith("Thị trấn"):
        return f"Khu phố {rng.randint(1, 8)}"
    return f"Ấp {rng.choice(HAMLETS)}"


