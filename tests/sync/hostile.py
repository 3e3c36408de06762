"""Making bad bundles by hand: any manifest, members and signature, zipped as asked."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.sync import keys
from tests.sync.network import Office


def read_bundle(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, bytes]]:
    """(manifest, records, other members) of a real bundle, to start a mutation from."""
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        records = [json.loads(line) for line in zf.read("records.jsonl").splitlines()]
        others = {n: zf.read(n) for n in zf.namelist() if n.startswith("blobs/") or n == "setup.json"}
    return manifest, records, others


def office_key(office: Office) -> Ed25519PrivateKey:
    return keys.load_private_key(office.db)


def craft(
    out: Path,
    manifest: dict[str, Any],
    records: list[dict[str, Any]] | None,
    *,
    key: Ed25519PrivateKey | None,
    members: dict[str, bytes] | None = None,
    fix_hashes: bool = True,
    signature: bytes | None = None,
    raw_records: bytes | None = None,
    new_id: bool = True,
) -> Path:
    """A signed bundle with these records; hashes and counts follow unless told not to."""
    manifest = json.loads(json.dumps(manifest))
    members = dict(members or {})
    body = raw_records
    if body is None:
        body = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records or [])
    members["records.jsonl"] = body
    if fix_hashes:
        manifest["members"] = {n: hashlib.sha256(d).hexdigest() for n, d in sorted(members.items())}
        counts: dict[str, int] = {}
        for r in records or []:
            counts[r["table"]] = counts.get(r["table"], 0) + 1
        manifest["counts"] = {"records": len(records or []), "blobs": sum(n.startswith("blobs/") for n in members),
                              "tables": counts}  # fmt: skip
    if new_id:
        manifest["bundle_id"] = str(uuid.uuid4())
    raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    sig = signature if signature is not None else (key.sign(raw) if key else b"\0" * 64)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", sig)
    return out
