"""Content-addressed files (evidence, source documents): stored once by SHA-256.

Files live in ``<data folder>/blobs/<first two hex>/<sha256>``; the database keeps
their metadata (models.plans.Attachment). Writing goes through a temporary file and
a rename, so a crash never leaves a half-written blob under its final name.

An office on a database server keeps the files in the database too (``blob_store``,
1 MB ``blob_chunks``): every clerk's PC finds the evidence another PC stored; the
folder is then this PC's copy, filled on demand.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import CursorResult, select

from models import BlobChunk, StoredBlob
from models.db import Database, default_data_dir
from models.errors import ValidationError

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


def blob_dir(db: Database) -> Path:
    return db.data_dir / "blobs"


def in_database(db: Database) -> bool:
    """An office on a server: its files live in the database, shared by every PC."""
    return not db.is_sqlite


def blob_path(db: Database, sha256: str) -> Path:
    """The file on this PC (copied from the database first on a server office, if it is there)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValidationError("Mã băm SHA-256 không hợp lệ.", "Invalid SHA-256 digest.", sha256[:80])
    path = blob_dir(db) / sha256[:2] / sha256
    if in_database(db) and not path.is_file():
        _download(db, sha256, path)
    return path


def _download(db: Database, sha256: str, path: Path) -> None:
    with db.session() as session:
        if session.get(StoredBlob, sha256) is None:
            legacy = default_data_dir() / "blobs" / sha256[:2] / sha256  # where EduDesk kept it before
            if legacy.is_file() and file_sha256(legacy) == sha256:
                with legacy.open("rb") as stream:
                    store_stream(db, stream, name=sha256)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".db-")
        try:
            with os.fdopen(handle, "wb") as out:
                for (data,) in session.execute(
                    select(BlobChunk.data).where(BlobChunk.sha256 == sha256).order_by(BlobChunk.n)
                ).yield_per(4):
                    out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)


def _upload(db: Database, sha256: str, path: Path) -> None:
    """Into the database once (content-addressed: a second clerk storing it changes nothing)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert  # only a server office loads this dialect

    with db.session() as session, session.begin():
        # Session.execute is typed as returning a plain Result; for an INSERT it is a CursorResult.
        result = cast(CursorResult[Any], session.execute(
            pg_insert(StoredBlob).values(sha256=sha256, size=path.stat().st_size).on_conflict_do_nothing()
        ))  # fmt: skip
        inserted = result.rowcount
        if not inserted:
            return
        with path.open("rb") as stream:
            for n, chunk in enumerate(_chunks(stream)):  # one chunk in memory at a time
                session.execute(
                    pg_insert(BlobChunk).values(sha256=sha256, n=n, data=chunk).on_conflict_do_nothing()
                )


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


STALE_INCOMING_SECONDS = 3600  # an .incoming- file this old belongs to a run that was killed


def clear_incoming(folder: Path) -> int:
    """Remove the half-copied files killed or disk-full runs left (never one still being written)."""
    cutoff, removed = time.time() - STALE_INCOMING_SECONDS, 0
    for path in folder.glob(".incoming-*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


def store_stream(
    db: Database, stream: IO[bytes], *, name: str = "", limit: int = MAX_ATTACHMENT_BYTES
) -> tuple[str, int]:
    """Copy a stream into the store; returns (sha256, size). Refuses files over ``limit``."""
    folder = blob_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    clear_incoming(folder)
    digest, size = hashlib.sha256(), 0
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in _chunks(stream):
                size += len(chunk)
                if size > limit:
                    raise ValidationError(
                        f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.",
                        f"The file is too large: at most {limit // (1024 * 1024)} MB.",
                        name,
                    )
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = blob_dir(db) / sha[:2] / sha
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
        if in_database(db):
            _upload(db, sha, target)
        return sha, size
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise


def store_file(db: Database, source: Path, *, limit: int = MAX_ATTACHMENT_BYTES) -> tuple[str, int]:
    if not source.is_file():
        raise ValidationError("Không tìm thấy tệp.", "File not found.", str(source))
    if source.stat().st_size > limit:
        raise ValidationError(
            f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.",
            f"The file is too large: at most {limit // (1024 * 1024)} MB.",
            str(source),
        )
    with source.open("rb") as stream:
        return store_stream(db, stream, name=str(source), limit=limit)


def store_bytes(db: Database, data: bytes, *, limit: int = MAX_ATTACHMENT_BYTES) -> tuple[str, int]:
    import io

    return store_stream(db, io.BytesIO(data), limit=limit)


def has_blob(db: Database, sha256: str) -> bool:
    return blob_path(db, sha256).is_file()  # on a server office: copied from the database if there


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in _chunks(stream):
            digest.update(chunk)
    return digest.hexdigest()


def verify_blob(db: Database, sha256: str) -> bool:
    """True when the stored file exists and its content still hashes to its name."""
    path = blob_path(db, sha256)
    return path.is_file() and file_sha256(path) == sha256


def stored_digests(db: Database) -> list[str]:
    if in_database(db):
        with db.session() as session:
            return sorted(session.scalars(select(StoredBlob.sha256)))
    folder = blob_dir(db)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.glob("??/*") if p.is_file() and len(p.name) == 64)
