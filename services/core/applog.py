"""Rotating log files in the data folder, with secrets kept out of them.

Passwords are never passed to a logger; as a second line of defence every secret
the process has seen (the admin password from the environment, a password typed at
login) is registered and masked in every record before it is written.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

LOG_NAME = "edudesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_secrets: set[str] = set()
_MASK = "******"


def register_secret(value: str | None) -> None:
    if value and len(value) >= 4:
        _secrets.add(value)


def mask_secrets(text: str) -> str:
    """``text`` with every registered secret replaced by stars (logs, crash details)."""
    for secret in _secrets:
        text = text.replace(secret, _MASK)
    return text


class _RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
            message = record.getMessage()
            masked = mask_secrets(message)
            if masked != message:
                record.msg, record.args = masked, None
            if record.exc_info and record.exc_info[1] is not None:
                text = logging.Formatter().formatException(record.exc_info)
                record.exc_text, record.exc_info = mask_secrets(text), None
        return True


class _OwnerOnlyFileHandler(logging.handlers.RotatingFileHandler):
    """Logs name users and offices: each file (also after rotation) is readable by its owner only."""

    _edudesk = False  # True on the handler configure_logging installed (it replaces it next time)

    def _open(self) -> TextIOWrapper:
        if os.name == "posix":
            os.close(os.open(self.baseFilename, os.O_CREAT | os.O_WRONLY, 0o600))
            os.chmod(self.baseFilename, 0o600)
        return super()._open()


def configure_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Log to ``folder/edudesk.log`` (rotated); returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_edudesk", False):
            root.removeHandler(handler)
            handler.close()
    handler = _OwnerOnlyFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler._edudesk = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactSecrets())
    root.addHandler(handler)
    root.setLevel(level)
    return path
