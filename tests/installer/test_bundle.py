"""The installer's contents, checked without building: what the frozen app imports by name is
bundled, no Qt module the app imports is excluded, and the setup scripts keep the data apart."""

from __future__ import annotations

import configparser
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"edudesk_installer_{name}", INSTALLER / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def contents() -> ModuleType:
    return _load("bundle_contents")


def _exists(module: str) -> bool:
    base = ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _named_at_run_time() -> set[str]:
    from services.bench.suite import BENCH_MODULES
    from services.demo.district import DEMO_EXTENSIONS
    from services.printing.kinds import KINDS
    from ui.cli import COMMAND_MODULES
    from ui.pages import PAGES

    names = set(COMMAND_MODULES) | {spec.module for spec in PAGES} | set(BENCH_MODULES)
    names |= {entry.split(":")[0] for entry in DEMO_EXTENSIONS} | set(KINDS.values())
    return names


def test_every_module_imported_by_name_is_bundled(contents: ModuleType) -> None:
    bundled = set(contents.app_modules())
    present = {name for name in _named_at_run_time() if _exists(name)}
    assert present, "no capability module found: the test would prove nothing"
    assert sorted(present - bundled) == []
    # ui/commands has no __init__.py: the walk must still enter it
    assert "ui.commands.foundation" in bundled
    assert not any(name.startswith("models.migrations") for name in bundled)


def test_no_qt_module_the_app_imports_is_excluded(contents: ModuleType) -> None:
    used: set[str] = set()
    for layer in ("ui", "services", "models"):
        for path in (ROOT / layer).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r"PySide6\.(Qt\w+)", text))
            for names in re.findall(r"from PySide6 import \(?([\w\s,]+)\)?", text):
                used |= {n.strip() for n in names.split(",") if n.strip().startswith("Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert sorted(used & set(contents.UNUSED_QT)) == []


def test_resources_and_migrations_are_data(contents: ModuleType) -> None:
    dests = {
        str(Path(folder) / Path(source).name).replace("\\", "/") for source, folder in contents.data_files()
    }
    assert "resources/fonts/LiberationSerif-Regular.ttf" in dests
    assert "resources/translations/edudesk_en.qm" in dests
    assert any(d.startswith("resources/templates/") and d.endswith(".json") for d in dests)
    assert any(d.startswith("resources/plans/") for d in dests)
    assert "models/migrations/env.py" in dests
    assert any(re.fullmatch(r"models/migrations/versions/\w+\.py", d) for d in dests)
    assert not any(d.endswith((".ts", ".pyc")) or "__pycache__" in d for d in dests)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6\\Qt6WebEngineCore.dll", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
    ],
)
def test_only_unused_qt_files_are_dropped(contents: ModuleType, dest: str, kept: bool) -> None:
    assert contents.wanted(dest) is kept


def test_build_reads_the_app_version() -> None:
    from services.core.about import VERSION

    assert _load("build").version() == VERSION


def test_windows_setup_is_per_user_and_keeps_the_data() -> None:
    from models.db import APP_NAME

    text = (INSTALLER / "edudesk.iss").read_text(encoding="utf-8-sig")
    for line in (
        "PrivilegesRequired=lowest",
        r"DefaultDirName={localappdata}\Programs\EduDesk",
        '#define DataDir "{localappdata}\\' + APP_NAME + '"',
        'Name: "vi"',
        'Name: "en"',
        r"{autodesktop}\EduDesk",
        r"{group}\EduDesk",
        "MB_DEFBUTTON2",
    ):
        assert line in text, line
    # the program folder is cleaned on upgrade, the data folder never
    section = text.split("[InstallDelete]")[1].split("\n[")[0]
    install_delete = "\n".join(line for line in section.splitlines() if not line.startswith(";"))
    assert "{app}" in install_delete and "DataDir" not in install_delete
    custom = text.split("[CustomMessages]")[1].split("\n[")[0]
    keys = {lang: set(re.findall(rf"^{lang}\.(\w+)=", custom, re.MULTILINE)) for lang in ("vi", "en")}
    assert keys["vi"] == keys["en"] and "AskDeleteData" in keys["vi"]


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(INSTALLER / "edudesk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "edudesk" and entry["Icon"] == "edudesk"
    assert entry["Terminal"] == "false" and "Education" in entry["Categories"]
    assert "Comment[vi]" in entry
