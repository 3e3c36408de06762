"""The demo's document register: a year of arrivals and issued documents, with handling slips.

Called by the demo builder inside its unit of work (services/demo/district.py). The sample plans are
the first arrivals (each the incoming entry of its stored document); the rest are the
letters, invitations and directives a district office receives and sends in a school year.
Numbers come from the same counters as real work, so they restart at 01 on 1 January.
Deterministic for a given ``rng``; no wall clock.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from sqlalchemy import select

from models import Document, HandlingSlip, IncomingDocument, OutgoingDocument, User
from models.enums import Role
from services.core.uow import UnitOfWork
from services.register.common import number_text, search_key
from services.register.numbers import INCOMING, OUTGOING, next_number

_AGENCIES = [
    ("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "SGDĐT", 5),
    ("Ủy ban nhân dân huyện Củ Chi", "UBND", 4),
    ("Phòng Nội vụ huyện Củ Chi", "PNV", 1),
    ("Trung tâm Y tế huyện Củ Chi", "TTYT", 1),
    ("Công an huyện Củ Chi", "CAH", 1),
    ("Huyện đoàn Củ Chi", "HĐ", 1),
    ("Phòng Tài chính - Kế hoạch huyện Củ Chi", "TCKH", 1),
]
_INCOMING = [  # (type, subject, the agency that sends such a document)
    ("CV", "V/v tổ chức kiểm tra nội bộ trường học năm học {year}", "SGDĐT"),
    ("KH", "Kế hoạch tổ chức Hội khỏe Phù Đổng cấp huyện năm học {year}", "UBND"),
    ("CV", "V/v báo cáo số liệu đầu năm học {year}", "SGDĐT"),
    ("GM", "Giấy mời dự hội nghị sơ kết học kỳ I năm học {year}", "SGDĐT"),
    ("CV", "V/v tăng cường công tác phòng chống dịch bệnh trong trường học", "TTYT"),
    ("HD", "Hướng dẫn tuyển sinh vào lớp 10 năm học {next}", "SGDĐT"),
    ("TB", "Thông báo lịch tiếp công dân của lãnh đạo Ủy ban nhân dân huyện", "UBND"),
    ("CV", "V/v rà soát, bổ sung quy hoạch cán bộ quản lý trường học", "PNV"),
    ("QĐ", "Quyết định kiện toàn Ban chỉ đạo phổ cập giáo dục, xóa mù chữ huyện", "UBND"),
    ("CV", "V/v đảm bảo an toàn giao thông cho học sinh dịp Tết Nguyên đán", "CAH"),
    ("KH", "Kế hoạch kiểm tra công tác y tế trường học năm học {year}", "TTYT"),
    ("CV", "V/v quyết toán kinh phí chi thường xuyên năm {cal}", "TCKH"),
    ("CV", "V/v triển khai Tháng hành động vì trẻ em", "UBND"),
    ("CV", "V/v tổ chức các hoạt động chào mừng ngày Nhà giáo Việt Nam 20/11", "HĐ"),
    ("TB", "Thông báo kết quả thẩm định hồ sơ công nhận trường đạt chuẩn quốc gia", "SGDĐT"),
]
_OUTGOING = [
    ("CV", "V/v nộp báo cáo tiến độ thực hiện nhiệm vụ năm học {year}"),
    ("BC", "Báo cáo kết quả thực hiện nhiệm vụ tháng {month} năm {cal}"),
    ("KH", "Kế hoạch kiểm tra chuyên môn các trường tiểu học năm học {year}"),
    ("TB", "Thông báo lịch họp giao ban hiệu trưởng tháng {month}"),
    ("CV", "V/v đăng ký thi giáo viên dạy giỏi cấp huyện"),
    ("QĐ", "Quyết định thành lập đoàn kiểm tra công tác thi đua khen thưởng"),
    ("CV", "V/v cập nhật dữ liệu ngành trên hệ thống cơ sở dữ liệu"),
    ("BC", "Báo cáo tình hình đội ngũ giáo viên các trường mầm non"),
    ("CV", "V/v chuẩn bị cơ sở vật chất cho năm học mới"),
    ("TB", "Thông báo kết quả kiểm tra hồ sơ sổ sách chuyên môn"),
]
_SENT_TO = ["Bộ phận Tiểu học", "Bộ phận Mầm non", "Bộ phận THCS", "Văn phòng", "Bộ phận Tổ chức", "Kế toán"]
_OPINIONS = [
    "Giao {lead} tham mưu văn bản triển khai đến các trường; báo cáo kết quả trước hạn.",
    "Giao {lead} chủ trì, phối hợp các bộ phận liên quan thực hiện.",
    "Giao {lead} tổng hợp số liệu, dự thảo báo cáo trình lãnh đạo ký.",
    "Đồng ý; giao {lead} theo dõi, đôn đốc các trường thực hiện.",
]
ARRIVALS, ISSUES = 110, 140


def _users(uow: UnitOfWork) -> tuple[list[User], User | None]:
    users = uow.scalars(select(User).where(User.active.is_(True)).order_by(User.username))
    staff = [u for u in users if u.role == Role.OFFICER]
    head = next((u for u in users if u.role == Role.LEADER), None)
    return staff, head


def _days(rng: random.Random, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """``n`` working days from ``start`` to ``end``, in order (no Sundays)."""
    span = (end - start).days
    days = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    return [d - dt.timedelta(days=1) if d.weekday() == 6 else d for d in days]


def _fill(text: str, day: dt.date, school_year: str) -> str:
    """The subject's years as of ``day``: the school year runs from August to May."""
    first = day.year if day.month >= 8 else day.year - 1
    return text.format(year=f"{first}-{first + 1}", next=f"{first + 1}-{first + 2}", cal=day.year, month=day.month)


