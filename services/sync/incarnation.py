"""Incarnations (DESIGN §4 Recovery): which life of a database a sequence number belongs to.

A restored database forgets the bundles it sent and received after its backup, so
its peers' sequence numbers and acknowledgements no longer match what it remembers.
Every database carries an incarnation id, renewed on restore, and every manifest
names the sender's incarnation and the recipient incarnation its acknowledgement
counts in. An acknowledgement from another incarnation is not trusted (never
refused either); a peer seen in a new incarnation is re-synchronised from the last
point both sides surely share, including the rows it stamped itself that it may
have lost (``echo``).

Small values in the key/value ``settings`` table: no schema change.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Peer, Setting
from models.db import Database
from services.core.uow import CLOCK_KEY

OWN_KEY = "_incarnation"
RESTORED_KEY = "_incarnation_restored_mark"  # the clock when the backup was restored
CONVERGED_KEY = "_incarnation_restored_converged"  # peers that gave back what the restore lost
_PEER_PREFIX = "_peer_incarnation:"
_ECHO_PREFIX = "_echo:"


def _get(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else None


def _put(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def _drop(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
        session.flush()


def own(session: Session) -> str:
    """This database's incarnation (made on first use by older databases)."""
    value = _get(session, OWN_KEY)
    if not value:
        value = str(uuid.uuid4())
        _put(session, OWN_KEY, value)
    return str(value)


def restored_mark(session: Session) -> str:
    """The clock at which this database came back from a backup ('' if it never did)."""
    return str(_get(session, RESTORED_KEY) or "")


def renew(db: Database) -> str:
    """A restored database starts a new incarnation; its old acknowledgements mean nothing."""
    with db.session() as session, session.begin():
        value = str(uuid.uuid4())
        _put(session, OWN_KEY, value)
        _put(session, RESTORED_KEY, _get(session, CLOCK_KEY) or "")
        _drop(session, CONVERGED_KEY)
        return value


def peer_converged(session: Session, peer_id: str, ack_incarnation: str) -> None:
    """After a restore: a bundle acknowledging in our new incarnation was written after the peer
    learned of the restore, so it carries every row of ours the peer held (its echo). Once every
    peer has sent one, the mark is dropped and sync is as before the restore: a row under our own
    stamp is again accepted only as we wrote it, an acknowledgement without incarnation counts.
    """
    if _get(session, RESTORED_KEY) is None or not ack_incarnation or ack_incarnation != own(session):
        return
    done = {str(p) for p in (_get(session, CONVERGED_KEY) or [])} | {peer_id}
    peers = set(session.scalars(select(Peer.office_id).where(Peer.revoked.is_(False))))
    if peers <= done:
        _drop(session, RESTORED_KEY)
        _drop(session, CONVERGED_KEY)
    else:
        _put(session, CONVERGED_KEY, sorted(done))


def trusted_ack(session: Session, ack_incarnation: str) -> bool:
    """Does a peer's acknowledgement count in this incarnation?"""
    if not ack_incarnation:  # a peer that never heard of our incarnation, or an older EduDesk
        return _get(session, RESTORED_KEY) is None
    return ack_incarnation == own(session)


def _peer(session: Session, peer_id: str) -> dict[str, Any]:
    value = _get(session, _PEER_PREFIX + peer_id)
    return value if isinstance(value, dict) else {"current": "", "retired": []}


def peer_incarnation(session: Session, peer_id: str) -> str:
    """The peer's incarnation as last seen here ('' before its first bundle)."""
    return str(_peer(session, peer_id)["current"])


def is_retired(session: Session, peer_id: str, value: str) -> bool:
    """A late bundle from a life of the peer that ended with a restore."""
    return bool(value) and value in _peer(session, peer_id)["retired"]


def set_peer_incarnation(session: Session, peer_id: str, value: str) -> None:
    known = _peer(session, peer_id)
    if known["current"] == value:
        return
    retired = [*known["retired"], known["current"]] if known["current"] else known["retired"]
    _put(session, _PEER_PREFIX + peer_id, {"current": value, "retired": retired[-50:]})


def echo(session: Session, peer_id: str) -> dict[str, Any] | None:
    """{'rev': common point, 'seq': first bundle carrying the echo} or None."""
    value = _get(session, _ECHO_PREFIX + peer_id)
    return value if isinstance(value, dict) else None


def start_echo(session: Session, peer_id: str, common: str) -> None:
    """Give the peer back its own rows newer than ``common`` (kept until it acknowledges them)."""
    current = echo(session, peer_id)
    rev = min(common, str(current["rev"])) if current is not None else common
    _put(session, _ECHO_PREFIX + peer_id, {"rev": rev, "seq": None})


def echo_sent(session: Session, peer_id: str, seq: int) -> None:
    current = echo(session, peer_id)
    if current is not None and current.get("seq") is None:
        _put(session, _ECHO_PREFIX + peer_id, {**current, "seq": seq})


def echo_acknowledged(session: Session, peer_id: str, ack_seq: int) -> None:
    current = echo(session, peer_id)
    if current is not None and current.get("seq") is not None and ack_seq >= current["seq"]:
        _drop(session, _ECHO_PREFIX + peer_id)
