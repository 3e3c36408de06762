"""``main.py`` from the tests: in this process (fast) or as a child process (as a shell runs it).

Both give a ``CompletedProcess`` with the exit code and the text of stdout and stderr, so a
test can switch between them. In this process a command costs what its work costs; a child
process also pays Python's start and the imports, about a second each time, so it is kept
for what needs a process of its own: a kill, a umask, the production work factors, stdin
closed by the shell, or the contract of ``main.py`` itself (tests/project/test_cli.py).
"""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from services.accounts import permissions
from ui.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]


def main_py(
    *argv: str, env: Mapping[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGV…`` in a child process, stdin closed, with ``env`` added to this one's."""
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True, encoding="utf-8",
        env=full, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=timeout, check=False,
    )  # fmt: skip


def in_process(
    *argv: str, env: Mapping[str, str | None] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """The same command run here: ``env`` set for the call (None unsets), no terminal to ask a
    password on (stdin is ``stdin``, not a terminal), and the process-wide CLI account put back."""
    out, err = io.StringIO(), io.StringIO()
    with (
        _environment(env or {}),
        _no_terminal(stdin),
        _cli_account_restored(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = run_cli(list(argv))
        except SystemExit as exc:  # argparse: --help, a usage error
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(["main.py", *argv], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            _set(name, value)
        yield
    finally:
        for name, value in before.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@contextlib.contextmanager
def _no_terminal(stdin: str = "") -> Iterator[None]:
    def closed(prompt: str = "", stream: object = None) -> str:
        raise EOFError(prompt)

    with contextlib.ExitStack() as stack:
        stack.enter_context(_swap(getpass, "getpass", closed))
        stack.enter_context(_swap(sys, "stdin", io.StringIO(stdin)))
        yield


@contextlib.contextmanager
def _swap(owner: object, name: str, value: object) -> Iterator[None]:
    before = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, before)


@contextlib.contextmanager
def _cli_account_restored() -> Iterator[None]:
    with _swap(permissions, "SYSTEM", permissions.SYSTEM):
        yield