def _incoming(uow: UnitOfWork, rng: random.Random, school_year: str, as_of: dt.date) -> list[IncomingDocument]:
    start = as_of - dt.timedelta(days=365)  # a year of the book, up to the demo's day
    entries: list[IncomingDocument] = []
    plans = uow.scalars(select(Document).where(Document.deleted.is_(False)).order_by(Document.issued_on, Document.id))
    opening = dt.date(int(school_year[:4]), 8, 20)  # a plan without its date came with the new school year
    arrivals = [(d.issued_on + dt.timedelta(days=rng.randint(1, 3)) if d.issued_on else opening, d) for d in plans]
    arrivals += [(day, None) for day in _days(rng, start, as_of, ARRIVALS)]
    agencies = {abbr: name for name, abbr, _w in _AGENCIES}
    for day, doc in sorted(arrivals, key=lambda a: (a[0], a[1] is None)):
        if doc is not None:
            agency = doc.issuer or _AGENCIES[1][0]
            number = f"{doc.number}/{doc.symbol}" if doc.number and doc.symbol else doc.symbol
            kind, subject, doc_date = doc.doc_type.value, doc.title[:1].upper() + doc.title[1:], doc.issued_on
        else:
            kind, text, abbr = rng.choice(_INCOMING)
            agency = agencies[abbr]
            subject, doc_date = _fill(text, day, school_year), day - dt.timedelta(days=rng.randint(1, 4))
            number = f"{rng.randint(12, 2400)}/{abbr}-VP" if kind in ("CV", "GM") else f"{rng.randint(3, 400)}/{kind}-{abbr}"
        urgency = rng.choice(["", "", "", "", "Khẩn"]) if doc is None else ""
        arrival = next_number(uow.session, INCOMING, uow.office_id, day.year)
        entry = IncomingDocument(
            id=uow.new_id(), year=day.year, arrival_number=arrival, arrived_on=day, agency=agency[:255],
            number_symbol=(number or "")[:64], doc_date=doc_date, doc_type=kind[:8], subject=subject,
            urgency=urgency, confidentiality="", file_name=(doc.source_name if doc else "")[:255],
            file_sha256=doc.source_sha256 if doc else "", sent_to=rng.choice(_SENT_TO), for_user="",
            document_id=doc.id if doc else None, source="file" if doc else "manual", note="",
            created_by="vanthu", created_at=dt.datetime.combine(day, dt.time(8, rng.randint(0, 59))),
        )  # fmt: skip
        entry.search_key = search_key(arrival, entry.number_symbol, subject, agency, day, doc_date, entry.sent_to)
        uow.session.add(entry)
        entries.append(entry)
    uow.session.flush()
    return entries


