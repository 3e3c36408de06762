"""Progress on an assignment: status, percent, date, note and evidence files (minh chứng).

Evidence files are stored once by SHA-256 (services.core.attachments); an ``Attachment``
row links each to its progress update. The assignment's own status and percent
follow its latest update (``apply_latest``), so any office that holds the same
updates derives the same status. School staff act on their own unit's rows only.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import Assignment, Attachment, ProgressUpdate
from models.db import Database
from models.enums import AssignmentStatus
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.core import attachments
from services.core.uow import UnitOfWork
from services.core.vietnamese import format_number

# An evidence file given as a path, or as (file name, content) by scripts and the demo.
Evidence = Path | tuple[str, bytes]
MAX_FILES = 20
_PROGRESS_STATUSES = (
    AssignmentStatus.NOT_STARTED,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.DONE,
    AssignmentStatus.PAUSED,
)


@dataclass(frozen=True)
class AttachmentRow:
    id: str
    filename: str
    size: int
    sha256: str
    media_type: str


@dataclass(frozen=True)
class ProgressRow:
    id: str
    assignment_id: str
    on_date: dt.date
    status: AssignmentStatus
    percent: int
    note: str
    author: str
    files: tuple[AttachmentRow, ...] = field(default=())


def _size_text(size: int) -> str:
    return f"{format_number(size / 1048576, 1)} MB"


def _too_big(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError(
        f"Tệp minh chứng «{name}» nặng {_size_text(size)}, vượt giới hạn {limit // 1048576} MB mỗi tệp. "
        "Hãy nén, giảm độ phân giải hoặc chia nhỏ tệp rồi đính kèm lại.",
        f"Evidence file «{name}» is {size} bytes, over the {limit // 1048576} MB limit per file.",
        name,
    )


def check_evidence(files: Sequence[Evidence], limit: int = attachments.MAX_ATTACHMENT_BYTES) -> None:
    """Refuse missing or oversized files before anything is stored."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            f"Tối đa {MAX_FILES} tệp minh chứng cho một lần cập nhật.",
            f"At most {MAX_FILES} evidence files per update.",
            "files",
        )
    for item in files:
        if isinstance(item, tuple):
            name, data = item
            if len(data) > limit:
                raise _too_big(name, len(data), limit)
            continue
        if not item.is_file():
            raise ValidationError(f"Không tìm thấy tệp «{item}».", f"File not found: {item}.", str(item))
        if (size := item.stat().st_size) > limit:
            raise _too_big(item.name, size, limit)


def _store(db: Database, item: Evidence, limit: int) -> dict[str, Any]:
    if isinstance(item, tuple):
        name, data = item
        sha, size = attachments.store_bytes(db, data, limit=limit)
    else:
        name = item.name
        sha, size = attachments.store_file(db, item, limit=limit)
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"sha256": sha, "filename": name[:255], "size": size, "media_type": media}


def _validate(status: AssignmentStatus | str, percent: int, on_date: dt.date, today: dt.date) -> tuple[
    AssignmentStatus, int]:  # fmt: skip
    try:
        status = AssignmentStatus(status)
    except ValueError as exc:
        raise ValidationError("Trạng thái không hợp lệ.", "Invalid status.", "status") from exc
    if status not in _PROGRESS_STATUSES:
        raise ValidationError(
            "Chỉ đơn vị giao việc mới hủy được nhiệm vụ.",
            "Only the assigning office cancels a task.",
            "status",
        )
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError("Tỷ lệ hoàn thành phải từ 0 đến 100.", "Percent must be 0-100.", "percent")
    if on_date > today + dt.timedelta(days=1):
        raise ValidationError(
            "Ngày cập nhật không được ở tương lai.", "The update's date cannot be in the future.", "on_date"
        )
    if status == AssignmentStatus.DONE:
        percent = 100  # done is done: the figure follows the status
    return status, percent


