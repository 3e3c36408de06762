"""The demo's sync state: the district's key pair, its province and a few schools as peers.

Called by the demo builder inside its unit of work (services/demo/district.py). The schools'
history (bundles sent, received, acknowledged) is plausible but fictitious, so every
watermark stays empty: the first real bundle to a school carries everything, and a
setup bundle (``setup-bundle --school CODE``) gives a school its real key. Two
conflicts show the review list. Deterministic for a given ``rng``; no wall clock.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from models import Assignment, Conflict, OrgUnit, Peer, ReceivedBundle, SentBundle
from models.enums import UnitKind
from services.core.uow import UnitOfWork
from services.sync import keys
from services.sync.records import TABLES, plain

SCHOOL_PEERS = 4


def _key(rng: random.Random) -> str:
    return keys.encode_public(Ed25519PrivateKey.from_private_bytes(rng.randbytes(32)).public_key())


def _at(as_of: dt.date, days_before: int, rng: random.Random) -> dt.datetime:
    day = as_of - dt.timedelta(days=days_before)
    return dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59)))


def add_sync_demo(uow: UnitOfWork, rng: random.Random, *, school_year: str, as_of: dt.date) -> dict[str, int]:
    """Key pair, peers with history and two conflicts, for the demo district."""
    keys.ensure_keypair(uow.db, seed=rng.randbytes(32))
    office = uow.session.get(OrgUnit, uow.office_id)
    schools = list(uow.session.scalars(
        select(OrgUnit).where(OrgUnit.parent_id == uow.office_id, OrgUnit.kind == UnitKind.SCHOOL)
        .order_by(OrgUnit.code).limit(SCHOOL_PEERS)
    ))  # fmt: skip
    partners = ([uow.session.get(OrgUnit, office.parent_id)] if office and office.parent_id else []) + schools
    peers, sent, received = [], [], []
    for unit in partners:
        if unit is None:
            continue
        public = _key(rng)
        n_sent, n_received = rng.randint(2, 5), rng.randint(1, 4)
        peers.append({
            "office_id": unit.id, "code": unit.code, "name": unit.name, "public_key": public,
            "fingerprint": keys.fingerprint(public), "revoked": False, "added_at": _at(as_of, 200, rng),
            "last_sent_seq": n_sent, "last_sent_at": _at(as_of, 3, rng), "last_received_seq": n_received,
            "last_received_at": _at(as_of, 5, rng), "acked_seq": min(n_sent, n_received), "acked_rev": "",
        })  # fmt: skip
        for seq in range(1, n_sent + 1):
            sent.append({
                "bundle_id": uow.new_id(), "peer_id": unit.id, "seq": seq, "max_rev": "",
                "rows": rng.randint(40, 900), "created_at": _at(as_of, 30 * (n_sent - seq) + 3, rng),
                "filename": f"{office.code if office else 'PGD'}-gui-{unit.code}-{seq:04d}.edusync",
            })  # fmt: skip
        for seq in range(1, n_received + 1):
            received.append({
                "bundle_id": uow.new_id(), "sha256": f"{rng.getrandbits(256):064x}", "peer_id": unit.id,
                "seq": seq, "rows": rng.randint(5, 120), "imported_at": _at(as_of, 30 * (n_received - seq) + 5, rng),
                "filename": f"{unit.code}-gui-{office.code if office else 'PGD'}-{seq:04d}.edusync",
            })  # fmt: skip
    uow.insert_many(Peer, peers, summary="Đơn vị kết nối (dữ liệu mẫu)")
    uow.insert_many(SentBundle, sent, summary="Gói đã gửi (dữ liệu mẫu)")
    uow.insert_many(ReceivedBundle, received, summary="Gói đã nhận (dữ liệu mẫu)")
    conflicts = _conflicts(uow, rng, schools, as_of)
    return {"peers": len(peers), "sent_bundles": len(sent), "received_bundles": len(received),
            "conflicts": conflicts}  # fmt: skip


def _conflicts(uow: UnitOfWork, rng: random.Random, schools: list[OrgUnit], as_of: dt.date) -> int:
    """A school's note on an assignment lost against the district's later change."""
    fields = TABLES["assignments"].fields
    rows = []
    for school in schools[:2]:
        assignment = uow.session.scalars(
            select(Assignment).where(Assignment.unit_id == school.id, Assignment.deleted.is_(False))
            .order_by(Assignment.id).limit(1)
        ).first()  # fmt: skip
        if assignment is None:
            continue
        winner = {"deleted": False, **{f: plain(getattr(assignment, f)) for f in fields}}
        loser = dict(winner, note=rng.choice([
            "Trường đã hoàn thành, đang chờ gửi minh chứng.",
            "Đề nghị lùi hạn do trùng lịch kiểm tra học kỳ.",
        ]))  # fmt: skip
        wall = (
            int(dt.datetime.combine(as_of, dt.time(9), tzinfo=dt.UTC).timestamp() * 1000)
            - rng.randint(1, 10) * 86_400_000
        )
        rows.append({
            "id": uow.new_id(), "table_name": "assignments", "row_id": assignment.id,
            "winner_rev": assignment.rev, "loser_rev": f"{wall:015d}-000000-{school.id}",
            "winner": json.dumps(winner, ensure_ascii=False, sort_keys=True),
            "loser": json.dumps(loser, ensure_ascii=False, sort_keys=True),
            "detected_at": _at(as_of, 2, rng), "resolved_by": "",
        })  # fmt: skip
    return uow.insert_many(Conflict, rows, summary="Xung đột đồng bộ (dữ liệu mẫu)")


__all__: list[Any] = ["add_sync_demo"]
