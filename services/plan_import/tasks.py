"""Tasks: the items of a plan's "nhiệm vụ / giải pháp / nội dung" parts and the duties its
"tổ chức thực hiện" part gives to each unit, plus the rows of task tables."""

from __future__ import annotations

import datetime as dt
import re

from services.core.vietnamese import fold
from services.plan_import.figures import find_dates, find_deadlines
from services.plan_import.model import Node, Para, ParsedTask, Responsibility
from services.plan_import.units import find_orgs, heading_units, is_generic, responsibilities, unit_key

TASK_PART_WORDS = ("nhiem vu", "giai phap", "noi dung", "hoat dong", "to chuc thuc hien", "trach nhiem",
                   "phan cong", "che do bao cao", "bien phap", "cong viec", "chuong trinh cong tac")  # fmt: skip
NON_TASK_WORDS = ("muc dich", "yeu cau", "muc tieu", "can cu", "tinh hinh", "dac diem", "ket qua",
                  "danh gia", "kinh phi", "thoi gian", "thanh phan", "dia diem", "phuong cham", "quan diem",
                  "chu de", "pham vi", "doi tuong", "du kien", "ly do", "su can thiet")  # fmt: skip
_RECURRENCE = [
    ("monthly", r"\b(hằng|hàng|mỗi) tháng\b|định kỳ tháng"),
    ("quarterly", r"\b(hằng|hàng|mỗi) quý\b|định kỳ quý"),
    ("semester", r"\b(mỗi|hằng|hàng|từng) học kỳ\b|cuối mỗi học kỳ"),
    ("school_year", r"\b(hằng|hàng|mỗi|từng) năm( học)?\b"),
]
TITLE_WORDS = 40


# Parts that state aims, grounds or results, whatever their numbering: never tasks.
AIM_WORDS = ("muc dich", "muc tieu", "can cu", "tinh hinh", "thuc trang", "dac diem", "ket qua", "han che",
             "kinh phi", "quan diem", "phuong cham", "su can thiet", "ly do", "pham vi", "doi tuong",
             "chi tieu", "nguyen nhan", "bai hoc", "thanh phan")  # fmt: skip


PAST_WORDS = ("ket qua", "tinh hinh", "thuc trang", "danh gia chung", "danh gia ket qua", "danh gia tinh hinh",
              "danh gia thuc trang", "han che", "dac diem")  # fmt: skip


def is_aim(heading: str) -> bool:
    folded = fold(heading)
    if folded.startswith("yeu cau"):  # "Yêu cầu" is an aim; "Yêu cầu và tiến độ …", "Yêu cầu đối với …" are not
        return folded.strip(" .:") == "yeu cau"
    if folded.startswith(PAST_WORDS):  # "Kết quả thực hiện nhiệm vụ" is past work, unless "… và nhiệm vụ …" follow
        return not re.search(r"\b(va|;|,) (cac )?(nhiem vu|giai phap|phuong huong)", folded)
    return folded.startswith(AIM_WORDS) and not any(w in folded for w in ("nhiem vu", "giai phap"))


def task_parts(root: Node) -> list[Node]:
    """The parts whose items are tasks: every part that is not an aim and either says it holds
    tasks or has the shape of a task list (its items say who does what, or by when)."""
    top = [n for n in root.children if not is_aim(n.heading)]
    if not root.children:
        return [root] if root.paras else []
    if all(n.kind == "article" for n in root.children):
        return top  # a decision's articles are what it decides
    parts = [n for n in top if _is_task_heading(n.heading) or _has_task_shape(n)]
    if all(not n.children for n in top) and len(parts) * 2 >= len(top):
        return top  # a flat list of requests: the few without a date or a unit are requests too
    return parts or top


def _items(node: Node) -> list[str]:
    """The texts of a part's items: its leaf sections, else its paragraphs."""
    leaves = [n for n in node.walk()[1:] if not n.children]
    if leaves:
        return [f"{n.heading} {n.text}" for n in leaves]
    return [p.text for p in node.paras if p.cells is None] or [node.heading]


def _has_task_shape(node: Node) -> bool:
    """Whether some item of the part says when it is due (or how often) or who does it."""
    if heading_units(node.heading):
        return True  # "2. Sở Nội vụ" and its duties
    items = _items(node)
    if not items:
        return False
    return any(
        find_dates(text) or recurrence(text) != "once" or any(r.role == "lead" for r in responsibilities(text))
        for text in items
    )


def _is_task_heading(heading: str) -> bool:
    folded = fold(heading)
    return any(w in folded for w in TASK_PART_WORDS)


