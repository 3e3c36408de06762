"""The interface language: Vietnamese is the source text; English comes from Qt's .qm file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from services.resources import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_installed: list[QTranslator] = []


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the application's texts; True when the translation was found (or none was needed)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
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
