"""The plan importer: a plan or directive (.txt, .docx, .pdf) → its structure.

``parse_plan_file(path)`` returns a ``ParsedPlan``: the document's identity (type,
number, issuer, date, title, grounds, recipients, signer), its outline, the tasks
with their responsible units and deadlines, the targets, the deadlines and every
unit the text makes responsible. ``save_plan`` stores the document, its outline
and its tasks in one unit of work. Nothing here depends on a particular plan's
wording: the rules follow the layout such documents share (Nghị định 30/2020).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from services.core.vietnamese import fold
from services.plan_import.errors import PlanImportError
from services.plan_import.figures import DateContext, find_basis, find_deadlines, find_targets, semester_ends
from services.plan_import.model import (
    Deadline,
    DocumentInfo,
    Node,
    Para,
    ParsedPlan,
    ParsedTask,
    Responsibility,
    Target,
)
from services.plan_import.outline import (
    build_outline,
    bullet_of,
    read_appendices,
    read_closing,
    read_header,
    split_regions,
    to_paragraphs,
)
from services.plan_import.sources import MAX_PACKED_BYTES, MAX_TEXT_BYTES, read_source
from services.plan_import.tasks import executors, extract_tasks, table_tasks
from services.plan_import.units import collect_units, find_orgs, responsibilities

__all__ = ["ParsedPlan", "PlanImportError", "parse_plan", "parse_plan_file"]


def parse_plan_file(path: str | Path) -> ParsedPlan:
    """Read and parse a plan file; bad input raises ``PlanImportError`` before anything else."""
    path = Path(path)
    if not path.is_file():
        raise PlanImportError("Không tìm thấy tệp.", "The file does not exist.", str(path))
    size = path.stat().st_size
    limit = MAX_TEXT_BYTES if path.suffix.lower() == ".txt" else MAX_PACKED_BYTES
    if size > limit:
        raise PlanImportError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB); giới hạn là {limit // 1048576} MB. Một kế hoạch "
            "thường chỉ vài trăm KB: hãy kiểm tra lại tệp đã chọn.".replace(".", ",", 1),
            f"The file is too large ({size} bytes; the limit is {limit}).",
            path.name,
        )
    return parse_plan(path.name, path.read_bytes())


def parse_plan(name: str, data: bytes) -> ParsedPlan:
    source = read_source(name, data)
    paras = to_paragraphs(source.blocks)
    if not paras:
        raise PlanImportError("Tệp không có nội dung chữ.", "The file holds no text.", name)
    regions = split_regions(paras)
    info = read_header(regions)
    read_closing(info, regions)
    root = build_outline(regions.body)
    addressees, preamble = _addressees(regions.preamble)
    root.paras = [Para(bullet_of(p.text)[1], p.line, bullet_of(p.text)[0]) for p in preamble]
    info.basis = find_basis([p.text for p in regions.preamble])
    info.issuer = info.issuer or _issuer(regions.preamble, info)
    if not info.school_year and not info.period:
        _years_from_body(info, regions.body)
    appendices = read_appendices(regions.appendix)
    tasks = extract_tasks(root) + table_tasks(root)
    for appendix in appendices:
        tasks += table_tasks(appendix.root)
    context = _context(info, "\n".join(p.text for p in paras))
    for task in tasks:  # "trước ngày 15/10", "trước ngày 05 hằng tháng": dates the document implies
        if task.deadline is None and (
            found := find_deadlines(Node(), _task_text(task), 0, years=_years(info), context=context)
        ):
            task.deadline = found[0].date
            if task.recurrence == "once":
                task.recurrence = found[0].recurrence
    # A decision's executors are read whole ("Chánh Văn phòng HĐND và UBND huyện"); other closings
    # ("… đề nghị các trường thực hiện") name their units in a sentence.
    named = executors(root, info.closing)
    closing_units = [] if named or not info.closing else responsibilities(info.closing)
    closing_units += [Responsibility(name, "lead") for name in addressees + named]
    plan = ParsedPlan(
        source_name=name,
        format=source.format,
        encoding=source.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        text="\n".join(p.text for p in paras),
        document=info,
        root=root,
        appendices=appendices,
        tasks=tasks,
        targets=[] if info.type == "BC" else _targets(root, info),  # a report states results
        deadlines=_deadlines(root, _years(info), context),
        units=collect_units([t.responsibilities for t in tasks] + [closing_units]),
    )
    plan.warnings = source.notes + _warnings(plan)
    return plan


_ADDRESSEE = re.compile(r"^Kính gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)


def _addressees(preamble: list[Para]) -> tuple[list[str], list[Para]]:
    """Whom a letter is addressed to ("Kính gửi: A; B" or a dash list under it): its units.
    The rest of the preamble comes back without those lines."""
    names: list[str] = []
    rest: list[Para] = []
    listing = False
    for para in preamble:
        if m := _ADDRESSEE.match(para.text):
            names += [n for n in re.split(r"\s*;\s*", m.group("rest")) if n]
            listing = True
            continue
        if listing and bullet_of(para.text)[0]:
            names.append(bullet_of(para.text)[1])
            continue
        listing = False
        rest.append(para)
    return [n.strip(" .;,") for n in names if n.strip(" .;,")], rest


def _task_text(task: ParsedTask) -> str:
    return f"{task.title}\n{task.description}"


def _issuer(preamble: list[Para], info: DocumentInfo) -> str:
    """Without a header: "Trên đây là Kế hoạch … của X", else "X xây dựng/ban hành kế hoạch"."""
    closing = info.closing
    if m := re.search(r"\bcủa\s+(?=[A-ZĐÀ-Ỹ])", closing):
        mentions = [o for o in find_orgs(closing[m.end() :]) if o.start == 0]
        if mentions:
            return mentions[0].name
    for para in preamble:
        for org in find_orgs(para.text):
            after = fold(re.sub(r"^\s*\([^)]*\)", "", para.text[org.end :]))
            if after.strip().startswith(("xay dung", "ban hanh", "trien khai ke hoach", "lap ke hoach")):
                return org.name
    authority = info.signer.authority_text.split(" / ")[0]
    if authority.startswith(("TM.", "T/M")):
        return authority[3:].strip()
    return ""


def _years_from_body(info: DocumentInfo, body: list[Para]) -> None:
    """The school year most named in the text, when the title names none."""
    counts: dict[str, int] = {}
    for para in body:
        for m in re.finditer(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})", para.text, re.IGNORECASE):
            key = f"{m.group(1)}-{m.group(2)}"
            counts[key] = counts.get(key, 0) + 1
    if counts:
        info.school_year = max(counts, key=lambda k: (counts[k], k))


def _default_year(info: DocumentInfo) -> int | None:
    if info.period:
        return int(info.period[-4:])
    if info.school_year:
        return int(info.school_year[-4:])
    return info.issued_year


def _texts(node: Node) -> list[tuple[str, int, bool]]:
    """(text, line, is_bullet) of a section's heading and paragraphs (task-table rows apart)."""
    out = [(node.heading, node.line, False)] if node.heading else []
    out += [(p.text, p.line, bool(p.bullet)) for p in node.paras if p.cells is None]
    return out


