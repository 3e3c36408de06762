"""Hostile bundles: each is refused with a plain Vietnamese message and nothing changes.

Hand-made bad bundles (zip bombs, traversal, links, duplicates, huge manifest, wrong or
unknown or revoked keys, rows the sender does not own, broken records), then byte flips
and truncations of a real bundle at many positions and at random (Hypothesis).
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import struct
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from models import Assignment, ProgressUpdate
from models.enums import Role
from models.errors import EduDeskError
from services.accounts.permissions import SYSTEM, Actor
from services.plans.progress import add_progress
from services.sync import keys
from services.sync.apply import import_bundle, import_bundles
from services.sync.dump import dump_json
from services.sync.verify import MAX_MEMBERS
from tests.sync.hostile import craft, office_key, read_bundle
from tests.sync.network import Network, Office, template

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "ci-deep"
# A fixed clock: an accepted mutation must give exactly the dump of the untouched bundle,
# including the revision the district stamps when it re-derives an assignment's status.
FIXED = {"uow_options": {"clock": lambda: 1_900_000_000_000}, "take_backup": False}


class World:
    """District and schools; s1 and s2 logged progress with evidence; ``good`` is s1's bundle.

    Built once (a few seconds); each test works on a copy of its databases.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.net: Network = template().copy_to(root / "net")
        for school in ("s1", "s2"):
            office = self.net.offices[school]
            with office.db.session() as session:
                assignment = session.scalars(
                    select(Assignment).where(Assignment.unit_id == office.id).order_by(Assignment.id)
                ).first()
            staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=office.id)
            add_progress(office.db, staff, assignment.id, status="in_progress", percent=40,
                         files=[("bien-ban.txt", f"Biên bản {school}".encode())])  # fmt: skip
        self.net.receive("district", self.net.send("s2", "district"))
        self.good = self.net.send("s1", "district")
        self.manifest, self.records, self.members = read_bundle(self.good)
        self.net.close()

    def copy(self, root: Path) -> World:
        clone = object.__new__(World)
        clone.__dict__.update(self.__dict__)
        clone.root = root
        clone.net = self.net.copy_to(root / "net")
        return clone

    @property
    def district(self) -> Office:
        return self.net.offices["district"]

    @property
    def s1(self) -> Office:
        return self.net.offices["s1"]

    @property
    def key(self) -> Ed25519PrivateKey:
        return office_key(self.s1)

    def path(self, name: str) -> Path:
        return self.root / f"{name}.edusync"

    def craft(self, name: str, records: list[dict[str, Any]] | None = None, **options: Any) -> Path:
        options.setdefault("key", self.key)
        options.setdefault("members", {k: v for k, v in self.members.items() if k != "records.jsonl"})
        return craft(self.path(name), options.pop("manifest", self.manifest),
                     self.records if records is None else records, **options)  # fmt: skip

    def record(self, table: str) -> dict[str, Any]:
        return json.loads(json.dumps(next(r for r in self.records if r["table"] == table)))


_WORLD: dict[str, World] = {}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    if "w" not in _WORLD:
        root = Path(tempfile.mkdtemp(prefix="edudesk-sync-world-"))
        atexit.register(shutil.rmtree, root, True)
        _WORLD["w"] = World(root)
    w = _WORLD["w"].copy(tmp_path)
    yield w
    w.net.close()


def assert_refused(world: World, path: Path, recipient: str = "district") -> str:
    db = world.net.offices[recipient].db
    before = dump_json(db)
    with pytest.raises(EduDeskError) as info:
        import_bundle(db, SYSTEM, path, take_backup=False)
    assert dump_json(db) == before
    message = info.value.message
    assert message and any(ord(c) > 127 for c in message), message  # Vietnamese, with diacritics
    return message


# --- zip structure -----------------------------------------------------------------------


