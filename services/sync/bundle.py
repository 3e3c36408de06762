"""Writing bundles (DESIGN §4): every row the peer has not acknowledged, streamed to a zip.

Rows are read table by table in one read transaction and written line by line into
``records.jsonl`` (never the whole bundle in memory), the blobs they reference are
copied in chunks, then the manifest with every member's SHA-256 and its Ed25519
signature. The file is written beside its final name and renamed at the end; the
sequence number is recorded only once the file is complete.

What a peer has: rows up to the watermark it acknowledged (``Peer.acked_rev``) and
the versions it wrote itself (their stamp names it). Each bundle carries everything
newer, so a lost bundle costs nothing: the next one carries the same rows again.

One module (over 400 lines) because the selection of rows, the streamed writing and the
sequence number recorded once the file is complete are one export's life cycle: the
watermark read before the rows must be the one recorded after them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, and_, func, select, text
from sqlalchemy.orm import Session

from models import Peer, SentBundle, Setting, table_of
from models.db import Database
from models.enums import UnitKind
from models.errors import EduDeskError, ValidationError
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require, require_for_unit, require_whole_office
from services.core import attachments, limits
from services.core.callbacks import ProgressCallback
from services.core.uow import CLOCK_KEY, UnitOfWork, now
from services.sync import incarnation, keys
from services.sync.manifest import BLOB_PREFIX, RECORDS, Manifest, Party
from services.sync.records import TABLES, to_record
from services.sync.rights import DOWN, UP, relation

SUFFIX = ".edusync"
_BATCH = 2000
_CHUNK = 1024 * 1024
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    peer_code: str
    seq: int
    records: int
    blobs: int
    size: int
    bundle_id: str
    tables: dict[str, int] = field(default_factory=dict)


def _t(name: str) -> Table:
    return table_of(TABLES[name].model)


def selection(direction: str, me: str, peer: str) -> dict[str, Any]:
    """Per table, the condition of the rows that travel in this direction (None: all rows)."""
    if direction == DOWN:  # I am the parent, ``peer`` my child
        reports = select(_t("reports").c.id).where(_t("reports").c.unit_id == peer)
        att = _t("attachments").c
        return {
            "org_units": units_for_child(peer), "documents": None, "sections": None, "tasks": None,
            "assignments": _t("assignments").c.unit_id == peer,
            "data_elements": None, "indicators": None, "report_templates": None,
            "template_sections": None, "reporting_rounds": None,
            "round_units": _t("round_units").c.unit_id == peer,
            "reports": _t("reports").c.unit_id == peer,
            "report_events": _t("report_events").c.report_id.in_(reports),
            "attachments": and_(att.document_id.is_not(None), att.progress_id.is_(None), att.report_id.is_(None)),
        }  # fmt: skip
    mine = select(_t("assignments").c.id).where(_t("assignments").c.unit_id == me)
    progress = select(_t("progress_updates").c.id).where(_t("progress_updates").c.assignment_id.in_(mine))
    reports = select(_t("reports").c.id).where(_t("reports").c.unit_id == me)
    att = _t("attachments").c
    return {
        "progress_updates": _t("progress_updates").c.assignment_id.in_(mine),
        "attachments": and_(att.document_id.is_(None), att.progress_id.in_(progress) | att.report_id.in_(reports)),
        "reports": _t("reports").c.unit_id == me,
        "report_narratives": _t("report_narratives").c.report_id.in_(reports),
        "report_values": _t("report_values").c.report_id.in_(reports),
        "report_events": _t("report_events").c.report_id.in_(reports),
    }  # fmt: skip


def units_for_child(peer: str) -> Any:
    """The units a child needs: not the other schools (1,000 schools each given all 1,000 is N²).

    Offices, departments and communes (few, and named by plans); the child itself and the
    units under it (a district's schools); any unit a document names as its issuer.
    """
    units = _t("org_units").c
    issuers = select(_t("documents").c.issuer_unit_id).where(_t("documents").c.issuer_unit_id.is_not(None))
    return (
        (units.kind != UnitKind.SCHOOL) | (units.id == peer) | (units.parent_id == peer) | units.id.in_(issuers)
    )


def setup_selection(me: str, child: str) -> dict[str, Any]:
    """A new office's start: what a parent sends down, plus the child's own history kept here."""
    down, own = selection(DOWN, me, child), selection(UP, child, me)
    merged = dict(down)
    for name, condition in own.items():
        merged[name] = condition if name not in down else (down[name] | condition)
    return {n: merged[n] for n in TABLES if n in merged}


def _statement(name: str, condition: Any, watermark: str, peer: str) -> Any:
    table = _t(name)
    statement = select(table).where(~table.c.rev.endswith(f"-{peer}", autoescape=True))
    if watermark:
        statement = statement.where(table.c.rev > watermark)
    if condition is not None:
        statement = statement.where(condition)
    return statement


def _with_echo(statements: dict[str, Any], echo_conditions: dict[str, Any], echo_rev: str, peer: str) -> None:
    """The peer was restored: also give back what it stamped after our last common point.

    Those rows are the ones it sends us (its own selection), stamped by it, newer than
    the common point; it checks them against its own rights before taking them back.
    """
    for name, condition in echo_conditions.items():
        table = _t(name)
        clause = table.c.rev.endswith(f"-{peer}", autoescape=True) & (table.c.rev > echo_rev)
        if condition is not None:
            clause = clause & condition
        if name in statements:
            statements[name] = statements[name].union(select(table).where(clause))
        else:
            statements[name] = select(table).where(clause)
    for name, statement in list(statements.items()):
        if hasattr(statement, "selects"):  # a union orders as a subquery
            statements[name] = select(statement.subquery())


def clock_mark(session: Session) -> str:
    """The office's last HLC stamp: every row here has a revision at or below it."""
    row = session.get(Setting, CLOCK_KEY)
    return json.loads(row.value) if row else ""


class _Member:
    """Hashing writer over one zip member."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.stream.write(data)


def _rows(session: Session, statements: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, statement in statements.items():
        spec = TABLES[name]
        result = session.execute(
            statement.order_by(statement.selected_columns.id).execution_options(yield_per=_BATCH)
        )
        for row in result.mappings():
            record = _within_limits(spec, to_record(spec, row))
            if record is not None:
                yield name, record


def _within_limits(spec: Any, record: dict[str, Any]) -> dict[str, Any] | None:
    """The row as peers will accept it (services.core.limits), or None: it stays here, never blocks a bundle.

    Text is cleaned as on entry; a deleted row sends no over-long body (its peers never
    held it); any other row still outside the limits is left out and logged.
    """
    fields = record["fields"]
    limits.without_body(spec.columns, fields, record["deleted"])  # a tombstone carries no body
    for key, value in fields.items():
        if isinstance(value, str):
            fields[key] = limits.clean_text(value)
    found = limits.row_problems(spec.columns, fields)
    if not found:
        return record
    if record["deleted"]:
        for key, _why in found:
            if isinstance(fields[key], str):
                fields[key] = ""
        return record if not limits.row_problems(spec.columns, fields) else None
    _log.warning("row %s %s held back (outside the limits): %s %s", spec.name, record["id"], *found[0])
    return None


def write_bundle(
    session: Session,
    db: Database,
    out: Path,
    *,
    statements: dict[str, Any],
    manifest: dict[str, Any],
    extra: dict[str, bytes] | None = None,
    progress: ProgressCallback | None = None,
) -> Manifest:
    """Stream rows and blobs into ``out`` (a new file), then the signed manifest."""
    report = progress or (lambda _d, _t, _l: None)
    total = sum(
        session.scalar(select(func.count()).select_from(s.subquery())) or 0 for s in statements.values()
    )
    members: dict[str, str] = {}
    tables: dict[str, int] = {}
    blobs: list[str] = []
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
            members[name] = hashlib.sha256(data).hexdigest()
        with zf.open(RECORDS, "w", force_zip64=True) as raw:
            member, lines = _Member(raw), []
            for name, record in _rows(session, statements):
                line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                if len(line) * 3 > limits.MAX_RECORD_BYTES and len(line.encode()) > limits.MAX_RECORD_BYTES:
                    _log.warning("row %s %s held back (record too long)", name, record["id"])
                    continue
                lines.append(line)
                tables[name] = tables.get(name, 0) + 1
                sha = record["fields"].get("sha256") if name == "attachments" else None
                if (
                    sha
                    and not record["deleted"]
                    and f"{BLOB_PREFIX}{sha}" not in members
                    and attachments.has_blob(db, sha)
                ):
                    members[f"{BLOB_PREFIX}{sha}"] = sha
                    blobs.append(sha)
                count += 1
                if len(lines) >= _BATCH:
                    member.write(("\n".join(lines) + "\n").encode())
                    lines = []
                    report(count, total, "Ghi dữ liệu")
            if lines:
                member.write(("\n".join(lines) + "\n").encode())
            members[RECORDS] = member.digest.hexdigest()
        for done, sha in enumerate(blobs, 1):
            info = zipfile.ZipInfo(f"{BLOB_PREFIX}{sha}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # evidence is mostly photos and PDFs already packed
            with (
                attachments.blob_path(db, sha).open("rb") as src,
                zf.open(info, "w", force_zip64=True) as dst,
            ):
                while chunk := src.read(_CHUNK):
                    dst.write(chunk)
            report(done, len(blobs), "Ghi tệp minh chứng")
        members = {k: members[k] for k in sorted(members)}
        result = Manifest(records=count, blobs=len(blobs), tables=tables, members=members, **manifest)
        raw_manifest = result.to_bytes()
        zf.writestr("manifest.json", raw_manifest)
        zf.writestr("manifest.sig", keys.sign(db, raw_manifest))
    with out.open("rb") as handle:
        os.fsync(handle.fileno())
    report(total, total, "Xong")
    return result


def _temp_beside(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(handle)
    return Path(name)


def _check_out(out: Path) -> Path:
    out = out.expanduser().resolve()
    if out.is_dir():
        raise ValidationError(f"{out} là một thư mục; hãy cho tên tệp.", f"{out} is a folder.", str(out))
    return out


PENDING = -1  # ``SentBundle.rows`` of a bundle being written: its seq is taken, its mark can still drop


def export_bundle(
    db: Database,
    actor: Actor,
    to_code: str,
    out: Path,
    *,
    progress: ProgressCallback | None = None,
    created_at: Callable[[], dt.datetime] = now,
    uow_options: dict[str, Any] | None = None,
) -> ExportResult:
    """``export-bundle --to CODE --out F``: everything the peer has not acknowledged.

    Commit-ordered (DESIGN §4 Concurrency): the sequence number and the watermark are
    taken under the office's write lock before the rows are read, and recorded as a
    pending sent bundle. Every write committed after that has a larger stamp (the lock
    orders stamps by commit), except rows imported from other peers, and those lower
    the pending mark as they do every sent bundle's. The rows are then read in one
    snapshot that holds everything committed before the mark.
    """
    require(actor, Action.RUN_SYNC)
    me = office_info(db)
    keys.signing_key(db)
    out = _check_out(out)
    temp = _temp_beside(out)
    bundle_id, at = str(uuid.uuid4()), created_at()
    seq, mark = reserve_seq(db, actor, to_code, bundle_id, at, out.name, uow_options)
    try:
        with db.session() as session:
            read_snapshot(session)
            peer = keys.peer_by_code(session, to_code)
            direction = relation(session, peer.office_id, me.id)  # as seen by the peer
            conditions = selection(DOWN if direction == DOWN else UP, me.id, peer.office_id)
            statements = {n: _statement(n, c, peer.acked_rev, peer.office_id) for n, c in conditions.items()}
            echo = incarnation.echo(session, peer.office_id)
            if echo is not None:
                theirs = selection(UP if direction == DOWN else DOWN, peer.office_id, me.id)
                _with_echo(statements, theirs, str(echo["rev"]), peer.office_id)
            manifest = {
                "bundle_id": bundle_id, "kind": "changes", "sender": Party(me.id, me.code, me.name),
                "sender_fingerprint": keys.own_key(db).fingerprint,
                "recipient": Party(peer.office_id, peer.code, peer.name),
                "created_at": at.isoformat(), "seq": seq, "ack_seq": peer.last_received_seq,
                "clock": mark, "incarnation": incarnation.own(session),
                "ack_incarnation": incarnation.peer_incarnation(session, peer.office_id),
            }  # fmt: skip
            written = write_bundle(
                session, db, temp, statements=statements, manifest=manifest, progress=progress
            )
            session.rollback()
        record_sent(db, actor, peer_code=to_code, seq=seq, bundle_id=bundle_id, mark=mark, rows=written.records,
                    filename=out.name, at=at, uow_options=uow_options,
                    echo_rev=str(echo["rev"]) if echo is not None else None)  # fmt: skip
        os.replace(temp, out)
    except BaseException:
        _drop_pending(db, actor, bundle_id, uow_options)
        raise
    finally:
        temp.unlink(missing_ok=True)
    return ExportResult(out, to_code, seq, written.records, written.blobs, out.stat().st_size, bundle_id,
                        written.tables)  # fmt: skip


def read_snapshot(session: Session) -> None:
    """Make every later read of ``session`` see one snapshot (until it ends)."""
    if session.get_bind().dialect.name == "sqlite":
        # pysqlite opens no transaction for SELECTs: without BEGIN each statement reads anew
        session.connection().exec_driver_sql("BEGIN")
    else:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        session.execute(text("SET TRANSACTION READ ONLY"))


def reserve_seq(db: Database, actor: Actor, to_code: str, bundle_id: str, at: dt.datetime, filename: str,
                uow_options: dict[str, Any] | None = None) -> tuple[int, str]:  # fmt: skip
    """Under the write lock: the bundle's sequence number (never given twice) and its watermark."""
    require(actor, Action.RUN_SYNC)
    me = office_info(db)
    with UnitOfWork(db, actor, **(uow_options or {})) as uow:
        peer = keys.peer_by_code(uow.session, to_code)
        require_for_unit(actor, Action.RUN_SYNC, peer.office_id, me.id)
        if peer.revoked:
            raise EduDeskError(
                f"Khóa của đơn vị {to_code} đã bị thu hồi; không gửi gói cho đơn vị này.",
                f"The key of {to_code} was revoked; no bundle is written for it.",
                to_code,
            )
        if not relation(uow.session, peer.office_id, me.id):
            raise EduDeskError(
                f"Đơn vị {to_code} không phải cấp trên hay cấp dưới trực tiếp của {me.code}.",
                f"{to_code} is neither the parent nor a child of {me.code}.",
                to_code,
            )
        seq, mark = next_seq(uow.session, peer.office_id), clock_mark(uow.session)
        incarnation.own(uow.session)  # made here if missing: the export itself only reads
        uow.session.add(SentBundle(bundle_id=bundle_id, peer_id=peer.office_id, seq=seq, max_rev=mark,
                                   rows=PENDING, created_at=at, filename=filename[:255]))  # fmt: skip
    return seq, mark


def next_seq(session: Session, peer_id: str) -> int:
    """The next bundle number for a peer: above every number given, those of bundles still being
    written (pending) included."""
    peer = session.get(Peer, peer_id)
    taken = session.scalar(select(func.max(SentBundle.seq)).where(SentBundle.peer_id == peer_id))
    return max(peer.last_sent_seq if peer is not None else 0, taken or 0) + 1


def _drop_pending(db: Database, actor: Actor, bundle_id: str, uow_options: dict[str, Any] | None) -> None:
    """A bundle that was not written: its number stays used, its row goes (best effort)."""
    try:
        with UnitOfWork(db, actor, **(uow_options or {})) as uow:
            sent = uow.session.get(SentBundle, bundle_id)
            if sent is not None and sent.rows == PENDING:
                uow.session.delete(sent)
    except Exception:  # the first failure is the one to report
        _log.warning("pending bundle %s left in sent_bundles", bundle_id, exc_info=True)


def record_sent(db: Database, actor: Actor, *, peer_code: str, seq: int, bundle_id: str, mark: str, rows: int,
                filename: str, at: dt.datetime, uow_options: dict[str, Any] | None = None,
                echo_rev: str | None = None) -> None:  # fmt: skip
    """The bundle is complete: its pending row becomes a sent bundle (its mark may have been lowered)."""
    require(actor, Action.RUN_SYNC)
    with UnitOfWork(db, actor, **(uow_options or {})) as uow:
        peer = keys.peer_by_code(uow.session, peer_code)
        sent = uow.session.get(SentBundle, bundle_id)
        if sent is None:
            sent = SentBundle(bundle_id=bundle_id, peer_id=peer.office_id, seq=seq, max_rev=mark, created_at=at)
            uow.session.add(sent)
        sent.rows, sent.filename = rows, filename[:255]
        peer.last_sent_seq, peer.last_sent_at = max(peer.last_sent_seq or 0, seq), at
        current = incarnation.echo(uow.session, peer.office_id)
        if current is not None and echo_rev is not None and str(current["rev"]) >= echo_rev:
            incarnation.echo_sent(uow.session, peer.office_id, seq)  # only an echo this bundle carried
        uow.audit(
            "export_bundle", "sent_bundles", bundle_id, summary=f"Gói số {seq} cho {peer_code}: {rows} dòng"
        )


def child_peers(db: Database) -> list[str]:
    """Codes of the peers that are my direct children and not revoked."""
    me = office_info(db)
    with db.session() as session:
        peers = list(session.scalars(select(Peer).where(Peer.revoked.is_(False)).order_by(Peer.code)))
        return [p.code for p in peers if relation(session, p.office_id, me.id) == DOWN]


def bundle_name(sender_code: str, peer_code: str, seq: int) -> str:
    return f"{sender_code}-gui-{peer_code}-{seq:04d}{SUFFIX}"


def export_all_children(
    db: Database, actor: Actor, folder: Path, *, progress: ProgressCallback | None = None
) -> list[ExportResult]:
    """One bundle per child into ``folder`` (a USB stick), named sender-gui-child-seq."""
    me = office_info(db)
    require_whole_office(actor, Action.RUN_SYNC, me.id)
    folder = folder.expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    codes = child_peers(db)
    for done, code in enumerate(codes):
        if progress:
            progress(done, len(codes), f"Gói cho {code}")
        with db.session() as session:
            seq = keys.peer_by_code(session, code).last_sent_seq + 1
        results.append(export_bundle(db, actor, code, folder / bundle_name(me.code, code, seq)))
    if progress:
        progress(len(codes), len(codes), "Xong")
    return results