def _states_the_past(node: Node) -> bool:
    """A section of results or the present state (Thực trạng, Kết quả đạt được, Hạn chế …)."""
    return any(
        fold(n.heading).startswith(("thuc trang", "tinh hinh", "ket qua", "han che", "dac diem", "nguyen nhan"))
        for n in [node, *node.ancestors()]
    )


def _states_aims(node: Node) -> bool:
    return any(fold(n.heading).startswith(("muc tieu", "chi tieu", "muc dich")) for n in [node, *node.ancestors()])


def _targets(root: Node, info: DocumentInfo) -> list[Target]:
    year = _default_year(info)
    found: list[Target] = []
    # The grounds state past results; only a letter without an outline has its aims there.
    for node in root.walk()[0 if not root.children else 1 :]:
        if _states_the_past(node):
            continue  # "Thực trạng", "Kết quả đạt được": figures of the past, not aims
        for text, line, _bullet in _texts(node):
            found += find_targets(node, text, line, year)
    return found


def _years(info: DocumentInfo) -> tuple[int, int] | None:
    """The years of "ngày 15/10": the school year's, else the year of issue (and the next)."""
    if info.school_year:
        return int(info.school_year[:4]), int(info.school_year[-4:])
    if info.issued_year:
        return (info.issued_year, info.issued_year + 1) if (info.issued_on or dt.date.min).month >= 8 else (
            info.issued_year, info.issued_year)  # fmt: skip
    return None


def _context(info: DocumentInfo, text: str) -> DateContext | None:
    """What relative deadlines count from, when the document dates itself."""
    years = _years(info)
    if years is None:
        return None
    return DateContext(years, info.issued_on, semester_ends(text, years))


def _deadlines(root: Node, years: tuple[int, int] | None, context: DateContext | None = None) -> list[Deadline]:
    found: list[Deadline] = []
    seen: set[tuple[str, int]] = set()
    for node in root.walk()[0 if not root.children else 1 :]:
        if _states_the_past(node) or _states_aims(node):
            continue  # "Đến ngày 31/12/2023, 100% xã đạt chuẩn", "Đến hết năm 2025, 70% …": no report is due
        items = [(text, line, False) for text, line, _bullet in _texts(node)]
        items += [(p.text, p.line, True) for p in node.paras if p.cells is not None]
        for text, line, schedule in items:
            for deadline in find_deadlines(node, text, line, schedule=schedule, years=years, context=context):
                if node.heading and text != node.heading and _says_only_when(deadline.text):
                    deadline.text = f"{node.heading}: {deadline.text}"  # "Bế mạc: ngày 10/11" says what
                key = (deadline.date.isoformat(), deadline.line)
                if key not in seen:
                    seen.add(key)
                    found.append(deadline)
    return found


def _says_only_when(text: str) -> bool:
    words = re.sub(r"(ngày|tháng|quý|trước|chậm nhất|đến|từ|năm)?\s*[\d/]+", " ", text, flags=re.IGNORECASE)
    return len(words.split()) < 3


def _warnings(plan: ParsedPlan) -> list[str]:
    doc = plan.document
    notes = []
    if not doc.type:
        notes.append("Không nhận ra loại văn bản (Kế hoạch, Chỉ thị …).")
    if not doc.title:
        notes.append("Không tìm thấy trích yếu (tên) văn bản.")
    if not doc.symbol:
        notes.append("Không tìm thấy số, ký hiệu văn bản.")
    elif not doc.number:
        notes.append("Văn bản chưa có số (dòng «Số: /…» để trống).")
    if doc.issued_on is None:
        notes.append("Không có ngày ban hành đầy đủ.")
    if not doc.issuer:
        notes.append("Không nhận ra cơ quan ban hành.")
    if not plan.root.children:
        notes.append("Không nhận ra bố cục (các phần I, II, mục 1, 2 …).")
    if not plan.tasks:
        notes.append("Không tìm thấy nhiệm vụ nào.")
    return notes
