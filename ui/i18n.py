"""The interface language: Vietnamese is the source text; English comes from Qt's .qm file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.errors import EduDeskError
from services.core.resources import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_installed: list[QTranslator] = []
_current = ["vi"]


def current_language() -> str:
    return _current[0]


def message_of(exc: BaseException, *, with_place: bool = True) -> str:
    """A refusal in the interface language: services give each message in Vietnamese and English."""
    if not isinstance(exc, EduDeskError):
        return str(exc)
    if with_place:
        return exc.text(current_language())
    return exc.english if current_language() == "en" else exc.message


def _load_qt_own(app: QCoreApplication, language: str) -> None:
    """Qt's standard dialogs (buttons, file and print dialogs) in the same language as EduDesk.

    PySide6 ships qtbase translations for English and others, not Vietnamese; ours is in
    resources/translations/qtbase_vi.ts.
    """
    translator = QTranslator(app)
    folders = [str(resource_path("translations")), QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    if any(translator.load(f"qtbase_{language}", folder) for folder in folders):
        app.installTranslator(translator)
        _installed.append(translator)


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the application's texts; True when the translation was found (or none was needed)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = language if language in LANGUAGES else "vi"
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if _current[0] == "vi" else QLocale.Language.English))
    _load_qt_own(app, _current[0])
    if language == "vi":
        return True
    translator = QTranslator(app)
    if not translator.load(f"edudesk_{language}", str(resource_path("translations"))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def tr_label(text: str) -> str:
    """A vocabulary label (statuses, roles, kinds, column headers) in the current language.

    Labels live in services and models as plain Vietnamese; they all share the "labels"
    context, which ``installer/translations.py`` fills from those modules.
    """
    return QCoreApplication.translate("labels", text)
