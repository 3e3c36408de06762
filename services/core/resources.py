"""Where the shipped resources are: beside the code, or inside a frozen (PyInstaller) build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """``resources/<parts>``; PyInstaller unpacks data files under ``sys._MEIPASS``."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base.joinpath("resources", *parts)
