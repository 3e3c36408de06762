"""A backup restores the whole office on a new PC (issue 16 item 5), through the CLI.

``backup --out`` on PC A holds the database, the evidence files and the office key
(sealed with a passphrase); ``restore`` into an empty folder on PC B gives a clean
``check`` and bundles that A's schools accept. A wrong passphrase or another office's
backup is refused before anything is written; a missing key is never replaced silently.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from models import Attachment
from services.accounts.permissions import SYSTEM
from services.core.attachments import store_bytes
from services.core.uow import UnitOfWork
from services.operations import backup
from tests.cli import in_process
from tests.sync.network import Network, template

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "Mat-khau-sao-luu-2026"
EVIDENCE = b"%PDF-1.4 bien ban kiem tra co so vat chat\n"


def cli(db: Path, *args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    return in_process("--db", str(db), *args, env={"EDUDESK_BACKUP_PASSPHRASE": passphrase})


@pytest.fixture
def net(tmp_path: Path):
    network = template().copy_to(tmp_path / "net")
    network.exchange_all(rounds=1)
    yield network
    network.close()


def _add_evidence(net: Network) -> str:
    db = net.offices["district"].db
    sha, size = store_bytes(db, EVIDENCE)
    with UnitOfWork(db, SYSTEM) as uow:
        uow.session.add(Attachment(sha256=sha, filename="bien-ban.pdf", size=size))
    net.offices["district"].close()
    return sha


def _backup_of_district(net: Network, tmp_path: Path) -> Path:
    out = tmp_path / "usb" / "pgd.edudesk-backup"
    done = cli(net.offices["district"].path, "--json", "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["key"] == "included"
    return out


def test_restore_on_a_new_pc_gives_a_clean_check_and_bundles_the_schools_accept(net, tmp_path):
    sha = _add_evidence(net)
    out = _backup_of_district(net, tmp_path)
    with zipfile.ZipFile(out) as zf:  # one file; the key inside is sealed, never in clear
        assert f"blobs/{sha}" in zf.namelist()
        assert b"PRIVATE KEY" not in zf.read("key.enc")
    new_pc = tmp_path / "pc-b" / "edudesk.sqlite"
    done = cli(new_pc, "--json", "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["key"] == "restored"
    assert (new_pc.parent / "edudesk-files" / "blobs" / sha[:2] / sha).read_bytes() == EVIDENCE
    check = cli(new_pc, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "thiếu" not in check.stdout
    bundle = tmp_path / "from-b.edusync"
    sent = cli(new_pc, "export-bundle", "--to", net.offices["s1"].code, "--out", str(bundle))
    assert sent.returncode == 0, sent.stderr
    net.offices["s1"].close()
    received = cli(net.offices["s1"].path, "--json", "import-bundle", str(bundle))
    assert received.returncode == 0, received.stdout + received.stderr


def test_wrong_passphrase_is_refused_and_nothing_is_written(net, tmp_path):
    _add_evidence(net)
    out = _backup_of_district(net, tmp_path)
    new_pc = tmp_path / "pc-b" / "edudesk.sqlite"
    done = cli(new_pc, "restore", str(out), passphrase="khong-phai-mat-khau")
    assert done.returncode == 1
    assert "Mật khẩu sao lưu không đúng" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    files = new_pc.parent / "edudesk-files"
    assert not new_pc.exists() and not (files / "blobs").exists() and not (files / "keys").exists()
    assert [p.name for p in new_pc.parent.iterdir()] == ["edudesk-files"]  # only the CLI's log folder
    assert [p.name for p in files.iterdir()] == ["logs"]
    no_passphrase = cli(new_pc, "restore", str(out), passphrase=None)
    assert no_passphrase.returncode == 1 and "cần mật khẩu" in no_passphrase.stderr
    assert not new_pc.exists()


def test_an_altered_backup_is_refused_before_anything_is_written(net, tmp_path):
    _add_evidence(net)
    out = _backup_of_district(net, tmp_path)
    altered = tmp_path / "altered.edudesk-backup"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(altered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(
                item, data.replace(b"kiem tra", b"KIEM TRA") if item.filename.startswith("blobs/") else data
            )
    new_pc = tmp_path / "pc-b" / "edudesk.sqlite"
    done = cli(new_pc, "restore", str(altered))
    assert done.returncode == 1 and "không dùng để khôi phục" in done.stderr
    assert not new_pc.exists() and not (new_pc.parent / "edudesk-files" / "blobs").exists()


def test_another_offices_backup_is_refused_unless_asked(net, tmp_path):
    school = net.offices["s1"]
    school.close()
    out = tmp_path / "s1.edudesk-backup"
    assert cli(school.path, "backup", "--out", str(out)).returncode == 0
    district = net.offices["district"]
    district.close()
    before = district.path.read_bytes()
    done = cli(district.path, "restore", str(out))
    assert done.returncode == 1 and "--other-office" in done.stderr
    assert district.path.read_bytes() == before
    forced = cli(district.path, "--json", "restore", str(out), "--other-office")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["office"] == school.code


def test_a_missing_key_is_never_replaced_silently(net, tmp_path):
    district = net.offices["district"]
    district.close()
    key = district.path.parent / (district.path.stem + "-files") / "keys" / "office-ed25519.pem"
    key.unlink()
    done = cli(district.path, "export-bundle", "--to", net.offices["s1"].code, "--out", str(tmp_path / "x"))
    assert done.returncode == 1 and "keys --new-own-key" in done.stderr
    assert not key.exists()
    assert cli(district.path, "keys", "--new-own-key").returncode == 0  # re-keying knowingly still works
    assert key.exists()


def test_an_older_plain_database_backup_still_restores(net, tmp_path):
    district = net.offices["district"]
    copy = backup.automatic_backup(district.db, "cu")
    district.close()
    assert copy is not None
    new_pc = tmp_path / "pc-b" / "edudesk.sqlite"
    done = cli(new_pc, "--json", "restore", str(copy))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["key"] == "not-in-backup"


def test_a_backup_without_passphrase_says_the_key_is_left_out(net, tmp_path):
    out = tmp_path / "gui.sqlite"  # the GUI's "back up to USB" cannot ask a passphrase yet
    verified = backup.backup_to(net.offices["district"].db, SYSTEM, out)
    assert verified.kind == "archive" and verified.key == "omitted"
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert "key.enc" not in zf.namelist()
    assert manifest["key"] == "omitted" and "khóa đơn vị không được đưa vào" in manifest["key_note"]
    assert backup.verify_backup(out).office_code == net.offices["district"].code


def test_the_guis_restore_without_a_passphrase_leaves_the_key_in_the_backup(net, tmp_path):
    out = _backup_of_district(net, tmp_path)
    new_pc = tmp_path / "pc-b" / "edudesk.sqlite"
    verified, kept = backup.restore(str(new_pc), out)  # the GUI's call: nobody to ask a passphrase
    assert verified.office_code == net.offices["district"].code and kept is None
    assert new_pc.exists() and not (new_pc.parent / "edudesk-files" / "keys" / "office-ed25519.pem").exists()
