"""What the importer returns: plain dataclasses that turn into the JSON of ``import-plan``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Para:
    """One paragraph of the normalised text (``line`` is its 1-based line there)."""

    text: str
    line: int
    bullet: str = ""  # "-", "+", "•" when the paragraph is a bullet item
    cells: list[str] | None = None  # a row of a task table
    table: int = 0  # which task table the row belongs to (its first row names the columns)


@dataclass
class Node:
    """A section of the outline: a part (I, II), an item (1, 2.1, a) ...) or the root."""

    number: str = ""
    kind: str = ""  # marker type: roman, dec1, dec2, lower, upper, paren, part
    heading: str = ""
    line: int = 0
    paras: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n".join(_para_text(p) for p in self.paras)

    @property
    def path(self) -> str:
        labels: list[str] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            labels.append(node.number)
            node = node.parent
        path: list[str] = []
        for label in reversed(labels):
            # "2.1" under "2" already holds its parent's number.
            if path and label.startswith(path[-1] + ".") and path[-1].isdigit():
                path[-1] = label
            else:
                path.append(label)
        return ".".join(path)

    def ancestors(self) -> list[Node]:
        out: list[Node] = []
        node = self.parent
        while node is not None and node.parent is not None:
            out.append(node)
            node = node.parent
        return out

    def walk(self) -> list[Node]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "path": self.path,
            "heading": self.heading,
            "text": self.text,
            "line": self.line,
            "children": [c.to_dict() for c in self.children],
        }


def _para_text(para: Para) -> str:
    return f"{para.bullet} {para.text}" if para.bullet else para.text


@dataclass
class Responsibility:
    unit: str
    role: str  # lead | support

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "role": self.role}


@dataclass
class ParsedTask:
    title: str
    description: str
    section: str  # the outline path, e.g. "II.6"
    line: int
    deadline: dt.date | None = None
    recurrence: str = "once"
    responsibilities: list[Responsibility] = field(default_factory=list)
    node: Node | None = field(default=None, repr=False, compare=False)  # its section

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "section": self.section,
            "line": self.line,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recurrence": self.recurrence,
            "responsibilities": [r.to_dict() for r in self.responsibilities],
        }


@dataclass
class Target:
    text: str
    value: float
    unit: str  # "%" or what is counted (trường, học sinh …)
    comparator: str  # >=, <=, =
    year: int | None
    level: str  # MN, TH, THCS, THPT, GDTX or ""
    hint: str  # what is measured
    section: str
    line: int
    wording: str = ""  # the words that gave the comparator (tối thiểu, dưới …)

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "comparator": self.comparator,
            "wording": self.wording,
            "year": self.year,
            "level": self.level,
            "hint": self.hint,
            "section": self.section,
            "line": self.line,
        }


@dataclass
class Deadline:
    date: dt.date
    text: str
    section: str
    line: int
    precision: str = "day"  # day, month, quarter, year
    # "trước ngày 05 hằng tháng": ``date`` is the first such day, due again each month
    recurrence: str = "once"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "precision": self.precision,
            "recurrence": self.recurrence,
            "text": self.text,
            "section": self.section,
            "line": self.line,
        }


@dataclass
class UnitRef:
    name: str
    kind: str  # school, commune, district, province, department, other
    roles: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "roles": self.roles, "mentions": self.mentions}


@dataclass
class Signer:
    authority: str = ""  # TM. KT. Q. TL. TUQ.
    authority_text: str = ""  # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    title: str = ""
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "authority_text": self.authority_text,
            "title": self.title,
            "name": self.name,
        }


@dataclass
class DocumentInfo:
    type: str = ""
    type_name: str = ""
    number: str = ""
    symbol: str = ""
    issuer: str = ""
    issuer_parent: str = ""
    place: str = ""
    issued_on: dt.date | None = None
    issued_year: int | None = None
    title: str = ""
    school_year: str = ""
    period: str = ""
    basis: list[dict[str, Any]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    closing: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "type_name": self.type_name,
            "number": self.number,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "issuer_parent": self.issuer_parent,
            "place": self.place,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issued_year": self.issued_year,
            "title": self.title,
            "school_year": self.school_year,
            "period": self.period,
            "basis": self.basis,
            "recipients": self.recipients,
            "signer": self.signer.to_dict(),
            "closing": self.closing,
        }


@dataclass
class Appendix:
    title: str
    subtitle: str
    line: int
    root: Node

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "line": self.line,
            "sections": [c.to_dict() for c in self.root.children],
            "text": self.root.text,
        }


@dataclass
class ParsedPlan:
    source_name: str
    format: str
    encoding: str
    sha256: str
    text: str  # the normalised text: one paragraph per line
    document: DocumentInfo
    root: Node
    appendices: list[Appendix] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.source_name,
            "format": self.format,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "document": self.document.to_dict(),
            "sections": [c.to_dict() for c in self.root.children],
            "preamble_text": self.root.text,
            "appendices": [a.to_dict() for a in self.appendices],
            "tasks": [t.to_dict() for t in self.tasks],
            "targets": [t.to_dict() for t in self.targets],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "units": [u.to_dict() for u in self.units],
            "counts": {
                "sections": len(self.root.walk()) - 1,
                "tasks": len(self.tasks),
                "targets": len(self.targets),
                "deadlines": len(self.deadlines),
                "units": len(self.units),
            },
            "warnings": self.warnings,
        }
        if include_text:
            data["text"] = self.text
        return data