def extract_tasks(root: Node) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []
    # "… đề nghị các Sở GDĐT tổ chức thực hiện các nội dung sau:" names who does every task.
    intro = root.paras[-1].text if root.paras and root.paras[-1].text.rstrip().endswith(":") else ""
    named = [r.unit for r in responsibilities(intro, subjects=False) if r.role == "lead"] if intro else []
    for part in task_parts(root):
        if part is root:
            # A letter without an outline: its paragraphs after the grounds and "Kính gửi".
            paras = [p for p in root.paras if not fold(p.text).startswith(("kinh gui", "can cu"))]
            tasks += _duties(root, paras, [])
        else:
            _collect(part, named, tasks, top=True)
    return tasks


def table_tasks(root: Node) -> list[ParsedTask]:
    """Rows of task tables (Nội dung | Chủ trì | Phối hợp | Thời gian) anywhere in the tree."""
    tasks: list[ParsedTask] = []
    for node in root.walk():
        rows = [p for p in node.paras if p.cells is not None]
        tables: dict[int, list[Para]] = {}
        for row in rows:
            tables.setdefault(row.table, []).append(row)
        for table in tables.values():
            tasks += _table(node, table)
    return tasks


def _collect(node: Node, inherited: list[str], tasks: list[ParsedTask], *, top: bool = False) -> None:
    if not top and _is_aside(node.heading):
        return  # "Mục tiêu", "Thời gian, địa điểm" … inside a task part
    units = heading_units(node.heading)
    plain = [p for p in node.paras if p.cells is None]
    if node.children:
        if units:
            tasks += _duties(node, plain, units)
        for child in node.children:
            _collect(child, units or inherited, tasks)
        return
    if top and not plain and not _is_action(node):
        return  # a part with a heading only
    if units:
        tasks += _duties(node, plain, units) if plain else []
        return
    # A part's own paragraphs ("III. TỔ CHỨC THỰC HIỆN" + text), or those under a label
    # ("Giải pháp", "Số lượng"), are tasks one by one.
    if plain and top and _is_action(node):
        # "4. Các trường báo cáo … trước ngày 05/7." and a remark under it: the request is the task
        tasks.append(_task(node, node.heading, "\n".join(_line(p) for p in plain), node.line, inherited,
                           fallback=True))  # fmt: skip
        return
    if len(plain) == 1 and plain[0].line == node.line and not _is_label(node.heading):
        # "a) Khai mạc: 7 giờ 30 ngày 25/10 …": the label and its line are one task
        task = _task(node, f"{node.heading}: {plain[0].text}", "", node.line, inherited, fallback=True)
        # Who the line after the label names ("…: tổ khối 1 thực hiện") is its subject.
        task.responsibilities = _unique(task.responsibilities + responsibilities(plain[0].text))
        tasks.append(task)
        return
    if plain and (top or _is_label(node.heading) or len(node.heading.split()) <= 3):
        tasks += _duties(node, plain, inherited, fallback=True)
        return
    tasks.append(
        _task(node, node.heading, "\n".join(_line(p) for p in plain), node.line, inherited, fallback=True)
    )


def _is_action(node: Node) -> bool:
    """A numbered request of a letter or an article ("1. Các trường rà soát … trước ngày …"):
    a whole sentence as its heading, not a title. An article that only says who carries the
    decision out ("Điều 3. … chịu trách nhiệm thi hành") is no task."""
    folded = fold(node.heading)
    if node.kind == "article" and ("hieu luc" in folded or "thi hanh" in folded):
        return False
    return len(node.heading.split()) >= 6 and (node.kind == "article" or node.heading.rstrip().endswith((".", ";")) or
                                                bool(find_dates(node.heading)))  # fmt: skip


_LABELS = ("nhiem vu", "giai phap", "doi voi", "cap hoc", "cap ", "bac hoc", "khoi ", "linh vuc", "mot so",
           "cac nhiem vu", "cac giai phap", "bien phap", "cong viec", "noi dung")  # fmt: skip


def _is_label(heading: str) -> bool:
    """A heading that names a group ("Nhiệm vụ", "Đối với cấp THCS"), not an action to take."""
    return len(heading.split()) <= 10 and fold(heading).startswith(_LABELS)


def _is_aside(heading: str) -> bool:
    """A short heading such as "Mục tiêu" or "Thời gian, địa điểm" (not "Kết quả triển khai …")."""
    folded = fold(heading)
    return (
        len(heading.split()) <= 6
        and folded.startswith(NON_TASK_WORDS)
        and not any(w in folded for w in ("nhiem vu", "giai phap"))
    )


