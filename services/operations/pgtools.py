"""PostgreSQL's own tools (``pg_dump``, ``pg_restore``) run for an office on a server.

One invocation for every caller (the automatic copy before an import, ``backup --out``,
checking and restoring a backup): the password goes through ``PGPASSWORD``, never the
command line; a missing tool or a failure is an ``EduDeskError`` naming the tool and the
first line of what it wrote to stderr, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from models.errors import EduDeskError

TIMEOUT = 3600


def find_tool(name: str) -> str | None:
    return shutil.which(name)


def require_tool(name: str) -> str:
    tool = find_tool(name)
    if tool is None:
        raise EduDeskError(
            f"Không tìm thấy chương trình {name} của PostgreSQL trên máy này; hãy cài PostgreSQL client "
            "(cùng phiên bản máy chủ hoặc mới hơn) rồi thử lại. Chưa thay đổi gì.",
            f"{name} (PostgreSQL client) was not found on this PC; install it and try again. Nothing changed.",
        )
    return tool


def libpq_url(url: str, database: str | None = None) -> str:
    """``url`` as libpq reads it (no driver, no password), optionally for another database."""
    parsed = make_url(url).set(drivername="postgresql", password=None)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def run(
    name: str, args: list[str], url: str | None, *, what: str, english: str
) -> subprocess.CompletedProcess[str]:
    """``name ARGS`` (against the server of ``url``, if any); ``what``/``english`` say what failed."""
    tool = require_tool(name)
    password = make_url(url).password if url else None
    env = {**os.environ, "PGPASSWORD": password or os.environ.get("PGPASSWORD", "")}
    try:
        done = subprocess.run([tool, *args], env=env, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _failed(name, str(exc), what, english) from exc
    if done.returncode != 0:
        raise _failed(name, done.stderr, what, english)
    return done


def dump(url: str, target: Path, *, what: str, english: str) -> None:
    """``pg_dump --format=custom`` of the database at ``url`` into ``target``."""
    run("pg_dump", ["--format=custom", f"--file={target}", libpq_url(url)], url, what=what, english=english)


def _failed(name: str, stderr: str, what: str, english: str) -> EduDeskError:
    first = (stderr.strip().splitlines() or [f"{name} exited with an error"])[0][:300]
    return EduDeskError(f"{what} ({name}: {first}).", f"{english} ({name}: {first}).")
