"""The serif family every printout uses: Liberation Serif (shipped), or Times New Roman if asked.

Liberation Serif is metric-compatible with Times New Roman, so a page laid out with one
breaks lines exactly where the other would. Both are embedded (subset) in every PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.core.resources import resource_path

LIBERATION = "liberation"
TIMES = "times"

_LIBERATION_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
_TIMES_FILES = {
    "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf"),
    "bolditalic": ("timesbi.ttf", "Times New Roman Bold Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
}
_SYSTEM_DIRS = (
    Path("C:/Windows/Fonts"),
    Path("/usr/share/fonts/truetype/msttcorefonts"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path.home() / ".fonts",
)


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of the four faces, and the family name Word should use."""

    regular: str
    bold: str
    italic: str
    bolditalic: str
    word_name: str


def _find_times() -> dict[str, Path] | None:
    found: dict[str, Path] = {}
    for face, names in _TIMES_FILES.items():
        for folder in _SYSTEM_DIRS:
            hit = next((folder / n for n in names if (folder / n).is_file()), None)
            if hit:
                found[face] = hit
                break
    return found if len(found) == 4 else None


def times_available() -> bool:
    return _find_times() is not None


def register_family(choice: str = LIBERATION) -> FontFamily:
    """Register the faces with ReportLab once; Times New Roman falls back to Liberation when absent."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    times = _find_times() if choice == TIMES else None
    prefix = "TimesNewRomanEmb" if times else "LiberationSerif"
    names = {face: f"{prefix}-{face}" for face in _LIBERATION_FILES}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for face, name in names.items():
        if name not in registered:
            path = times[face] if times else resource_path("fonts", _LIBERATION_FILES[face])
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> inside paragraphs pick the right face of the family
    addMapping(names["regular"], 0, 0, names["regular"])
    addMapping(names["regular"], 1, 0, names["bold"])
    addMapping(names["regular"], 0, 1, names["italic"])
    addMapping(names["regular"], 1, 1, names["bolditalic"])
    word = "Times New Roman" if times or choice == TIMES else "Liberation Serif"
    return FontFamily(names["regular"], names["bold"], names["italic"], names["bolditalic"], word)