def _line(para: Para) -> str:
    return f"{para.bullet} {para.text}" if para.bullet else para.text


def _duties(node: Node, paras: list[Para], units: list[str], *, fallback: bool = False) -> list[ParsedTask]:
    """Each paragraph or bullet is one task; "+" items and an intro ending with ":" attach.

    An intro such as "… đề nghị Hiệu trưởng các trường thực hiện một số nội dung sau:" names
    who does the items under it when they name no one themselves.
    """
    items: list[tuple[list[Para], list[str]]] = []
    intro_units: list[str] = []
    for para in paras:
        if para.bullet == "+" and items:
            items[-1][0].append(para)
        elif para.bullet and items and _is_intro(items[-1][0]):
            items[-1] = ([para], intro_units)  # the intro leaves its place to its first bullet
        else:
            if not para.bullet:
                intro_units = []
            if para.text.rstrip().endswith(":"):
                intro_units = [
                    r.unit for r in responsibilities(para.text, subjects=False) if r.role == "lead"
                ]
            items.append(([para], intro_units if para.bullet else []))
    tasks = []
    for item, named in items:
        if _is_intro(item):
            continue  # an intro without items
        text = " ".join(_line(p) if i else p.text for i, p in enumerate(item))
        if named and (fallback or not units):
            tasks.append(_task(node, text, "", item[0].line, named, fallback=True))
        else:
            tasks.append(_task(node, text, "", item[0].line, units, fallback=fallback))
    return tasks


def _is_intro(item: list[Para]) -> bool:
    return len(item) == 1 and item[0].text.rstrip().endswith(":")


def _task(
    node: Node, head: str, body: str, line: int, units: list[str], *, fallback: bool = False
) -> ParsedTask:
    """One task; ``units`` head it (its section's heading), or with ``fallback`` stand in
    when the text names no lead of its own (the heading of an enclosing section)."""
    title, rest = split_title(head)
    description = "\n".join(t for t in (rest, body) if t).strip()
    whole = f"{head}\n{body}"
    found = responsibilities(head) + responsibilities(body)
    label, colon, after_label = head.partition(": ")
    if colon and len(label.split()) <= 12 and not found:
        found = responsibilities(after_label)  # "Chuyên đề Tiếng Việt lớp 1: tổ khối 1 thực hiện …"
    if units and fold(head).startswith(("phoi hop", "tham gia phoi hop")):
        # "Phối hợp với X …" as a unit's duty: X leads (chủ trì), the unit supports.
        first = next((r for r in found if r.role == "support" and r.unit not in units), None)
        if first is not None:
            first.role = "lead"
        found += [Responsibility(u, "support") for u in units]
    elif units and not (fallback and any(r.role == "lead" for r in found)):
        found = [Responsibility(u, "lead") for u in units] + found
    return ParsedTask(
        title=title,
        description=description,
        section=node.path,
        line=line,
        deadline=_deadline(whole),
        recurrence=recurrence(whole),
        responsibilities=_unique(found),
        node=node,
    )


def _unique(items: list[Responsibility]) -> list[Responsibility]:
    seen: dict[str, Responsibility] = {}
    for item in items:
        key = unit_key(item.unit)
        if key in seen:
            if item.role == "lead":
                seen[key].role = "lead"
            continue
        seen[key] = item
    leads = [r for r in seen.values() if r.role == "lead"]
    return leads + [r for r in seen.values() if r.role != "lead"]


def split_title(text: str) -> tuple[str, str]:
    """A short title and the rest: the first sentence, else up to ";" , else the first 40 words."""
    text = " ".join(text.split()).strip()
    if len(text.split()) <= TITLE_WORDS:
        return text.rstrip(" .;:"), ""
    for separator in (r"(?<=[^\d\s.][.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(])", r";\s+"):
        parts = re.split(separator, text, maxsplit=1)
        if len(parts) == 2 and 8 <= len(parts[0].split()) <= TITLE_WORDS:
            return parts[0].rstrip(" .;:"), parts[1].strip()
    words = text.split()
    return " ".join(words[:TITLE_WORDS]).rstrip(" ,;:") + " …", " ".join(words[TITLE_WORDS:])


def _deadline(text: str) -> dt.date | None:
    """The task's deadline: the first date its text gives as one."""
    found = find_deadlines(Node(), text, 0)
    return found[0].date if found else None


def recurrence(text: str) -> str:
    for value, pattern in _RECURRENCE:
        if re.search(pattern, text, re.IGNORECASE):
            return value
    return "once"


