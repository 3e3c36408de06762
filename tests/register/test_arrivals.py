"""A district's directive reaches a school's incoming register through bundles exactly once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from models import Document, IncomingDocument
from models.enums import DocType
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from tests.sync.network import build_network


def _directive(db, title: str) -> str:
    with UnitOfWork(db, SYSTEM) as uow:
        doc = Document(doc_type=DocType.CT, number="12", symbol="CT-PGDĐT", title=title,
                       issuer="Phòng Giáo dục và Đào tạo huyện Thử", issued_on=dt.date(2024, 3, 4))  # fmt: skip
        uow.session.add(doc)
        uow.session.flush()
        return doc.id


def _register(db) -> list[tuple[int, str | None, str]]:
    with db.session() as session:
        return [(e.arrival_number, e.document_id, e.number_symbol) for e in session.scalars(
            select(IncomingDocument).order_by(IncomingDocument.year, IncomingDocument.arrival_number))]  # fmt: skip


def test_a_directive_sent_down_is_registered_once_even_twice_and_out_of_order(tmp_path: Path) -> None:
    net = build_network(tmp_path / "net", schools=1, province=False)
    school = net.offices["s1"]
    before = _register(school.db)  # the setup bundle's documents opened the register
    assert before and all(source for _n, source, _s in before)
    first = _directive(net.offices["district"].db, "Chỉ thị về phòng chống dịch bệnh trong trường học")
    older = net.send("district", "s1")
    with UnitOfWork(net.offices["district"].db, SYSTEM) as uow:  # the district corrects it, then sends again
        uow.session.get(Document, first).title = "Chỉ thị về phòng, chống dịch bệnh trong trường học"
    second = _directive(net.offices["district"].db, "Chỉ thị về an toàn giao thông")
    newer = net.send("district", "s1")
    for path in (newer, older, newer, older):  # out of order, each twice
        assert net.receive("s1", path).ok
    rows = _register(school.db)
    mine = [r for r in rows if r[1] in (first, second)]
    assert len(mine) == 2 and len(rows) == len(before) + 2
    numbers = [n for n, _doc, _sym in rows]
    assert numbers == list(range(1, len(rows) + 1))  # the school's own arrival numbers, gapless
    assert {sym for _n, doc, sym in mine if doc == first} == {"12/CT-PGDĐT"}
    district_rows = _register(net.offices["district"].db)
    assert all(doc not in (first, second) for _n, doc, _s in district_rows)  # its own documents are not arrivals
    net.close()
