"""Keep the English translation in step with the Vietnamese source texts.

``uv run python installer/translations.py`` runs Qt's ``pyside6-lupdate`` over ``ui/``
(texts in ``self.tr`` and ``QT_TRANSLATE_NOOP``), adds the "labels" context — the
vocabulary that services and models keep as plain Vietnamese (statuses, roles, kinds,
column headers) and the label tables of the GUI — and compiles the ``.qm`` with
``pyside6-lrelease``. ``--check`` changes nothing and lists what is not translated.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import pkgutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TS = ROOT / "resources" / "translations" / "edudesk_en.ts"
QM = TS.with_suffix(".qm")
QT_OWN = TS.with_name("qtbase_vi.ts")
LABELS = "labels"
_TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


NOT_GUI = ("ui/commands/", "ui/cli.py", "ui/selftest.py")  # the command line stays Vietnamese


def ui_sources() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if not str(p.relative_to(ROOT)).startswith(NOT_GUI))


def _vietnamese(text: str) -> bool:
    text = text.strip()
    return text[:1].isalpha() and any(ord(ch) > 127 and ch.isalpha() for ch in text) and "\n" not in text


def gui_label_texts() -> set[str]:
    """Vietnamese literals of the GUI outside tr(): label tables, headers, combo items."""
    found: set[str] = set()
    for path in ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in _TRANSLATING_CALLS | {"getLogger", "info", "error", "exception", "warning"}:
                    skip.update(id(n) for arg in node.args for n in ast.walk(arg))
            if isinstance(node, ast.JoinedStr):
                skip.update(id(n) for n in ast.walk(node))
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and ast.get_docstring(node):
                skip.add(id(node.body[0].value))
        for node in ast.walk(tree):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if literal and id(node) not in skip and _vietnamese(node.value):
                found.add(node.value)
    return found


def service_label_texts() -> set[str]:
    """Every ``*_LABELS`` table and every column header of services and models."""
    import models
    import services
    from services.core.paging import ColumnSpec

    found: set[str] = set()
    for package in (models, services):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            try:
                module = importlib.import_module(info.name)
            except ImportError:
                continue
            for name, value in vars(module).items():
                if name.endswith("LABELS") and isinstance(value, dict):
                    found.update(v for v in value.values() if isinstance(v, str))
                columns = vars(value).get("columns") if isinstance(value, type) else None
                if isinstance(columns, list):
                    found.update(c.label for c in columns if isinstance(c, ColumnSpec))
                if name == "GROUPS" and isinstance(value, list):
                    found.update(group.label for group in value if hasattr(group, "label"))
    return {text for text in found if text}


def run_lupdate() -> None:
    TS.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in ui_sources()]
    subprocess.run(["pyside6-lupdate", *files, "-no-obsolete", "-ts", str(TS)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip


def label_translations() -> dict[str, str]:
    """The "labels" context as it stands (lupdate drops it: no source file holds those texts)."""
    root = ET.parse(TS).getroot()
    found: dict[str, str] = {}
    for context in root.findall("context"):
        if context.findtext("name") == LABELS:
            for message in context.findall("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") != "unfinished" and translation.text:
                    found[message.findtext("source") or ""] = translation.text
    return found


def update() -> None:
    """lupdate over the GUI, then the labels with the translations they had."""
    previous = label_translations() if TS.exists() else {}
    run_lupdate()
    add_labels(gui_label_texts() | service_label_texts())
    fill(previous)


def add_labels(texts: set[str]) -> int:
    """Put the labels into the .ts (keeping translations already there); returns how many are new."""
    tree = ET.parse(TS)
    root = tree.getroot()
    context = next((c for c in root.findall("context") if c.findtext("name") == LABELS), None)
    known: dict[str, ET.Element] = {}
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = LABELS
    for message in context.findall("message"):
        known[message.findtext("source") or ""] = message
    for source, message in known.items():
        if source not in texts:
            context.remove(message)
    new = 0
    for text in sorted(texts - set(known)):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        ET.SubElement(message, "translation", type="unfinished")
        new += 1
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return new


def untranslated() -> list[tuple[str, str]]:
    root = ET.parse(TS).getroot()
    missing = []
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            empty = translation is None or not "".join(translation.itertext()).strip()
            if kind != "vanished" and (kind == "unfinished" or empty):
                missing.append((context.findtext("name") or "", message.findtext("source") or ""))
    return missing


def fill(translations: dict[str, str]) -> int:
    """Translate unfinished messages whose source is in ``translations``; returns how many."""
    tree = ET.parse(TS)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        todo = translation is not None and (
            translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip()
        )
        if todo and translations.get(source):
            if message.get("numerus") == "yes":  # English has a singular and a plural form
                for form in list(translation):
                    translation.remove(form)
                for _ in range(2):
                    ET.SubElement(translation, "numerusform").text = translations[source]
            else:
                translation.text = translations[source]
            translation.attrib.pop("type", None)
            filled += 1
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return filled


def release() -> None:
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True, capture_output=True)
    # Qt's standard dialogs (buttons, file and print dialogs) in Vietnamese: PySide6 ships none
    subprocess.run(["pyside6-lrelease", str(QT_OWN), "-qm", str(QM.with_name("qtbase_vi.qm"))],
                   check=True, capture_output=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list untranslated texts, change nothing")
    parser.add_argument("--fill", type=Path, help="JSON {Vietnamese: English} for the untranslated texts")
    args = parser.parse_args(argv)
    if not args.check:
        update()
        if args.fill:
            fill(json.loads(args.fill.read_text(encoding="utf-8")))
        release()
    missing = untranslated()
    for context, source in missing:
        print(f"{context}\t{source}")
    print(f"{len(missing)} chưa dịch", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