# --- task tables --------------------------------------------------------------------------

_COLUMNS = [  # (role of the column, folded words of its header), checked in this order
    ("skip", ("stt", "ghi chu", "san pham", "ket qua", "kinh phi", "so tt")),
    ("support", ("phoi hop",)),
    ("time", ("thoi gian", "thoi han", "hoan thanh", "tien do", "han ")),
    ("lead", ("chu tri", "thuc hien", "phu trach", "trach nhiem", "don vi", "bo phan", "nguoi")),
    ("content", ("noi dung", "nhiem vu", "cong viec", "hoat dong", "ten", "giai phap")),
]


def _columns(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = fold(cell) + " "
        for role, words in _COLUMNS:
            if any(w in folded for w in words):
                if role != "skip":
                    roles.setdefault(role, index)
                break
    return roles


def _table(node: Node, rows: list[Para]) -> list[ParsedTask]:
    columns = _columns(rows[0].cells or [])
    if "content" not in columns:
        return []
    tasks: list[ParsedTask] = []
    for row in rows[1:]:
        cells = row.cells or []

        def cell(role: str, cells: list[str] = cells) -> str:
            index = columns.get(role)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        content = cell("content")
        others = [c for i, c in enumerate(cells) if i != columns["content"] and c.strip()]
        if not content or (not others and len(content.split()) <= 8):
            continue  # a group heading row inside the table
        title, rest = split_title(content)
        found = [Responsibility(u, "lead") for u in _cell_units(cell("lead"))]
        found += [Responsibility(u, "support") for u in _cell_units(cell("support"))]
        dates = find_dates(cell("time"))
        tasks.append(
            ParsedTask(
                title=title,
                description=rest,
                section=node.path,
                line=row.line,
                deadline=dates[-1][2] if dates else None,
                recurrence=recurrence(cell("time") + " " + content),
                responsibilities=_unique(found),
                node=node,
            )
        )
    return tasks


def _cell_units(text: str) -> list[str]:
    """The units a table cell names: "Phòng GD&ĐT; Trạm Y tế xã" → two names."""
    names: list[str] = []
    for piece in re.split(r"[;\n]", text):
        piece = piece.strip(" .:-+•")
        if not piece:
            continue
        mentions = [m.name for m in find_orgs(piece) if not is_generic(m.name)]
        names += mentions or [p.strip() for p in re.split(r",|\s+và\s+", piece) if p.strip()]
    return names


_EXECUTE = re.compile(r"(chịu trách nhiệm thi hành|chịu trách nhiệm tổ chức thực hiện|tổ chức thực hiện|thi hành)"
                      r"\s+(Quyết định|Chỉ thị)", re.IGNORECASE)  # fmt: skip


# "A, B và C": "và" parts two people only before a title ("Văn phòng HĐND và UBND" is one body).
_EXECUTOR_SEPARATOR = re.compile(
    r",\s*|\s+và\s+(?=(?:Chủ tịch|Trưởng|Phó|Giám đốc|Thủ trưởng|Hiệu trưởng|Chánh|Ban|Phòng|Sở|Tổ|Bộ phận|"
    r"Trung tâm|các|Các)\b)"
)


def executors(root: Node, closing: str = "") -> list[str]:
    """Who a decision names to carry it out ("Điều 3. … Chánh Văn phòng, Trưởng phòng … chịu
    trách nhiệm thi hành Quyết định này"), the people listed in an article apart. The last
    article often ends the body with "./." and so stands in the closing."""
    texts = [f"{n.heading} {n.text}" for n in root.walk() if n.kind == "article"]
    names: list[str] = []
    for text in [*texts, closing] if texts else []:
        if not (m := _EXECUTE.search(text)):
            continue
        before = re.split(r"(?<=[^\d\s.][.])\s+", text[: m.start()])[-1]
        before = re.sub(r"^Điều\s+\d+\s*[.:]\s*", "", before)
        for piece in re.split(_EXECUTOR_SEPARATOR, before):
            piece = piece.strip(" .;")
            if piece and not re.search(r"có tên|ông \(bà\)|cá nhân", piece):
                names.append(piece)
    return [name for name in _join_pairs(names) if name[:1].isupper()]


def _join_pairs(names: list[str]) -> list[str]:
    """ "Chủ tịch UBND các xã" + "thị trấn" were split at the comma of "các xã, thị trấn"."""
    out: list[str] = []
    for name in names:
        if out and not name[:1].isupper():
            out[-1] += ", " + name
        else:
            out.append(name)
    return out
