"""History of bundles sent and received, newest first (the Đồng bộ page's history list)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from models import Peer, ReceivedBundle, SentBundle
from models.db import Database


@dataclass(frozen=True)
class HistoryRow:
    at: dt.datetime
    direction: str  # "gửi" / "nhận"
    peer_code: str
    peer_name: str
    seq: int
    rows: int
    filename: str
    acknowledged: bool  # sent: the peer confirmed it; received: always True


def bundle_history(db: Database, limit: int = 500) -> list[HistoryRow]:
    with db.session() as session:
        peers = {p.office_id: p for p in session.scalars(select(Peer))}
        rows: list[HistoryRow] = []
        sent = session.scalars(  # rows < 0: a bundle still being written
            select(SentBundle).where(SentBundle.rows >= 0).order_by(SentBundle.created_at.desc()).limit(limit)
        )
        for b in sent:
            peer = peers.get(b.peer_id)
            rows.append(HistoryRow(b.created_at, "gửi", peer.code if peer else "", peer.name if peer else "",
                                   b.seq, b.rows, b.filename, bool(peer and b.seq <= (peer.acked_seq or 0))))  # fmt: skip
        received = session.scalars(
            select(ReceivedBundle).order_by(ReceivedBundle.imported_at.desc()).limit(limit)
        )
        for got in received:
            peer = peers.get(got.peer_id)
            rows.append(HistoryRow(got.imported_at, "nhận", peer.code if peer else "", peer.name if peer else "",
                                   got.seq, got.rows, got.filename, True))  # fmt: skip
    return sorted(rows, key=lambda r: (r.at, r.direction, r.seq), reverse=True)[:limit]
