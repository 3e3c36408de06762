"""What a person reads on screen: every widget's own text (not the data it shows), for the language check."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from sqlalchemy import String, Text, select

from models.base import Base

_TAG = re.compile(r"<[^>]+>")
AUTONYMS = {"Tiếng Việt"}  # a language is offered in its own name, whatever the interface language
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ")


def vietnamese(text: str) -> bool:
    """Letters only Vietnamese writes: ă â đ ê ô ơ ư, or a tone mark on a vowel."""
    for ch in text:
        if ch in _VIETNAMESE:
            return True
        marks = unicodedata.normalize("NFD", ch)[1:]
        if any(m in "\u0300\u0301\u0303\u0309\u0323" for m in marks):
            return True
    return False


def data_values(db) -> set[str]:
    """Every text the database holds (names, titles, comments): data, shown as written."""
    found: set[str] = set()
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                found.update(v for v in row if isinstance(v, str) and len(v) >= 2 and vietnamese(v))
    found.update(_print_setting_values(db))
    return found


def _print_setting_values(db) -> set[str]:
    """The header lines a printout carries by default (agency, signer, recipients): office data too."""
    from dataclasses import asdict

    from services.accounts.office import get_print_settings

    values: set[str] = set()
    for value in asdict(get_print_settings(db)).values():
        for text in value if isinstance(value, list | tuple) else [value]:
            if isinstance(text, str) and len(text) >= 2 and vietnamese(text):
                values.add(text)
    return values


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of the widget chrome under ``root``: labels, buttons, tabs, headers, menus."""
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()) and w is not root:
            continue
        kind = type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            yield kind, w.text()
        if isinstance(w, QGroupBox):
            yield kind, w.title()
        if isinstance(w, QLineEdit | QPlainTextEdit):
            yield kind + ".placeholder", w.placeholderText()
        if isinstance(w, QTabWidget):
            for n in range(w.count()):
                yield "tab", w.tabText(n)
        if isinstance(w, QMenu):
            for action in w.actions():
                yield "menu", action.text()
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            for n in range(model.columnCount(QModelIndex())):
                yield "header", str(model.headerData(n, Qt.Orientation.Horizontal) or "")
        if isinstance(w, QComboBox):
            for n in range(w.count()):
                yield "combo", w.itemText(n)
        if w.toolTip():
            yield kind + ".tooltip", w.toolTip()
        if w.isWindow() and w.windowTitle():
            yield "title", w.windowTitle()


def still_vietnamese(root: QWidget, data: set[str]) -> list[tuple[str, str]]:
    """Texts that stay Vietnamese once the data inside them is taken out."""
    left = []
    longest_first = sorted(data, key=len, reverse=True)
    for where, text in widget_texts(root):
        plain = _TAG.sub(" ", text or "")
        if not vietnamese(plain):
            continue
        for value in longest_first:
            if value in plain:
                plain = plain.replace(value, " ")
                if not vietnamese(plain):
                    break
        plain = " ".join(plain.split())
        if plain in AUTONYMS or _cut_data(plain, longest_first):
            continue
        if vietnamese(plain):
            left.append((where, " ".join(text.split())[:120]))
    return left


def _cut_data(text: str, data: list[str]) -> bool:
    """A long text shortened to fit a combo box ("123/KH-UBND Triển khai …"): its tail is in the data."""
    tail = text.rstrip("…. ")[-30:]
    return len(tail) == 30 and any(tail in value for value in data)
