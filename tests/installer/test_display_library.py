"""A machine without libxcb-cursor0 is told, in one line, what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import ui.app as app

ROOT = Path(__file__).resolve().parents[2]


def test_the_gui_start_names_the_missing_library(monkeypatch, capsys) -> None:
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(app.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(app, "configure_logging", lambda *a: pytest.fail("went on without the library"))
    assert app.run_gui(None) == 1
    err = capsys.readouterr().err.strip()
    assert "sudo apt install libxcb-cursor0" in err and "\n" not in err


def test_headless_and_present_need_nothing(monkeypatch) -> None:
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setattr(app.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_display_library() == ""
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(app.ctypes.util, "find_library", lambda name: "libxcb-cursor.so.0")
    assert app.missing_display_library() == ""


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
@pytest.mark.parametrize("has_library", [False, True])
def test_install_sh_checks_the_library(tmp_path: Path, has_library: bool) -> None:
    bundle = tmp_path / "edudesk"
    bundle.mkdir()
    shutil.copy(ROOT / "installer" / "install-linux.sh", bundle / "install.sh")
    (bundle / "edudesk").write_text("#!/bin/sh\n")
    (bundle / "edudesk").chmod(0o755)
    (bundle / "edudesk.png").write_bytes(b"")
    (bundle / "edudesk.desktop").write_text("[Desktop Entry]\nExec=x\nIcon=y\n")
    tools = tmp_path / "bin"
    tools.mkdir()
    listing = "\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/libxcb-cursor.so.0" if has_library else ""
    (tools / "ldconfig").write_text(f"#!/bin/sh\necho '{listing}'\n")
    (tools / "ldconfig").chmod(0o755)
    env = {"HOME": str(tmp_path / "home"), "PATH": f"{tools}{os.pathsep}/usr/bin:/bin"}
    done = subprocess.run(["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True, check=True)
    assert ("libxcb-cursor0" in done.stderr) is not has_library
