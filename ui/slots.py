"""Connecting buttons and actions without letting ``clicked(bool)`` reach a slot's parameters.

Qt's ``clicked`` and ``triggered`` carry a ``checked`` flag. PySide passes it to any slot that
can take one more argument, so ``button.clicked.connect(self.export_excel)`` calls
``export_excel(False)``: the flag lands in ``path`` and the click crashes. ``on_click`` always
calls the slot with no arguments; tests/gui/test_slots.py keeps every connection in ui/ safe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton


def on_click(source: QAbstractButton | QAction, slot: Callable[[], Any]) -> None:
    """Run ``slot()`` when the button is clicked or the action triggered, never with the flag."""
    signal = source.triggered if isinstance(source, QAction) else source.clicked
    signal.connect(lambda *_flag: slot())
