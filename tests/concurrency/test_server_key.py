"""An office on a server keeps its key in its database sealed (issue 18 item 2, "encrypted"):
whoever reads the tables cannot sign as the office; each PC opens it with the office key
passphrase, entered once; a PC without it, or with a stale one, is told so and writes nothing."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import func, select

from models import SentBundle, Setting
from models.db import Database, open_database
from models.errors import EduDeskError, ValidationError
from services.accounts.permissions import SYSTEM
from services.sync import keys, server_key
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from tests.cli import in_process
from tests.concurrency.office import district_with_schools


def _on_pc(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """From now on this process is another PC: another user data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))


def _raw_private(db: Database) -> bytes:
    return keys.load_private_key(db).private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _key_rows(db: Database) -> dict[str, str]:
    with db.session() as session:
        rows = session.scalars(select(Setting).where(Setting.key.like(f"{server_key.ROW}%")))
        return {row.key: row.value for row in rows}


def _sent(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(SentBundle)) or 0


@pytest.fixture()
def server_office(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _on_pc(monkeypatch, tmp_path / "pc1")
    district, schools = district_with_schools(pg_url, tmp_path, schools=1)  # the setup bundle made the key
    yield district, schools["TH001"]
    for db in (district, *schools.values()):
        db.dispose()


def test_the_server_holds_the_key_sealed_and_retired_keys_too(server_office) -> None:
    district, _school = server_office
    raw = _raw_private(district)
    keys.replace_own_key(district, SYSTEM)
    newer = _raw_private(district)
    rows = _key_rows(district)
    assert len(rows) == 2 and any("-cu-" in name for name in rows)
    for value in rows.values():
        assert "PRIVATE KEY" not in value
        assert json.loads(value)["format"] == server_key.FORMAT
        for secret in (raw, newer):
            assert base64.b64encode(secret).decode() not in value and secret.hex() not in value


def test_a_pc_without_the_passphrase_is_told_and_writes_nothing(server_office, tmp_path, monkeypatch) -> None:
    district, _school = server_office
    before = _sent(district)
    _on_pc(monkeypatch, tmp_path / "pc2")
    other = open_database(district.url)
    try:
        assert server_key.state(other).unlocked is False
        assert keys.own_key(other).fingerprint == keys.own_key(district).fingerprint
        out = tmp_path / "down.edusync"
        with pytest.raises(EduDeskError, match="chưa có mật khẩu khóa đơn vị") as refused:
            export_bundle(other, SYSTEM, "TH001", out)
        assert "keys --unlock" in str(refused.value)
        assert not out.exists() and _sent(other) == before
    finally:
        other.dispose()


def test_a_wrong_passphrase_is_refused_and_the_right_one_unlocks_this_pc(server_office, tmp_path, monkeypatch) -> None:
    district, school = server_office
    passphrase = server_key.show_passphrase(district, SYSTEM)
    _on_pc(monkeypatch, tmp_path / "pc2")
    other = open_database(district.url)
    try:
        for wrong in ("ACDE-FGHJ-KMNP-QRTU", "ABC", ""):
            with pytest.raises(ValidationError, match="không đúng"):
                server_key.unlock(other, SYSTEM, wrong)
        assert server_key.state(other).unlocked is False
        server_key.unlock(other, SYSTEM, passphrase.lower().replace("-", " "))  # as typed from the phone
        assert server_key.state(other).unlocked is True
        kept = server_key.passphrase_path(server_key.office_of(other))
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        down = export_bundle(other, SYSTEM, "TH001", tmp_path / "down.edusync")
        assert import_bundle(school, SYSTEM, down.path, take_backup=False).ok  # the school trusts its signature
    finally:
        other.dispose()


def test_a_stale_passphrase_on_this_pc_says_so(server_office, tmp_path, monkeypatch) -> None:
    district, _school = server_office
    _on_pc(monkeypatch, tmp_path / "pc2")
    other = open_database(district.url)
    try:
        server_key.write_secret(server_key.passphrase_path(server_key.office_of(other)), b"ACDEFGHJKMNPQRTU\n")
        with pytest.raises(ValidationError, match="lưu trên máy này không mở được"):
            export_bundle(other, SYSTEM, "TH001", tmp_path / "down.edusync")
    finally:
        other.dispose()


def test_a_plain_key_of_an_older_version_still_signs_and_protect_seals_it(server_office, tmp_path) -> None:
    district, school = server_office
    pem = keys.private_pem(keys.load_private_key(district))
    with district.session() as session, session.begin():  # as EduDesk kept it before
        session.get(Setting, server_key.ROW).value = pem.decode()
        session.add(Setting(key=f"{server_key.ROW}-cu-20260101-000000", value=pem.decode()))
    print_before = keys.own_key(district).fingerprint
    assert server_key.state(district).sealed is False
    assert export_bundle(district, SYSTEM, "TH001", tmp_path / "a.edusync").records >= 0

    passphrase = keys.protect_own_key(district, SYSTEM)
    assert passphrase and len(passphrase) == 19
    assert all("PRIVATE KEY" not in value for value in _key_rows(district).values())
    assert keys.own_key(district).fingerprint == print_before
    down = export_bundle(district, SYSTEM, "TH001", tmp_path / "b.edusync")
    assert import_bundle(school, SYSTEM, down.path, take_backup=False).ok
    assert keys.protect_own_key(district, SYSTEM) is None  # nothing left to seal
    with district.session() as session, session.begin():  # a retired key left plain, the current sealed
        session.add(Setting(key=f"{server_key.ROW}-cu-20250101-000000", value=pem.decode()))
    assert keys.protect_own_key(district, SYSTEM) == passphrase
    assert all("PRIVATE KEY" not in value for value in _key_rows(district).values())


def test_the_cli_shows_unlocks_and_says_the_state(server_office, tmp_path, monkeypatch) -> None:
    district, _school = server_office
    shown = in_process("--db", district.url, "keys", "--show-passphrase", "--json")
    assert shown.returncode == 0, shown.stderr
    passphrase = json.loads(shown.stdout)["passphrase"]
    _on_pc(monkeypatch, tmp_path / "pc2")
    locked = in_process("--db", district.url, "keys")
    assert locked.returncode == 0 and "CHƯA mở khóa" in locked.stdout
    wrong = in_process("--db", district.url, "keys", "--unlock", stdin="ACDE-FGHJ-KMNP-QRTU\n")
    assert wrong.returncode != 0 and "không đúng" in wrong.stderr
    right = in_process("--db", district.url, "keys", "--unlock", "--json", stdin=passphrase + "\n")
    assert right.returncode == 0, right.stderr
    assert json.loads(right.stdout)["unlocked"] is True


def _admin_window_ctx(db: Database):
    from services.accounts.office import office_info
    from services.accounts.users import authenticate
    from tests.concurrency.office import PASSWORD
    from ui.context import AppContext

    return AppContext(db, authenticate(db, "admin", PASSWORD), office_info(db))


def test_the_sync_page_unlocks_a_pc_and_shows_the_passphrase(server_office, tmp_path, monkeypatch, qtbot,
                                                             boxes, typed) -> None:  # fmt: skip
    from PySide6.QtCore import Qt

    from ui.pages.sync import SyncPage

    district, _school = server_office
    passphrase = server_key.show_passphrase(district, SYSTEM)
    _on_pc(monkeypatch, tmp_path / "pc2")
    other = open_database(district.url)
    try:
        page = SyncPage(_admin_window_ctx(other))
        qtbot.addWidget(page)
        assert "chưa mở khóa" in page.key_label.text()
        assert not page.key_buttons["unlock"].isHidden() and page.key_buttons["show"].isHidden()
        typed.answers = ["ACDE-FGHJ-KMNP-QRTU", passphrase]

        qtbot.mouseClick(page.key_buttons["unlock"], Qt.MouseButton.LeftButton)  # a wrong one first
        assert page.last_write.wait() and not page.last_write.ok
        qtbot.waitUntil(lambda: any("không đúng" in text for text in boxes.texts()))
        assert server_key.state(other).unlocked is False

        qtbot.mouseClick(page.key_buttons["unlock"], Qt.MouseButton.LeftButton)
        assert page.last_write.wait() and page.last_write.ok
        qtbot.waitUntil(lambda: "đã mở khóa" in page.key_label.text())
        assert page.key_buttons["unlock"].isHidden() and not page.key_buttons["show"].isHidden()

        qtbot.mouseClick(page.key_buttons["show"], Qt.MouseButton.LeftButton)
        assert page.last_write.wait() and page.last_write.ok
        qtbot.waitUntil(lambda: any(passphrase in text for text in boxes.texts("information")))
    finally:
        other.dispose()


def test_a_demo_on_a_server_says_its_passphrase_and_it_unlocks_another_pc(pg_url, tmp_path, monkeypatch,
                                                                          qapp) -> None:  # fmt: skip
    from services.demo.district import build_demo
    from ui.selftest import run_selftest

    _on_pc(monkeypatch, tmp_path / "pc1")
    summary = build_demo(pg_url, schools=2)
    checked = run_selftest(pg_url, bare_runs=1)
    assert checked["ok"], checked["errors"]
    assert checked["sync_key"] == {"where": "server", "present": True, "sealed": True, "unlocked": True}
    _on_pc(monkeypatch, tmp_path / "pc2")
    db = open_database(pg_url)
    try:
        assert server_key.state(db).unlocked is False
        server_key.unlock(db, SYSTEM, summary["key_passphrase"])
        assert server_key.state(db).unlocked is True
    finally:
        db.dispose()


def test_a_crash_while_the_key_is_stored_never_leaves_a_key_no_pc_can_open(pg_url, tmp_path, monkeypatch) -> None:
    from services.accounts.office import init_office
    from tests.concurrency.office import PASSWORD

    _on_pc(monkeypatch, tmp_path / "pc1")
    db = init_office(pg_url, code="PGD", name="Phòng Giáo dục và Đào tạo huyện Thử", kind="district",
                     admin_password=PASSWORD, parent_code="SGD")  # fmt: skip
    try:
        def killed(*_args) -> None:
            raise RuntimeError("the process dies here")

        with monkeypatch.context() as patch:
            patch.setattr(server_key, "_put", killed)
            with pytest.raises(RuntimeError):
                keys.ensure_keypair(db)
        assert server_key.stored_key(db) is None
        kept = server_key.passphrase_here(server_key.office_of(db))
        assert kept is not None  # the passphrase came first
        keys.ensure_keypair(db)  # the next try seals with it: this PC opens the key
        assert server_key.state(db).unlocked and server_key.show_passphrase(db, SYSTEM).replace("-", "") == kept
    finally:
        db.dispose()
