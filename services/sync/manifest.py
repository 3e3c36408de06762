"""The bundle's manifest (DESIGN §4): who sent it to whom, sequence, acks, member hashes.

``manifest.json`` is canonical JSON (sorted keys, UTF-8); ``manifest.sig`` is the
Ed25519 signature of exactly those bytes. Parsing is strict: every key present
with its type, nothing more, sizes bounded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from services.sync.records import BundleRefused, refuse

FORMAT = "edusync/1"
KINDS = ("changes", "setup")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
RECORDS = "records.jsonl"
SETUP = "setup.json"
BLOB_PREFIX = "blobs/"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,35}$")
_MEMBER = re.compile(r"^(records\.jsonl|setup\.json|blobs/[0-9a-f]{64})$")


@dataclass(frozen=True)
class Party:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    kind: str
    sender: Party
    sender_fingerprint: str
    recipient: Party
    created_at: str
    seq: int
    ack_seq: int
    clock: str  # the sender's clock when it wrote the bundle
    records: int
    blobs: int
    tables: dict[str, int]
    members: dict[str, str]  # member name -> sha256
    incarnation: str = ""  # the sender database's life (renewed on restore)
    ack_incarnation: str = ""  # the recipient's incarnation that ack_seq counts in

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "kind": self.kind,
            "bundle_id": self.bundle_id,
            "sender": {**self.sender.__dict__, "fingerprint": self.sender_fingerprint},
            "recipient": dict(self.recipient.__dict__),
            "created_at": self.created_at,
            "seq": self.seq,
            "ack_seq": self.ack_seq,
            "clock": self.clock,
            "counts": {"records": self.records, "blobs": self.blobs, "tables": dict(self.tables)},
            "members": dict(self.members),
            **({"incarnation": self.incarnation, "ack_incarnation": self.ack_incarnation}
               if self.incarnation else {}),
        }  # fmt: skip

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _bad(what: str, english: str) -> BundleRefused:
    return refuse(f"Tệp kê khai (manifest) không hợp lệ: {what}.", f"Invalid manifest: {english}.", MANIFEST)


def _keys(data: Any, keys: set[str], where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != keys:
        raise _bad(f"phần {where} thiếu hoặc thừa khóa", f"{where} has missing or unexpected keys")
    return data


def _text(value: Any, where: str, limit: int = 255) -> str:
    if not isinstance(value, str) or len(value) > limit or any("\ud800" <= c <= "\udfff" for c in value):
        raise _bad(f"{where} phải là chuỗi ngắn", f"{where} must be a short string")
    return value


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _bad(f"{where} sai dạng", f"{where} is malformed")
    return value


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2**40:
        raise _bad(f"{where} phải là số nguyên không âm", f"{where} must be a non-negative integer")
    return value


def _party(data: Any, where: str, extra: Set[str] = frozenset()) -> tuple[Party, dict[str, Any]]:
    data = _keys(data, {"id", "code", "name"} | set(extra), where)
    party = Party(_ident(data["id"], f"{where}.id"), _text(data["code"], f"{where}.code", 32),
                  _text(data["name"], f"{where}.name"))  # fmt: skip
    return party, data


def parse_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad("không đọc được JSON", "not readable JSON") from exc
    optional = {"incarnation", "ack_incarnation"} & set(data) if isinstance(data, dict) else set()
    data = _keys(
        data,
        optional | {"format", "kind", "bundle_id", "sender", "recipient", "created_at", "seq", "ack_seq", "clock",
         "counts", "members"},
        "gốc",
    )  # fmt: skip
    if data["format"] != FORMAT:
        raise refuse(
            f"Gói đồng bộ dạng {str(data['format'])[:40]!r} không được hỗ trợ (cần {FORMAT}); hãy cập nhật EduDesk.",
            f"Unsupported bundle format {str(data['format'])[:40]!r} (expected {FORMAT}).",
            MANIFEST,
        )
    if data["kind"] not in KINDS:
        raise _bad("loại gói không hợp lệ", "unknown bundle kind")
    sender, raw_sender = _party(data["sender"], "sender", {"fingerprint"})
    recipient, _ = _party(data["recipient"], "recipient")
    counts = _keys(data["counts"], {"records", "blobs", "tables"}, "counts")
    tables = counts["tables"]
    if not isinstance(tables, dict) or len(tables) > 64:
        raise _bad("counts.tables sai dạng", "counts.tables is malformed")
    members = data["members"]
    if not isinstance(members, dict):
        raise _bad("members phải là một bảng", "members must be an object")
    for name, digest in members.items():
        if not _MEMBER.match(name) or not isinstance(digest, str) or not _HEX64.match(digest):
            raise _bad(f"thành phần {name[:80]!r} sai dạng", f"member {name[:80]!r} is malformed")
        if name.startswith(BLOB_PREFIX) and name[len(BLOB_PREFIX) :] != digest:
            raise _bad(
                f"mã băm của {name[:80]!r} không khớp tên", f"hash of {name[:80]!r} differs from its name"
            )
    if RECORDS not in members:
        raise _bad("thiếu records.jsonl", "records.jsonl is missing")
    return Manifest(
        bundle_id=_ident(data["bundle_id"], "bundle_id"),
        kind=data["kind"],
        sender=sender,
        sender_fingerprint=_text(raw_sender["fingerprint"], "sender.fingerprint", 64),
        recipient=recipient,
        created_at=_text(data["created_at"], "created_at", 40),
        seq=_count(data["seq"], "seq"),
        ack_seq=_count(data["ack_seq"], "ack_seq"),
        clock=_text(data["clock"], "clock", 64),
        records=_count(counts["records"], "counts.records"),
        blobs=_count(counts["blobs"], "counts.blobs"),
        tables={_text(k, "counts.tables", 64): _count(v, "counts.tables") for k, v in tables.items()},
        members=dict(members),
        incarnation=_text(data.get("incarnation", ""), "incarnation", 40),
        ack_incarnation=_text(data.get("ack_incarnation", ""), "ack_incarnation", 40),
    )
