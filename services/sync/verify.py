"""Verifying a bundle before anything is written (DESIGN §4, hostile input).

In order: the zip's structure (member count, names — no absolute paths, ``..``,
links, directories, duplicates or unknown members —, declared sizes, compression
ratio, overlapping members), the manifest's schema, its signature by a known,
non-revoked peer, the recipient, every member's SHA-256, every record's schema,
the ids records point to, and the sender's rights over each row. Members are read
by name with a size cap; nothing is ever extracted. Every failure is a
``BundleRefused`` with a plain Vietnamese message (and English) and the place.

One module (over 400 lines) because the checks run in this order and each relies on the
ones before it (a member is hashed only once its name and size are known safe).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from sqlalchemy.orm import Session

from models import Peer
from models.db import Database
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.core import attachments, limits
from services.core.hlc import MAX_SKEW_MS, Stamp, wall_clock_ms
from services.reporting.elements import bounds
from services.sync import incarnation, keys, setup_code
from services.sync.manifest import BLOB_PREFIX, MANIFEST, RECORDS, SETUP, SIGNATURE, Manifest, parse_manifest
from services.sync.records import (
    TABLES,
    BundleRefused,
    LongText,
    OutsideLimits,
    Record,
    parse_record,
    refuse,
    slim,
    stamp_office,
)
from services.sync.rights import DOWN, UP, Lookup, _why_not, check_references, check_rights, relation
from services.sync.rights import SETUP as SETUP_RIGHTS

MAX_FILE = 4 * 1024**3
MAX_MEMBERS = 20_000
MAX_MANIFEST = 4 * 1024 * 1024
MAX_SETUP = 1024 * 1024
MAX_RECORDS = 1024**3
MAX_LINE = limits.MAX_RECORD_BYTES
MAX_TOTAL = 4 * 1024**3
RECORDS_IN_MEMORY = 32 * 1024 * 1024  # a larger records file is checked slim, then read again to apply
MAX_RATIO = 200  # JSON packs 5-20 times; a bomb packs thousands of times
RATIO_FROM = 1024 * 1024  # small members cannot hurt whatever their ratio
_ALLOWED = re.compile(r"^(manifest\.json|manifest\.sig|records\.jsonl|setup\.json|blobs/[0-9a-f]{64})$")
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError, struct.error, KeyError)  # fmt: skip


@dataclass
class VerifiedBundle:
    path: Path
    manifest: Manifest
    manifest_sha: str
    records: list[Record]
    blobs: list[str]  # digests carried in blobs/
    direction: str = ""  # rights.DOWN / rights.UP, as seen by the receiver
    setup: dict[str, Any] = field(default_factory=dict)
    quarantined: list[dict[str, str]] = field(default_factory=list)  # rows set aside (services.core.limits)
    streamed: bool = False  # records kept slim (records.slim): apply reads them again from the file


def _zip_error(path: Path, exc: BaseException) -> BundleRefused:
    return refuse(
        f"Tệp không phải gói đồng bộ hợp lệ hoặc đã bị hỏng ({type(exc).__name__}).",
        f"Not a valid sync bundle, or damaged ({type(exc).__name__}: {str(exc)[:120]}).",
        path.name,
    )


def _check_name(info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename
    place = name[:120]
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name or "\x00" in name:
        raise refuse(
            "Gói chứa đường dẫn tuyệt đối hoặc ký tự cấm.", "The bundle holds an absolute path.", place
        )
    if ".." in name.split("/"):
        raise refuse("Gói chứa đường dẫn «..» (vượt thư mục).", "The bundle holds a '..' path.", place)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise refuse("Gói chứa liên kết (symlink).", "The bundle holds a link.", place)
    if info.is_dir():
        raise refuse("Gói chứa thư mục.", "The bundle holds a directory.", place)
    if name in seen:
        raise refuse("Gói chứa hai thành phần trùng tên.", "The bundle holds duplicate members.", place)
    if not _ALLOWED.match(name):
        raise refuse("Gói chứa thành phần lạ.", "The bundle holds an unknown member.", place)
    if info.flag_bits & 0x1:
        raise refuse("Gói chứa thành phần mã hóa.", "The bundle holds an encrypted member.", place)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse("Gói dùng kiểu nén không hỗ trợ.", "Unsupported compression.", place)
    seen.add(name)


def _limit_for(name: str) -> int:
    if name == MANIFEST:
        return MAX_MANIFEST
    if name == SIGNATURE:
        return 64
    if name == SETUP:
        return MAX_SETUP
    if name == RECORDS:
        return MAX_RECORDS
    return attachments.MAX_ATTACHMENT_BYTES


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.file_size > _limit_for(info.filename):
            raise refuse(
                "Một thành phần của gói lớn quá giới hạn.", "A member is larger than allowed.", info.filename
            )
        # records.jsonl is read line by line under MAX_RECORDS and MAX_LINE: a long, repetitive plan packs
        # far beyond any ratio and is no bomb
        if (
            info.filename != RECORDS
            and info.file_size > RATIO_FROM
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise refuse(
                "Tỷ lệ nén bất thường (nghi ngờ bom zip).",
                "Abnormal compression ratio (zip bomb?).",
                info.filename,
            )
        total += info.file_size
    if total > MAX_TOTAL:
        raise refuse("Tổng dung lượng giải nén của gói quá lớn.", "The bundle unpacks too large.")


def _check_layout(handle: IO[bytes], infos: list[zipfile.ZipInfo], end: int) -> None:
    """Members lie one after another without overlapping (CPython's zip-bomb check, by hand)."""
    spans = []
    for info in infos:
        handle.seek(info.header_offset)
        header = handle.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise refuse(
                "Tiêu đề thành phần trong gói bị hỏng.", "A member header is damaged.", info.filename
            )
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        spans.append(
            (info.header_offset, info.header_offset + 30 + name_len + extra_len + info.compress_size)
        )
    spans.sort()
    for (_, stop), (start, _) in itertools.pairwise(spans):
        if stop > start:
            raise refuse(
                "Các thành phần của gói chồng lên nhau (bom zip).", "Overlapping members (zip bomb)."
            )
    if spans and spans[-1][1] > end:
        raise refuse("Các thành phần của gói chồng lên nhau (bom zip).", "Overlapping members (zip bomb).")


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    with zf.open(info) as stream:
        data = stream.read(_limit_for(name) + 1)
    if len(data) > _limit_for(name):
        raise refuse("Một thành phần của gói lớn quá giới hạn.", "A member is larger than allowed.", name)
    return data


def _member_hash(zf: zipfile.ZipFile, name: str) -> str:
    digest, size, limit = hashlib.sha256(), 0, _limit_for(name)
    with zf.open(name) as stream:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise refuse(
                    "Một thành phần của gói lớn quá giới hạn.", "A member is larger than allowed.", name
                )
            digest.update(chunk)
    return digest.hexdigest()


def _mismatch(name: str) -> BundleRefused:
    return refuse(
        "Nội dung gói đã bị thay đổi (mã băm không khớp).", "The bundle was altered (hash mismatch).", name
    )


def _record(raw: bytes, line_no: int, max_wall_ms: int) -> Record:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise refuse("Dòng dữ liệu không đọc được (JSON).", "Unreadable record line.",
                     f"{RECORDS} dòng {line_no}") from exc  # fmt: skip
    return parse_record(data, line_no, max_wall_ms)


def _drain(stream: IO[bytes], digest: Any, manifest: Manifest) -> None:
    while chunk := stream.read(1024 * 1024):
        digest.update(chunk)
    if digest.hexdigest() != manifest.members[RECORDS]:
        raise _mismatch(RECORDS)


def _lines(stream: IO[bytes], digest: Any) -> Iterator[bytes]:
    """Lines of a member read in 1 MB chunks (hashed as read); a line longer than the cap refuses."""
    pending = b""
    while chunk := stream.read(1024 * 1024):
        digest.update(chunk)
        parts = (pending + chunk).split(b"\n")
        pending = parts.pop()
        if len(pending) > MAX_LINE:
            raise refuse("Một dòng dữ liệu quá dài.", "A record line is too long.", RECORDS)
        for part in parts:
            if len(part) > MAX_LINE:
                raise refuse("Một dòng dữ liệu quá dài.", "A record line is too long.", RECORDS)
            yield part
    if pending:
        yield pending


def _parse_records(zf: zipfile.ZipFile, manifest: Manifest, max_wall_ms: int,
                   quarantine: list[dict[str, str]] | None = None, *, keep_slim: bool = False) -> list[Record]:  # fmt: skip
    """Every record, checked; a row outside the limits goes to ``quarantine`` (else refuses).

    ``keep_slim``: long texts are kept as their digest (records.slim), so a large bundle's
    check holds a small part of it in memory.
    """
    digest, records, seen = hashlib.sha256(), [], set()
    counts: dict[str, int] = {}
    with zf.open(RECORDS) as stream:
        try:
            for line_no, raw in enumerate(_lines(stream, digest), 1):
                if line_no > manifest.records:
                    raise refuse(
                        "Số bản ghi nhiều hơn tệp kê khai.", "More records than the manifest says.", RECORDS
                    )
                try:
                    record = _record(raw, line_no, max_wall_ms)
                except OutsideLimits as exc:
                    if quarantine is None or (exc.table, exc.row_id) in seen:
                        raise
                    seen.add((exc.table, exc.row_id))
                    counts[exc.table] = counts.get(exc.table, 0) + 1
                    quarantine.append({"table": exc.table, "id": exc.row_id, "rev": exc.rev,
                                       "why": exc.message, "place": exc.place})  # fmt: skip
                    continue
                if (record.table, record.id) in seen:
                    raise refuse(
                        "Một dòng xuất hiện hai lần trong gói.", "A row appears twice.", record.place
                    )
                seen.add((record.table, record.id))
                counts[record.table] = counts.get(record.table, 0) + 1
                records.append(slim(record) if keep_slim else record)
        except BundleRefused:
            _drain(stream, digest, manifest)  # an altered file says so, not "bad JSON"
            raise
    if digest.hexdigest() != manifest.members[RECORDS]:
        raise _mismatch(RECORDS)
    if len(records) + len(quarantine or []) != manifest.records or counts != manifest.tables:
        raise refuse("Số bản ghi không khớp tệp kê khai.", "Record counts differ from the manifest.", RECORDS)
    return records


def _open(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise refuse("Không tìm thấy tệp gói đồng bộ.", "Bundle file not found.", str(path))
    if path.stat().st_size > MAX_FILE:
        raise refuse("Tệp gói quá lớn.", "The bundle file is too large.", path.name)
    try:
        return zipfile.ZipFile(path)
    except _READ_ERRORS as exc:
        raise _zip_error(path, exc) from exc


def _structure(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(f"Gói có quá nhiều thành phần ({len(infos)}).", "The bundle has too many members.")
    seen: set[str] = set()
    for info in infos:
        _check_name(info, seen)
    _check_sizes(infos)
    if zf.fp is None:
        raise refuse("Không đọc được gói.", "The bundle cannot be read.")
    _check_layout(zf.fp, infos, zf.start_dir)
    for name in (MANIFEST, SIGNATURE):
        if name not in seen:
            raise refuse(f"Gói thiếu {name}.", f"The bundle lacks {name}.", name)
    return infos


def _members_match(infos: list[zipfile.ZipInfo], manifest: Manifest) -> None:
    names = {i.filename for i in infos} - {MANIFEST, SIGNATURE}
    if names != set(manifest.members):
        raise refuse(
            "Thành phần của gói không khớp tệp kê khai.", "The members differ from the manifest.", MANIFEST
        )


def _blobs(zf: zipfile.ZipFile, manifest: Manifest) -> list[str]:
    digests = [n[len(BLOB_PREFIX) :] for n in manifest.members if n.startswith(BLOB_PREFIX)]
    if len(digests) != manifest.blobs:
        raise refuse(
            "Số tệp đính kèm không khớp tệp kê khai.", "Blob count differs from the manifest.", MANIFEST
        )
    for sha in digests:
        if _member_hash(zf, BLOB_PREFIX + sha) != sha:
            raise _mismatch(BLOB_PREFIX + sha)
    return digests


def _signed_by(peer_key: str, raw: bytes, signature: bytes) -> None:
    if len(signature) != 64 or not keys.signature_ok(peer_key, signature, raw):
        raise refuse(
            "Chữ ký của gói không đúng: gói đã bị sửa hoặc không do đơn vị gửi ký.",
            "Wrong signature: the bundle was altered or not signed by its sender.",
            SIGNATURE,
        )


def verify_bundle(db: Database, path: Path, *, clock: Callable[[], int] = wall_clock_ms) -> VerifiedBundle:
    """Everything about a changes bundle, checked against this office's peers and rows."""
    me = office_info(db)
    with _open(path) as zf, db.session() as session:
        try:
            return _entry_rules(db, session, _verify_changes(zf, session, path, me.id, clock() + MAX_SKEW_MS))
        except _READ_ERRORS as exc:
            raise _zip_error(path, exc) from exc
        except RecursionError as exc:
            raise _zip_error(path, exc) from exc


def _check_clock(manifest: Manifest, max_wall: int) -> None:
    if not manifest.clock:
        return
    try:
        stamp = Stamp.decode(manifest.clock)
    except EduDeskError as exc:
        raise refuse("Đồng hồ của gói sai dạng.", "Malformed bundle clock.", MANIFEST) from exc
    if stamp.encode() != manifest.clock:
        raise refuse("Đồng hồ của gói sai dạng.", "Malformed bundle clock.", MANIFEST)
    if stamp.wall_ms > max_wall:
        hours = (stamp.wall_ms - (max_wall - MAX_SKEW_MS)) / 3_600_000
        code = manifest.sender.code
        raise refuse(
            f"Đồng hồ máy của đơn vị gửi {code} chạy trước giờ của máy này khoảng {hours:.0f} giờ; gói bị từ "
            f"chối. Hãy nhờ {code} chỉnh giờ máy rồi chạy «clock --repair» và gửi lại.",
            f"The clock of the sending office {code} runs about {hours:.0f} h ahead of this PC; bundle refused. "
            f"Ask {code} to set its PC's time, run 'clock --repair' and send again.",
            MANIFEST,
        )


def _verify_changes(
    zf: zipfile.ZipFile, session: Session, path: Path, me: str, max_wall: int
) -> VerifiedBundle:
    infos = _structure(zf)
    raw = _read(zf, MANIFEST)
    manifest = parse_manifest(raw)
    if manifest.kind == "setup":
        raise refuse(
            "Đây là gói khởi tạo cho đơn vị mới; hãy dùng «init --setup-bundle».",
            "This is a setup bundle for a new office; use init --setup-bundle.",
            path.name,
        )
    if manifest.recipient.id != me:
        raise refuse(
            f"Gói này gửi cho đơn vị {manifest.recipient.code}, không phải đơn vị này.",
            f"This bundle is addressed to {manifest.recipient.code}, not to this office.",
            path.name,
        )
    peer = session.get(Peer, manifest.sender.id)
    if peer is None:
        raise refuse(
            f"Gói do đơn vị lạ ({manifest.sender.code}) ký; chưa có khóa của đơn vị này.",
            f"The bundle is signed by an unknown office ({manifest.sender.code}).",
            path.name,
        )
    if peer.revoked:
        raise refuse(
            f"Khóa của đơn vị {peer.code} đã bị thu hồi; gói bị từ chối.",
            f"The key of {peer.code} was revoked; bundle refused.",
            path.name,
        )
    if manifest.sender_fingerprint != peer.fingerprint:
        raise refuse(
            f"Gói được ký bằng khóa khác với khóa đã biết của {peer.code}.",
            f"The bundle is signed with a key other than the known key of {peer.code}.",
            path.name,
        )
    _signed_by(peer.public_key, raw, _read(zf, SIGNATURE))
    _members_match(infos, manifest)
    # an acknowledgement from before our restore is ignored (apply), never refused
    trusted = incarnation.trusted_ack(session, manifest.ack_incarnation)
    if manifest.ack_seq > (peer.last_sent_seq or 0) and trusted:
        raise refuse(
            "Gói xác nhận một gói chưa từng gửi.", "The bundle acknowledges a bundle never sent.", MANIFEST
        )
    _check_clock(manifest, max_wall)
    quarantined: list[dict[str, str]] = []
    streamed = zf.getinfo(RECORDS).file_size > RECORDS_IN_MEMORY  # the size zipfile holds the member to
    records = _parse_records(zf, manifest, max_wall, quarantined, keep_slim=streamed)
    if quarantined:
        records = _without_dependents(session, records, quarantined)
    blobs = _blobs(zf, manifest)
    direction = relation(session, me, peer.office_id)
    if not direction:
        raise refuse(
            f"Đơn vị {peer.code} không phải cấp trên hay cấp dưới trực tiếp của đơn vị này.",
            f"{peer.code} is neither the parent nor a child of this office.",
            path.name,
        )
    lookup = Lookup(session, records)
    check_references(lookup, records)
    echoes = [r for r in records if stamp_office(r.rev) == me]
    if echoes:
        _check_echoes(session, lookup, echoes, direction=direction, sender=peer, me=me)
        records_to_check = [r for r in records if stamp_office(r.rev) != me]
    else:
        records_to_check = records
    check_rights(lookup, records_to_check, direction=direction, sender=peer.office_id, me=me,
                 sender_code=peer.code)  # fmt: skip
    return VerifiedBundle(path, manifest, hashlib.sha256(raw).hexdigest(), records, blobs, direction,
                          quarantined=quarantined, streamed=streamed)  # fmt: skip


def _entry_rules(db: Database | None, session: Session | None, bundle: VerifiedBundle) -> VerifiedBundle:
    """What data entry refuses is set aside from a bundle too (quarantined, named in the result):
    a value outside its data element's range, an attachment whose file is neither in the bundle
    nor here. Files no kept attachment row names are not stored."""
    carried, found = set(bundle.blobs), list(bundle.quarantined)
    lookup = Lookup(session, bundle.records)
    lookup.prefetch("data_elements", {element_id for r in bundle.records if r.table == "report_values"
                                      and (element_id := r.fields.get("element_id")) is not None})  # fmt: skip
    kept = []
    for record in bundle.records:
        why = _entry_refusal(db, lookup, record, carried)
        if why:
            found.append({"table": record.table, "id": record.id, "rev": record.rev, "place": record.place,
                          "why": f"{record.place}: {why}"})  # fmt: skip
        else:
            kept.append(record)
    if len(found) > len(bundle.quarantined) and session is not None:
        kept = _without_dependents(session, kept, found)
    named = {r.fields.get("sha256") for r in kept if r.table == "attachments" and not r.deleted}
    return replace(bundle, records=kept, blobs=[sha for sha in bundle.blobs if sha in named], quarantined=found)


def _entry_refusal(db: Database | None, lookup: Lookup, record: Record, carried: set[str]) -> str:
    if record.deleted:
        return ""
    if record.table == "report_values" and record.fields.get("value_num") is not None:
        element = lookup.get("data_elements", record.fields.get("element_id"))
        if element is not None:
            low, high = bounds(SimpleNamespace(**element))
            value = record.fields["value_num"]
            if (low is not None and value < low) or (high is not None and value > high):
                return f"giá trị {value:g} ngoài khoảng cho phép của chỉ số"
    if record.table == "attachments":
        sha = record.fields.get("sha256") or ""
        if sha not in carried and (db is None or not attachments.has_blob(db, sha)):
            return "tệp đính kèm không có trong gói cũng như ở đây"
    return ""


def _without_dependents(
    session: Session, records: list[Record], quarantined: list[dict[str, str]]
) -> list[Record]:
    """Rows pointing at a quarantined row this office does not hold are set aside with it."""
    missing = {(q["table"], q["id"]) for q in quarantined}
    missing = {(t, i) for t, i in missing if session.get(TABLES[t].model, i) is None}
    kept = records
    while missing:
        stuck = [r for r in kept if any((target, r.fields.get(f)) in missing
                                        for f, target in TABLES[r.table].references.items())]  # fmt: skip
        if not stuck:
            break
        missing = {(r.table, r.id) for r in stuck}
        quarantined.extend({"table": r.table, "id": r.id, "rev": r.rev, "place": r.place,
                            "why": "dòng này dựa vào một dòng bị cách ly"} for r in stuck)  # fmt: skip
        kept = [r for r in kept if (r.table, r.id) not in missing]
    return kept


def _check_echoes(session: Session, lookup: Lookup, echoes: list[Record], *, direction: str, sender: Peer,
                  me: str) -> None:  # fmt: skip
    """Rows stamped here that a peer gives back after our restore: ours to send, and lost.

    Accepted only above the clock this database was restored at (what it may have lost)
    and only if this office could have sent the row to that peer; a copy at or below
    what we hold changes nothing.
    """
    mark = incarnation.restored_mark(session)
    for table in {r.table for r in echoes}:
        lookup.prefetch(table, [r.id for r in echoes if r.table == table])
    ours = UP if direction == DOWN else DOWN  # the direction in which we send to the peer
    for record in echoes:
        stored = lookup.stored(record.table, record.id)
        if stored is not None and stored["rev"] == record.rev and not _same_version(stored, record):
            why = "dòng mang đúng dấu của đơn vị này nhưng nội dung đã bị sửa"
        elif stored is not None and stored["rev"] >= record.rev:
            continue
        else:
            why = ""
        why = why or ("" if mark and record.rev > mark else "dòng mang dấu của đơn vị này mà đơn vị này chưa từng ghi")
        why = why or _why_not(lookup, ours, me, sender.office_id, record)
        if why:
            raise refuse(
                f"Đơn vị {sender.code} không có quyền thay đổi dòng {record.table} {record.id}: {why}.",
                f"Office {sender.code} may not change row {record.table} {record.id}.",
                record.place,
            )


def _same_version(stored: dict[str, Any], record: Record) -> bool:
    """Whether a row given back under our own stamp is the version we wrote under it."""
    fields = {k: stored.get(k) for k in TABLES[record.table].fields}
    return fields == record.fields and bool(stored["deleted"]) == record.deleted


def verify_setup_bundle(path: Path, *, clock: Callable[[], int] = wall_clock_ms) -> VerifiedBundle:
    """A setup bundle, trusted on first use: signed by the district key it carries."""
    with _open(path) as zf:
        try:
            return _verify_setup(zf, path, clock() + MAX_SKEW_MS)
        except (*_READ_ERRORS, RecursionError) as exc:
            raise _zip_error(path, exc) from exc


def _verify_setup(zf: zipfile.ZipFile, path: Path, max_wall: int) -> VerifiedBundle:
    infos = _structure(zf)
    raw = _read(zf, MANIFEST)
    manifest = parse_manifest(raw)
    if manifest.kind != "setup" or SETUP not in manifest.members:
        raise refuse("Đây không phải gói khởi tạo.", "This is not a setup bundle.", path.name)
    _members_match(infos, manifest)
    setup_raw = _read(zf, SETUP)
    if hashlib.sha256(setup_raw).hexdigest() != manifest.members[SETUP]:
        raise _mismatch(SETUP)
    setup = parse_setup(setup_raw)
    if setup["parent"]["id"] != manifest.sender.id or setup["office"]["id"] != manifest.recipient.id:
        raise refuse("Gói khởi tạo không nhất quán.", "The setup bundle is inconsistent.", SETUP)
    if keys.fingerprint(setup["parent"]["public_key"]) != manifest.sender_fingerprint:
        raise refuse("Dấu vân tay khóa không khớp.", "The key fingerprint does not match.", SETUP)
    _signed_by(setup["parent"]["public_key"], raw, _read(zf, SIGNATURE))
    records = _parse_records(zf, manifest, max_wall)
    blobs = _blobs(zf, manifest)
    lookup = Lookup(None, records)
    check_references(lookup, records)
    check_rights(lookup, records, direction=SETUP_RIGHTS, sender=manifest.sender.id, me=manifest.recipient.id,
                 sender_code=manifest.sender.code)  # fmt: skip
    office_ids = {r.id for r in records if r.table == "org_units"}
    if setup["office"]["id"] not in office_ids or setup["parent"]["id"] not in office_ids:
        raise refuse("Gói khởi tạo thiếu đơn vị.", "The setup bundle lacks the offices' units.", SETUP)
    _check_clock(manifest, max_wall)
    bundle = VerifiedBundle(path, manifest, hashlib.sha256(raw).hexdigest(), records, blobs, DOWN, setup)
    bundle = _entry_rules(None, None, bundle)
    if bundle.quarantined:  # a new office starts from all of it or not at all
        raise refuse(f"Gói khởi tạo có dòng không hợp lệ: {bundle.quarantined[0]['why']}.",
                     "The setup bundle holds an invalid row.", SETUP)  # fmt: skip
    return bundle


def parse_setup(raw: bytes) -> dict[str, Any]:
    """``setup.json``: the new office's identity and key, its parent's identity and public key."""
    try:
        data = json.loads(raw.decode("utf-8"))
        office, parent = data["office"], data["parent"]
        ok = (
            set(data) == {"office", "parent", "sealed_key", "print"}
            and set(office) == {"id", "code", "name", "kind"}
            and set(parent) == {"id", "code", "name", "public_key"}
            and all(isinstance(v, str) for v in (*office.values(), *parent.values()))
            and isinstance(data["print"], dict)
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise refuse("Nội dung khởi tạo không đọc được.", "The setup data cannot be read.", SETUP) from exc
    if ok is False and isinstance(data, dict) and "private_key" in data:
        raise refuse("Gói khởi tạo này do phiên bản cũ ghi, mang khóa của trường không mã hóa; hãy xin "
                     "Phòng GD&ĐT tạo gói mới.", "This setup bundle, written by an older version, carries "
                     "the school's key unsealed; ask the district office for a new one.", SETUP)  # fmt: skip
    if not ok or office["kind"] not in ("school", "district") or not setup_code.well_formed(data["sealed_key"]):
        raise refuse("Nội dung khởi tạo sai dạng.", "The setup data is malformed.", SETUP)
    keys.decode_public(parent["public_key"])
    return data


def full_records(bundle: VerifiedBundle) -> Iterator[Record]:
    """The verified records of a streamed bundle, read and parsed again in full, in file order.

    The same file must give the same rows: any record not among the verified ones is
    skipped (set aside), and a changed file refuses (the caller's transaction rolls back).
    """
    kept = {(r.table, r.id): r.rev for r in bundle.records}
    digest, given = hashlib.sha256(), 0
    with zipfile.ZipFile(bundle.path) as zf, zf.open(RECORDS) as stream:
        for line_no, raw in enumerate(_lines(stream, digest), 1):
            try:
                record = _record(raw, line_no, 2**62)
            except OutsideLimits:
                continue  # quarantined when verified
            if kept.get((record.table, record.id)) == record.rev:
                given += 1
                yield record
    if digest.hexdigest() != bundle.manifest.members[RECORDS] or given != len(kept):
        raise _mismatch(RECORDS)


def blob_stream(bundle: VerifiedBundle, sha: str) -> tuple[zipfile.ZipFile, IO[bytes]]:
    """Open one verified blob again, to store it (the caller closes both)."""
    zf = zipfile.ZipFile(bundle.path)
    return zf, zf.open(BLOB_PREFIX + sha)


__all__ = ["TABLES", "LongText", "VerifiedBundle", "blob_stream", "full_records", "verify_bundle", "verify_setup_bundle"]