def _zip(path: Path, entries: list[tuple[Any, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def _symlink(w: World) -> Path:
    info = zipfile.ZipInfo("records.jsonl")
    info.external_attr = 0o120777 << 16
    return _zip(
        w.path("link"), [("manifest.json", b"{}"), ("manifest.sig", b"x" * 64), (info, b"/etc/passwd")]
    )


def _bomb(w: World) -> Path:
    zeros = b"0" * (64 * 1024 * 1024)
    return w.craft("bomb", raw_records=zeros)


def _overlap(w: World) -> Path:
    data = bytearray(w.good.read_bytes())
    with zipfile.ZipFile(w.good) as zf:
        offsets = {i.filename: i.header_offset for i in zf.infolist()}
    blob = next(n for n in offsets if n.startswith("blobs/"))
    at = data.find(b"PK\x01\x02" + b"", data.rfind(b"PK\x05\x06") - 4096)
    while at != -1:  # central directory entries: patch the blob's offset to the records'
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[at + 28 : at + 34])
        name = bytes(data[at + 46 : at + 46 + name_len]).decode()
        if name == blob:
            data[at + 42 : at + 46] = struct.pack("<I", offsets["records.jsonl"])
        at = data.find(b"PK\x01\x02", at + 46 + name_len + extra_len + comment_len)
    path = w.path("overlap")
    path.write_bytes(bytes(data))
    return path


def _duplicate(w: World) -> Path:
    path = w.path("dup")
    shutil.copy(w.good, path)
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as zf:
        zf.writestr("records.jsonl", b"")
    return path


def _many(w: World) -> Path:
    entries = [(f"blobs/{n:064x}", b"") for n in range(MAX_MEMBERS + 1)]
    return _zip(w.path("many"), entries)


def _records_with(w: World, change: Callable[[dict[str, Any]], None], table: str = "progress_updates") -> list[
        dict[str, Any]]:  # fmt: skip
    records = json.loads(json.dumps(w.records))
    change(next(r for r in records if r["table"] == table))
    return records


def _foreign_progress(w: World) -> list[dict[str, Any]]:
    s2 = w.net.offices["s2"].id
    with w.district.db.session() as session:
        other = session.scalars(select(Assignment).where(Assignment.unit_id == s2)).first()
    return _records_with(w, lambda r: r["fields"].update(assignment_id=other.id))


def _hijack(w: World) -> list[dict[str, Any]]:
    s2 = w.net.offices["s2"].id
    with w.district.db.session() as session:
        theirs = session.scalars(
            select(ProgressUpdate).join(Assignment).where(Assignment.unit_id == s2)
        ).first()
    return _records_with(w, lambda r: r.update(id=theirs.id, rev=f"{10**14 + 1}-000000-{w.s1.id}"[-64:]))


def _task_row(w: World) -> list[dict[str, Any]]:
    down = w.net.send("district", "s1")
    _m, records, _o = read_bundle(down)
    task = next(r for r in records if r["table"] == "tasks")
    task["fields"]["title"] = "Nhiệm vụ do trường tự sửa"
    return [*w.records, task]


def _future(w: World) -> list[dict[str, Any]]:
    wall = int((dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).timestamp() * 1000)
    return _records_with(w, lambda r: r.update(rev=f"{wall:015d}-000000-{w.s1.id}"))


def _deep_json(w: World) -> bytes:
    return b"[" * 100_000 + b"]" * 100_000 + b"\n"


CASES: dict[str, Callable[[World], Path]] = {
    "not a zip": lambda w: (w.path("text").write_text("xin chào"), w.path("text"))[1],
    "empty file": lambda w: (w.path("empty").write_bytes(b""), w.path("empty"))[1],
    "missing file": lambda w: w.path("missing"),
    "a folder": lambda w: w.root,
    "truncated to the header": lambda w: (
        w.path("cut").write_bytes(w.good.read_bytes()[:100]),
        w.path("cut"),
    )[1],
    "zip bomb (ratio)": _bomb,
    "overlapping members": _overlap,
    "path traversal ..": lambda w: _zip(w.path("trav"), [("../../evil.txt", b"x")]),
    "absolute path": lambda w: _zip(w.path("abs"), [("/etc/cron.d/x", b"x")]),
    "windows path": lambda w: _zip(w.path("win"), [("C:/Windows/x", b"x")]),
    "backslash path": lambda w: _zip(w.path("bs"), [("blobs\\..\\x", b"x")]),
    "symlink member": _symlink,
    "directory member": lambda w: _zip(w.path("dir"), [("blobs/", b"")]),
    "duplicate members": _duplicate,
    "too many members": _many,
    "unknown member": lambda w: w.craft("unknown", members={"evil.exe": b"MZ"}),
    "huge manifest": lambda w: w.craft("hugeman", manifest={**w.manifest, "pad": "x" * (5 * 1024 * 1024)}),
    "manifest not json": lambda w: _zip(
        w.path("nojson"), [("manifest.json", b"{oops"), ("manifest.sig", b"x" * 64), ("records.jsonl", b"")]
    ),
    "manifest deeply nested": lambda w: _zip(
        w.path("nest"), [("manifest.json", _deep_json(w)), ("manifest.sig", b"x" * 64)]
    ),
    "manifest missing signature": lambda w: _zip(w.path("nosig"), [("manifest.json", b"{}")]),
    "other format version": lambda w: w.craft("fmt", manifest={**w.manifest, "format": "edusync/9"}),
    "wrong signature": lambda w: w.craft("wrongsig", key=Ed25519PrivateKey.generate()),
    "short signature": lambda w: w.craft("shortsig", signature=b"x" * 63),
    "unknown sender": lambda w: w.craft(
        "unknown-key",
        key=Ed25519PrivateKey.generate(),
        manifest={**w.manifest, "sender": {**w.manifest["sender"], "id": str(uuid.uuid4())}},
    ),
    "addressed to another office": lambda w: w.craft(
        "other",
        manifest={**w.manifest, "recipient": {**w.manifest["recipient"], "id": w.net.offices["s2"].id}},
    ),
    "setup bundle given to import": lambda w: _setup_bundle(w),
    "acknowledges a bundle never sent": lambda w: w.craft("ack", manifest={**w.manifest, "ack_seq": 999}),
    "member hash mismatch": lambda w: w.craft("hash", raw_records=b"{}\n", fix_hashes=False),
    "record count differs": lambda w: w.craft(
        "count", manifest={**w.manifest}, records=w.records[:1], fix_hashes=False, raw_records=b""
    ),
    "record not json": lambda w: w.craft("rjson", raw_records=b"{nope\n"),
    "record unknown table": lambda w: w.craft("rtable", [{**w.record("progress_updates"), "table": "users"}]),
    "record unknown field": lambda w: w.craft("rfield", _records_with(w, lambda r: r["fields"].update(x=1))),
    "record missing field": lambda w: w.craft("rmiss", _records_with(w, lambda r: r["fields"].pop("note"))),
    "record wrong type": lambda w: w.craft(
        "rtype", _records_with(w, lambda r: r["fields"].update(percent="50"))
    ),
    "record bad enum": lambda w: w.craft(
        "renum", _records_with(w, lambda r: r["fields"].update(status="hacked"))
    ),
    "record bad date": lambda w: w.craft(
        "rdate", _records_with(w, lambda r: r["fields"].update(on_date="31/02"))
    ),
    "record bad id": lambda w: w.craft("rid", _records_with(w, lambda r: r.update(id="../../x"))),
    "record malformed revision": lambda w: w.craft("rrev", _records_with(w, lambda r: r.update(rev="1-2-3"))),
    "record from the far future": lambda w: w.craft("rfuture", _future(w)),
    "record twice": lambda w: w.craft("rtwice", [*w.records, w.record("progress_updates")]),
    "record points to a missing row": lambda w: w.craft(
        "rref", _records_with(w, lambda r: r["fields"].update(assignment_id=str(uuid.uuid4())))
    ),
    "row of another school": lambda w: w.craft("foreign", _foreign_progress(w)),
    "row of another school taken over by id": lambda w: w.craft("hijack", _hijack(w)),
    "a district table from a school": lambda w: w.craft("task", _task_row(w)),
    "a document file from a school": lambda w: w.craft(
        "docfile", _records_with(w, lambda r: r["fields"].update(document_id=_any_document(w)), "attachments")
    ),
}


def _setup_bundle(w: World) -> Path:
    from services.sync.setup import create_setup_bundle

    create_setup_bundle(w.district.db, SYSTEM, "TH003", w.path("setup"))
    return w.path("setup")


def _any_document(w: World) -> str:
    return next(r for r in read_bundle(w.net.send("district", "s1"))[1] if r["table"] == "documents")["id"]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_bundle_is_refused_and_changes_nothing(world: World, case: str) -> None:
    assert_refused(world, CASES[case](world))


def test_a_row_outside_the_limits_is_set_aside_and_the_rest_applies(world: World) -> None:
    """Too long is a limit, not a forgery: that row is quarantined and named (issue 16 item 2)."""
    records = _records_with(world, lambda r: r["fields"].update(author="x" * 500))
    long_id = next(r["id"] for r in records if r["fields"].get("author") == "x" * 500)
    result = import_bundle(world.district.db, SYSTEM, world.craft("rlong", records), take_backup=False)
    assert result.ok and result.quarantined[0]["id"] == long_id and long_id in result.message
    assert all("cách ly" in q["why"] for q in result.quarantined[1:])  # its evidence waits with it
    with world.district.db.session() as session:
        assert session.get(ProgressUpdate, long_id) is None


def test_control_characters_in_a_record_are_cleaned(world: World) -> None:
    records = _records_with(world, lambda r: r["fields"].update(note="a\x00b\x0bc"))
    row_id = next(r["id"] for r in records if r["fields"].get("note", "").startswith("a\x00"))
    assert import_bundle(world.district.db, SYSTEM, world.craft("rnul", records), take_backup=False).ok
    with world.district.db.session() as session:
        assert session.get(ProgressUpdate, row_id).note == "ab\nc"


def test_a_lone_surrogate_neither_crashes_nor_stops_the_other_files(world: World) -> None:
    """A \\ud800 escape (no UTF-8 can hold it) in a record (issue 16 item 7): cleaned, every file reported."""
    records = json.loads(json.dumps(world.records))
    target = next(r for r in records if r["table"] == "progress_updates")
    target["fields"]["note"] = "trước\ud800sau"
    raw = b"".join(json.dumps(r).encode() + b"\n" for r in records)  # ASCII escapes, as a peer may write
    in_record = world.craft("surrogate", records, raw_records=raw)
    bad = CASES["wrong signature"](world)
    results = import_bundles(world.district.db, SYSTEM, [in_record, bad, world.good], take_backup=False)
    assert [r.ok for r in results] == [True, False, True], [r.message for r in results]
    with world.district.db.session() as session:
        assert session.get(ProgressUpdate, target["id"]).note == "trướcsau"


def test_revoked_key_is_refused_until_replaced(world: World) -> None:
    keys.revoke_peer(world.district.db, SYSTEM, world.s1.code)
    assert "thu hồi" in assert_refused(world, world.good)
    with pytest.raises(EduDeskError):  # a revoked key is never trusted again
        keys.replace_peer_key(world.district.db, SYSTEM, world.s1.code, keys.own_key(world.s1.db).public_key)
    new = keys.replace_own_key(world.s1.db, SYSTEM)
    keys.replace_peer_key(world.district.db, SYSTEM, world.s1.code, new.public_key)
    assert "khóa khác" in assert_refused(world, world.good)  # signed with the old key
    assert world.net.receive("district", world.net.send("s1", "district")).ok


def test_same_bundle_id_with_other_content_is_refused(world: World) -> None:
    assert import_bundle(world.district.db, SYSTEM, world.good, take_backup=False).ok
    changed = _records_with(world, lambda r: r["fields"].update(note="đã sửa"))
    assert "khác" in assert_refused(world, world.craft("same-id", changed, new_id=False))


def test_a_refused_file_among_many_does_not_stop_the_others(world: World) -> None:
    bad = CASES["wrong signature"](world)
    results = import_bundles(world.district.db, SYSTEM, [bad, world.good], take_backup=False)
    assert [r.ok for r in results] == [False, True]
    assert "Chữ ký" in results[0].message


def _mutations(data: bytes) -> list[tuple[str, bytes]]:
    step = max(1, len(data) // (4000 if DEEP else 400))  # every part of the zip is hit either way
    flips = [
        (f"flip@{i}", data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]) for i in range(0, len(data), step)
    ]
    cuts = [(f"cut@{i}", data[:i]) for i in range(0, len(data), step * 3)]
    return flips + cuts


def _try(world: World, pristine: Network, path: Path, good_dump: str, before: str) -> str:
    """'refused' or 'same' (the byte was in a part nobody reads); anything else fails."""
    db = world.district.db
    try:
        import_bundle(db, SYSTEM, path, **FIXED)
    except EduDeskError as exc:
        assert exc.message
        return "refused"
    after = dump_json(db)
    assert after == good_dump  # accepted only when the content is exactly the original
    world.net.close()  # back to the state before, for the next mutation
    world.net = pristine.copy_to(world.root / f"reset-{uuid.uuid4().hex[:6]}")
    return "same"


def test_byte_flips_and_truncations_at_many_positions(world: World) -> None:
    pristine = world.net.copy_to(world.root / "pristine")
    world.net = pristine.copy_to(world.root / "work")
    before = dump_json(world.district.db)
    probe = pristine.copy_to(world.root / "probe")
    import_bundle(probe.offices["district"].db, SYSTEM, world.good, **FIXED)
    good_dump = dump_json(probe.offices["district"].db)
    probe.close()
    data = world.good.read_bytes()
    outcomes = {"refused": 0, "same": 0}
    for name, mutated in _mutations(data):
        path = world.path(name)
        path.write_bytes(mutated)
        outcomes[_try(world, pristine, path, good_dump, before)] += 1
    assert dump_json(world.district.db) == before
    assert outcomes["refused"] > 0.8 * sum(outcomes.values()), outcomes


@settings(max_examples=3000 if DEEP else 300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(data=st.data())
def test_random_mutations_are_refused_or_harmless(world: World, data: st.DataObject) -> None:
    raw = bytearray(world.good.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        if not raw:
            break
        kind = data.draw(st.sampled_from(["flip", "set", "cut", "insert"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif kind == "set":
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del raw[at:]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    path = world.path(f"rnd-{uuid.uuid4().hex[:8]}")
    path.write_bytes(bytes(raw))
    _good_dump(world)
    db = world.district.db
    before = dump_json(db)
    try:
        import_bundle(db, SYSTEM, path, **FIXED)
    except EduDeskError as exc:
        assert exc.message
        assert dump_json(db) == before
    else:  # accepted: then it carried exactly the original content
        assert dump_json(db) == _good_dump(world)
    path.unlink(missing_ok=True)


def _good_dump(world: World) -> str:
    """The district's dump after importing the untouched bundle (computed once per world)."""
    if not hasattr(world, "good_dump"):
        probe = world.net.copy_to(world.root / "probe-good")
        import_bundle(probe.offices["district"].db, SYSTEM, world.good, **FIXED)
        world.good_dump = dump_json(probe.offices["district"].db)
        probe.close()
    return world.good_dump
