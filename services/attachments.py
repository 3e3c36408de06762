"""Content-addressed files (evidence, source documents): stored once by SHA-256.

Files live in ``<data folder>/blobs/<first two hex>/<sha256>``; the database keeps
their metadata (models.plans.Attachment). Writing goes through a temporary file and
a rename, so a crash never leaves a half-written blob under its final name.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from models.db import Database
from models.errors import ValidationError

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


def blob_dir(db: Database) -> Path:
    return db.data_dir / "blobs"


def blob_path(db: Database, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValidationError("Mã băm SHA-256 không hợp lệ.", "Invalid SHA-256 digest.", sha256[:80])
    return blob_dir(db) / sha256[:2] / sha256


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
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
    db: Database, stream: BinaryIO, *, name: str = "", limit: int = MAX_ATTACHMENT_BYTES
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
        target = blob_path(db, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
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
    return blob_path(db, sha256).is_file()


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
    folder = blob_dir(db)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.glob("??/*") if p.is_file() and len(p.name) == 64)