def _slips(uow: UnitOfWork, rng: random.Random, entries: list[IncomingDocument], as_of: dt.date) -> int:
    staff, head = _users(uow)
    if not staff or head is None:
        return 0
    count = 0
    for index, entry in enumerate(entries):
        if index >= len(entries) - 4 or entry.arrived_on > as_of - dt.timedelta(days=6):
            continue  # the last arrivals wait for the head's opinion
        lead = rng.choice(staff)
        others = [u.username for u in staff if u.username != lead.username and rng.random() < 0.3]
        deadline = entry.arrived_on + dt.timedelta(days=rng.choice([5, 7, 10, 15]))
        late = deadline < as_of and rng.random() < 0.06  # a few are overdue on the dashboard
        done = None if late or deadline >= as_of else dt.datetime.combine(
            deadline - dt.timedelta(days=rng.randint(0, 3)), dt.time(16, 0))  # fmt: skip
        uow.session.add(HandlingSlip(
            id=uow.new_id(), incoming_id=entry.id, opinion=rng.choice(_OPINIONS).format(lead=lead.full_name),
            lead_user=lead.username, supporters=json.dumps(others), deadline=deadline, directed_by=head.username,
            directed_at=dt.datetime.combine(entry.arrived_on, dt.time(10, 30)), done_at=done,
            result="Đã triển khai đến các đơn vị." if done else "",
        ))  # fmt: skip
        count += 1
    return count


def _outgoing(uow: UnitOfWork, rng: random.Random, school_year: str, as_of: dt.date, head: User | None) -> int:
    start = as_of - dt.timedelta(days=365)
    days = _days(rng, start, as_of, ISSUES)
    signer = head.full_name if head is not None else ""
    for n, day in enumerate(days):
        kind, text = rng.choice(_OUTGOING)
        status, note = "issued", ""
        if n in (17, 93):
            status, note = "skipped", "Hỏng phôi, không ban hành"
        elif n == len(days) - 1:
            status = "reserved"
        number = next_number(uow.session, OUTGOING, uow.office_id, day.year)
        symbol = "PGDĐT-VP" if kind == "CV" else f"{kind}-PGDĐT"
        recipients = (["Ủy ban nhân dân huyện Củ Chi (để báo cáo)", "Lưu: VT"] if kind == "BC"
                      else ["Các trường mầm non, tiểu học, THCS", "Lưu: VT"])  # fmt: skip
        entry = OutgoingDocument(
            id=uow.new_id(), office_id=uow.office_id, year=day.year, sequence="", number=number, status=status,
            doc_type=kind, symbol=symbol, doc_date=day, subject=_fill(text, day, school_year) if status != "skipped" else "",
            signer=signer if status == "issued" else "", recipients=json.dumps(recipients if status == "issued" else [],
                                                                               ensure_ascii=False),
            archive="VT", copies=rng.randint(2, 60) if status == "issued" else 0, note=note,
            created_by="vanthu", created_at=dt.datetime.combine(day, dt.time(15, rng.randint(0, 59))),
        )  # fmt: skip
        entry.search_key = search_key(number, f"{number_text(number)}/{symbol}", entry.subject, signer, day, note)
        uow.session.add(entry)
    return len(days)


def add_register_demo(uow: UnitOfWork, rng: random.Random, *, school_year: str, as_of: dt.date) -> dict[str, int]:
    """A year of the district's books: arrivals (the sample plans first), slips, issued documents."""
    entries = _incoming(uow, rng, school_year, as_of)
    slips = _slips(uow, rng, entries, as_of)
    issued = _outgoing(uow, rng, school_year, as_of, _users(uow)[1])
    uow.session.flush()
    result: dict[str, Any] = {"incoming_documents": len(entries), "handling_slips": slips,
                              "outgoing_documents": issued}  # fmt: skip
    return result
