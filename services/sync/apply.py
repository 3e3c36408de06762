"""Importing bundles (DESIGN §4): verify everything, back up, apply in one transaction.

For each row the larger HLC revision wins (the stamp ends with the office id, so
ties of time and counter are broken by office id, the same way everywhere). When
the version that loses was changed here and the sender cannot have seen it, both
versions go to the conflicts list. The sender's acknowledgement moves our
watermark for it; its sequence number counts as received once committed.

Importing the same bundle again changes nothing (its id and hash are known);
importing bundles out of order gives the same rows, since revisions decide.

Assignments: a child's progress decides an assignment's status (services.plans.progress).
The parent, which owns the assignment, re-derives it and stamps a new revision
whenever it applies new progress, so the parent's version (sent back down) is
newer than anything the child derived locally and both offices end equal.

One module (over 400 lines) because verify, backup, apply and acknowledge are one
transaction whose steps share the same bundle state.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from models import Assignment, Conflict, Peer, ReceivedBundle, SentBundle, Setting, table_of
from models.db import Database, disk_full
from models.enums import AssignmentStatus
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require
from services.core import attachments
from services.core.callbacks import ProgressCallback
from services.core.hlc import Stamp, wall_clock_ms
from services.core.uow import UnitOfWork, _derive_keys, busy_error, is_contention, now
from services.operations import backup
from services.plans.progress import apply_latest
from services.sync import incarnation
from services.sync.records import TABLE_ORDER, TABLES, Record, plain, refuse, stamp_office
from services.sync.rights import UP
from services.sync.verify import VerifiedBundle, blob_stream, full_records, verify_bundle

_CHUNK = 500
BACKUP_REASON = "truoc-nhap-goi"  # the automatic copy before the day's first import
# Derived on every office from the progress rows; not a conflict when only they differ.
DERIVED = {"assignments": {"status", "percent"}}


@dataclass
class ImportResult:
    path: Path
    ok: bool
    message: str
    sender: str = ""
    seq: int = 0
    applied: int = 0
    unchanged: int = 0
    conflicts: int = 0
    already: bool = False
    tables: dict[str, int] = field(default_factory=dict)
    quarantined: list[dict[str, str]] = field(default_factory=list)  # rows set aside, with why

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "path": str(self.path)}


@dataclass
class _Stats:
    applied: int = 0
    unchanged: int = 0
    conflicts: int = 0
    min_rev: str = ""
    min_echo_rev: str = ""  # our own rows given back after a restore
    tables: dict[str, int] = field(default_factory=dict)
    progress_ids: list[str] = field(default_factory=list)


def import_bundles(
    db: Database,
    actor: Actor,
    paths: Sequence[Path],
    *,
    progress: ProgressCallback | None = None,
    clock: Callable[[], int] = wall_clock_ms,
    uow_options: dict[str, Any] | None = None,
    take_backup: bool = True,
) -> list[ImportResult]:
    """Import several files; one result per file (a refused file does not stop the others)."""
    require(actor, Action.RUN_SYNC)
    results, backed_up = [], not take_backup
    for done, path in enumerate(paths):
        if progress:
            progress(done, len(paths), f"Nhập {Path(path).name}")
        try:
            bundle = verify_bundle(db, Path(path), clock=clock)
            if not backed_up and not _already(db, bundle):
                backup.daily_backup(db, BACKUP_REASON)
                backed_up = True
            results.append(apply_bundle(db, actor, bundle, uow_options=uow_options, clock=clock))
        except EduDeskError as exc:
            text = exc.text()
            prefix = f"{Path(path).name}: "
            results.append(
                ImportResult(Path(path), False, text[len(prefix) :] if text.startswith(prefix) else text)
            )
    if progress:
        progress(len(paths), len(paths), "Xong")
    return results


def import_bundle(db: Database, actor: Actor, path: Path, **options: Any) -> ImportResult:
    """One file; a refusal is raised as the ``BundleRefused`` that says why."""
    require(actor, Action.RUN_SYNC)
    bundle = verify_bundle(db, Path(path), clock=options.get("clock", wall_clock_ms))
    if options.pop("take_backup", True) and not _already(db, bundle):
        backup.daily_backup(db, BACKUP_REASON)
    return apply_bundle(db, actor, bundle, **options)


def _already(db: Database, bundle: VerifiedBundle) -> bool:
    with db.session() as session:
        seen = session.get(ReceivedBundle, bundle.manifest.bundle_id)
        return seen is not None and seen.sha256 == bundle.manifest_sha


def _store_blobs(db: Database, bundle: VerifiedBundle) -> None:
    """Content-addressed, before the transaction: a crash leaves at most unused files."""
    for sha in bundle.blobs:
        if attachments.has_blob(db, sha):
            continue
        zf, stream = blob_stream(bundle, sha)
        try:
            got, _size = attachments.store_stream(db, stream, name=sha)
        finally:
            stream.close()
            zf.close()
        if got != sha:
            raise refuse("Tệp đính kèm trong gói đã bị thay đổi.", "A blob changed after verification.", sha)


def apply_bundle(
    db: Database,
    actor: Actor,
    bundle: VerifiedBundle,
    *,
    uow_options: dict[str, Any] | None = None,
    clock: Callable[[], int] = wall_clock_ms,
    detected_at: Callable[[], dt.datetime] = now,
) -> ImportResult:
    """Apply a verified bundle in one transaction (the caller has taken the backup)."""
    require(actor, Action.RUN_SYNC)
    manifest = bundle.manifest
    me = office_info(db).id
    if _already(db, bundle):
        return ImportResult(bundle.path, True, "Gói này đã được nhập trước đây; không có gì thay đổi.",
                            manifest.sender.code, manifest.seq, already=True)  # fmt: skip
    _store_blobs(db, bundle)
    try:
        with UnitOfWork(db, actor, **(uow_options or {})) as uow:
            if db.is_sqlite:  # self-referencing rows may arrive child first
                uow.session.execute(text("PRAGMA defer_foreign_keys=ON"))
            seen = uow.session.get(ReceivedBundle, manifest.bundle_id)
            if seen is not None:
                raise refuse(
                    "Mã gói này đã được nhập với nội dung khác; gói bị từ chối.",
                    "This bundle id was imported before with other content; refused.",
                    bundle.path.name,
                )
            peer = uow.session.get(Peer, manifest.sender.id)
            assert peer is not None, "verify_bundle refused an unknown sender"
            current = _follow_incarnations(uow, peer, manifest)
            _observe(uow, bundle.records, manifest.clock)
            batches = _streamed_batches(full_records(bundle)) if bundle.streamed else None
            stats = _apply_rows(uow, bundle.records, me, peer, detected_at, batches)
            if bundle.direction != UP:  # what the parent sends down enters the incoming register, once
                from services.register.arrivals import documents_arrived

                documents_arrived(uow, bundle.records)  # ids and tombstones only: no long text needed
            if bundle.direction == UP and stats.progress_ids:
                _rederive(uow, stats.progress_ids, manifest.clock)
            if stats.min_rev and bundle.direction != UP:  # rows from above are passed on to children
                _lower_watermarks(uow, peer.office_id, stats.min_rev)
            elif stats.min_echo_rev:  # our lost rows, back from a child: the other peers may lack them
                _lower_watermarks(uow, peer.office_id, stats.min_echo_rev)
            if current == "retired" and stats.min_rev:  # the restored sender lost these rows: give them back
                incarnation.start_echo(uow.session, peer.office_id, stats.min_rev[:-1])
            at = detected_at()
            if current == "current":
                peer.last_received_seq = max(peer.last_received_seq or 0, manifest.seq)
            peer.last_received_at = at
            uow.session.add(ReceivedBundle(
                bundle_id=manifest.bundle_id, sha256=bundle.manifest_sha, peer_id=peer.office_id,
                seq=manifest.seq, rows=stats.applied, imported_at=at, filename=bundle.path.name[:255],
            ))  # fmt: skip
            if bundle.quarantined:
                _set_aside(uow, bundle)
            uow.audit("import_bundle", "received_bundles", manifest.bundle_id,
                      summary=f"Gói số {manifest.seq} của {peer.code}: {stats.applied} dòng mới, "
                      f"{stats.conflicts} xung đột", after={"tables": stats.tables})  # fmt: skip
    except (IntegrityError, OperationalError) as exc:
        if is_contention(exc):  # another clerk's write held the database through every retry
            raise busy_error(exc) from exc
        full = disk_full(exc)
        if full is not None:  # said as it is: a full disk, not a bad bundle
            raise full from exc
        raise refuse(
            "Không ghi được dữ liệu của gói (trùng mã hoặc ràng buộc); không có gì thay đổi.",
            f"The bundle's rows could not be written ({type(exc).__name__}); nothing changed.",
            bundle.path.name,
        ) from exc
    message = (f"Đã nhập gói số {manifest.seq} của {manifest.sender.code}: {stats.applied} dòng cập nhật, "
               f"{stats.unchanged} dòng đã có, {stats.conflicts} xung đột.")  # fmt: skip
    if bundle.quarantined:
        named = "; ".join(f"{q['table']} {q['id']} ({q['why']})" for q in bundle.quarantined[:5])
        message += f" {len(bundle.quarantined)} dòng bị cách ly (không nhận): {named}."
    return ImportResult(bundle.path, True, message, manifest.sender.code, manifest.seq, stats.applied,
                        stats.unchanged, stats.conflicts, tables=stats.tables,
                        quarantined=bundle.quarantined)  # fmt: skip


QUARANTINE_KEY = "_quarantine"


def _set_aside(uow: UnitOfWork, bundle: VerifiedBundle) -> None:
    """Keep the names of refused rows (never their content) for a person to follow up."""
    row = uow.session.get(Setting, QUARANTINE_KEY)
    kept = json.loads(row.value) if row else []
    kept.extend({**q, "bundle": bundle.manifest.bundle_id, "sender": bundle.manifest.sender.code}
                for q in bundle.quarantined)  # fmt: skip
    value = json.dumps(kept[-1000:], ensure_ascii=False)
    if row is None:
        uow.session.add(Setting(key=QUARANTINE_KEY, value=value))
    else:
        row.value = value


def _follow_incarnations(uow: UnitOfWork, peer: Peer, manifest: Any) -> str:
    """Take the acknowledgement if it counts in our incarnation; re-sync a restored sender.

    "retired": a late bundle of a life the sender left by a restore; "stale": the sender
    has not yet heard that we were restored. The rows of both count (revisions decide),
    their sequence number and acknowledgement do not: we acknowledge only what we hold
    without a gap, so the sender's re-sync starts from a point we truly share.
    """
    session = uow.session
    if incarnation.is_retired(session, peer.office_id, manifest.incarnation):
        return "retired"
    trusted = incarnation.trusted_ack(session, manifest.ack_incarnation)
    known = incarnation.peer_incarnation(session, peer.office_id)
    if manifest.incarnation and known and manifest.incarnation != known:
        _resync(uow, peer, manifest.ack_seq if trusted else 0)
    if manifest.incarnation:
        incarnation.set_peer_incarnation(session, peer.office_id, manifest.incarnation)
    if trusted:
        _take_ack(uow, peer, manifest.ack_seq)
        incarnation.echo_acknowledged(session, peer.office_id, manifest.ack_seq)
        incarnation.peer_converged(session, peer.office_id, manifest.ack_incarnation)
    return "current" if trusted else "stale"


def _resync(uow: UnitOfWork, peer: Peer, ack_seq: int) -> None:
    """The sender came back from a backup: it has our rows up to the bundle it still acknowledges.

    That bundle's watermark is the last common point: everything newer is sent again,
    with the rows it stamped itself (it may have lost them). Its sequence numbers restart.
    """
    sent = None
    if ack_seq:
        sent = uow.session.scalars(
            select(SentBundle).where(SentBundle.peer_id == peer.office_id, SentBundle.seq == ack_seq)
        ).first()
    common = sent.max_rev if sent is not None else ""
    peer.acked_rev = min(peer.acked_rev or "", common)
    peer.acked_seq = ack_seq if sent is not None else 0
    peer.last_received_seq = 0
    incarnation.start_echo(uow.session, peer.office_id, common)


def _take_ack(uow: UnitOfWork, peer: Peer, ack_seq: int) -> None:
    """The peer has our bundles up to ``ack_seq``: everything up to its watermark."""
    if ack_seq <= (peer.acked_seq or 0):
        return
    sent = uow.session.scalars(
        select(SentBundle).where(SentBundle.peer_id == peer.office_id, SentBundle.seq == ack_seq)
    ).first()
    if sent is None:
        return
    peer.acked_seq = ack_seq
    if sent.max_rev > (peer.acked_rev or ""):
        peer.acked_rev = sent.max_rev


def _observe(uow: UnitOfWork, records: list[Record], clock: str) -> None:
    """Our next stamps will be larger than anything received (persisted with the commit)."""
    top = max([r.rev for r in records] + ([clock] if clock else []), default="")
    if top:
        uow.clock.observe(Stamp.decode(top))


def _local_rows(uow: UnitOfWork, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    model_table = table_of(TABLES[table].model)
    found: dict[str, dict[str, Any]] = {}
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        for row in uow.session.execute(select(model_table).where(model_table.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
    return found


def _parents_first(table: str, rows: list[Record]) -> list[Record]:
    """Rows of a self-referencing table ordered so that a parent comes before its children."""
    refs = [f for f, target in TABLES[table].references.items() if target == table]
    if not refs:
        return rows
    pending = {r.id: r for r in rows}
    ordered: list[Record] = []
    while pending:
        ready = [r for r in pending.values() if not any(r.fields.get(f) in pending for f in refs)]
        if not ready:  # a cycle: SQLite defers the check to commit; let the database judge
            ready = list(pending.values())
        for r in ready:
            ordered.append(pending.pop(r.id))
    return ordered


def _differs(table: str, local: dict[str, Any], record: Record) -> bool:
    skip = DERIVED.get(table, set())
    return (
        any(plain(local.get(f)) != plain(v) for f, v in record.fields.items() if f not in skip)
        or bool(local["deleted"]) != record.deleted
    )


def _conflict(uow: UnitOfWork, me: str, peer: Peer, table: str, local: dict[str, Any], record: Record,
              at: dt.datetime) -> bool:  # fmt: skip
    """Both sides changed the row since they last agreed: keep the losing version for review."""
    if stamp_office(local["rev"]) != me or stamp_office(record.rev) == me:
        return False  # only a change made here can be lost here
    if local["rev"] <= (peer.acked_rev or "") or not _differs(table, local, record):
        return False  # the sender had our version, or both say the same
    fields = TABLES[table].fields
    mine = {"deleted": bool(local["deleted"]), **{f: plain(local.get(f)) for f in fields}}
    theirs = {"deleted": record.deleted, **{f: plain(v) for f, v in record.fields.items()}}
    incoming_wins = record.rev > local["rev"]
    winner, loser = (theirs, mine) if incoming_wins else (mine, theirs)
    winner_rev, loser_rev = (record.rev, local["rev"]) if incoming_wins else (local["rev"], record.rev)
    exists = uow.session.scalars(select(Conflict.id).where(
        Conflict.row_id == record.id, Conflict.winner_rev == winner_rev, Conflict.loser_rev == loser_rev
    )).first()  # fmt: skip
    if exists:
        return False
    uow.session.add(Conflict(
        id=uow.new_id(), table_name=table, row_id=record.id, winner_rev=winner_rev, loser_rev=loser_rev,
        winner=json.dumps(winner, ensure_ascii=False, sort_keys=True),
        loser=json.dumps(loser, ensure_ascii=False, sort_keys=True), detected_at=at, resolved_by="",
    ))  # fmt: skip
    return True


def _by_table(records: list[Record]) -> Iterator[tuple[str, list[Record]]]:
    by_table: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_table[record.table].append(record)
    for table in TABLE_ORDER:
        if by_table.get(table):
            yield table, by_table[table]


def _streamed_batches(records: Iterable[Record]) -> Iterator[tuple[str, list[Record]]]:
    """Runs of one table in file order (a bundle is written parents first), a few thousand at a time.

    A self-referencing table stays in one run, so its rows can be put parents first.
    """
    table, size = "", 0
    batch: list[Record] = []
    for record in records:
        full = len(batch) >= _STREAM_BATCH or size > _STREAM_BATCH_CHARS
        if batch and (record.table != table or (full and table not in _SELF_REFERENCING)):
            yield table, batch
            batch, size = [], 0
        table = record.table
        batch.append(record)
        size += sum(len(v) for v in record.fields.values() if isinstance(v, str))
    if batch:
        yield table, batch


_STREAM_BATCH = 2000
_STREAM_BATCH_CHARS = 4_000_000  # text of one batch: long texts go a few hundred at a time
_SELF_REFERENCING = {name for name, spec in TABLES.items() if name in spec.references.values()}


def _apply_rows(uow: UnitOfWork, records: list[Record], me: str, peer: Peer,
                detected_at: Callable[[], dt.datetime],
                batches: Iterable[tuple[str, list[Record]]] | None = None) -> _Stats:  # fmt: skip
    """Write what is newer; ``batches`` (table, records) in place of ``records`` when they stream."""
    stats, at = _Stats(), detected_at()
    for table, rows in batches if batches is not None else _by_table(records):
        spec = TABLES[table]
        model_table = table_of(spec.model)
        local = _local_rows(uow, table, [r.id for r in rows])
        inserts, updates = [], []
        for record in rows:
            current = local.get(record.id)
            if current is not None and record.rev != current["rev"] and _conflict(uow, me, peer, table, current, record, at):
                stats.conflicts += 1
            if current is None:
                inserts.append(record)
            elif record.rev > current["rev"]:
                updates.append(record)
            else:
                stats.unchanged += 1
        for record in inserts + updates:
            stats.min_rev = min(stats.min_rev or record.rev, record.rev)
            if stamp_office(record.rev) == me:
                stats.min_echo_rev = min(stats.min_echo_rev or record.rev, record.rev)
            if table == "progress_updates":
                stats.progress_ids.append(record.id)
        # Rows leaving a unique index of live rows (deleted, cancelled) go first, then the other
        # updates, then new rows: a new live assignment may replace one cancelled in this bundle.
        # A self-referencing table keeps its new rows first (an update may point to one of them).
        updates.sort(key=lambda r: not (r.deleted or r.fields.get("status") == AssignmentStatus.CANCELLED))
        new_first = any(target == table for target in spec.references.values())
        if updates and not new_first:
            _write(uow, model_table, [_with_keys(spec.model, r.values()) for r in updates], by_id=True)
        if inserts:
            _write(
                uow, model_table, [_with_keys(spec.model, r.values()) for r in _parents_first(table, inserts)]
            )
        if updates and new_first:
            _write(uow, model_table, [_with_keys(spec.model, r.values()) for r in updates], by_id=True)
        if inserts or updates:
            stats.tables[table] = stats.tables.get(table, 0) + len(inserts) + len(updates)
            stats.applied += len(inserts) + len(updates)
            uow.changes.add(table)
    return stats


def _write(uow: UnitOfWork, table: Any, rows: list[dict[str, Any]], *, by_id: bool = False) -> None:
    """Insert (or update by id) many rows: straight through sqlite3 on SQLite, Core elsewhere.

    On SQLite the column types' own bind processors convert the values, then one
    ``executemany`` does the work (several times faster than Core's per-row bookkeeping).
    """
    columns = list(rows[0])
    if not uow.db.is_sqlite:
        if not by_id:
            uow.session.execute(insert(table), rows)
            return
        statement = update(table).where(table.c.id == bindparam("_row_id"))
        uow.session.execute(statement, [{**{k: v for k, v in r.items() if k != "id"}, "_row_id": r["id"]}
                                        for r in rows])  # fmt: skip
        return
    connection = uow.session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    if by_id:
        columns = [c for c in columns if c != "id"] + ["id"]
        sql = (f"UPDATE {quote(table.name)} SET " + ", ".join(f"{quote(c)} = ?" for c in columns[:-1])
               + " WHERE id = ?")  # fmt: skip
    else:
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")  # fmt: skip
    processors = [_processor(table.c[c].type, dialect) for c in columns]
    pairs = list(zip(columns, processors, strict=True))
    params = [tuple(p(row[c]) if p else row[c] for c, p in pairs) for row in rows]
    raw = connection.connection.driver_connection  # sqlite3's own connection, for its executemany
    assert raw is not None, "a checked-out connection has its driver connection"
    cursor = raw.cursor()
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()


def _processor(kind: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """SQLite's value for a column: quick paths for the common types, SQLAlchemy's otherwise."""
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else int(v)
    if isinstance(kind, Enum):
        return lambda v: v.value if isinstance(v, enum.Enum) else v
    if isinstance(kind, Date) and not isinstance(kind, DateTime):
        return lambda v: None if v is None else v.isoformat()
    return kind.bind_processor(dialect)


def _with_keys(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    values.update(_derive_keys(model, values))  # local search/sort keys, as every write does
    return values


def _rederive(uow: UnitOfWork, progress_ids: list[str], child_clock: str = "") -> None:
    """As the assignments' owner: derive status from the new progress and stamp a new revision."""
    table = table_of(TABLES["progress_updates"].model)
    ids: set[str] = set()
    for first in range(0, len(progress_ids), _CHUNK):
        chunk = progress_ids[first : first + _CHUNK]
        ids.update(uow.session.scalars(select(table.c.assignment_id).where(table.c.id.in_(chunk))))
    ordered = sorted(ids)
    apply_latest(uow, ordered)
    for first in range(0, len(ordered), _CHUNK):
        for assignment in uow.session.scalars(
            select(Assignment).where(Assignment.id.in_(ordered[first : first + _CHUNK]))
        ):
            # newer than what the child derived, even if its clock runs ahead of ours (it sent its clock)
            assignment.rev = max(uow.next_rev(), child_clock)
    uow.session.flush()
    uow.changes.add("assignments")


def _lower_watermarks(uow: UnitOfWork, sender: str, min_rev: str) -> None:
    """Rows just received may be older than what other peers acknowledged: resend them."""
    below = min_rev[:-1]  # just under the oldest applied revision
    for peer in uow.session.scalars(select(Peer).where(Peer.office_id != sender, Peer.acked_rev > below)):
        peer.acked_rev = below
    uow.session.execute(
        update(SentBundle)
        .where(SentBundle.peer_id != sender, SentBundle.max_rev > below)
        .values(max_rev=below)
    )