def add_progress(
    db: Database,
    actor: Actor,
    assignment_id: str,
    *,
    status: AssignmentStatus | str,
    percent: int,
    on_date: dt.date | None = None,
    note: str = "",
    files: Sequence[Evidence] = (),
    today: dt.date | None = None,
    limit: int = attachments.MAX_ATTACHMENT_BYTES,
) -> ProgressRow:
    """Log progress with evidence; the assignment takes the latest update's status and percent.

    Files are checked (existence, size) before anything is written; their content is stored
    by hash before the transaction (a failed save leaves at most an unreferenced blob).
    """
    require(actor, Action.UPDATE_PROGRESS)
    today = today or dt.date.today()
    on_date = on_date or today
    status, percent = _validate(status, percent, on_date, today)
    check_evidence(files, limit)
    with db.session() as session:  # fail before storing blobs when the row is not ours
        _editable(session, actor, assignment_id)
    stored = [_store(db, item, limit) for item in files]
    with UnitOfWork(db, actor) as uow:
        assignment = _editable(uow.session, actor, assignment_id)
        update = ProgressUpdate(
            assignment_id=assignment.id, on_date=on_date, status=status, percent=percent,
            note=note.strip(), author=actor.full_name or actor.username,
        )  # fmt: skip
        uow.session.add(update)
        uow.session.flush()
        rows = [Attachment(progress_id=update.id, **meta) for meta in stored]
        uow.session.add_all(rows)
        uow.session.flush()
        apply_latest(uow, [assignment.id])
        return _row(update, rows)


def _editable(session: Any, actor: Actor, assignment_id: str) -> Assignment:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.deleted:
        raise NotFound("Không tìm thấy việc được giao.", "Assignment not found.")
    require_own_unit(actor, assignment.unit_id)
    if assignment.status == AssignmentStatus.CANCELLED:
        raise ValidationError(
            "Nhiệm vụ này đã bị hủy; không cập nhật tiến độ được.",
            "This assignment was cancelled; its progress cannot be updated.",
        )
    return assignment


def delete_progress(db: Database, actor: Actor, progress_id: str) -> None:
    """Withdraw an update entered by mistake (tombstone); the assignment follows the one before."""
    require(actor, Action.UPDATE_PROGRESS)
    with UnitOfWork(db, actor) as uow:
        update = uow.session.get(ProgressUpdate, progress_id)
        if update is None or update.deleted:
            raise NotFound("Không tìm thấy lần cập nhật tiến độ.", "Progress update not found.")
        assignment = _editable(uow.session, actor, update.assignment_id)
        update.deleted = True
        for attachment in uow.session.scalars(select(Attachment).where(Attachment.progress_id == update.id)):
            attachment.deleted = True
        uow.session.flush()
        apply_latest(uow, [assignment.id])


def apply_latest(uow: UnitOfWork, assignment_ids: Sequence[str]) -> int:
    """Set each assignment's status and percent from its latest live update (by date, then revision).

    Deterministic, so a district that imports a school's updates derives what the school
    shows; a cancelled assignment stays cancelled. Returns how many rows changed.
    """
    changed = 0
    for first in range(0, len(assignment_ids), 500):
        chunk = list(assignment_ids[first : first + 500])
        latest: dict[str, tuple[Any, ...]] = {}
        statement = select(
            ProgressUpdate.assignment_id, ProgressUpdate.on_date, ProgressUpdate.rev,
            ProgressUpdate.status, ProgressUpdate.percent,
        ).where(ProgressUpdate.assignment_id.in_(chunk), ProgressUpdate.deleted.is_(False))  # fmt: skip
        for row in uow.session.execute(statement):
            if row[0] not in latest or (row[1], row[2]) > latest[row[0]][:2]:
                latest[row[0]] = (row[1], row[2], row[3], row[4])
        for assignment in uow.session.scalars(select(Assignment).where(Assignment.id.in_(chunk))):
            if assignment.status == AssignmentStatus.CANCELLED:
                continue
            status, percent = (latest[assignment.id][2:]) if assignment.id in latest else (
                AssignmentStatus.NOT_STARTED, 0)  # fmt: skip
            if (assignment.status, assignment.percent) != (status, percent):
                assignment.status, assignment.percent = status, percent
                changed += 1
    uow.session.flush()
    return changed


