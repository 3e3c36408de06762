"""What goes into the frozen EduDesk: read by edudesk.spec, checked by tests/installer.

Kept apart from the spec (which only PyInstaller can run) so that a plain test can
prove that every capability the app imports by name is bundled and that no Qt module
EduDesk imports is excluded.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("ui", "services", "models")

# Qt modules EduDesk does not use (it uses QtCore, QtGui, QtWidgets, QtCharts, QtPdf,
# QtPdfWidgets, QtPrintSupport, QtSvg). Excluded so that no hook or stray import drags
# them and their libraries, plugins, QML files or translations in.
UNUSED_QT = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets",
    "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml", "QtAxContainer",
]  # fmt: skip

# Python packages of the toolchain and the tests, never imported by the app.
UNUSED_PY = [
    "tkinter", "pytest", "pytestqt", "hypothesis", "IPython", "numpy", "PyInstaller", "setuptools", "pip", "tests",
]  # fmt: skip

# Files that the exclusions above do not reach because they are collected by file (Qt
# libraries, plugins, QML) rather than by import: a destination path containing one of
# these is dropped. Only what EduDesk never loads.
DROP_PARTS = (
    "qml/", "Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Designer",
    "Qt6Bluetooth", "Qt6Sensors", "Qt6SerialPort", "Qt6Positioning", "Qt6Nfc",
    "Qt6RemoteObjects", "Qt6Scxml", "Qt6TextToSpeech", "Qt6WebSockets", "Qt6Location",
    "Qt6DataVisualization", "Qt6Graphs", "Qt6VirtualKeyboard", "Qt6ShaderTools",
    "Qt6SpatialAudio", "Qt6WebView", "Qt6HttpServer", "Qt6Quick3D",
    "libavcodec", "libavformat", "libavutil", "libswresample", "libswscale", "opengl32sw",
    "plugins/multimedia", "plugins/sensors", "plugins/position", "plugins/geoservices",
    "plugins/texttospeech", "plugins/sceneparsers", "plugins/assetimporters", "plugins/designer",
    "plugins/qmltooling", "plugins/qmllint", "plugins/canbus", "plugins/webview",
    "plugins/virtualkeyboard", "qtvirtualkeyboard", "plugins/renderers", "plugins/renderplugins",
    "plugins/sqldrivers",
)  # fmt: skip
# Qt's own translations: only the languages EduDesk speaks.
KEEP_QT_TRANSLATIONS = ("_vi.qm", "_en.qm")


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of ui/, services/ and models/ (not the migration scripts).

    Capabilities are imported by name at run time (ui.cli.COMMAND_MODULES, ui.pages.PAGES,
    services.demo.district.DEMO_EXTENSIONS, services.bench.suite.BENCH_MODULES,
    services.printing.kinds.KINDS), which PyInstaller's analysis cannot see. The files are
    walked rather than imported (collect_submodules) because folders such as ui/commands
    are namespace packages without __init__.py, which pkgutil does not enter.
    """
    names = []
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "__pycache__" in parts or parts[:2] == ("models", "migrations"):
                continue
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _tree(source: Path, dest: str, skip_suffixes: tuple[str, ...] = (), skip_names: tuple[str, ...] = ()):
    pairs = []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix in skip_suffixes or path.name in skip_names:
            continue
        pairs.append((str(path), str(Path(dest) / path.parent.relative_to(source))))
    return pairs


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(file, folder in the bundle) pairs.

    resources/ is found through services.core.resources.resource_path (sys._MEIPASS/resources).
    The migrations are found by models.db as <folder of models/db.py>/migrations, which
    frozen is sys._MEIPASS/models/migrations: Alembic reads env.py and versions/*.py there.
    Translation sources (.ts) and the README screenshot are never read by the app.
    """
    pairs = _tree(root / "resources", "resources", skip_suffixes=(".ts",), skip_names=("screenshot.png",))
    pairs += _tree(root / "models" / "migrations", "models/migrations", skip_suffixes=(".pyc",))
    return pairs


def wanted(dest: str) -> bool:
    """Whether a collected binary or data file (by its path in the bundle) is kept."""
    dest = dest.replace("\\", "/")
    if "/translations/" in dest and "PySide6" in dest:
        return dest.endswith(KEEP_QT_TRANSLATIONS)
    return not any(part in dest for part in DROP_PARTS)
