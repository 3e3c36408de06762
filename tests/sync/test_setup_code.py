"""The setup bundle carries the school's private key sealed with a one-time code read by phone:
whoever copies the file cannot sign as the school; a wrong code or a changed file creates nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.sync.network import template
from ui.cli import run_cli


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _nothing_at(folder: Path) -> bool:
    """No database, no key (the command's log file may be there)."""
    return not any(p.is_file() and "logs" not in p.parts for p in folder.rglob("*"))


@pytest.fixture
def setup(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.setenv("EDUDESK_ADMIN_PASSWORD", "Kiem-Tra-2026!")
    monkeypatch.delenv("EDUDESK_SETUP_CODE", raising=False)
    net = template().copy_to(tmp_path / "net")
    district = str(net.offices["district"].path)
    net.close()
    bundle = tmp_path / "setup.edusync"
    code, out, err = _cli(capsys, "--db", district, "--json", "setup-bundle", "--school", "TH002",
                          "--out", str(bundle))  # fmt: skip
    assert code == 0, err
    return bundle, json.loads(out)["code"]


def test_the_key_is_not_in_clear_and_opens_only_with_the_code(setup, tmp_path, capsys) -> None:
    bundle, secret = setup
    assert len(secret.replace("-", "")) == 16 and secret.count("-") == 3
    with zipfile.ZipFile(bundle) as zf:
        every = b"".join(zf.read(name) for name in zf.namelist())
    assert b"PRIVATE KEY" not in every and b"private_key" not in every
    school = tmp_path / "school"
    for attempt in ([], ["--code", "AAAA-AAAA-AAAA-AAAA"], ["--code", "short"]):
        code, out, err = _cli(capsys, "--db", str(school / "s.sqlite"), "init", "--setup-bundle", str(bundle),
                              *attempt)  # fmt: skip
        assert code != 0 and "mã khởi tạo" in err.lower() and "Traceback" not in err, (attempt, err)
        assert _nothing_at(school), list(school.rglob("*"))
    # typed as read on the phone: lower case, spaces instead of dashes
    typed = secret.lower().replace("-", " ")
    code, out, err = _cli(capsys, "--db", str(school / "s.sqlite"), "--json", "init", "--setup-bundle", str(bundle),
                          "--code", typed)  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["office_code"] == "TH002"


def test_a_changed_sealed_key_is_refused_and_nothing_is_created(setup, tmp_path, capsys) -> None:
    bundle, secret = setup
    forged = tmp_path / "forged.edusync"
    with zipfile.ZipFile(bundle) as zf, zipfile.ZipFile(forged, "w") as out:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "setup.json":
                setup_data = json.loads(data)
                setup_data["sealed_key"]["data"] = setup_data["sealed_key"]["data"][::-1]
                data = json.dumps(setup_data).encode()
            out.writestr(info, data)
    school = tmp_path / "school"
    code, _, err = _cli(capsys, "--db", str(school / "s.sqlite"), "init", "--setup-bundle", str(forged),
                        "--code", secret)  # fmt: skip
    assert code != 0 and "Traceback" not in err and err.strip()
    assert _nothing_at(school)


def test_an_old_bundle_with_the_key_in_clear_is_refused_plainly(setup, tmp_path, capsys) -> None:
    from models.errors import EduDeskError
    from services.sync.verify import parse_setup

    bundle, _ = setup
    with zipfile.ZipFile(bundle) as zf:
        data = json.loads(zf.read("setup.json"))
    del data["sealed_key"]
    data["private_key"] = "-----BEGIN PRIVATE KEY-----"
    with pytest.raises(EduDeskError, match="phiên bản cũ"):
        parse_setup(json.dumps(data).encode())
