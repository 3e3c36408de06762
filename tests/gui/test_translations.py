"""The English translation is complete, compiled, and shown when chosen."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from services.core.resources import resource_path
from ui.i18n import install_language, tr_label
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("translations", ROOT / "installer" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "edudesk_en.ts"
    shutil.copy(module.TS, copy)
    monkeypatch.setattr(module, "TS", copy)
    monkeypatch.setattr(module, "QM", tmp_path / "edudesk_en.qm")
    return module


def test_every_text_of_the_sources_is_translated(translations) -> None:
    translations.update()
    missing = translations.untranslated()
    assert missing == [], f"run installer/translations.py and translate: {missing[:10]}"


def test_the_shipped_qm_is_the_compiled_ts(translations) -> None:
    translations.release()
    assert translations.QM.read_bytes() == resource_path("translations", "edudesk_en.qm").read_bytes()


def test_english_is_shown_when_chosen(ctx, qtbot) -> None:
    app = QCoreApplication.instance()
    assert install_language(app, "en")
    try:
        assert tr_label("Đơn vị") == "Unit"
        window = MainWindow(ctx, idle_minutes=0)
        window.backup_on_close = False
        qtbot.addWidget(window)
        assert window.nav.item(0).text() == "Overview"
        assert window.menuBar().actions()[0].text().replace("&", "") == "Go to"
    finally:
        install_language(app, "vi")
    assert tr_label("Đơn vị") == "Đơn vị"
