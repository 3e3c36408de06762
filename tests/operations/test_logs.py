"""Logs rotate in the data folder and never hold a password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Bi-Mat-Rat-Lon-2026"


def _run(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **env_extra}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_no_secret_in_logs_or_output(tmp_path):
    db = tmp_path / "office.sqlite"
    done = _run(
        "--db", str(db), "init", "--office-code", "PGDX", "--office-name", "Phòng GD X", "--kind", "district",
        env_extra={"EDUDESK_ADMIN_PASSWORD": SECRET},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # A refused command and a failing one also leave log lines.
    again = _run("--db", str(db), "init", "--office-code", "Y", "--office-name", "Y", "--kind", "district",
                 env_extra={"EDUDESK_ADMIN_PASSWORD": SECRET})  # fmt: skip
    assert again.returncode == 1
    _run("--db", str(db), "check", env_extra={})
    logs = list((tmp_path / "office-files" / "logs").glob("edudesk.log*"))
    assert logs, "no log file written in the data folder"
    text = "".join(p.read_text(encoding="utf-8") for p in logs)
    assert "lệnh check xong" in text and "bị từ chối" in text
    everything = [text, done.stdout, done.stderr, again.stdout, again.stderr]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            everything.append(path.read_bytes().decode("latin-1"))
    assert not any(SECRET in chunk for chunk in everything)


def test_log_filter_masks_registered_secrets(tmp_path):
    import logging

    from services.core.applog import configure_logging, register_secret

    path = configure_logging(tmp_path)
    register_secret("Mat-Khau-Go-Nham-1")
    logging.getLogger("edudesk.test").warning("đăng nhập với %s thất bại", "Mat-Khau-Go-Nham-1")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text(encoding="utf-8")
    assert "thất bại" in content and "Mat-Khau-Go-Nham-1" not in content