def _row(update: ProgressUpdate, files: Sequence[Attachment]) -> ProgressRow:
    return ProgressRow(
        update.id, update.assignment_id, update.on_date, AssignmentStatus(update.status), update.percent,
        update.note, update.author,
        tuple(AttachmentRow(a.id, a.filename, a.size, a.sha256, a.media_type) for a in files),
    )  # fmt: skip


def history(db: Database, actor: Actor, assignment_id: str) -> list[ProgressRow]:
    """Every live update of an assignment, newest first, with its evidence files."""
    require(actor, Action.VIEW)
    with db.session() as session:
        assignment = session.get(Assignment, assignment_id)
        if assignment is None or assignment.deleted:
            raise NotFound("Không tìm thấy việc được giao.", "Assignment not found.")
        require_own_unit(actor, assignment.unit_id)
        return histories(session, [assignment_id])[assignment_id]


def histories(session: Any, assignment_ids: Sequence[str]) -> dict[str, list[ProgressRow]]:
    """Updates of several assignments at once (task detail), newest first."""
    result: dict[str, list[ProgressRow]] = {a: [] for a in assignment_ids}
    updates: list[ProgressUpdate] = []
    for first in range(0, len(assignment_ids), 500):
        chunk = list(assignment_ids[first : first + 500])
        updates += session.scalars(
            select(ProgressUpdate).where(
                ProgressUpdate.assignment_id.in_(chunk), ProgressUpdate.deleted.is_(False)
            )
        )
    files: dict[str, list[Attachment]] = {}
    ids = [u.id for u in updates]
    for first in range(0, len(ids), 500):
        statement = select(Attachment).where(
            Attachment.progress_id.in_(ids[first : first + 500]), Attachment.deleted.is_(False)
        )
        for attachment in session.scalars(statement.order_by(Attachment.filename)):
            files.setdefault(attachment.progress_id, []).append(attachment)
    for update in sorted(updates, key=lambda u: (u.on_date, u.rev), reverse=True):
        result[update.assignment_id].append(_row(update, files.get(update.id, [])))
    return result


def evidence_path(db: Database, actor: Actor, attachment_id: str) -> Path:
    """Where an evidence file is kept, for the GUI to open with the system viewer."""
    require(actor, Action.VIEW)
    with db.session() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.deleted:
            raise NotFound("Không tìm thấy tệp minh chứng.", "Evidence file not found.")
        if attachment.progress_id and (update := session.get(ProgressUpdate, attachment.progress_id)):
            assignment = session.get(Assignment, update.assignment_id)
            require_own_unit(actor, assignment.unit_id if assignment else None)
        path = attachments.blob_path(db, attachment.sha256)
    if not path.is_file():
        raise NotFound(
            f"Tệp «{attachment.filename}» chưa có trên máy này (có thể gói đồng bộ chưa mang theo).",
            f"File «{attachment.filename}» is not on this computer yet.",
            attachment.filename,
        )
    return path


_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def evidence_copy(db: Database, actor: Actor, attachment_id: str, folder: Path) -> Path:
    """A copy of the evidence under its real name and extension, for the system viewer.

    The stored file is named by its SHA-256 without extension, which no viewer opens.
    """
    blob = evidence_path(db, actor, attachment_id)
    with db.session() as session:
        row = session.get(Attachment, attachment_id)
        assert row is not None, "evidence_path found it"
        filename = row.filename
    name = _UNSAFE_NAME.sub("_", Path(filename.replace("\\", "/")).name).strip(" .") or blob.name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(blob, target)
    return target

